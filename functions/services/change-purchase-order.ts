import type { Dependencies } from '../dependencies';
import { exceptionChanges } from '../domain/exceptions';
import type { PurchaseOrder } from '../domain/order-placement';
import { wakeOutput } from '../domain/purchase-order-lifecycle';
import { announce } from './alerts';
import type { ItemKey } from '../store/keys';
import { changePurchaseOrder, type Change, type Decision } from '../store/purchase-order-store';

/**
 * Changes a PO; when the change took the workflow's task token (the status moved on, or the vendor
 * must be told something) hands the waiting execution the PO's new status; and announces the
 * exceptions it opened.
 */
export async function changeAndWake<R>(
  dependencies: Pick<Dependencies, 'table' | 'workflow' | 'alerts'>,
  poNumber: string,
  decide: (po: PurchaseOrder) => Decision<R>,
  options: { message?: ItemKey; initial?: PurchaseOrder } = {},
): Promise<Change<R>> {
  const change = await changePurchaseOrder(dependencies.table, poNumber, decide, options);
  if (change.duplicate) return change;
  const token = change.before.taskToken;
  if (token && !change.after.taskToken) await dependencies.workflow.wake(token, wakeOutput(change.after));
  const opened = exceptionChanges(change.before, change.after, new Date(change.after.updatedAt)).filter((e) => e.status === 'OPEN');
  await announce(dependencies.alerts, opened);
  return change;
}
