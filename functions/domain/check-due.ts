/**
 * When a PO next falls due for the SLA check and the delay check: what keeps it in their indexes.
 * Apart from sla-checks.ts (what the checks then do), so the store can key a PO without the lifecycle.
 */
import { nextReturnDeadline, unscanned, type ExceptionType } from './exceptions';
import type { PurchaseOrder } from './orders';
import { endOfDate } from './sla-calendar';

export const raised = (po: PurchaseOrder, type: ExceptionType) => po.raisedExceptions?.includes(type) ?? false;
export const earliest = (times: (string | undefined)[]) => times.filter((t): t is string => t !== undefined).sort()[0];

/**
 * When the SLA check must next look at a PO, or undefined when it never needs to: the reminder,
 * the ack deadline and the auto-cancel limit while the vendor owes an acknowledgment; the ship
 * deadline while it owes a shipment. Each stage is acted on once, so a PO leaves the check's
 * index as soon as nothing more can fall due.
 */
export function nextSlaCheckAt(po: PurchaseOrder): string | undefined {
  // A workflow that could not be woken is due at once, whatever the status.
  if (po.pendingWakeToken) return po.pendingWakeSince ?? po.updatedAt;
  if (po.status === 'SENT_TO_VENDOR') {
    return earliest([po.reminderSentAt ? undefined : po.ackReminderAt, raised(po, 'ACK_OVERDUE') ? undefined : po.ackDueAt, po.autoCancelAt]);
  }
  if (po.status === 'ACKNOWLEDGED' || po.status === 'PARTIALLY_DISPATCHED') {
    return raised(po, 'SHIP_OVERDUE') ? undefined : po.shipDueAt;
  }
  return undefined;
}

export const backorderDates = (po: PurchaseOrder) =>
  po.lines.filter((l) => l.status === 'BACKORDERED' && l.shippedQuantity < l.acceptedQuantity && l.backorderDate).map((l) => l.backorderDate as string);

const stuckAfterMs = (po: PurchaseOrder) => (po.sla?.stuckAfterDays ?? 4) * 86_400_000;

/** When a parcel check falls due: a package's first-scan deadline, or its last event plus the stuck-after days. */
function parcelCheckAt(po: PurchaseOrder): string | undefined {
  if (po.status !== 'DISPATCHED' && po.status !== 'PARTIALLY_DISPATCHED') return undefined;
  const packages = po.shipments.flatMap((s) => s.packages);
  return earliest([
    raised(po, 'NO_CARRIER_SCAN') ? undefined : earliest(unscanned(po).map((p) => p.tracking?.scanDueAt)),
    raised(po, 'STUCK_IN_TRANSIT')
      ? undefined
      : earliest(packages.filter((p) => p.tracking?.firstScanAt && p.tracking.lastEventAt && !['DELIVERED', 'RETURNED_TO_SENDER'].includes(p.tracking.status)).map((p) => new Date(Date.parse(p.tracking?.lastEventAt ?? '') + stuckAfterMs(po)).toISOString())),
  ]);
}

/**
 * When the delay check must next look at a PO: the end of the vendor's promised ship date, or of a
 * backorder date; after dispatch, a package's first-scan deadline or the day it would count as stuck;
 * whatever the status, a customer return's answer or receipt deadline.
 */
export function nextPromiseCheckAt(po: PurchaseOrder): string | undefined {
  const parcels = earliest([parcelCheckAt(po), nextReturnDeadline(po)]);
  if (po.status !== 'ACKNOWLEDGED' && po.status !== 'PARTIALLY_DISPATCHED') return parcels;
  const zone = po.sla?.timeZone ?? 'UTC';
  const endOf = (date: string) => endOfDate(date, zone).toISOString();
  return earliest([
    raised(po, 'DELAYED') || !po.estimatedShipDate ? undefined : endOf(po.estimatedShipDate),
    raised(po, 'BACKORDER_OVERDUE') ? undefined : earliest(backorderDates(po).map(endOf)),
    parcels,
  ]);
}
