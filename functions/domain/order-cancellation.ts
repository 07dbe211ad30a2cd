import { DomainError, type FieldIssue } from './errors';
import type { Order, PurchaseOrder } from './orders';
import { assertCancellable } from './purchase-order-lifecycle';

/**
 * Decides which PO lines a storefront's cancellation touches, all or nothing: every named line
 * must be a dropship line still open, and every PO touched must not have started dispatch.
 * Returns, per PO number, the PO line numbers to cancel ('ALL' for a whole-order cancel).
 */
export function planCancellation(order: Order, purchaseOrders: readonly PurchaseOrder[], orderLineNumbers?: readonly number[]): Map<string, number[] | 'ALL'> {
  const plan = new Map<string, number[] | 'ALL'>();
  const issues: FieldIssue[] = [];
  const open = (po: PurchaseOrder) => po.lines.some((line) => line.status !== 'CANCELLED' && line.status !== 'REJECTED');

  if (!orderLineNumbers) {
    for (const po of purchaseOrders) if (open(po)) plan.set(po.poNumber, 'ALL');
  } else {
    orderLineNumbers.forEach((lineNumber, i) => {
      const line = order.lines.find((l) => l.lineNumber === lineNumber);
      const po = purchaseOrders.find((p) => p.poNumber === line?.poNumber);
      const poLine = po?.lines.find((l) => l.orderLineNumber === lineNumber);
      if (!line) issues.push({ field: `lines.${i}`, rule: 'known_line', message: `order line ${lineNumber} does not exist` });
      else if (!po || !poLine) issues.push({ field: `lines.${i}`, rule: 'dropship_line', message: `order line ${lineNumber} is a warehouse line; cancel it in the warehouse system` });
      else if (poLine.status === 'CANCELLED' || poLine.status === 'REJECTED') issues.push({ field: `lines.${i}`, rule: 'open_line', message: `order line ${lineNumber} is already ${poLine.status}` });
      else {
        const planned = plan.get(po.poNumber);
        plan.set(po.poNumber, [...(Array.isArray(planned) ? planned : []), poLine.lineNumber]);
      }
    });
    if (issues.length > 0) throw new DomainError('INVALID_EVENT', 'Some lines cannot be cancelled', issues);
  }

  const late = purchaseOrders.filter((po) => plan.has(po.poNumber)).flatMap((po) => {
    try {
      assertCancellable(po);
      return [];
    } catch {
      return [{ field: 'purchaseOrders', rule: 'before_dispatch', message: `purchase order ${po.poNumber} is ${po.status}` }];
    }
  });
  if (late.length > 0) throw new DomainError('INVALID_TRANSITION', 'The order can no longer be cancelled: dispatch has begun', late);
  return plan;
}
