import { defaultDependencies, type Dependencies } from '../dependencies';
import type { Vendor } from '../domain/catalog';
import { applySlaCheck } from '../domain/sla-checks';
import { logger } from '../logger';
import { changeAndWake, retryPendingWake } from '../services/change-purchase-order';
import { sendAckReminder } from '../services/vendor-channels';
import { getVendor } from '../store/catalog-store';
import { purchaseOrderKeys } from '../store/keys';
import { indexes } from '../store/table-definition';
import { duePurchaseOrders, type DueReadStats } from './due-purchase-orders';
import { businessMetrics, count, instrument } from '../observability';
import { markLapsedClaims } from '../store/notification-store';

export interface CheckReport extends DueReadStats {
  changed: number;
  remindersSent: number;
  /** Executions woken whose wake-up had failed when their PO moved on. */
  workflowsWoken: number;
  /** Customer notifications found claimed past their lease with no outcome: now UNCERTAIN, ops alerted. */
  notificationsUncertain: number;
}

/** Claims left SENDING past their lease are listed for ops and announced, once each. */
async function flagUncertainNotifications(deps: Dependencies, now: Date): Promise<number> {
  const marked = await markLapsedClaims(deps.table, now);
  if (marked.length) count(businessMetrics.notificationsUncertain, marked.length);
  for (const n of marked) {
    logger.warn('Customer notification uncertain', { orderId: n.orderId, milestone: n.milestone, channel: n.channel, poNumber: n.poNumber });
    try {
      await deps.alerts.notificationUncertain({ orderId: n.orderId, noticeKey: n.noticeKey, milestone: n.milestone, channel: n.channel, ...(n.poNumber && { poNumber: n.poNumber }), claimedAt: n.createdAt });
    } catch (error) {
      logger.error('Uncertain notification alert not sent', { orderId: n.orderId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return marked.length;
}

/**
 * The SLA check (EventBridge schedule, every 15 minutes by default): for each PO whose next SLA
 * stage is due, remind the vendor, open ACK_OVERDUE or SHIP_OVERDUE, or cancel at the hard limit.
 * Each PO change is conditional on its version, so two runs at once act once.
 */
export function createSlaCheck(dependencies: () => Dependencies = defaultDependencies) {
  return async (): Promise<CheckReport> => {
    const deps = dependencies();
    const now = deps.now();
    const report: CheckReport = { pages: 0, itemsRead: 0, changed: 0, remindersSent: 0, workflowsWoken: 0, notificationsUncertain: 0 };
    const vendors = new Map<string, Promise<Vendor | undefined>>();
    for await (const due of duePurchaseOrders(deps.table, indexes.slaDue, purchaseOrderKeys.slaPartition, now, report)) {
      if (due.pendingWakeToken) {
        if (await retryPendingWake(deps, due)) report.workflowsWoken++;
        continue;
      }
      const change = await changeAndWake(
        deps,
        due.poNumber,
        (po) => {
          const outcome = applySlaCheck(po, now);
          return outcome ? { next: outcome.po, response: outcome.remind } : { response: false };
        },
        { initial: due },
      );
      if (change.after.version !== change.before.version) report.changed++;
      if (change.response) {
        // The reminder was claimed in the PO write above, so a concurrent run cannot send it too.
        if (!vendors.has(due.vendorId)) vendors.set(due.vendorId, getVendor(deps.table, due.vendorId));
        const vendor = await vendors.get(due.vendorId);
        try {
          if (vendor) await sendAckReminder(deps, vendor, change.after);
          report.remindersSent++;
        } catch (error) {
          logger.warn('Acknowledgment reminder not sent', { poNumber: due.poNumber, vendorId: due.vendorId, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    report.notificationsUncertain = await flagUncertainNotifications(deps, now);
    logger.info('SLA check done', { ...report });
    return report;
  };
}

export const handler = instrument(createSlaCheck());
