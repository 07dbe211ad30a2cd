import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Product, Vendor } from '../functions/domain/catalog';
import { withPublicHolidays } from '../functions/domain/sla-calendar';
import { calendarHolidays } from '../functions/domain/holiday-calendar';
import type { PurchaseOrder, PurchaseOrderLine } from '../functions/domain/orders';
import { decideReroute, defaultRoutingRules, droppedLineOf, reroutedPurchaseOrder } from '../functions/domain/rerouting';
import { placeOrder } from '../functions/domain/order-placement';
import { applyCarrierEvent } from '../functions/domain/package-tracking';
import { acknowledge, advance, cancelLines, confirmCancellation, markDropped, markTransmitted, recordShipment } from '../functions/domain/purchase-order-lifecycle';
import { applyDelayCheck } from '../functions/domain/sla-checks';
import { counterDeltas, type DayCounters, type DayViolations } from '../functions/domain/vendor-analytics';
import { vendorDay } from '../functions/domain/vendor-day';
import { counterUpdate } from '../functions/store/analytics-store';
import { writeAll } from '../functions/store/batch-write';
import { getProduct, getVendor, putProduct, putVendor } from '../functions/store/catalog-store';
import { analyticsKeys, type ItemKey } from '../functions/store/keys';
import { keyId } from '../functions/store/batch-get';
import { decideInvoice, defaultInvoicingRules, invoiceOnPo, receiveInvoice, shipmentInvoice, type Invoice } from '../functions/domain/invoices';
import { payablesOf, remittanceOf } from '../functions/domain/payables';
import { defaultComplianceRules, vendorCharges } from '../functions/domain/compliance';
import { invoiceItems, remittanceToItem } from '../functions/store/invoice-store';
import { learningDeltas, regionOf, sampleAttribute, type Histogram, type LearningSample } from '../functions/domain/delivery-learning';
import { orderToItem, purchaseOrderItems } from '../functions/store/order-store';
import type { Table } from '../functions/store/table';
import { demoProducts, demoVendors } from './seed';
import { historyReturn } from './demo-returns';
import { settleReturn, type ReturnRecord } from '../functions/domain/returns';
import { returnToItem } from '../functions/store/return-store';

/**
 * A demo with history: 60 days of orders for four vendors that behave differently, run through the
 * same domain rules a live PO goes through (placement, transmission, acknowledgment, shipment,
 * carrier events, the delay check) and counted by the same `counterDeltas`, so every scorecard,
 * tier and charge on a fresh `npm start -- --reset` comes from real PO histories. Every order and
 * PO carries `demo: true`, its storefront is `demo-history`, its customers are `example.com`
 * addresses with notifications off, and every day item it adds to is marked `demoHistory`.
 */
type Behaviour = 'EXEMPLARY' | 'SLOW_TO_ACKNOWLEDGE' | 'CANCELS' | 'BAD_TRACKING' | 'REJECTS_SOME';

/** The fourth demo vendor: careless ship notices, and a webhook that refuses connections (the demo's failing transmission). */
export const wonka: Omit<Vendor, 'updatedAt'> = {
  vendorId: 'wonka',
  name: 'Wonka Kitchenware (API)',
  active: true,
  status: 'LIVE',
  channel: 'API',
  api: { webhookUrl: 'http://127.0.0.1:9/wonka/dropship', signingSecret: 'whsec_local_wonka_demo_secret' },
  contact: { name: 'Wonka orders', email: 'orders@wonka.example' },
  // Paid on shipment (as Walmart and fabric pay): an invoice is made for each of its shipments.
  invoicing: { mode: 'PAY_ON_SHIPMENT' },
  sla: { ...(demoVendors[0] as Vendor).sla, timeZone: 'America/Los_Angeles', holidayCalendar: 'US', holidays: [], calendarHolidays: calendarHolidays('US', new Date()) },
};
const kettle: Omit<Product, 'updatedAt'> = { sku: 'KETTLE-006', name: 'Copper kettle', sources: [{ vendorId: 'wonka', vendorSku: 'WK-6', unitCost: 3100, priority: 1, active: true }] };

const profiles: { vendorId: string; sku: string; behaviour: Behaviour }[] = [
  { vendorId: 'acme', sku: 'LAMP-001', behaviour: 'EXEMPLARY' },
  { vendorId: 'globex', sku: 'CHAIR-002', behaviour: 'SLOW_TO_ACKNOWLEDGE' },
  { vendorId: 'hooli', sku: 'RUG-005', behaviour: 'CANCELS' },
  { vendorId: 'wonka', sku: 'KETTLE-006', behaviour: 'BAD_TRACKING' },
  // Desks go to globex first (cheapest); those it rejects are re-routed to acme by the default rules.
  { vendorId: 'globex', sku: 'DESK-004', behaviour: 'REJECTS_SOME' },
];

/** A small seeded generator (mulberry32): the same history on every reset. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A valid UPS number for a serial (check digit by UPS's rule), as carriers would print it. */
export function upsNumber(serial: number): string {
  const body = `1DEMO01${String(serial).padStart(8, '0')}`;
  const values = [...body].map((c) => (/\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10));
  const sum = values.reduce((total, v, i) => total + (i % 2 === 1 ? v * 2 : v), 0);
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}

const hour = 3_600_000;

/**
 * Where the demo's customers live, and the extra hours their parcels spend in transit beyond the
 * carrier's base (a far region takes longer), so the learned promises differ by region.
 */
const destinations = [
  { city: 'Springfield', region: 'IL', postalCode: '62701', extraHours: [0, 6] },
  { city: 'Chicago', region: 'IL', postalCode: '60601', extraHours: [0, 6] },
  { city: 'New York', region: 'NY', postalCode: '10001', extraHours: [6, 20] },
  { city: 'Seattle', region: 'WA', postalCode: '98101', extraHours: [24, 48] },
] as const;

export interface DemoHistory {
  orders: number;
  /** Lines a vendor rejected that went to another source. */
  reroutes: number;
  days: number;
  /** The orders and POs as the table keeps them, and the vendor day items to add to. */
  items: Record<string, unknown>[];
  dayItems: { vendorId: string; day: string; counters: DayCounters; violations: DayViolations }[];
  /** The vendors' learned handling and transit (domain/delivery-learning), as the PO writes count them. */
  learned: { key: ItemKey; counters: DayCounters }[];
}

/**
 * Computes `days` days of history ending `endDaysAgo` days before `now` (every PO closed well
 * before now) from the demo catalog, without the table, so `npm start` runs it while DynamoDB Local boots.
 */
export async function buildDemoHistory(now: Date, options: { days?: number; endDaysAgo?: number } = {}): Promise<DemoHistory> {
  const days = options.days ?? 60;
  const endDaysAgo = options.endDaysAgo ?? 4;
  const updatedAt = now.toISOString();
  const vendors = new Map<string, Vendor>([...demoVendors, wonka].map((v) => [v.vendorId, { ...v, updatedAt }]));
  const products = new Map<string, Product>([...demoProducts, kettle].map((p) => [p.sku, { ...p, updatedAt }]));

  // The desks draw from a generator of their own, so the four vendors' histories stay as they were.
  let rng = random(2026);
  const main = rng;
  const desks = random(2027);
  // Destinations and their extra transit draw from their own generator too.
  const places = random(2028);
  // Invoices draw from their own generator as well.
  const billing = random(2029);
  /** Each invoice as it stands, and each revision a correction replaced (written once the payments are known). */
  const invoiceLog = new Map<string, Invoice>();
  const revisions: Record<string, unknown>[] = [];
  /**
   * The vendor's invoices for a shipped PO, as each vendor behaves: acme bills a day or two after
   * shipping, now and then with freight (disputed, then approved by ops); globex sometimes at an old
   * price (disputed, then corrected); hooli promptly and right; wonka is paid on shipment.
   */
  const invoiceHistory = (start: PurchaseOrder, vendor: Vendor): PurchaseOrder => {
    let po = start;
    const shipment = po.shipments[0];
    if (!shipment || po.test) return po;
    const receivedAt = new Date(Date.parse(shipment.receivedAt) + (vendor.vendorId === 'wonka' ? 0 : (12 + billing() * 48) * hour)).toISOString();
    const add = (invoice: Invoice) => {
      po = { ...po, invoices: { ...po.invoices, [invoice.invoiceNumber]: invoiceOnPo(invoice) } };
      const key = `${invoice.vendorId}#${invoice.invoiceNumber}`;
      // A corrected revision keeps the one it replaced beside it.
      for (const replaced of invoiceItems(invoice, invoiceLog.get(key)).slice(1)) revisions.push(replaced);
      invoiceLog.set(key, invoice);
      return invoice;
    };
    const base = shipmentInvoice(po, shipment.shipmentId);
    if (!base) return po;
    if (vendor.invoicing?.mode === 'PAY_ON_SHIPMENT') {
      add(receiveInvoice(base, { po, vendorId: vendor.vendorId, rules: defaultInvoicingRules, source: 'PAY_ON_SHIPMENT', at: shipment.receivedAt, shipmentId: shipment.shipmentId }));
      return po;
    }
    const input = { ...base, invoiceNumber: `${vendor.vendorId.toUpperCase().slice(0, 2)}-${po.poNumber.slice(3)}`, invoiceDate: receivedAt.slice(0, 10) };
    const roll = billing();
    const source = vendor.channel === 'EDI' ? 'EDI' : vendor.channel === 'PORTAL' ? 'PORTAL' : 'API';
    const receive = (sent: typeof input, at: string, previous?: Invoice) => receiveInvoice(sent, { po, vendorId: vendor.vendorId, ...(previous && { previous }), rules: defaultInvoicingRules, source, at });
    if (vendor.vendorId === 'acme' && roll < 0.1) {
      const disputed = add(receive({ ...input, charges: [{ type: 'FREIGHT', amount: 995, description: 'freight' }], total: input.total + 995 }, receivedAt));
      const decidedAt = new Date(Date.parse(receivedAt) + 20 * hour).toISOString();
      add(decideInvoice(disputed, 'APPROVE', 'expedited at the customer service team’s request: freight agreed', 'ops:demo', decidedAt));
    } else if (vendor.vendorId === 'globex' && roll < 0.15) {
      const oldPrice = input.lines.map((l) => ({ ...l, unitCost: Math.round(l.unitCost * 1.05) }));
      const disputed = add(receive({ ...input, lines: oldPrice, total: oldPrice.reduce((t, l) => t + l.quantity * l.unitCost, 0) }, receivedAt));
      add(receive(input, new Date(Date.parse(receivedAt) + 30 * hour).toISOString(), disputed));
    } else {
      add(receive(input, receivedAt));
    }
    return po;
  };
  const learned = new Map<string, { key: ItemKey; counters: DayCounters }>();
  /** Each sample with when it was learned, so an order is promised only from what was known when it was placed. */
  const known: { key: string; at: string; days: number }[] = [];
  const learn = (key: ItemKey, sample: LearningSample & { service?: string }, at: string) => {
    const item = learned.get(keyId(key)) ?? { key, counters: {} };
    item.counters[sampleAttribute(sample)] = (item.counters[sampleAttribute(sample)] ?? 0) + 1;
    learned.set(keyId(key), item);
    known.push({ key: keyId(key), at, days: sample.days });
  };
  const histogram = (key: ItemKey, before: Date): Histogram => {
    const from = new Date(before.getTime() - 60 * 24 * hour).toISOString();
    const until = before.toISOString();
    const counts: Histogram = {};
    for (const sample of known) if (sample.key === keyId(key) && sample.at >= from && sample.at < until) counts[sample.days] = (counts[sample.days] ?? 0) + 1;
    return counts;
  };
  const learnedBy = (placedAt: Date, region: string) =>
    new Map([...vendors.keys()].map((id) => [id, { handling: histogram(analyticsKeys.learnedHandling(id), placedAt), transit: histogram(analyticsKeys.learnedTransit(id, region), placedAt) }]));
  const chance = (p: number) => rng() < p;
  const between = (low: number, high: number) => low + rng() * (high - low);
  const items: Record<string, unknown>[] = [];
  const returns: ReturnRecord[] = [];
  const dayItems = new Map<string, { vendorId: string; day: string; counters: DayCounters; violations: DayViolations }>();
  const count = (vendorId: string, day: string, counters: DayCounters, violations: DayViolations = {}) => {
    const key = `${vendorId}|${day}`;
    const item = dayItems.get(key) ?? { vendorId, day, counters: { demoHistory: 1 }, violations: {} };
    for (const [name, value] of Object.entries(counters)) if (name !== 'demoHistory') item.counters[name] = (item.counters[name] ?? 0) + value;
    for (const [type, list] of Object.entries(violations) as [keyof DayViolations, string[]][]) item.violations[type] = [...new Set([...(item.violations[type] ?? []), ...list])];
    dayItems.set(key, item);
  };
  let serial = 0;
  let orders = 0;
  let reroutes = 0;
  /**
   * One PO's life from its transmission, by its vendor's behaviour, each change counted into the
   * vendor's day exactly as the store counts a live one. `offset`: hours after `placedAt` it starts.
   */
  const run = (start: PurchaseOrder, vendor: Vendor, behaviour: Behaviour, placedAt: Date, offset = 0): PurchaseOrder => {
    let po = start;
    /** One change, counted into the vendor's day exactly as the store counts a live one. */
    const step = (change: (current: PurchaseOrder) => PurchaseOrder | undefined) => {
      const next = change(po);
      if (!next || next === po) return;
      const delta = counterDeltas(po, next);
      if (delta) count(vendor.vendorId, delta.day, delta.counters, delta.violations);
      const samples = learningDeltas(po, next);
      if (samples?.handling) learn(analyticsKeys.learnedHandling(vendor.vendorId), samples.handling, next.updatedAt);
      for (const [region, list] of samples?.transit ?? []) for (const sample of list) learn(analyticsKeys.learnedTransit(vendor.vendorId, region), sample, next.updatedAt);
      po = next;
    };
    const at = (hours: number) => new Date(placedAt.getTime() + (offset + hours) * hour);
    const actor = (hours: number, by = `vendor:${vendor.vendorId}`) => ({ by, at: at(hours) });

    step((p) => markTransmitted(p, [1], { by: `workflow:transmit:${vendor.channel}`, at: at(0.05) }, withPublicHolidays(vendor.sla)));
    // Acknowledgment: on time, slow, a rejection, or never (the SLA check's auto-cancel).
    const ackHours = behaviour === 'SLOW_TO_ACKNOWLEDGE' ? between(2, 14) : between(0.5, 3);
    if (behaviour === 'CANCELS' && chance(0.12)) {
      step((p) => cancelLines(p, 'ALL', 'not acknowledged in time', actor(72, 'sla-check')));
      // The vendor accepts the cancellation in the portal: nothing in the history waits on anyone.
      step((p) => confirmCancellation(p, actor(75)));
    } else if (behaviour === 'CANCELS' && chance(0.15)) {
      step((p) => acknowledge(p, { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'out of stock at the mill' }] }, actor(ackHours)));
    } else if (behaviour === 'REJECTS_SOME' && chance(0.35)) {
      step((p) => acknowledge(p, { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'out of stock at the warehouse' }] }, actor(ackHours)));
    } else {
      step((p) => acknowledge(p, { estimatedShipDate: at(30).toISOString().slice(0, 10), lines: [{ lineNumber: 1, status: 'ACCEPTED' }] }, actor(ackHours)));
    }
    if (po.status === 'ACKNOWLEDGED') {
      const late = (behaviour === 'SLOW_TO_ACKNOWLEDGE' && chance(0.35)) || chance(0.03);
      const shipHours = late ? between(80, 110) : between(ackHours + 2, 26);
      const shipDate = at(shipHours).toISOString().slice(0, 10);
      const careless = behaviour === 'BAD_TRACKING';
      if (careless && chance(0.25)) {
        // A mistyped tracking number, refused as the API refuses it, before the right one.
        count(vendor.vendorId, vendorDay(at(shipHours - 1).toISOString(), po.sla?.timeZone), { trackingRefused: 1 }, { TRACKING_REFUSED: [po.poNumber] });
      }
      const unverified = careless && chance(0.2);
      const noticeHours = careless && chance(0.3) ? shipHours + between(30, 50) : shipHours;
      const trackingNumber = unverified ? `WF${String(++serial).padStart(9, '0')}` : upsNumber(++serial);
      step((p) =>
        recordShipment(
          p,
          { shipmentId: `DEMO-S${serial}`, ...(unverified ? { carrier: 'Wonka Freight' } : { carrier: 'UPS' }), service: 'GROUND', shipDate, source: 'API', packages: [{ trackingNumber, lines: [{ lineNumber: 1, quantity: p.lines[0]?.quantity ?? 1 }] }] },
          actor(noticeHours),
        ),
      );
      // The parcel: a first scan (sometimes missed long enough for the delay check), then delivered.
      const missedScan = careless && chance(0.15);
      const firstScan = noticeHours + (missedScan ? between(40, 60) : between(2, 8));
      if (missedScan) step((p) => applyDelayCheck(p, at(firstScan - 1)));
      const carrier = { by: 'carrier:demo' };
      step((p) => applyCarrierEvent(p, { trackingNumber, status: 'IN_TRANSIT', at: at(firstScan).toISOString(), location: 'Hub' }, { ...carrier, at: at(firstScan) }));
      const [low, high] = destinationOf(po).extraHours;
      const delivered = firstScan + between(20, 50) + low + places() * (high - low);
      step((p) => applyCarrierEvent(p, { trackingNumber, status: 'OUT_FOR_DELIVERY', at: at(delivered - 4).toISOString() }, { ...carrier, at: at(delivered - 4) }));
      step((p) => applyCarrierEvent(p, { trackingNumber, status: 'DELIVERED', at: at(delivered).toISOString() }, { ...carrier, at: at(delivered) }));
    }
    return po;
  };

  for (let dayIndex = days; dayIndex > endDaysAgo; dayIndex--) {
    // Lets the I/O of a start in progress (DynamoDB Local booting) go on between days.
    await new Promise((resolve) => setImmediate(resolve));
    const dayStart = new Date(now.getTime() - dayIndex * 24 * hour);
    for (const profile of profiles) {
      const vendor = vendors.get(profile.vendorId);
      if (!vendor) continue;
      rng = profile.behaviour === 'REJECTS_SOME' ? desks : main;
      const perDay = profile.behaviour === 'REJECTS_SOME' ? (chance(0.5) ? 1 : 0) : Math.floor(between(1, 4));
      for (let i = 0; i < perDay; i++) {
        const placedAt = new Date(dayStart.getTime() + between(1, 10) * hour);
        const n = ++orders;
        const place = destinations[Math.floor(places() * destinations.length)] ?? destinations[0];
        const placement = placeOrder(
          {
            storefrontOrderId: `DEMO-${String(n).padStart(5, '0')}`,
            currency: 'USD',
            customer: { name: `Demo Customer ${n}`, email: `demo+${n}@example.com`, phone: null },
            shippingAddress: { line1: `${n} Demo Street`, line2: null, city: place.city, region: place.region, postalCode: place.postalCode, country: 'US' },
            lines: [{ sku: profile.sku, quantity: chance(0.3) ? 2 : 1, unitPrice: 4999 }],
            notify: { email: false, sms: false },
            allowSourceFallback: false,
          },
          {
            orderId: `ord_demo_${String(n).padStart(5, '0')}`,
            storefrontId: 'demo-history',
            now: placedAt,
            products,
            vendors,
            stock: new Map(),
            // Promised as live orders are: from what the vendors' deliveries had taught by then (the SLA at first).
            learned: learnedBy(placedAt, regionOf({ postalCode: place.postalCode, country: 'US' })),
            newPoNumber: () => `PO-DEMO${String(n).padStart(5, '0')}`,
          },
        );
        const order = { ...placement.order };
        let po = run({ ...(placement.purchaseOrders[0] as PurchaseOrder), demo: true }, vendor, profile.behaviour, placedAt);
        const rerouted: PurchaseOrder[] = [];
        // A rejected desk goes to the next source by the default rules, as the Reroute task would move it.
        const dropped = po.lines.find((l) => l.status === 'REJECTED');
        if (profile.behaviour === 'REJECTS_SOME' && dropped && po.acknowledgedAt) {
          const movedAt = new Date(Date.parse(po.acknowledgedAt) + 0.02 * hour);
          const marked = markDropped(po, [dropped.lineNumber], 'REJECTED', movedAt);
          const line = marked.lines.find((l) => l.lineNumber === dropped.lineNumber) as PurchaseOrderLine;
          const decision = decideReroute(droppedLineOf(marked, line), products.get(profile.sku), defaultRoutingRules, { vendors, stock: new Map(), now: movedAt });
          if (decision.outcome === 'REROUTE') {
            const next = { ...reroutedPurchaseOrder(marked, [{ line, decision }], `${po.poNumber}R`, new Map(), movedAt), demo: true };
            const outcome = { outcome: 'REROUTED' as const, poNumber: next.poNumber, vendorId: next.vendorId, reason: decision.reason, at: movedAt.toISOString() };
            const decided = advance(marked, { lines: marked.lines.map((l) => (l === line ? { ...l, reroute: outcome } : l)) }, { by: 'rerouting', at: movedAt }, `line ${line.lineNumber} re-routed to ${next.poNumber} (${decision.reason})`);
            const delta = counterDeltas(po, decided);
            if (delta) count(vendor.vendorId, delta.day, delta.counters, delta.violations);
            po = decided;
            const nextVendor = vendors.get(next.vendorId) as Vendor;
            rerouted.push(run(next, nextVendor, 'EXEMPLARY', movedAt));
            order.lines = order.lines.map((l) => (l.lineNumber === line.orderLineNumber ? { ...l, vendorId: next.vendorId, poNumber: next.poNumber } : l));
            order.poNumbers = [...order.poNumbers, next.poNumber];
            reroutes++;
          }
        }
        po = invoiceHistory(po, vendor);
        // About one delivered order in nine comes back: rejected, credited, credited damaged, or kept by the customer.
        const returned = n % 9 === 4 ? historyReturn(order, po, vendor.returns, n, now) : undefined;
        if (returned) {
          po = returned.po;
          returns.push(returned.record);
        }
        const reroutedInvoiced = rerouted.map((r) => invoiceHistory(r, vendors.get(r.vendorId) as Vendor));
        items.push(orderToItem({ ...order, demo: true }), ...[po, ...reroutedInvoiced].flatMap(purchaseOrderItems));
      }
    }
  }

  // One payment per vendor, for the history's first month: its approved invoices to then, less that month's compliance charges.
  const first = new Date(now.getTime() - days * 24 * hour).toISOString().slice(0, 10);
  const paidTo = new Date(now.getTime() - (days - 30) * 24 * hour).toISOString().slice(0, 10);
  const paid = new Map<string, { reference: string; paymentDate: string }>();
  const approvedInvoices = [...invoiceLog.values()].filter((i) => i.status === 'APPROVED');
  for (const vendorId of vendors.keys()) {
    const period = { from: first, to: paidTo };
    const inPeriod = [...dayItems.values()].filter((d) => d.vendorId === vendorId && d.day >= period.from && d.day <= period.to);
    const credited = returns.filter((r) => r.vendorId === vendorId && r.status === 'CREDITED' && r.updatedAt <= `${period.to}T23:59:59.999Z`);
    const credits = credited.map((r) => ({ rmaId: r.rmaId, poNumber: r.poNumber, amount: r.credit?.amount ?? 0 }));
    const payables = payablesOf({ vendorId, currency: 'USD', period, approved: approvedInvoices.filter((i) => i.vendorId === vendorId), charges: vendorCharges(vendorId, period, inPeriod, defaultComplianceRules), credits });
    const paymentDate = new Date(now.getTime() - (days - 33) * 24 * hour).toISOString().slice(0, 10);
    const remittance = remittanceOf(payables, { reference: `DEMO-${vendorId.toUpperCase()}-1`, paymentDate, at: `${paymentDate}T15:00:00.000Z`, by: 'ops:demo' });
    items.push(remittanceToItem({ ...remittance, delivery: { channel: vendors.get(vendorId)?.channel ?? 'API', status: 'SENT', at: `${paymentDate}T15:00:05.000Z` } }));
    for (const invoice of remittance.invoices) paid.set(`${vendorId}#${invoice.invoiceNumber}`, { reference: remittance.reference, paymentDate });
    const taken = new Set(remittance.deductions.filter((d) => d.rule === 'RETURN').map((d) => d.fromReference));
    returns.forEach((r, i) => {
      if (taken.has(r.rmaId)) returns[i] = settleReturn(r, remittance.reference, `${paymentDate}T15:00:00.000Z`);
    });
  }
  items.push(...returns.map(returnToItem));
  // Each invoice as it stands (paid ones as the payment left them), and every revision.
  for (const [key, invoice] of invoiceLog) {
    const paidBy = paid.get(key);
    items.push(invoiceItems(paidBy ? { ...invoice, status: 'PAID', paidBy } : invoice)[0] as Record<string, unknown>);
  }
  items.push(...revisions);

  return { orders, reroutes, days, items, dayItems: [...dayItems.values()], learned: [...learned.values()] };
}

const destinationOf = (po: PurchaseOrder) => destinations.find((d) => d.postalCode === po.shipTo.postalCode) ?? destinations[0];

/** Writes the history: the fourth vendor and its product, the orders and POs (BatchWrite), then each vendor day and learned aggregate (one ADD each). */
export async function writeDemoHistory(table: Table, history: DemoHistory, now: Date): Promise<void> {
  const start = new Date(now.getTime() - history.days * 24 * hour);
  if (!(await getVendor(table, wonka.vendorId))) await putVendor(table, { ...wonka, createdAt: start.toISOString(), updatedAt: now.toISOString() });
  if (!(await getProduct(table, kettle.sku))) await putProduct(table, { ...kettle, updatedAt: now.toISOString() });
  await writeAll(table, history.items);
  const updates = history.dayItems;
  const all = [...updates.map((d) => counterUpdate(table.name, analyticsKeys.day(d.vendorId, d.day), d.counters, d.violations)), ...history.learned.map((l) => counterUpdate(table.name, l.key, l.counters))];
  for (let i = 0; i < all.length; i += 16) await Promise.all(all.slice(i, i + 16).map((update) => table.db.send(new UpdateCommand(update))));
}
