import type { Order, PurchaseOrder } from '../functions/domain/orders';
import { answerReturn, receiveReturn, requestReturns, returnPolicyOf, returnReasons, trackReturnParcel, type ReturnPolicy, type ReturnRecord } from '../functions/domain/returns';
import { withReturn } from '../functions/services/returns';

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A customer return of a delivered history order's first line, as it would have gone: asked two
 * days after delivery, answered a day later, received five days after that. Which way it goes is
 * the order's number's: rejected, credited as new, credited with a damaged unit, or kept by the
 * customer (returnless). Undefined when the order is not delivered or the return would end after `now`.
 */
export function historyReturn(order: Order, po: PurchaseOrder, policy: Partial<ReturnPolicy> | undefined, n: number, now: Date): { po: PurchaseOrder; record: ReturnRecord } | undefined {
  if (po.status !== 'DELIVERED' || !po.deliveredAt) return undefined;
  const asked = Date.parse(po.deliveredAt) + 2 * day;
  if (asked + 7 * day > now.getTime()) return undefined;
  const line = po.lines[0];
  if (!line) return undefined;
  const quantity = line.shippedQuantity;
  const reason = returnReasons[n % (returnReasons.length - 1)] ?? 'DEFECTIVE';
  const [requested] = requestReturns(order, [po], { lines: [{ lineNumber: line.orderLineNumber, quantity }], reason }, { policies: new Map([[po.vendorId, returnPolicyOf(policy)]]), now: new Date(asked), newRmaId: () => `RMA-DEMO${String(n).padStart(5, '0')}` });
  if (!requested) return undefined;
  const vendor = `vendor:${po.vendorId}`;
  let record = requested;
  let next = withReturn(po, record, `storefront:${order.storefrontId}`);
  const step = (change: (r: ReturnRecord) => ReturnRecord) => {
    record = change(record);
    next = withReturn(next, record, vendor);
  };
  const outcome = n % 4;
  if (record.status === 'REQUESTED') {
    step((r) => answerReturn(r, outcome === 0 ? { approve: false, reason: 'the item shows wear beyond a return' } : { approve: true, vendorRma: `${po.vendorId.toUpperCase()}-RA-${n}`, ...(outcome === 3 && { keep: true }) }, vendor, iso(asked + day)));
  }
  if (record.status === 'APPROVED' && !record.returnless) {
    step((r) => receiveReturn(r, [{ lineNumber: line.lineNumber, quantity, condition: outcome === 2 ? 'DAMAGED' : 'AS_NEW' }], vendor, iso(asked + 6 * day)));
  }
  return { po: next, record };
}

/** A present-day return's step on its PO, for the live scenes: asked, answered with a label, the parcel delivered back. */
export const presentReturn = {
  ask: (order: Pick<Order, 'orderId' | 'storefrontId' | 'storefrontOrderId' | 'lines'>, po: PurchaseOrder, policy: Partial<ReturnPolicy> | undefined, rmaId: string, at: Date, reason: ReturnRecord['reason']) =>
    requestReturns(order as Order, [po], { lines: [{ lineNumber: 1, quantity: 1 }], reason, comment: 'demo: asked by the storefront' }, { policies: new Map([[po.vendorId, returnPolicyOf(policy)]]), now: at, newRmaId: () => rmaId })[0] as ReturnRecord,
  approveWithLabel: (record: ReturnRecord, trackingNumber: string, at: Date) =>
    answerReturn(record, { approve: true, vendorRma: `${record.vendorId.toUpperCase()}-RA-LIVE`, returnAddress: 'Returns dock, 400 Industrial Way, Reno, NV 89502', label: { carrier: 'UPS', trackingNumber } }, `vendor:${record.vendorId}`, at.toISOString()),
  parcelDelivered: (record: ReturnRecord, at: Date) => trackReturnParcel(record, { status: 'DELIVERED', at: at.toISOString(), location: 'Reno, NV' }, at.toISOString()) ?? record,
};
