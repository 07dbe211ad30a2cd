import type { Dependencies } from '../dependencies';
import { exceptionChanges } from '../domain/exceptions';
import type { PurchaseOrder } from '../domain/orders';
import { advance, wakeOutput } from '../domain/purchase-order-lifecycle';
import { logger } from '../logger';
import { announce } from './alerts';
import type { ItemKey } from '../store/keys';
import { changePurchaseOrder, type Change, type Decision } from '../store/purchase-order-store';

/**
 * Wakes the execution waiting on a PO. The change is already committed, so a Step Functions failure
 * must not lose the token (the PO no longer holds it): it is kept on the PO, which puts the PO in
 * the SLA check's due index, and the check wakes the execution on its next run.
 */
async function wakeOrKeep(dependencies: Pick<Dependencies, 'table' | 'workflow' | 'now'>, po: PurchaseOrder, token: string): Promise<void> {
  try {
    await dependencies.workflow.wake(token, wakeOutput(po));
  } catch (error) {
    logger.error('Workflow not woken; the SLA check will retry', { poNumber: po.poNumber, error: error instanceof Error ? error.name : String(error) });
    const at = dependencies.now();
    await changePurchaseOrder(dependencies.table, po.poNumber, (current) => ({
      next: advance(current, { pendingWakeToken: token, pendingWakeSince: at.toISOString() }, { by: 'workflow', at }),
      response: null,
    }));
  }
}

/** Wakes an execution whose earlier wake-up failed (the SLA check calls this); clears the kept token once it worked. */
export async function retryPendingWake(dependencies: Pick<Dependencies, 'table' | 'workflow' | 'now'>, po: PurchaseOrder): Promise<boolean> {
  const token = po.pendingWakeToken;
  if (!token) return false;
  try {
    await dependencies.workflow.wake(token, wakeOutput(po));
  } catch (error) {
    logger.error('Workflow still not woken', { poNumber: po.poNumber, error: error instanceof Error ? error.name : String(error) });
    return false;
  }
  const at = dependencies.now();
  await changePurchaseOrder(dependencies.table, po.poNumber, (current) =>
    current.pendingWakeToken === token ? { next: advance(current, { pendingWakeToken: undefined, pendingWakeSince: undefined }, { by: 'sla-check', at }), response: null } : { response: null },
  );
  return true;
}

/**
 * Changes a PO; when the change took the workflow's task token (the status moved on, or the vendor
 * must be told something) hands the waiting execution the PO's new status; and announces the
 * exceptions it opened.
 */
export async function changeAndWake<R>(
  dependencies: Pick<Dependencies, 'table' | 'workflow' | 'alerts' | 'now'>,
  poNumber: string,
  decide: (po: PurchaseOrder) => Decision<R>,
  options: { message?: ItemKey; initial?: PurchaseOrder } = {},
): Promise<Change<R>> {
  const change = await changePurchaseOrder(dependencies.table, poNumber, decide, options);
  if (change.duplicate) return change;
  const token = change.before.taskToken;
  if (token && !change.after.taskToken) await wakeOrKeep(dependencies, change.after, token);
  if (change.after.test) return change; // a test PO alerts nobody
  const opened = exceptionChanges(change.before, change.after, new Date(change.after.updatedAt)).filter((e) => e.status === 'OPEN');
  await announce(dependencies.alerts, opened);
  return change;
}
