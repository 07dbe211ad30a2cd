import { openException, stuckPackages, unscanned, type ExceptionType } from './exceptions';
import type { PurchaseOrder } from './order-placement';
import { advance, cancelLines } from './purchase-order-lifecycle';
import { endOfDate } from './sla-calendar';

const slaActor = (at: Date) => ({ by: 'sla-check', at });
const raised = (po: PurchaseOrder, type: ExceptionType) => po.raisedExceptions?.includes(type) ?? false;
const due = (iso: string | undefined, now: Date) => iso !== undefined && Date.parse(iso) <= now.getTime();
const earliest = (times: (string | undefined)[]) => times.filter((t): t is string => t !== undefined).sort()[0];

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

const backorderDates = (po: PurchaseOrder) =>
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
 * backorder date; after dispatch, a package's first-scan deadline or the day it would count as stuck.
 */
export function nextPromiseCheckAt(po: PurchaseOrder): string | undefined {
  const parcels = parcelCheckAt(po);
  if (po.status !== 'ACKNOWLEDGED' && po.status !== 'PARTIALLY_DISPATCHED') return parcels;
  const zone = po.sla?.timeZone ?? 'UTC';
  const endOf = (date: string) => endOfDate(date, zone).toISOString();
  return earliest([
    raised(po, 'DELAYED') || !po.estimatedShipDate ? undefined : endOf(po.estimatedShipDate),
    raised(po, 'BACKORDER_OVERDUE') ? undefined : earliest(backorderDates(po).map(endOf)),
    parcels,
  ]);
}

export interface SlaCheckOutcome {
  po: PurchaseOrder;
  /** Whether the vendor is to be reminded now (the claim is in `po.reminderSentAt`). */
  remind: boolean;
}

/**
 * What the SLA check does to one PO at `now`: remind the vendor partway through the ack window,
 * open ACK_OVERDUE at the deadline, cancel at the hard limit, open SHIP_OVERDUE at the ship
 * deadline. Undefined when nothing is due.
 */
export function applySlaCheck(po: PurchaseOrder, now: Date): SlaCheckOutcome | undefined {
  let next = po;
  let remind = false;
  const at = now.toISOString();
  if (po.status === 'SENT_TO_VENDOR') {
    if (due(po.autoCancelAt, now)) {
      const hours = Math.round((Date.parse(po.autoCancelAt ?? at) - Date.parse(po.transmittedAt ?? at)) / 3_600_000);
      next = cancelLines(next, 'ALL', `not acknowledged within ${hours} hours`, slaActor(now));
    } else {
      if (!po.reminderSentAt && due(po.ackReminderAt, now) && !due(po.ackDueAt, now)) {
        next = { ...next, reminderSentAt: at };
        remind = true;
      }
      if (!raised(po, 'ACK_OVERDUE') && due(po.ackDueAt, now)) {
        next = { ...openException(next, 'ACK_OVERDUE', `no acknowledgment by ${po.ackDueAt}`, now), late: true, reminderSentAt: next.reminderSentAt ?? at };
      }
    }
  } else if ((po.status === 'ACKNOWLEDGED' || po.status === 'PARTIALLY_DISPATCHED') && !raised(po, 'SHIP_OVERDUE') && due(po.shipDueAt, now)) {
    next = { ...openException(next, 'SHIP_OVERDUE', `not fully shipped by ${po.shipDueAt}`, now), late: true };
  }
  if (next === po) return undefined;
  return { po: next.version === po.version ? advance(po, next, slaActor(now)) : next, remind };
}

/**
 * What the delay check does at `now`: DELAYED once the promised ship date has passed,
 * BACKORDER_OVERDUE once a backorder date has; after dispatch, NO_CARRIER_SCAN for a package the
 * carrier never scanned in its window, STUCK_IN_TRANSIT for one silent for the stuck-after days.
 */
export function applyDelayCheck(po: PurchaseOrder, now: Date): PurchaseOrder | undefined {
  let next = applyParcelChecks(po, now);
  if (po.status !== 'ACKNOWLEDGED' && po.status !== 'PARTIALLY_DISPATCHED') return next === po ? undefined : advance(po, next, { by: 'delay-check', at: now });
  const zone = po.sla?.timeZone ?? 'UTC';
  const passed = (date: string) => endOfDate(date, zone).getTime() <= now.getTime();
  if (!raised(po, 'DELAYED') && po.estimatedShipDate && passed(po.estimatedShipDate)) {
    next = openException(next, 'DELAYED', `estimated ship date ${po.estimatedShipDate} has passed`, now);
  }
  const overdue = backorderDates(po).filter(passed);
  if (!raised(po, 'BACKORDER_OVERDUE') && overdue.length > 0) {
    next = openException(next, 'BACKORDER_OVERDUE', `backorder date ${overdue.sort()[0]} has passed`, now);
  }
  return next === po ? undefined : advance(po, next, { by: 'delay-check', at: now });
}

function applyParcelChecks(po: PurchaseOrder, now: Date): PurchaseOrder {
  if (po.status !== 'DISPATCHED' && po.status !== 'PARTIALLY_DISPATCHED') return po;
  let next = po;
  const missed = unscanned(po).filter((p) => due(p.tracking?.scanDueAt, now));
  if (!raised(po, 'NO_CARRIER_SCAN') && missed.length > 0) {
    next = openException(next, 'NO_CARRIER_SCAN', `no carrier scan by ${missed[0]?.tracking?.scanDueAt} for ${missed.map((p) => p.trackingNumber).join(', ')}`, now);
  }
  const stuck = stuckPackages(po, now.getTime());
  if (!raised(po, 'STUCK_IN_TRANSIT') && stuck.length > 0) {
    next = openException(next, 'STUCK_IN_TRANSIT', stuck.map((p) => `${p.trackingNumber} last seen ${p.tracking?.lastEventAt} (${p.tracking?.status.toLowerCase().replace(/_/g, ' ')})`).join('; '), now);
  }
  return next;
}
