import { defaultDependencies, type Dependencies } from '../dependencies';
import { applyDelayCheck } from '../domain/sla-checks';
import { logger } from '../logger';
import { changeAndWake } from '../services/change-purchase-order';
import { purchaseOrderKeys } from '../store/keys';
import { indexes } from '../store/table-definition';
import { duePurchaseOrders } from './due-purchase-orders';
import type { CheckReport } from './sla-check';
import { instrument } from '../observability';

/**
 * The delay check (hourly): acknowledged POs whose promised ship date has passed open DELAYED;
 * backordered lines whose date has passed open BACKORDER_OVERDUE. Reads only the POs whose promise
 * has come due.
 */
export function createDelayCheck(dependencies: () => Dependencies = defaultDependencies) {
  return async (): Promise<CheckReport> => {
    const deps = dependencies();
    const now = deps.now();
    const report: CheckReport = { pages: 0, itemsRead: 0, changed: 0, remindersSent: 0, workflowsWoken: 0, notificationsUncertain: 0 };
    for await (const due of duePurchaseOrders(deps.table, indexes.promiseDue, purchaseOrderKeys.promisePartition, now, report)) {
      const change = await changeAndWake(deps, due.poNumber, (po) => {
        const next = applyDelayCheck(po, now);
        return next ? { next, response: null } : { response: null };
      }, { initial: due });
      if (change.after.version !== change.before.version) report.changed++;
    }
    logger.info('Delay check done', { ...report });
    return report;
  };
}

export const handler = instrument(createDelayCheck());
