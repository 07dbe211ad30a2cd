import { openException, overdueReturns, returnExceptionTypes, stuckPackages, unscanned } from './exceptions';
import type { PurchaseOrder } from './orders';
import { advance, cancelLines, markDropped, openLines } from './purchase-order-lifecycle';
import { backorderDates, earliest, raised } from './check-due';
import { endOfDate } from './sla-calendar';

const slaActor = (at: Date) => ({ by: 'sla-check', at });
const due = (iso: string | undefined, now: Date) => iso !== undefined && Date.parse(iso) <= now.getTime();

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
      const open = openLines(next).map((l) => l.lineNumber);
      next = markDropped(cancelLines(next, 'ALL', `not acknowledged within ${hours} hours`, slaActor(now)), open, 'ACK_TIMEOUT', now);
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
  let next = applyReturnChecks(applyParcelChecks(po, now), now);
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

const returnWaits = { RETURN_NOT_ANSWERED: 'no answer', RETURN_NOT_RECEIVED: 'no receipt' } as const;

/** RETURN_NOT_ANSWERED and RETURN_NOT_RECEIVED for returns past their policy's deadline, while none of that kind is open. */
function applyReturnChecks(po: PurchaseOrder, now: Date): PurchaseOrder {
  return returnExceptionTypes.reduce((next, type) => {
    const late = overdueReturns(next, type, now.toISOString());
    if (next.openExceptions?.[type] || late.length === 0) return next;
    return openException(next, type, late.map((r) => `${r.rmaId}: ${returnWaits[type]} by ${r.due}`).join('; '), now);
  }, po);
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
