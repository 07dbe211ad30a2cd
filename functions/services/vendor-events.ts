import type { Dependencies } from '../dependencies';
import { DomainError, notFound } from '../domain/errors';
import { addToDay } from '../store/analytics-store';
import type { PurchaseOrder } from '../domain/orders';
import { acknowledge, markDropped, recordShipment, restatesAcknowledgment, restatesShipment, type Acknowledgment, type ShipmentNotice } from '../domain/purchase-order-lifecycle';
import { shipmentInvoiceChange } from './invoicing';
import { toPurchaseOrderView } from './order-views';
import { openException } from '../domain/exceptions';
import { messageKeys } from '../store/keys';
import { trackingPointerItems } from '../store/tracking-store';
import { changeAndWake } from './change-purchase-order';
import { dropFarBackorders } from './rerouting';
import { afterTestAcknowledgment } from '../domain/certification';
import { vendorDay } from '../domain/vendor-day';

/** A rejected line leaves a customer waiting on nothing: ops get a VENDOR_REJECTED exception at once. */
function flagRejections(before: PurchaseOrder, after: PurchaseOrder, at: Date): PurchaseOrder {
  const rejected = newlyRejected(before, after);
  if (rejected.length === 0) return after;
  return openException(after, 'VENDOR_REJECTED', rejected.map((line) => `line ${line.lineNumber} (${line.sku}): ${line.reason ?? 'rejected'}`).join('; '), at);
}

/** A line backordered with no date leaves the customer's estimate on the SLA: ops get BACKORDER_DATE_MISSING to ask the vendor. */
function flagUndatedBackorders(before: PurchaseOrder, after: PurchaseOrder, at: Date): PurchaseOrder {
  const undated = after.lines.filter((line) => line.status === 'BACKORDERED' && !line.backorderDate && before.lines.find((l) => l.lineNumber === line.lineNumber)?.status !== 'BACKORDERED');
  if (undated.length === 0) return after;
  const detail = `${undated.map((line) => `line ${line.lineNumber} (${line.sku})`).join(', ')} backordered without a date: ask the vendor when it will ship (an 855 with ACK05, or DTM*068); the estimate uses the SLA meanwhile`;
  return openException(after, 'BACKORDER_DATE_MISSING', detail, at);
}

/** What an acknowledgment opens for ops: VENDOR_REJECTED for newly rejected lines, BACKORDER_DATE_MISSING for newly undated backorders. */
export const flagAcknowledgment = (before: PurchaseOrder, after: PurchaseOrder, at: Date): PurchaseOrder =>
  markDropped(flagUndatedBackorders(before, flagRejections(before, after, at), at), newlyRejected(before, after).map((l) => l.lineNumber), 'REJECTED', at);

const newlyRejected = (before: PurchaseOrder, after: PurchaseOrder) =>
  after.lines.filter((line) => line.status === 'REJECTED' && before.lines.find((l) => l.lineNumber === line.lineNumber)?.status !== 'REJECTED');

/** Where a vendor message came from: X12 says whether it is a test (ISA15 T) or production interchange. */
export interface MessageOrigin {
  restatementIsDuplicate?: boolean;
  usage?: 'P' | 'T';
}

/** The vendor's own PO; another vendor's answers exactly as a missing one would. */
export function ownedBy(po: PurchaseOrder | undefined, vendorId: string, poNumber: string): PurchaseOrder {
  if (!po || po.vendorId !== vendorId) throw notFound('Purchase order', poNumber);
  return po;
}

const ownPurchaseOrder = (po: PurchaseOrder, vendorId: string, origin: MessageOrigin) => {
  ownedBy(po, vendorId, po.poNumber);
  // A test interchange answers only test POs: it must never change a live order.
  if (origin.usage === 'T' && !po.test) {
    throw new DomainError('INVALID_EVENT', `ISA15 is T (test) and purchase order ${po.poNumber} is a live order: a test interchange cannot change it; send it with ISA15 P`, [
      { field: 'ISA15', rule: 'production_for_live_orders', message: 'is T (test): send documents about live purchase orders with ISA15 P' },
    ]);
  }
};

/**
 * A vendor's acknowledgment, from the API or an 855. `messageKey` identifies the message: applied
 * once, and a repeat gets the first answer.
 */
export async function acknowledgeAsVendor(
  dependencies: Pick<Dependencies, 'table' | 'workflow' | 'now' | 'alerts'>,
  vendorId: string,
  poNumber: string,
  messageKey: string,
  acknowledgment: (po: PurchaseOrder) => Acknowledgment,
  /** X12: the same content under a new envelope (a translator's resend) is a duplicate, not a 409. */
  options: MessageOrigin = {},
) {
  const change = await changeAndWake(
    dependencies,
    poNumber,
    (po) => {
      ownPurchaseOrder(po, vendorId, options);
      const at = dependencies.now();
      const ack = acknowledgment(po);
      if (options.restatementIsDuplicate && restatesAcknowledgment(po, ack)) return { response: toPurchaseOrderView(po) };
      const acknowledged = acknowledge(po, ack, { by: `vendor:${vendorId}`, at });
      const next = afterTestAcknowledgment(flagAcknowledgment(po, acknowledged, at), { by: 'certification', at });
      return { next, response: toPurchaseOrderView(next) };
    },
    { message: messageKeys.item(vendorId, messageKey) },
  );
  // A backorder further out than the retailer accepts goes to another source, when the rules say so and one has it.
  if (!change.duplicate) await dropFarBackorders(dependencies, change.before, change.after);
  return change;
}

/** A vendor's shipment, from the API or an 856 (read against the PO); applied once per message like an acknowledgment. */
export async function shipAsVendor(
  dependencies: Pick<Dependencies, 'table' | 'workflow' | 'now' | 'alerts'>,
  vendorId: string,
  poNumber: string,
  messageKey: string,
  notice: ShipmentNotice | ((po: PurchaseOrder) => ShipmentNotice),
  options: MessageOrigin = {},
) {
  let read: PurchaseOrder | undefined;
  try {
    return await applyShipment(dependencies, vendorId, poNumber, messageKey, notice, options, (po) => (read = po));
  } catch (error) {
    // A refused tracking number counts against the vendor's valid-tracking rate, and is an invalid
    // ship notice for compliance (a test PO's is neither).
    const po = read as PurchaseOrder | undefined;
    if (error instanceof DomainError && error.code === 'INVALID_TRACKING_NUMBER' && po && !po.test) {
      await addToDay(dependencies.table, vendorId, vendorDay(dependencies.now().toISOString(), po.sla?.timeZone), { trackingRefused: 1 }, { TRACKING_REFUSED: [poNumber] });
    }
    throw error;
  }
}

function applyShipment(
  dependencies: Pick<Dependencies, 'table' | 'workflow' | 'now' | 'alerts'>,
  vendorId: string,
  poNumber: string,
  messageKey: string,
  notice: ShipmentNotice | ((po: PurchaseOrder) => ShipmentNotice),
  options: MessageOrigin,
  seen: (po: PurchaseOrder) => void,
) {
  return changeAndWake(
    dependencies,
    poNumber,
    (po) => {
      seen(po);
      ownPurchaseOrder(po, vendorId, options);
      const shipment = typeof notice === 'function' ? notice(po) : notice;
      if (options.restatementIsDuplicate && restatesShipment(po, shipment)) return { response: toPurchaseOrderView(po) };
      const shipped = recordShipment(po, shipment, { by: `vendor:${vendorId}`, at: dependencies.now() });
      const recorded = shipped.shipments.at(-1);
      // A vendor paid on shipment gets its invoice for this shipment in the same write.
      const invoiced = shipmentInvoiceChange(po, shipped, shipped.updatedAt);
      const next = invoiced?.next ?? shipped;
      return { next, response: toPurchaseOrderView(next), items: [...(recorded ? trackingPointerItems(next, recorded) : []), ...(invoiced?.items ?? [])] };
    },
    { message: messageKeys.item(vendorId, messageKey) },
  );
}
