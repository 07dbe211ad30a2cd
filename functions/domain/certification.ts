import type { Vendor } from './catalog';
import type { Order, PurchaseOrder } from './orders';
import { cancelLines, unconfirmedCancellations, type Actor } from './purchase-order-lifecycle';
import { certificationSteps, type CertificationStep, type TestMark } from './certification-steps';

/**
 * Certification: before a vendor gets real orders, a scripted set of test POs goes to it through
 * its own channel (X12 with ISA15 T for EDI vendors) and its answers are checked step by step. The
 * report is computed from the test POs as they stand, so it is never out of date.
 */
export { certificationSteps, type CertificationStep, type TestMark };

interface StepScript {
  title: string;
  /** Ordered quantity of each line. */
  quantities: number[];
  /** What the vendor is asked to do: on the PO (850 MSG, packing-slip message) and in the report. */
  instruction: string;
  ships: boolean;
}

export const stepScripts: Record<CertificationStep, StepScript> = {
  ACCEPT: { title: 'Accept and ship', quantities: [1, 2], ships: true, instruction: 'Accept every line as ordered, then ship it all.' },
  PARTIAL_ACCEPT: { title: 'Accept fewer than ordered', quantities: [4], ships: true, instruction: 'Accept 2 of the 4 units, then ship the 2 you accepted.' },
  BACKORDER: { title: 'Backorder a line', quantities: [1, 1], ships: false, instruction: 'Accept line 1; backorder line 2 with the date it will be in stock. No shipment.' },
  REJECT: { title: 'Reject a line', quantities: [1], ships: false, instruction: 'Reject the line with a reason (for example: discontinued).' },
  TWO_PACKAGES: { title: 'Ship in two packages', quantities: [1, 1], ships: true, instruction: 'Accept both lines, then ship them in two packages, one line in each, each with its own tracking number.' },
  CANCELLATION: { title: 'Take a cancellation', quantities: [1], ships: false, instruction: 'Accept it. We then cancel it: do not ship it.' },
};

export interface CertificationRun {
  runId: string;
  vendorId: string;
  channel: Vendor['channel'];
  startedAt: string;
  startedBy: string;
  orderId: string;
  steps: { step: CertificationStep; poNumber: string }[];
}

export type CheckStatus = 'PASSED' | 'FAILED' | 'WAITING';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
}

export interface StepReport {
  step: CertificationStep;
  title: string;
  instruction: string;
  poNumber: string;
  poStatus: PurchaseOrder['status'] | 'MISSING';
  status: CheckStatus;
  checks: CheckResult[];
}

export interface CertificationReport extends Omit<CertificationRun, 'orderId'> {
  status: 'RUNNING' | 'PASSED' | 'FAILED';
  steps: StepReport[];
}

/** An EDI document about a test PO, as its page keeps it: what the vendor's 997 and its own documents said. */
export interface TestPoDocument {
  direction: 'IN' | 'OUT';
  type: string;
  accepted?: boolean;
  reasons?: string[];
}

const testAddress = { line1: 'Certification test — do not ship', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' };

/**
 * The run's test order and POs, one PO per step. The order asks for no customer messages and the
 * lines reserve no stock; `vendorSkus` are the vendor's own item numbers when ops give them, so the
 * vendor's system recognises the items.
 */
export function certificationPurchaseOrders(
  vendor: Pick<Vendor, 'vendorId' | 'channel'>,
  ids: { runId: string; orderId: string; newPoNumber: () => string },
  options: { vendorSkus: readonly string[]; currency: string; actor: { by: string; at: Date } },
): { run: CertificationRun; order: Order; purchaseOrders: PurchaseOrder[] } {
  const createdAt = options.actor.at.toISOString();
  const itemSku = (i: number) => options.vendorSkus[i % options.vendorSkus.length] ?? `TEST-ITEM-${i + 1}`;
  const purchaseOrders = certificationSteps.map((step, index): PurchaseOrder => {
    const script = stepScripts[step];
    return {
      poNumber: ids.newPoNumber(),
      orderId: ids.orderId,
      vendorId: vendor.vendorId,
      status: 'PENDING',
      version: 1,
      currency: options.currency,
      shipTo: { name: 'Certification Test', ...testAddress },
      packingSlipMessage: `TEST PO, certification step ${index + 1} of ${certificationSteps.length}: ${script.instruction}`,
      lines: script.quantities.map((quantity, i) => ({
        lineNumber: i + 1,
        orderLineNumber: i + 1,
        sku: `CERT-${itemSku(i)}`,
        vendorSku: itemSku(i),
        quantity,
        unitCost: 100,
        status: 'OPEN',
        acceptedQuantity: quantity,
        shippedQuantity: 0,
      })),
      history: [{ at: createdAt, status: 'PENDING', by: options.actor.by, note: `certification run ${ids.runId}: ${script.title}` }],
      shipments: [],
      test: { runId: ids.runId, step },
      createdAt,
      updatedAt: createdAt,
    };
  });
  const order: Order = {
    orderId: ids.orderId,
    storefrontId: 'certification',
    storefrontOrderId: `CERT-${ids.runId}`,
    status: 'RECEIVED',
    currency: options.currency,
    customer: { name: 'Certification Test', email: 'certification@example.invalid', phone: null },
    shippingAddress: testAddress,
    notify: { email: false, sms: false },
    allowSourceFallback: false,
    lines: purchaseOrders.flatMap((po) =>
      po.lines.map((line) => ({ lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, unitPrice: 0, fulfillment: 'DROPSHIP' as const, vendorId: vendor.vendorId, poNumber: po.poNumber })),
    ),
    poNumbers: purchaseOrders.map((po) => po.poNumber),
    test: { runId: ids.runId },
    createdAt,
  };
  const run: CertificationRun = {
    runId: ids.runId,
    vendorId: vendor.vendorId,
    channel: vendor.channel,
    startedAt: createdAt,
    startedBy: options.actor.by,
    orderId: ids.orderId,
    steps: purchaseOrders.map((po) => ({ step: (po.test as TestMark).step, poNumber: po.poNumber })),
  };
  return { run, order, purchaseOrders };
}

/**
 * After the vendor acknowledged the cancellation step's PO, the retailer cancels it (as a customer
 * would): the vendor gets an 860, a webhook or an email and must not ship.
 */
export function afterTestAcknowledgment(po: PurchaseOrder, actor: Actor): PurchaseOrder {
  if (po.test?.step !== 'CANCELLATION' || po.status !== 'ACKNOWLEDGED') return po;
  return cancelLines(po, 'ALL', 'certification: the retailer cancels this test PO after your acknowledgment; do not ship it', actor);
}

const passed = (check: string, detail: string): CheckResult => ({ check, status: 'PASSED', detail });
const failed = (check: string, detail: string): CheckResult => ({ check, status: 'FAILED', detail });
const waiting = (check: string, detail: string): CheckResult => ({ check, status: 'WAITING', detail });

const after = (at: string | undefined, due: string | undefined) => at !== undefined && due !== undefined && Date.parse(at) > Date.parse(due);

function acknowledgedInTime(po: PurchaseOrder, now: Date): CheckResult {
  const name = 'answered within the SLA';
  if (!po.transmittedAt) return waiting(name, 'not sent to the vendor yet');
  if (!po.acknowledgedAt) {
    return po.ackDueAt && now.getTime() > Date.parse(po.ackDueAt) ? failed(name, `no acknowledgment; it was due by ${po.ackDueAt}`) : waiting(name, `waiting for the acknowledgment (due by ${po.ackDueAt ?? '?'})`);
  }
  return after(po.acknowledgedAt, po.ackDueAt) ? failed(name, `acknowledged at ${po.acknowledgedAt}, after ${po.ackDueAt}`) : passed(name, `acknowledged at ${po.acknowledgedAt}`);
}

/** Every line the vendor was sent carries an answer (the acknowledgment rules refuse one that skips a line). */
function everyLineAnswered(po: PurchaseOrder): CheckResult {
  const name = 'every line answered';
  if (!po.acknowledgedAt) return waiting(name, 'no acknowledgment yet');
  const open = po.lines.filter((line) => line.status === 'OPEN');
  if (open.length > 0) return failed(name, `no answer for line ${open.map((l) => l.lineNumber).join(', ')}`);
  // In production an 855 that leaves a line out is read by its header's code; certification asks for every line.
  const implied = po.lines.filter((line) => line.implied);
  if (implied.length > 0) {
    return failed(name, `line ${implied.map((l) => l.lineNumber).join(', ')} had no answer of its own (taken as ${implied.map((l) => l.status).join(', ')} from the 855's BAK02); answer every PO1 with an ACK`);
  }
  return passed(name, `${po.lines.length} of ${po.lines.length} lines answered`);
}

/** The answer the step's script asked for, line by line. */
function answerAsScripted(step: CertificationStep, po: PurchaseOrder): CheckResult {
  const name = 'answer as scripted';
  if (!po.acknowledgedAt) return waiting(name, 'no acknowledgment yet');
  const line = (n: number) => po.lines.find((l) => l.lineNumber === n);
  const describe = (n: number) => {
    const l = line(n);
    return l ? `line ${n} is ${l.status}${l.status === 'ACCEPTED' ? ` (${l.acceptedQuantity} of ${l.quantity})` : ''}` : `line ${n} is missing`;
  };
  const fullyAccepted = (n: number) => {
    const l = line(n);
    return l !== undefined && (l.status === 'ACCEPTED' || l.status === 'CANCELLED') && (l.status === 'CANCELLED' || l.acceptedQuantity === l.quantity);
  };
  switch (step) {
    case 'ACCEPT':
    case 'TWO_PACKAGES':
    case 'CANCELLATION': {
      const wrong = po.lines.filter((l) => !fullyAccepted(l.lineNumber)).map((l) => describe(l.lineNumber));
      return wrong.length ? failed(name, `every line should be accepted as ordered: ${wrong.join('; ')}`) : passed(name, 'every line accepted as ordered');
    }
    case 'PARTIAL_ACCEPT': {
      const l = line(1);
      const fewer = l?.status === 'ACCEPTED' && l.acceptedQuantity > 0 && l.acceptedQuantity < l.quantity;
      return fewer ? passed(name, `accepted ${l.acceptedQuantity} of ${l.quantity}`) : failed(name, `line 1 should be accepted with fewer units than the ${l?.quantity ?? '?'} ordered: ${describe(1)}`);
    }
    case 'BACKORDER': {
      const second = line(2);
      if (!fullyAccepted(1)) return failed(name, `line 1 should be accepted: ${describe(1)}`);
      if (second?.status !== 'BACKORDERED') return failed(name, `line 2 should be backordered: ${describe(2)}`);
      return second.backorderDate ? passed(name, `line 2 backordered until ${second.backorderDate}`) : failed(name, 'line 2 is backordered without the date it will be in stock');
    }
    case 'REJECT': {
      const l = line(1);
      if (l?.status !== 'REJECTED') return failed(name, `line 1 should be rejected: ${describe(1)}`);
      return l.reason ? passed(name, `rejected: ${l.reason}`) : failed(name, 'line 1 is rejected without a reason');
    }
  }
}

function shippedInTime(po: PurchaseOrder, now: Date): CheckResult {
  const name = 'shipped within the SLA';
  if (po.dispatchedAt) return after(po.dispatchedAt, po.shipDueAt) ? failed(name, `dispatched at ${po.dispatchedAt}, after ${po.shipDueAt}`) : passed(name, `dispatched at ${po.dispatchedAt}`);
  if (po.shipDueAt && now.getTime() > Date.parse(po.shipDueAt)) return failed(name, `not dispatched; it was due by ${po.shipDueAt}${po.shipments.length ? ' (shipped in part only)' : ''}`);
  return waiting(name, po.acknowledgedAt ? `waiting for the shipment (due by ${po.shipDueAt ?? '?'})` : 'waiting for the acknowledgment first');
}

function trackingValid(po: PurchaseOrder, packagesWanted: number): CheckResult {
  const name = 'valid tracking';
  const packages = po.shipments.flatMap((s) => s.packages);
  if (packages.length === 0) return waiting(name, 'no package yet');
  const unverified = packages.filter((p) => p.verification !== 'VERIFIED');
  if (unverified.length > 0) {
    return failed(name, `${unverified.map((p) => `${p.trackingNumber} (${p.carrier ?? 'no carrier'})`).join(', ')}: a number its carrier's format cannot confirm; certify with a carrier we check (UPS, FedEx, USPS, DHL …)`);
  }
  const numbers = new Set(packages.map((p) => p.trackingNumber));
  if (numbers.size < packagesWanted) {
    return po.status === 'DISPATCHED' ? failed(name, `${numbers.size} tracking number${numbers.size === 1 ? '' : 's'}; this step needs ${packagesWanted} packages, each with its own`) : waiting(name, `${numbers.size} of ${packagesWanted} packages so far`);
  }
  return passed(name, `${[...numbers].join(', ')}: checked against the carrier's format`);
}

/** What was shipped per line equals what the vendor accepted, and the packages' lines sum to it. */
function quantitiesAddUp(po: PurchaseOrder): CheckResult {
  const name = 'quantities add up';
  if (po.status !== 'DISPATCHED') return waiting(name, 'checked once everything is shipped');
  const inPackages = new Map<number, number>();
  for (const pkg of po.shipments.flatMap((s) => s.packages)) for (const l of pkg.lines) inPackages.set(l.lineNumber, (inPackages.get(l.lineNumber) ?? 0) + l.quantity);
  const wrong = po.lines
    .filter((l) => l.status === 'ACCEPTED' || l.status === 'BACKORDERED')
    .filter((l) => (inPackages.get(l.lineNumber) ?? 0) !== l.acceptedQuantity)
    .map((l) => `line ${l.lineNumber}: ${inPackages.get(l.lineNumber) ?? 0} shipped, ${l.acceptedQuantity} accepted`);
  return wrong.length ? failed(name, wrong.join('; ')) : passed(name, 'every accepted unit shipped, none more');
}

/** The cancellation reached the vendor and nothing shipped; a portal vendor also confirms it, as it would a real one. */
function cancellationTaken(po: PurchaseOrder, channel: Vendor['channel']): CheckResult {
  const name = 'cancellation taken, nothing shipped';
  if (po.shipments.length > 0) return failed(name, `shipped ${po.shipments.length} shipment(s) for a cancelled PO`);
  if (po.status !== 'CANCELLED') return waiting(name, po.acknowledgedAt ? `the PO is ${po.status}` : 'we cancel it once you acknowledge it');
  if (po.vendorNotice) return waiting(name, 'the cancellation is on its way to the vendor');
  if (channel === 'PORTAL' && unconfirmedCancellations(po).length > 0) return waiting(name, 'confirm the cancellation on the PO in the vendor portal');
  return passed(name, `cancellation sent${po.cancellationConfirmed ? ' and confirmed' : ''}; nothing shipped`);
}

/** EDI only: the vendor's 997 accepted our 850, and none of its documents about the PO was refused. */
function ediClean(po: PurchaseOrder, documents: readonly TestPoDocument[], now: Date): CheckResult[] {
  const acks = documents.filter((d) => d.direction === 'IN' && (d.type === '997' || d.type === '999'));
  const refused = documents.filter((d) => d.direction === 'IN' && d.type !== '997' && d.type !== '999' && d.accepted === false);
  const rejectedAck = acks.find((d) => d.accepted === false);
  const ack = rejectedAck
    ? failed('997 clean', `the vendor's ${rejectedAck.type} rejected our 850: ${(rejectedAck.reasons ?? []).join('; ')}`)
    : acks.length > 0
      ? passed('997 clean', `the vendor's ${acks[0]?.type} accepted our 850`)
      : po.ackDueAt && now.getTime() > Date.parse(po.ackDueAt)
        ? failed('997 clean', `no 997 for our 850 by ${po.ackDueAt}`)
        : waiting('997 clean', "waiting for the vendor's 997 for our 850");
  const documentsAccepted = refused.length
    ? failed('documents accepted', refused.map((d) => `${d.type} refused: ${(d.reasons ?? []).join('; ')}`).join(' | '))
    : passed('documents accepted', 'no document about this PO was refused');
  return [ack, documentsAccepted];
}

export function evaluateStep(step: CertificationStep, po: PurchaseOrder | undefined, documents: readonly TestPoDocument[], channel: Vendor['channel'], now: Date): Omit<StepReport, 'poNumber'> {
  const script = stepScripts[step];
  const base = { step, title: script.title, instruction: script.instruction };
  if (!po) return { ...base, poStatus: 'MISSING', status: 'FAILED', checks: [failed('test PO', 'the test PO is missing')] };
  const checks = [acknowledgedInTime(po, now), everyLineAnswered(po), answerAsScripted(step, po)];
  if (script.ships) checks.push(shippedInTime(po, now), trackingValid(po, step === 'TWO_PACKAGES' ? 2 : 1), quantitiesAddUp(po));
  if (step === 'CANCELLATION') checks.push(cancellationTaken(po, channel));
  if (channel === 'EDI') checks.push(...ediClean(po, documents, now));
  return { ...base, poStatus: po.status, status: overall(checks.map((c) => c.status)), checks };
}

const overall = (statuses: readonly CheckStatus[]): CheckStatus =>
  statuses.includes('FAILED') ? 'FAILED' : statuses.every((s) => s === 'PASSED') ? 'PASSED' : 'WAITING';

/** The run as it stands: FAILED once any check failed, PASSED when every check of every step passed. */
export function certificationReport(
  run: CertificationRun,
  purchaseOrders: ReadonlyMap<string, PurchaseOrder>,
  documents: ReadonlyMap<string, readonly TestPoDocument[]>,
  now: Date,
): CertificationReport {
  const { orderId: _orderId, ...rest } = run;
  const steps = run.steps.map(({ step, poNumber }) => ({ poNumber, ...evaluateStep(step, purchaseOrders.get(poNumber), documents.get(poNumber) ?? [], run.channel, now) }));
  const status = overall(steps.map((s) => s.status));
  return { ...rest, status: status === 'WAITING' ? 'RUNNING' : status, steps };
}
