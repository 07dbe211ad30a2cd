import type { Dependencies } from '../dependencies';
import { notFound } from '../domain/errors';
import type { PurchaseOrder } from '../domain/order-placement';
import { acknowledge, recordShipment, type Acknowledgment, type ShipmentNotice } from '../domain/purchase-order-lifecycle';
import { toPurchaseOrderView } from '../api/order-views';
import { exceptionToItem } from '../store/exception-store';
import { messageKeys } from '../store/keys';
import { changeAndWake } from './change-purchase-order';

/** A rejected line leaves a customer waiting on nothing: ops get a VENDOR_REJECTED exception at once. */
function rejectionItems(before: PurchaseOrder, after: PurchaseOrder) {
  const rejected = after.lines.filter((line) => line.status === 'REJECTED' && before.lines.find((l) => l.lineNumber === line.lineNumber)?.status !== 'REJECTED');
  if (rejected.length === 0) return [];
  return [
    exceptionToItem({
      poNumber: after.poNumber,
      orderId: after.orderId,
      vendorId: after.vendorId,
      type: 'VENDOR_REJECTED',
      status: 'OPEN',
      detail: rejected.map((line) => `line ${line.lineNumber} (${line.sku}): ${line.reason ?? 'rejected'}`).join('; '),
      openedAt: after.updatedAt,
    }),
  ];
}

const ownPurchaseOrder = (po: PurchaseOrder, vendorId: string) => {
  // Another vendor's PO answers exactly as a missing one would.
  if (po.vendorId !== vendorId) throw notFound('Purchase order', po.poNumber);
};

/**
 * A vendor's acknowledgment, from the API or an 855. `messageKey` identifies the message: applied
 * once, and a repeat gets the first answer.
 */
export function acknowledgeAsVendor(
  dependencies: Pick<Dependencies, 'table' | 'workflow' | 'now'>,
  vendorId: string,
  poNumber: string,
  messageKey: string,
  acknowledgment: (po: PurchaseOrder) => Acknowledgment,
) {
  return changeAndWake(
    dependencies,
    poNumber,
    (po) => {
      ownPurchaseOrder(po, vendorId);
      const next = acknowledge(po, acknowledgment(po), { by: `vendor:${vendorId}`, at: dependencies.now() });
      return { next, response: toPurchaseOrderView(next), items: rejectionItems(po, next) };
    },
    { message: messageKeys.item(vendorId, messageKey) },
  );
}

/** A vendor's shipment, from the API or an 856; applied once per message like an acknowledgment. */
export function shipAsVendor(
  dependencies: Pick<Dependencies, 'table' | 'workflow' | 'now'>,
  vendorId: string,
  poNumber: string,
  messageKey: string,
  notice: ShipmentNotice,
) {
  return changeAndWake(
    dependencies,
    poNumber,
    (po) => {
      ownPurchaseOrder(po, vendorId);
      const next = recordShipment(po, notice, { by: `vendor:${vendorId}`, at: dependencies.now() });
      return { next, response: toPurchaseOrderView(next) };
    },
    { message: messageKeys.item(vendorId, messageKey) },
  );
}
