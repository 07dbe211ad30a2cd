import type { VendorSla } from './catalog';
import { DomainError, type FieldIssue } from './errors';
import { closeResolvedExceptions, openException } from './exceptions';
import type { PurchaseOrder, PurchaseOrderLine, Shipment, ShipmentPackage, StatusChange } from './orders';
import { ackDueAt, addBusinessDaysToDate, endOfDate, shipDueAt } from './sla-calendar';
import type { PurchaseOrderStatus } from './purchase-order-status';
import type { RerouteTrigger } from './reroute-types';
import { carrierNamed, checkTrackingNumber } from './tracking-numbers';

/** Who or what caused a change, kept in the PO's history: `vendor:acme`, `storefront:shop`, `workflow`. */
export interface Actor {
  by: string;
  at: Date;
}

export interface LineAcknowledgment {
  lineNumber: number;
  status: 'ACCEPTED' | 'REJECTED' | 'BACKORDERED';
  /** Accepted quantity, when the vendor accepts fewer than ordered (X12 ACK code IQ). */
  quantity?: number;
  reason?: string;
  backorderDate?: string;
  /** The vendor's document did not name the line: its answer came from the header (855 BAK02). */
  implied?: boolean;
}

export interface Acknowledgment {
  estimatedShipDate?: string;
  lines: LineAcknowledgment[];
  /**
   * `SLA`: the vendor gave no ship date (an 855 without one), so the SLA's ship-by date stands in
   * and the PO says so. The JSON API always sends `VENDOR`: its form has a field for the date.
   */
  shipDateSource?: 'VENDOR' | 'SLA';
}

export interface ShipmentNotice {
  shipmentId: string;
  /** The carrier as the vendor names it (SCAC, code or name); without it, each number's own carrier. */
  carrier?: string;
  service: string;
  shipDate: string;
  packages: { trackingNumber: string; lines: { lineNumber: number; quantity: number }[] }[];
  source: 'API' | 'EDI';
}

/** The statuses in which each event is accepted; anything else is a 409 naming the current status. */
const acceptedIn = {
  transmit: ['PENDING'],
  acknowledge: ['SENT_TO_VENDOR'],
  ship: ['SENT_TO_VENDOR', 'ACKNOWLEDGED', 'PARTIALLY_DISPATCHED'],
  cancel: ['PENDING', 'SENT_TO_VENDOR', 'ACKNOWLEDGED'],
} as const satisfies Record<string, readonly PurchaseOrderStatus[]>;

export type LifecycleEvent = keyof typeof acceptedIn;

function assertAccepts(po: PurchaseOrder, event: LifecycleEvent): void {
  if (!(acceptedIn[event] as readonly PurchaseOrderStatus[]).includes(po.status)) {
    throw new DomainError('INVALID_TRANSITION', `Purchase order ${po.poNumber} is ${po.status}; it cannot take a ${event} now`, [
      { field: 'status', rule: 'transition', message: `current status ${po.status}; ${event} needs ${acceptedIn[event].join(' or ')}` },
    ]);
  }
}

/**
 * Applies a change: the next version, a history entry (when `note` or a new status says something
 * happened), exceptions whose condition ended closed, and the task token kept only if the
 * workflow need not wake.
 */
export function advance(po: PurchaseOrder, change: Partial<PurchaseOrder>, actor: Actor, note?: string): PurchaseOrder {
  const at = actor.at.toISOString();
  const status = change.status ?? po.status;
  const entry: StatusChange = { at, status, by: actor.by, ...(note && { note }) };
  const history = status !== po.status || note ? [...po.history, entry] : po.history;
  const updated = closeResolvedExceptions({ ...po, ...change, version: po.version + 1, updatedAt: at, history });
  return wakesWorkflow(po, updated) ? { ...updated, taskToken: undefined } : updated;
}

const next = advance;

/** The vendor promised by its SLA: the ship-by time, once the PO is acknowledged (or shipped without). */
const shipDue = (po: PurchaseOrder) => (po.sla ? { shipDueAt: shipDueAt(new Date(po.createdAt), po.sla).toISOString() } : {});
const lateTo = (due: string | undefined, at: Date) => due !== undefined && at.getTime() > Date.parse(due);

/** The workflow waits on a status; it must wake when the status changes or the vendor must be told something. */
export const wakesWorkflow = (before: PurchaseOrder, after: PurchaseOrder): boolean =>
  before.status !== after.status ||
  (after.vendorNotice !== undefined && before.vendorNotice === undefined) ||
  droppedLines(after).length > droppedLines(before).length;

/** Lines a vendor dropped whose re-routing is not decided yet: the workflow's Reroute task decides them. */
export const droppedLines = (po: PurchaseOrder) => po.lines.filter((line) => line.dropped && !line.reroute);

/** Marks lines the vendor dropped, for the re-routing decision (a test PO's go nowhere else). */
export function markDropped(po: PurchaseOrder, lineNumbers: readonly number[], trigger: RerouteTrigger, at: Date): PurchaseOrder {
  if (po.test || lineNumbers.length === 0) return po;
  return { ...po, lines: po.lines.map((line) => (lineNumbers.includes(line.lineNumber) && !line.dropped ? { ...line, dropped: { trigger, at: at.toISOString() } } : line)) };
}

/** What a waiting workflow is told when it wakes: where the PO stands, and whether a vendor notice or a re-routing is due. */
export const wakeOutput = (po: PurchaseOrder) => ({
  poNumber: po.poNumber,
  status: po.status,
  ...(po.vendorNotice && { notifyVendor: true }),
  ...(droppedLines(po).length > 0 && { reroute: true }),
});

/** Statuses in which the workflow parks on each wait; the token is only stored while the PO is in one. */
export const waitingStatuses = {
  ACKNOWLEDGMENT: ['SENT_TO_VENDOR'],
  SHIPMENT: ['ACKNOWLEDGED', 'PARTIALLY_DISPATCHED'],
  TRANSMISSION_RETRY: ['PENDING'],
} as const satisfies Record<string, readonly PurchaseOrderStatus[]>;

export type WaitFor = keyof typeof waitingStatuses;

/** True when the workflow may park on the PO: it is where the wait expects and nothing else is due. */
export const canWait = (po: PurchaseOrder, waitFor: WaitFor): boolean =>
  (waitingStatuses[waitFor] as readonly PurchaseOrderStatus[]).includes(po.status) && po.vendorNotice === undefined && droppedLines(po).length === 0;

/** Lines still to be answered or shipped: neither cancelled nor rejected. */
export const openLines = (po: PurchaseOrder) => po.lines.filter((line) => line.status !== 'CANCELLED' && line.status !== 'REJECTED');

/**
 * The PO went to the vendor. Lines cancelled while the document was in flight must now be
 * cancelled with the vendor too, so they become a vendor notice.
 */
export function markTransmitted(po: PurchaseOrder, sentLineNumbers: readonly number[], actor: Actor, sla?: VendorSla): PurchaseOrder {
  const cancelledInFlight = po.lines
    .filter((line) => line.status === 'CANCELLED' && sentLineNumbers.includes(line.lineNumber))
    .map((line) => line.lineNumber);
  const vendorNotice =
    cancelledInFlight.length > 0 ? { type: 'CANCELLATION' as const, lineNumbers: cancelledInFlight, reason: 'cancelled by the customer' } : po.vendorNotice;
  if (po.status === 'CANCELLED') return next(po, { vendorNotice }, actor, 'reached the vendor after it was cancelled; the vendor will be told');
  assertAccepts(po, 'transmit');
  return next(po, { status: 'SENT_TO_VENDOR', transmittedAt: actor.at.toISOString(), vendorNotice, ...(sla && slaStamps(actor.at, sla)) }, actor);
}

/** Due times stamped when the PO reaches the vendor, and the SLA they came from. */
function slaStamps(sentAt: Date, sla: VendorSla): Partial<PurchaseOrder> {
  const window = sla.ackWithinHours * 3_600_000;
  return {
    sla: {
      shipWithinBusinessDays: sla.shipWithinBusinessDays,
      cutoffTime: sla.cutoffTime,
      timeZone: sla.timeZone,
      holidays: sla.holidays,
      transitBusinessDays: sla.transitBusinessDays ?? {},
      firstScanWithinBusinessHours: sla.firstScanWithinBusinessHours ?? 24,
      stuckAfterDays: sla.stuckAfterDays ?? 4,
    },
    ackDueAt: ackDueAt(sentAt, sla).toISOString(),
    ackReminderAt: new Date(sentAt.getTime() + window * (sla.ackReminderAtShare ?? 0.5)).toISOString(),
    ...(sla.autoCancelAfterHours && { autoCancelAt: new Date(sentAt.getTime() + sla.autoCancelAfterHours * 3_600_000).toISOString() }),
  };
}

function lineIssues(po: PurchaseOrder, lineNumbers: readonly number[], path: (i: number) => string): FieldIssue[] {
  const known = new Set(po.lines.map((l) => l.lineNumber));
  return lineNumbers.flatMap((lineNumber, i) =>
    known.has(lineNumber) ? [] : [{ field: path(i), rule: 'known_line', message: `line ${lineNumber} is not on purchase order ${po.poNumber}` }],
  );
}

/**
 * The vendor's acknowledgment: each line accepted, rejected or backordered. Every open line must
 * be answered once; an estimated ship date is required when anything will ship. All lines
 * rejected makes the PO REJECTED; otherwise ACKNOWLEDGED.
 */
export function acknowledge(po: PurchaseOrder, ack: Acknowledgment, actor: Actor): PurchaseOrder {
  assertAccepts(po, 'acknowledge');
  const issues = lineIssues(po, ack.lines.map((l) => l.lineNumber), (i) => `lines.${i}.lineNumber`);
  const answered = new Map<number, LineAcknowledgment>();
  ack.lines.forEach((line, i) => {
    if (answered.has(line.lineNumber)) issues.push({ field: `lines.${i}.lineNumber`, rule: 'unique', message: `line ${line.lineNumber} is answered twice` });
    answered.set(line.lineNumber, line);
    const ordered = po.lines.find((l) => l.lineNumber === line.lineNumber)?.quantity ?? 0;
    if (line.quantity !== undefined && line.quantity > ordered) {
      issues.push({ field: `lines.${i}.quantity`, rule: 'max', message: `cannot accept more than the ${ordered} ordered` });
    }
  });
  for (const line of openLines(po)) {
    if (!answered.has(line.lineNumber)) issues.push({ field: 'lines', rule: 'every_line', message: `line ${line.lineNumber} has no answer` });
  }
  const shipping = ack.lines.some((l) => l.status !== 'REJECTED');
  const slaShipDate = !ack.estimatedShipDate && ack.shipDateSource === 'SLA' ? shipDue(po).shipDueAt?.slice(0, 10) : undefined;
  const estimatedShipDate = ack.estimatedShipDate ?? slaShipDate;
  if (shipping && !estimatedShipDate) {
    issues.push({ field: 'estimatedShipDate', rule: 'required', message: 'is required when any line is accepted or backordered' });
  }
  if (issues.length > 0) throw new DomainError('INVALID_EVENT', 'The acknowledgment does not fit the purchase order', issues);

  const lines = po.lines.map((line): PurchaseOrderLine => {
    const answer = answered.get(line.lineNumber);
    if (!answer || line.status === 'CANCELLED') return line;
    return {
      ...line,
      status: answer.status,
      acceptedQuantity: answer.status === 'REJECTED' ? 0 : (answer.quantity ?? line.quantity),
      ...(answer.reason && { reason: answer.reason }),
      ...(answer.backorderDate && { backorderDate: answer.backorderDate }),
      ...(answer.implied && { implied: true }),
    };
  });
  const rejected = !shipping;
  return next(
    po,
    {
      status: rejected ? 'REJECTED' : 'ACKNOWLEDGED',
      lines,
      acknowledgedAt: actor.at.toISOString(),
      ...(shipping && estimatedShipDate && { estimatedShipDate, shipDateSource: slaShipDate ? ('SLA' as const) : ('VENDOR' as const) }),
      ...(!rejected && shipDue(po)),
      ...(lateTo(po.ackDueAt, actor.at) && { late: true }),
    },
    actor,
    rejected ? 'vendor rejected every line' : undefined,
  );
}

/**
 * When the carrier must first scan a package shipped on `shipDate`: the end of the ship date in the
 * vendor's zone plus its first-scan window in whole business days (24 business hours = the next
 * business day), skipping its weekends and holidays.
 */
export function firstScanDueAt(shipDate: string, sla: PurchaseOrder['sla']): string | undefined {
  if (!sla || !/^\d{4}-\d{2}-\d{2}$/.test(shipDate)) return undefined;
  const days = Math.ceil((sla.firstScanWithinBusinessHours ?? 24) / 24);
  return endOfDate(addBusinessDaysToDate(shipDate, days, sla), sla.timeZone).toISOString();
}

/**
 * A shipment with its packages. Before any acknowledgment it counts as an implicit one: the
 * shipped lines are accepted as ordered. Each tracking number must match its carrier's format.
 */
export function recordShipment(po: PurchaseOrder, notice: ShipmentNotice, actor: Actor): PurchaseOrder {
  // A line re-routed to another vendor may still be shipped by this one (it was cancelled too late, or
  // the vendor ignored the cancellation): the shipment is recorded and ops told, whatever the PO's status.
  const moved = new Set(po.lines.filter((l) => l.reroute?.outcome === 'REROUTED').map((l) => l.lineNumber));
  const shipsOnlyMoved = moved.size > 0 && notice.packages.every((p) => p.lines.every((l) => moved.has(l.lineNumber)));
  if (!shipsOnlyMoved) assertAccepts(po, 'ship');
  const implicitAck = po.status === 'SENT_TO_VENDOR';
  const issues: FieldIssue[] = [];
  const scanDueAt = firstScanDueAt(notice.shipDate, po.sla);
  const shippedNow = new Map<number, number>();
  const packages = notice.packages.flatMap((pkg, p): ShipmentPackage[] => {
    const check = checkTrackingNumber(notice.carrier, pkg.trackingNumber);
    if (!check.valid) issues.push({ field: `packages.${p}.trackingNumber`, rule: 'tracking_format', message: check.message });
    issues.push(...lineIssues(po, pkg.lines.map((l) => l.lineNumber), (i) => `packages.${p}.lines.${i}.lineNumber`));
    for (const line of pkg.lines) shippedNow.set(line.lineNumber, (shippedNow.get(line.lineNumber) ?? 0) + line.quantity);
    if (!check.valid) return [];
    const tracking = { status: 'LABEL_CREATED' as const, events: [], ...(scanDueAt && { scanDueAt }) };
    return [{ trackingNumber: check.trackingNumber, carrier: check.carrier, verification: check.verification, ...(check.url && { trackingUrl: check.url }), lines: pkg.lines, tracking }];
  });
  for (const [lineNumber, quantity] of shippedNow) {
    const line = po.lines.find((l) => l.lineNumber === lineNumber);
    if (!line) continue;
    const shippable = line.status === 'OPEN' || line.status === 'ACCEPTED' || line.status === 'BACKORDERED' || moved.has(lineNumber);
    const remaining = (moved.has(lineNumber) ? line.quantity : line.acceptedQuantity) - line.shippedQuantity;
    if (!shippable) issues.push({ field: 'packages', rule: 'shippable_line', message: `line ${lineNumber} is ${line.status} and cannot ship` });
    else if (quantity > remaining) issues.push({ field: 'packages', rule: 'max_quantity', message: `line ${lineNumber} has ${remaining} left to ship, not ${quantity}` });
  }
  if (issues.length > 0) {
    const tracking = issues.every((i) => i.rule === 'tracking_format');
    throw new DomainError(tracking ? 'INVALID_TRACKING_NUMBER' : 'INVALID_EVENT', tracking ? 'A tracking number is not valid for its carrier' : 'The shipment does not fit the purchase order', issues);
  }

  const lines = po.lines.map((line): PurchaseOrderLine => {
    const accepted = implicitAck && line.status === 'OPEN' ? { status: 'ACCEPTED' as const } : {};
    return { ...line, ...accepted, shippedQuantity: line.shippedQuantity + (shippedNow.get(line.lineNumber) ?? 0) };
  });
  const shipment: Shipment = {
    shipmentId: notice.shipmentId,
    carrier: carrierNamed(notice.carrier ?? '')?.code ?? notice.carrier?.trim().toUpperCase() ?? packages[0]?.carrier ?? 'UNKNOWN',
    service: notice.service,
    shipDate: notice.shipDate,
    packages,
    receivedAt: actor.at.toISOString(),
    source: notice.source,
  };
  const complete = lines.every((l) => l.status === 'CANCELLED' || l.status === 'REJECTED' || l.shippedQuantity >= l.acceptedQuantity);
  const closed = po.status === 'CANCELLED' || po.status === 'REJECTED';
  const shippedMoved = [...shippedNow.keys()].filter((n) => moved.has(n)).map((n) => po.lines.find((l) => l.lineNumber === n) as PurchaseOrderLine);
  const flagged = shippedMoved.length
    ? openException(
        po,
        'SHIPPED_AFTER_REROUTE',
        `${shippedMoved.map((l) => `line ${l.lineNumber} (${l.sku}) was re-routed to ${l.reroute?.outcome === 'REROUTED' ? `${l.reroute.poNumber} (${l.reroute.vendorId})` : 'another PO'}`).join('; ')} and shipped here anyway (${packages.map((p) => p.trackingNumber).join(', ')}): two parcels may be on the way`,
        actor.at,
      )
    : po;
  return next(
    po,
    {
      openExceptions: flagged.openExceptions,
      raisedExceptions: flagged.raisedExceptions,
      status: closed ? po.status : complete ? 'DISPATCHED' : 'PARTIALLY_DISPATCHED',
      lines,
      shipments: [...po.shipments, shipment],
      ...(implicitAck && { acknowledgedAt: actor.at.toISOString(), ...shipDue(po) }),
      ...(!closed && complete && { dispatchedAt: actor.at.toISOString() }),
      ...((lateTo(po.shipDueAt ?? shipDue(po).shipDueAt, actor.at) || (implicitAck && lateTo(po.ackDueAt, actor.at))) && { late: true }),
    },
    actor,
    [
      `shipment ${notice.shipmentId}: ${packages.map((p) => `${p.carrier} ${p.trackingNumber}${p.verification === 'UNVERIFIED' ? ' (unverified)' : ''}`).join(', ')}`,
      ...(implicitAck ? ['implicit acknowledgment: shipment arrived before any acknowledgment'] : []),
    ].join('; '),
  );
}

/**
 * Cancels lines (or, without line numbers, every open line) before dispatch. A PO left with no
 * open line is CANCELLED. A vendor that has the PO already is told through a vendor notice.
 */
export function cancelLines(po: PurchaseOrder, lineNumbers: readonly number[] | 'ALL', reason: string, actor: Actor): PurchaseOrder {
  assertAccepts(po, 'cancel');
  const targets = lineNumbers === 'ALL' ? openLines(po).map((l) => l.lineNumber) : lineNumbers;
  const lines = po.lines.map((line): PurchaseOrderLine =>
    targets.includes(line.lineNumber) && line.status !== 'REJECTED' ? { ...line, status: 'CANCELLED', acceptedQuantity: 0, reason } : line,
  );
  const stillOpen = lines.some((l) => l.status !== 'CANCELLED' && l.status !== 'REJECTED');
  const vendorHasIt = po.status !== 'PENDING';
  const noticeLines = [...new Set([...(po.vendorNotice?.lineNumbers ?? []), ...targets])];
  return next(
    po,
    {
      status: stillOpen ? po.status : 'CANCELLED',
      lines,
      ...(vendorHasIt && { vendorNotice: { type: 'CANCELLATION', lineNumbers: noticeLines, reason } }),
    },
    actor,
    `cancelled line${targets.length === 1 ? '' : 's'} ${targets.join(', ')}: ${reason}`,
  );
}

/**
 * A storefront's cancellation of a PO's lines, once: lines a concurrent or repeated cancel already
 * closed are not cancelled again, and when none is left the PO is unchanged (undefined), so the
 * repeat answers like the first instead of a 409.
 */
export function cancelRemainingLines(po: PurchaseOrder, lineNumbers: readonly number[] | 'ALL', reason: string, actor: Actor): PurchaseOrder | undefined {
  const stillOpen = new Set(openLines(po).map((l) => l.lineNumber));
  const targets = lineNumbers === 'ALL' ? [...stillOpen] : lineNumbers.filter((n) => stillOpen.has(n));
  if (targets.length === 0) return undefined;
  return cancelLines(po, lineNumbers === 'ALL' ? 'ALL' : targets, reason, actor);
}

/** Lines the retailer cancelled after the vendor had the PO, which the vendor has not yet confirmed. */
export const unconfirmedCancellations = (po: PurchaseOrder): number[] =>
  po.transmittedAt === undefined
    ? []
    : po.lines.filter((l) => l.status === 'CANCELLED' && !(po.cancellationConfirmed?.lineNumbers ?? []).includes(l.lineNumber)).map((l) => l.lineNumber);

/**
 * The vendor confirms it will not ship the cancelled lines (the portal's "accept cancellation"). A
 * repeat once everything is confirmed changes nothing (undefined); a PO with nothing cancelled is refused.
 */
export function confirmCancellation(po: PurchaseOrder, actor: Actor): PurchaseOrder | undefined {
  const pending = unconfirmedCancellations(po);
  if (pending.length === 0) {
    if (po.cancellationConfirmed) return undefined;
    throw new DomainError('INVALID_TRANSITION', `Purchase order ${po.poNumber} has no cancelled line to confirm`, [
      { field: 'poNumber', rule: 'has_cancellation', message: 'the retailer has cancelled nothing on this PO' },
    ]);
  }
  const lineNumbers = [...(po.cancellationConfirmed?.lineNumbers ?? []), ...pending].sort((a, b) => a - b);
  return next(po, { cancellationConfirmed: { lineNumbers, at: actor.at.toISOString() } }, actor, `vendor confirmed the cancellation of line${pending.length === 1 ? '' : 's'} ${pending.join(', ')}`);
}

/** Checks that a cancellation can apply to a PO, without applying it (for all-or-nothing order cancels). */
export function assertCancellable(po: PurchaseOrder): void {
  assertAccepts(po, 'cancel');
}

/**
 * True when an acknowledgment says nothing the PO does not already hold: a partner's translator
 * resending the same 855 under a new envelope (or a retried API call with a new message id). It is
 * answered as applied and changes nothing, instead of a 409.
 */
export function restatesAcknowledgment(po: PurchaseOrder, ack: Acknowledgment): boolean {
  if (po.acknowledgedAt === undefined || po.status === 'SENT_TO_VENDOR') return false;
  return ack.lines.every((answer) => {
    const line = po.lines.find((l) => l.lineNumber === answer.lineNumber);
    const quantity = answer.status === 'REJECTED' ? 0 : (answer.quantity ?? line?.quantity);
    return line !== undefined && line.status === answer.status && line.acceptedQuantity === quantity;
  });
}

/** True when the PO already holds this shipment (same id, same packages and lines): a resent ship notice. */
export function restatesShipment(po: PurchaseOrder, notice: ShipmentNotice): boolean {
  const key = (packages: ShipmentNotice['packages']) =>
    JSON.stringify(packages.map((p) => [p.trackingNumber.replace(/\s+/g, '').toUpperCase(), [...p.lines].sort((a, b) => a.lineNumber - b.lineNumber)]).sort());
  return po.shipments.some((s) => s.shipmentId === notice.shipmentId && key(s.packages) === key(notice.packages));
}
