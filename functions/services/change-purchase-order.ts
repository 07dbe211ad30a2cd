import type { Dependencies } from '../dependencies';
import type { PurchaseOrder } from '../domain/order-placement';
import { wakeOutput } from '../domain/purchase-order-lifecycle';
import type { ItemKey } from '../store/keys';
import { changePurchaseOrder, type Change, type Decision } from '../store/purchase-order-store';

/**
 * Changes a PO and, when the change took the workflow's task token (the status moved on, or the
 * vendor must be told something), hands the waiting execution the PO's new status.
 */
export async function changeAndWake<R>(
  dependencies: Pick<Dependencies, 'table' | 'workflow'>,
  poNumber: string,
  decide: (po: PurchaseOrder) => Decision<R>,
  options: { message?: ItemKey } = {},
): Promise<Change<R>> {
  const change = await changePurchaseOrder(dependencies.table, poNumber, decide, options);
  const token = change.before.taskToken;
  if (!change.duplicate && token && !change.after.taskToken) {
    await dependencies.workflow.wake(token, wakeOutput(change.after));
  }
  return change;
}
