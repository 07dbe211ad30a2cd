import { DomainError, type FieldIssue } from './errors';
import type { Order, PurchaseOrder } from './orders';
import { lineQuantities } from './line-quantities';
import { amountText } from './invoices';
import { ratio } from './vendor-analytics';

/**
 * Customer returns of dropship items. One return per vendor involved (`RMA-…`): requested by the
 * storefront for lines that shipped, within the vendor's window; answered by the vendor (approved,
 * with its RMA number and where to send it, or rejected with why), or approved at once when the
 * vendor needs no approval or the refund is below its returnless threshold; received line by line
 * with the condition; credited at PO cost for what came back (or, returnless, for what was asked).
 * Money is integer minor units of the PO's currency.
 */
export const returnReasons = ['DAMAGED', 'DEFECTIVE', 'WRONG_ITEM', 'NOT_AS_DESCRIBED', 'NO_LONGER_NEEDED', 'ARRIVED_LATE', 'OTHER'] as const;
export type ReturnReason = (typeof returnReasons)[number];

/** SETTLED: the credit was taken from a payment to the vendor (a remittance's deduction). */
export const returnStatuses = ['REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'CREDITED', 'SETTLED'] as const;
export type ReturnStatus = (typeof returnStatuses)[number];

export const itemConditions = ['AS_NEW', 'DAMAGED', 'MISSING'] as const;
export type ItemCondition = (typeof itemConditions)[number];

export interface ReturnPolicy {
  /** Days from delivery (from shipment when no delivery is known) within which a return may be asked. */
  windowDays: number;
  /** Whether the vendor must approve each return; otherwise it is approved on request. */
  requiresApproval: boolean;
  /** Where the parcel goes back: the vendor (which confirms receipt) or the retailer's returns desk (ops confirm it). */
  returnTo: 'VENDOR' | 'RETAILER';
  /** The standing address returns go to (the vendor's, or the retailer's desk): the customer's instructions when an answer names none. */
  returnAddress?: string;
  /** A refund below this (minor units) is returnless: approved and credited at once, nothing sent back. */
  returnlessBelow: number;
  /** Hours the vendor has to answer a request before RETURN_NOT_ANSWERED opens. */
  answerWithinHours: number;
  /** Days the vendor has to confirm receipt after the carrier delivered the parcel to it before RETURN_NOT_RECEIVED opens. */
  receiveWithinDays: number;
}

export const defaultReturnPolicy: ReturnPolicy = { windowDays: 30, requiresApproval: true, returnTo: 'VENDOR', returnlessBelow: 0, answerWithinHours: 48, receiveWithinDays: 5 };

/** A vendor's policy with the defaults for what it does not say (policies saved before a field existed). */
export const returnPolicyOf = (policy: Partial<ReturnPolicy> | undefined): ReturnPolicy => ({ ...defaultReturnPolicy, ...policy });

export interface ReturnLine {
  /** The PO line, and the order line the customer knows. */
  lineNumber: number;
  orderLineNumber: number;
  sku: string;
  /** The vendor's part, as the PO names it (the 180's LIN). */
  vendorSku: string;
  quantity: number;
  unitCost: number;
  /** On receipt: how many came back, and in what condition. */
  received?: { quantity: number; condition: ItemCondition };
}

export interface ReturnRecord {
  rmaId: string;
  orderId: string;
  storefrontId: string;
  poNumber: string;
  vendorId: string;
  currency: string;
  status: ReturnStatus;
  reason: ReturnReason;
  comment?: string;
  lines: ReturnLine[];
  /** Nothing goes back: the refund is below the vendor's threshold. */
  returnless: boolean;
  /** Who receives the parcel and confirms it: the vendor, or the retailer's returns desk (ops). */
  returnTo?: 'VENDOR' | 'RETAILER';
  /** The vendor's answer. */
  vendorRma?: string;
  returnAddress?: string;
  label?: { carrier: string; trackingNumber: string };
  /** The parcel back, followed by the label's carrier events like an outbound package. */
  parcel?: { status: string; lastEventAt: string; deliveredAt?: string; location?: string };
  rejection?: string;
  /** The deadlines the vendor's policy set: its answer, and its receipt once the parcel reached it. */
  answerDueAt?: string;
  receiveWithinDays: number;
  /** What the vendor owes the retailer for it, once received (or at once when returnless); the refund the storefront may give. */
  credit?: { amount: number; lines: { lineNumber: number; quantity: number; amount: number }[] };
  /** The payment whose deductions took the credit. */
  deductedBy?: string;
  history: { at: string; status: ReturnStatus; by: string; note?: string }[];
  requestedAt: string;
  updatedAt: string;
}

export interface ReturnRequest {
  lines: { lineNumber: number; quantity: number }[];
  reason: ReturnReason;
  comment?: string;
}

/** What each PO line has on returns not rejected. */
export const returnedQuantities = (po: PurchaseOrder) => lineQuantities(po.returns, (status) => status !== 'REJECTED');

const dayMs = 86_400_000;

/** When the window opened for a line: its PO's delivery, else the last shipment that carried it. */
function windowStart(po: PurchaseOrder, lineNumber: number): string | undefined {
  const shipments = po.shipments.filter((s) => s.packages.some((p) => p.lines.some((l) => l.lineNumber === lineNumber)));
  const delivered = shipments.flatMap((s) => s.packages.filter((p) => p.lines.some((l) => l.lineNumber === lineNumber)).map((p) => p.tracking?.deliveredAt)).filter((d): d is string => Boolean(d)).sort().at(-1);
  return delivered ?? po.deliveredAt ?? shipments.map((s) => `${s.shipDate}T00:00:00.000Z`).sort().at(-1);
}

/**
 * The returns an order's request makes, one per vendor's PO, each checked: only lines that shipped,
 * never more than shipped less what earlier returns took, within the vendor's window. Throws a
 * DomainError naming every line at fault; nothing is made from a request with a fault.
 */
export function requestReturns(
  order: Order,
  pos: readonly PurchaseOrder[],
  request: ReturnRequest,
  ctx: { policies: ReadonlyMap<string, ReturnPolicy>; now: Date; newRmaId: () => string },
): ReturnRecord[] {
  const issues: FieldIssue[] = [];
  const byPo = new Map<string, { po: PurchaseOrder; lines: ReturnLine[] }>();
  request.lines.forEach((asked, i) => {
    const field = `lines.${i}`;
    const orderLine = order.lines.find((l) => l.lineNumber === asked.lineNumber);
    if (!orderLine) return void issues.push({ field: `${field}.lineNumber`, rule: 'order_line', message: `order ${order.storefrontOrderId} has no line ${asked.lineNumber}` });
    const po = pos.find((p) => p.poNumber === orderLine.poNumber);
    const poLine = po?.lines.find((l) => l.orderLineNumber === orderLine.lineNumber);
    if (!po || !poLine) return void issues.push({ field: `${field}.lineNumber`, rule: 'dropship_line', message: `line ${asked.lineNumber} (${orderLine.sku}) ships from the retailer's own warehouse: return it there` });
    if (poLine.shippedQuantity === 0) return void issues.push({ field: `${field}.lineNumber`, rule: 'shipped', message: `line ${asked.lineNumber} (${orderLine.sku}) has not shipped: cancel it instead` });
    const taken = (returnedQuantities(po).get(poLine.lineNumber) ?? 0) + (byPo.get(po.poNumber)?.lines.filter((l) => l.lineNumber === poLine.lineNumber).reduce((t, l) => t + l.quantity, 0) ?? 0);
    if (asked.quantity > poLine.shippedQuantity - taken) {
      return void issues.push({ field: `${field}.quantity`, rule: 'returnable', message: `line ${asked.lineNumber} (${orderLine.sku}): ${asked.quantity} asked, but ${poLine.shippedQuantity} shipped${taken ? ` and ${taken} already on a return` : ''}, so at most ${Math.max(0, poLine.shippedQuantity - taken)}` });
    }
    const policy = returnPolicyOf(ctx.policies.get(po.vendorId));
    const start = windowStart(po, poLine.lineNumber);
    if (start && ctx.now.getTime() > Date.parse(start) + policy.windowDays * dayMs) {
      return void issues.push({ field: `${field}.lineNumber`, rule: 'return_window', message: `line ${asked.lineNumber} (${orderLine.sku}) was delivered ${start.slice(0, 10)}; ${po.vendorId} takes returns for ${policy.windowDays} days, until ${new Date(Date.parse(start) + policy.windowDays * dayMs).toISOString().slice(0, 10)}` });
    }
    const entry = byPo.get(po.poNumber) ?? { po, lines: [] };
    entry.lines.push({ lineNumber: poLine.lineNumber, orderLineNumber: orderLine.lineNumber, sku: poLine.sku, vendorSku: poLine.vendorSku, quantity: asked.quantity, unitCost: poLine.unitCost });
    byPo.set(po.poNumber, entry);
  });
  if (issues.length) throw new DomainError('VALIDATION_FAILED', 'The return names lines that cannot be returned', issues);
  const at = ctx.now.toISOString();
  return [...byPo.values()].map(({ po, lines }) => {
    const policy = returnPolicyOf(ctx.policies.get(po.vendorId));
    const value = lines.reduce((t, l) => t + l.quantity * l.unitCost, 0);
    const returnless = value < policy.returnlessBelow;
    const base: ReturnRecord = {
      rmaId: ctx.newRmaId(), orderId: order.orderId, storefrontId: order.storefrontId, poNumber: po.poNumber, vendorId: po.vendorId, currency: po.currency,
      status: 'REQUESTED', reason: request.reason, ...(request.comment && { comment: request.comment }), lines, returnless,
      history: [{ at, status: 'REQUESTED', by: 'storefront' }], requestedAt: at, updatedAt: at,
      answerDueAt: new Date(ctx.now.getTime() + policy.answerWithinHours * 3_600_000).toISOString(), receiveWithinDays: policy.receiveWithinDays,
      returnTo: policy.returnTo, ...(policy.returnAddress && { returnAddress: policy.returnAddress }),
    };
    if (returnless) return credit(moved(base, 'APPROVED', 'returnless', at, `below ${amountText(policy.returnlessBelow, po.currency)}: nothing to send back`), lines.map((l) => ({ lineNumber: l.lineNumber, quantity: l.quantity })), 'returnless', at);
    return policy.requiresApproval ? base : moved(base, 'APPROVED', 'policy', at, `${po.vendorId} approves returns without asking`);
  });
}

const moved = (record: ReturnRecord, status: ReturnStatus, by: string, at: string, note?: string): ReturnRecord => ({
  ...record,
  status,
  history: [...record.history, { at, status, by, ...(note && { note }) }],
  updatedAt: at,
});

/** The credit for what came back (or, returnless, what was asked) at PO cost: the vendor owes it, the storefront may refund it. */
function credit(record: ReturnRecord, quantities: { lineNumber: number; quantity: number }[], by: string, at: string): ReturnRecord {
  const lines = quantities.map((q) => {
    const line = record.lines.find((l) => l.lineNumber === q.lineNumber) as ReturnLine;
    return { lineNumber: q.lineNumber, quantity: q.quantity, amount: q.quantity * line.unitCost };
  });
  const amount = lines.reduce((t, l) => t + l.amount, 0);
  return { ...moved(record, 'CREDITED', by, at, `${amountText(amount, record.currency)} credited`), credit: { amount, lines } };
}

const wrongStatus = (record: ReturnRecord, action: string, expected: ReturnStatus) =>
  new DomainError('INVALID_TRANSITION', `${record.rmaId} is ${record.status.toLowerCase()}: it can be ${action} only when ${expected.toLowerCase()}`, [
    { field: 'status', rule: `when_${expected.toLowerCase()}`, message: `is ${record.status}` },
  ]);

export type ReturnAnswer =
  | { approve: true; vendorRma?: string; returnAddress?: string; label?: { carrier: string; trackingNumber: string }; keep?: boolean }
  | { approve: false; reason: string };

/** The vendor's answer: approved (its RMA number, where to send it, optionally a prepaid label) or rejected with why. */
export function answerReturn(
  record: ReturnRecord,
  answer: ReturnAnswer,
  by: string,
  at: string,
): ReturnRecord {
  if (record.status !== 'REQUESTED') throw wrongStatus(record, 'answered', 'REQUESTED');
  if (!answer.approve) return { ...moved(record, 'REJECTED', by, at, answer.reason), rejection: answer.reason };
  // The vendor lets the customer keep it: nothing comes back, the credit is due at once.
  if (answer.keep) {
    const kept = { ...moved(record, 'APPROVED', by, at, `${answer.vendorRma ? `vendor RMA ${answer.vendorRma}, ` : ''}the customer keeps it`), returnless: true, ...(answer.vendorRma && { vendorRma: answer.vendorRma }) };
    return credit(kept, record.lines.map((l) => ({ lineNumber: l.lineNumber, quantity: l.quantity })), by, at);
  }
  return {
    ...moved(record, 'APPROVED', by, at, answer.vendorRma ? `vendor RMA ${answer.vendorRma}` : undefined),
    ...(answer.vendorRma && { vendorRma: answer.vendorRma }),
    // A return to the retailer's desk keeps the desk's address, whatever the vendor's answer says.
    ...(answer.returnAddress && record.returnTo !== 'RETAILER' && { returnAddress: answer.returnAddress }),
    ...(answer.label && { label: answer.label }),
  };
}

/**
 * The vendor confirms what came back, line by line, with its condition: credited at PO cost for
 * each unit that came back (as new or damaged: the customer sent it); a MISSING line is not.
 */
export function receiveReturn(record: ReturnRecord, received: { lineNumber: number; quantity: number; condition: ItemCondition }[], by: string, at: string): ReturnRecord {
  if (record.status !== 'APPROVED' || record.returnless) throw wrongStatus(record, 'received', 'APPROVED');
  if (record.returnTo === 'RETAILER' && by.startsWith('vendor:')) {
    throw new DomainError('INVALID_TRANSITION', `${record.rmaId} goes back to the retailer's returns desk: the retailer confirms its receipt`, [{ field: 'returnTo', rule: 'receiver', message: 'is RETAILER' }]);
  }
  const issues = received.flatMap((r, i): FieldIssue[] => {
    const line = record.lines.find((l) => l.lineNumber === r.lineNumber);
    if (!line) return [{ field: `lines.${i}.lineNumber`, rule: 'on_the_return', message: `${record.rmaId} has no line ${r.lineNumber} (it has ${record.lines.map((l) => l.lineNumber).join(', ')})` }];
    if (r.quantity > line.quantity) return [{ field: `lines.${i}.quantity`, rule: 'at_most_returned', message: `line ${r.lineNumber}: ${r.quantity} received, but ${line.quantity} were to come back` }];
    return [];
  });
  if (issues.length) throw new DomainError('VALIDATION_FAILED', 'The receipt names lines or quantities the return does not have', issues);
  const lines = record.lines.map((l) => {
    const got = received.find((r) => r.lineNumber === l.lineNumber);
    return got ? { ...l, received: { quantity: got.condition === 'MISSING' ? 0 : got.quantity, condition: got.condition } } : l;
  });
  const receivedRecord = moved({ ...record, lines }, 'RECEIVED', by, at, lines.map((l) => `line ${l.lineNumber}: ${l.received ? `${l.received.quantity} ${l.received.condition.toLowerCase().replace('_', ' ')}` : 'not received'}`).join('; '));
  return credit(receivedRecord, lines.map((l) => ({ lineNumber: l.lineNumber, quantity: l.received?.quantity ?? 0 })).filter((q) => q.quantity > 0), by, at);
}

/** When the vendor must have confirmed receipt: its days after the carrier delivered the parcel to it. */
export const receiveDueAt = (record: ReturnRecord) =>
  record.status === 'APPROVED' && record.parcel?.deliveredAt ? new Date(Date.parse(record.parcel.deliveredAt) + record.receiveWithinDays * dayMs).toISOString() : undefined;

/** The return as its PO keeps it: what each line took (a rejected one takes nothing), and the deadline it waits on. */
export const returnOnPo = (record: ReturnRecord): ReturnOnPo => {
  const receiveBy = receiveDueAt(record);
  return {
    status: record.status,
    quantities: Object.fromEntries(record.lines.map((l) => [l.lineNumber, l.quantity])),
    ...(record.status === 'REQUESTED' && record.answerDueAt && { answerDueAt: record.answerDueAt }),
    ...(receiveBy && { receiveDueAt: receiveBy }),
  };
};

export interface ReturnOnPo {
  status: ReturnStatus;
  quantities: Record<number, number>;
  answerDueAt?: string;
  receiveDueAt?: string;
}

/**
 * A carrier event for the return label: where the parcel back is. Undefined when it changes
 * nothing (the same event again, or an older one than the last).
 */
export function trackReturnParcel(record: ReturnRecord, event: { status: string; at: string; location?: string }, at: string): ReturnRecord | undefined {
  const parcel = record.parcel;
  if (parcel && (Date.parse(event.at) < Date.parse(parcel.lastEventAt) || (parcel.lastEventAt === event.at && parcel.status === event.status))) return undefined;
  const delivered = event.status === 'DELIVERED';
  const next: ReturnRecord = {
    ...record,
    parcel: { status: event.status, lastEventAt: event.at, ...(event.location && { location: event.location }), ...((parcel?.deliveredAt || delivered) && { deliveredAt: parcel?.deliveredAt ?? event.at }) },
    updatedAt: at,
  };
  return delivered && !parcel?.deliveredAt ? { ...next, history: [...record.history, { at, status: record.status, by: 'carrier', note: `parcel ${record.label?.trackingNumber ?? ''} delivered to the vendor${event.location ? ` at ${event.location}` : ''}` }] } : next;
}

/** The credit taken from a payment to the vendor: the return is settled by that remittance. */
export const settleReturn = (record: ReturnRecord, reference: string, at: string): ReturnRecord => ({ ...moved(record, 'SETTLED', 'remittance', at, `deducted from payment ${reference}`), deductedBy: reference });

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * A vendor's returns in a period against what it shipped: the return rate in units (returns not
 * rejected), by SKU, the reasons, how many were rejected, and the median days from request to credit.
 * `shipped` is the period's units shipped, in all and by SKU (the day counters).
 */
export function returnFigures(returns: readonly ReturnRecord[], shipped: { units: number; bySku: Readonly<Record<string, number>> }) {
  const taken = returns.filter((r) => r.status !== 'REJECTED');
  const returnedBySku = new Map<string, number>();
  for (const line of taken.flatMap((r) => r.lines)) returnedBySku.set(line.sku, (returnedBySku.get(line.sku) ?? 0) + line.quantity);
  const unitsReturned = [...returnedBySku.values()].reduce((t, n) => t + n, 0);
  const reasons = Object.fromEntries(returnReasons.map((reason) => [reason, returns.filter((r) => r.reason === reason).length]).filter(([, n]) => Number(n) > 0));
  const creditedAt = (r: ReturnRecord) => r.history.find((h) => h.status === 'CREDITED')?.at;
  return {
    returns: returns.length,
    rejected: returns.length - taken.length,
    unitsReturned,
    unitsShipped: shipped.units,
    returnRate: ratio(unitsReturned, shipped.units),
    bySku: [...returnedBySku].map(([sku, units]) => ({ sku, unitsReturned: units, unitsShipped: shipped.bySku[sku] ?? 0, returnRate: ratio(units, shipped.bySku[sku] ?? 0) })).sort((a, b) => b.unitsReturned - a.unitsReturned || a.sku.localeCompare(b.sku)),
    reasons,
    medianDaysToCredit: median(returns.flatMap((r) => { const at = creditedAt(r); return at ? [Math.round(((Date.parse(at) - Date.parse(r.requestedAt)) / 86_400_000) * 10) / 10] : []; })),
  };
}

/** Whether a return's change reached a status for the first time (its history has it now, and had it not before): what the customer and the storefront are told of, once. */
export const statusReached = (before: ReturnRecord | undefined, after: ReturnRecord, status: ReturnStatus) =>
  after.history.some((h) => h.status === status) && !before?.history.some((h) => h.status === status);

/** The storefront's webhook events a return's change reaches: approved, rejected, credited (the refund it may give). */
export function storefrontReturnEvents(before: ReturnRecord | undefined, after: ReturnRecord): string[] {
  return (['APPROVED', 'REJECTED', 'CREDITED'] as const).filter((status) => statusReached(before, after, status)).map((status) => `return.${status.toLowerCase()}`);
}

/** What the storefront's webhook says: its order's lines, where the return stands, and the refund in minor units. */
export const storefrontReturnPayload = (record: ReturnRecord) => ({
  rmaId: record.rmaId,
  orderId: record.orderId,
  status: record.status,
  reason: record.reason,
  returnless: record.returnless,
  lines: record.lines.map((l) => ({ orderLineNumber: l.orderLineNumber, sku: l.sku, quantity: l.quantity, ...(l.received && { received: l.received }) })),
  ...(record.returnAddress && { returnAddress: record.returnAddress }),
  ...(record.label && { label: record.label }),
  ...(record.rejection && { rejection: record.rejection }),
  ...(record.credit && { refund: { amount: record.credit.amount, currency: record.currency } }),
});
