import type { Product, Vendor } from '../functions/domain/catalog';
import { openException } from '../functions/domain/exceptions';
import type { PurchaseOrder } from '../functions/domain/orders';
import { placeOrder } from '../functions/domain/order-placement';
import { withPublicHolidays } from '../functions/domain/sla-calendar';
import { acknowledge, advance, cancelLines, markTransmitted, recordShipment, type Actor } from '../functions/domain/purchase-order-lifecycle';
import { flagAcknowledgment } from '../functions/services/vendor-events';
import { applyCarrierEvent } from '../functions/domain/package-tracking';
import { applyDelayCheck, applySlaCheck } from '../functions/domain/sla-checks';
import { writeAll } from '../functions/store/batch-write';
import { getProduct } from '../functions/store/catalog-store';
import { orderToItem, purchaseOrderItems, readSources } from '../functions/store/order-store';
import type { Table } from '../functions/store/table';
import type { Dependencies } from '../functions/dependencies';
import { changePurchaseOrder, getPurchaseOrder } from '../functions/store/purchase-order-store';
import { createRerouteTask } from '../functions/workflow/reroute';
import { trackingPointerItems } from '../functions/store/tracking-store';
import type { MailboxStore } from '../functions/store/mailbox-store';
import { dueEvents, fateOf, type Fate } from './carrier-simulator';
import { upsNumber, wonka } from './demo-history';
import { shipmentInvoice } from '../functions/domain/invoices';
import { submitInvoice } from '../functions/services/invoicing';
import type { Order } from '../functions/domain/orders';
import type { ReturnRecord } from '../functions/domain/returns';
import { returnItems as itemsOfReturn, withReturn } from '../functions/services/returns';
import { presentReturn } from './demo-returns';

/**
 * The demo's present, on top of its 60 finished days: a dozen orders placed over the last week and
 * left where a live program has them — a PO in every status and an open exception of every kind —
 * so the Dropship and Exceptions tabs show work on a fresh `npm start`. Each PO is placed by the
 * placement rules and moved by the same lifecycle functions and store transaction (`changePurchaseOrder`:
 * exception records, day counters, list entries) a live one goes through, back-dated, with the
 * hourly checks and the carrier simulator run between its steps, so the overdue, delayed and parcel
 * exceptions open themselves when they fall due. The runner then resumes their workflows. Like the
 * history, orders are `demo` (no customer messages); unlike it, they wait on someone, and the
 * schedules move them on.
 */
const hour = 3_600_000;

type Step = (po: PurchaseOrder, actor: (by?: string) => Actor) => PurchaseOrder | undefined;

interface Scene {
  /** What the Dropship tab should come to show for it, for the reader. */
  shows: string;
  sku: string;
  quantity?: number;
  placedHoursAgo: number;
  /** Hours ago each step happened (a step may be skipped by returning undefined); REROUTE runs the workflow's Reroute task then. */
  steps?: [number, Step | 'REROUTE'][];
}

const dateOf = (hoursAgo: number, now: Date) => new Date(now.getTime() - hoursAgo * hour).toISOString().slice(0, 10);

/** A valid UPS number the offline carrier simulator gives the fate asked for. */
function trackingFor(fate: Fate, from: number): string {
  for (let serial = from; ; serial++) if (fateOf(upsNumber(serial)) === fate) return upsNumber(serial);
}

/** The acme 855 whose BAK03 names a PO that does not exist (a typo): refused with the reason, an EDI_REJECTED for ops. */
const mistypedAcknowledgment = (now: Date) => {
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  const isaDate = date.slice(2);
  return [
    `ISA*00*          *00*          *ZZ*ACMESUPPLY     *ZZ*DROPSHIPOMS    *${isaDate}*0905*U*00401*000000901*0*P*>`,
    `GS*PR*ACMESUPPLY*DROPSHIPOMS*${date}*0905*901*X*004010`,
    'ST*855*0001',
    `BAK*00*AC*PO-LIVE0O004*${date}`,
    'PO1*1*1*EA*12.00**VP*AC-100',
    'ACK*IA*1*EA',
    'CTT*1',
    'SE*6*0001',
    'GE*1*901',
    'IEA*1*000000901',
    '',
  ].join('~\n');
};

export interface DemoPresent {
  orders: number;
  /** The mailbox file refused on arrival (put once the mailboxes are watched). */
  refusedFile: { key: string; body: string };
}

export async function writeDemoPresent(table: Table, now: Date): Promise<DemoPresent> {
  const ship = (sku: string, trackingNumber: string, quantity?: number): Step => (po, actor) =>
    recordShipment(
      po,
      { shipmentId: `LIVE-S-${po.poNumber}-${po.shipments.length + 1}`, carrier: 'UPS', service: 'GROUND', shipDate: dateOf(0, actor().at), source: 'API', packages: [{ trackingNumber, lines: [{ lineNumber: 1, quantity: quantity ?? po.lines[0]?.quantity ?? 1 }] }] },
      actor(),
    );
  /** Accepts every line, promising to ship `shipHoursAgo` hours before now (negative: in the future). */
  const accept = (shipHoursAgo: number): Step => (po, actor) =>
    acknowledge(po, { estimatedShipDate: dateOf(shipHoursAgo, now), lines: po.lines.map((l) => ({ lineNumber: l.lineNumber, status: 'ACCEPTED' as const })), shipDateSource: 'VENDOR' }, actor());
  // Customer returns on delivered scenes' POs: each step writes the return with its PO.
  const placedOrders = new Map<string, Order>();
  const returned = new Map<string, ReturnRecord>();
  const returnItems: Record<string, unknown>[] = [];
  const withRecord = (po: PurchaseOrder, record: ReturnRecord, by: string) => {
    returnItems.push(...itemsOfReturn(returned.get(po.poNumber), record));
    returned.set(po.poNumber, record);
    return withReturn(po, record, by);
  };
  const askReturn = (rmaId: string, reason: ReturnRecord['reason']): Step => (po, actor) =>
    withRecord(po, presentReturn.ask(placedOrders.get(po.orderId) as Order, po, vendors.get(po.vendorId)?.returns, rmaId, actor().at, reason), 'storefront:demo-history');
  const approveReturn = (label: string): Step => (po, actor) =>
    withRecord(po, presentReturn.approveWithLabel(returned.get(po.poNumber) as ReturnRecord, label, actor().at), actor().by);
  const parcelBack: Step = (po, actor) => withRecord(po, presentReturn.parcelDelivered(returned.get(po.poNumber) as ReturnRecord, actor().at), 'carrier:demo');
  const scenes: Scene[] = [
    {
      shows: 'PENDING, TRANSMISSION_FAILED: wonka\'s webhook refuses connections; the workflow keeps retrying',
      sku: 'KETTLE-006', placedHoursAgo: 0.4,
      steps: [[0.35, (po, actor) => advance(po, openException(po, 'TRANSMISSION_FAILED', `POST ${wonka.api?.webhookUrl}: connect ECONNREFUSED (4 attempts)`, actor().at), actor('workflow:transmit:API'))]],
    },
    // Sent for real once the workflows resume: its 850 lands in acme's SFTP /out.
    { shows: 'PENDING → SENT_TO_VENDOR: its 850 goes to acme\'s mailbox as you watch', sku: 'LAMP-001', placedHoursAgo: 0.05 },
    { shows: 'SENT_TO_VENDOR, its acknowledgment due in minutes (ACK_OVERDUE at the next SLA check after)', sku: 'RUG-005', placedHoursAgo: 23.9, steps: [[23.85, transmit]] },
    { shows: 'SENT_TO_VENDOR, ACK_OVERDUE', sku: 'CHAIR-002', placedHoursAgo: 9, steps: [[8.95, transmit]] },
    { shows: 'ACKNOWLEDGED, SHIP_OVERDUE and DELAYED', sku: 'CHAIR-002', placedHoursAgo: 150, steps: [[149.9, transmit], [148, accept(120)]] },
    {
      shows: 'ACKNOWLEDGED with a backorder whose date has passed: BACKORDER_OVERDUE',
      sku: 'RUG-005', quantity: 2, placedHoursAgo: 130,
      steps: [
        [129.9, transmit],
        [120, (po, actor) => acknowledge(po, { estimatedShipDate: dateOf(48, now), lines: [{ lineNumber: 1, status: 'BACKORDERED', backorderDate: dateOf(48, now) }], shipDateSource: 'VENDOR' }, actor())],
      ],
    },
    {
      shows: 'ACKNOWLEDGED with a backorder and no date (an 855 ACK*IB without one): BACKORDER_DATE_MISSING',
      sku: 'CHAIR-002', placedHoursAgo: 20,
      steps: [[19.9, transmit], [18, (po, actor) => acknowledge(po, { lines: [{ lineNumber: 1, status: 'BACKORDERED' }], shipDateSource: 'SLA' }, actor())]],
    },
    {
      shows: 'REJECTED: VENDOR_REJECTED',
      sku: 'RUG-005', placedHoursAgo: 6,
      steps: [[5.9, transmit], [2, (po, actor) => acknowledge(po, { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'out of stock at the mill' }] }, actor())]],
    },
    { shows: 'PARTIALLY_DISPATCHED: one chair of two on its way', sku: 'CHAIR-002', quantity: 2, placedHoursAgo: 30, steps: [[29.9, transmit], [28, accept(-24)], [3, ship('CHAIR-002', trackingFor('DELIVERED', 500), 1)]] },
    { shows: 'DISPATCHED, never scanned: NO_CARRIER_SCAN', sku: 'CHAIR-002', placedHoursAgo: 200, steps: [[199.9, transmit], [198, accept(170)], [170, ship('CHAIR-002', trackingFor('NEVER_SCANNED', 600))]] },
    { shows: 'DISPATCHED, silent since the hub: STUCK_IN_TRANSIT', sku: 'RUG-005', placedHoursAgo: 220, steps: [[219.9, transmit], [218, accept(200)], [200, ship('RUG-005', trackingFor('LOST', 700))]] },
    { shows: 'DISPATCHED, out for delivery: DELIVERED a few minutes after start', sku: 'CHAIR-002', placedHoursAgo: 60, steps: [[59.9, transmit], [58, accept(49.9)], [49.9, ship('CHAIR-002', trackingFor('DELIVERED', 800))]] },
    { shows: 'DELIVERED', sku: 'CHAIR-002', placedHoursAgo: 80, steps: [[79.9, transmit], [78, accept(70)], [70, ship('CHAIR-002', trackingFor('DELIVERED', 900))]] },
    {
      shows: 'REJECTED by globex, re-routed to acme, then shipped by globex anyway: SHIPPED_AFTER_REROUTE',
      sku: 'DESK-004', placedHoursAgo: 60,
      steps: [
        [59.9, transmit],
        [50, (po, actor) => acknowledge(po, { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'damaged in our warehouse' }] }, actor())],
        [49.9, 'REROUTE'],
        [8, ship('DESK-004', trackingFor('DELIVERED', 1000))],
      ],
    },
    {
      shows: 'DELIVERED, then returned (RMA-LIVE0001): globex has not answered in its 48 hours, RETURN_NOT_ANSWERED',
      sku: 'CHAIR-002', placedHoursAgo: 300,
      steps: [[299.9, transmit], [298, accept(290)], [290, ship('CHAIR-002', trackingFor('DELIVERED', 1100))], [72, askReturn('RMA-LIVE0001', 'DEFECTIVE')]],
    },
    {
      shows: 'DELIVERED, return RMA-LIVE0002 approved with a prepaid label, the parcel at globex for six days unconfirmed: RETURN_NOT_RECEIVED',
      sku: 'CHAIR-002', placedHoursAgo: 400,
      steps: [[399.9, transmit], [398, accept(390)], [390, ship('CHAIR-002', trackingFor('DELIVERED', 1200))], [260, askReturn('RMA-LIVE0002', 'NOT_AS_DESCRIBED')], [250, approveReturn(upsNumber(1300))], [150, parcelBack]],
    },
    {
      shows: 'DELIVERED, return RMA-LIVE0003 asked an hour ago: acme answers in the portal or by 180',
      sku: 'LAMP-001', placedHoursAgo: 250,
      steps: [[249.9, transmit], [248, accept(240)], [240, ship('LAMP-001', trackingFor('DELIVERED', 1400))], [1, askReturn('RMA-LIVE0003', 'DAMAGED')]],
    },
    {
      shows: 'CANCELLED by the customer, awaiting hooli\'s confirmation in the portal',
      sku: 'RUG-005', placedHoursAgo: 26,
      steps: [[25.9, transmit], [1, (po, actor) => cancelLines(po, 'ALL', 'the customer changed their mind', actor('storefront:demo'))]],
    },
  ];

  const products = new Map<string, Product>();
  const vendors = new Map<string, Vendor>();
  function transmit(po: PurchaseOrder, actor: (by?: string) => Actor): PurchaseOrder {
    const vendor = vendors.get(po.vendorId) as Vendor;
    return markTransmitted(po, po.lines.map((l) => l.lineNumber), actor(`workflow:transmit:${vendor.channel}`), withPublicHolidays(vendor.sla));
  }

  for (const sku of new Set(scenes.map((s) => s.sku))) {
    const product = await getProduct(table, sku);
    if (product) products.set(sku, product);
  }
  for (const [vendorId, vendor] of (await readSources(table, products.values())).vendors) vendors.set(vendorId, vendor);
  let n = 0;
  for (const scene of scenes) {
    const placedAt = new Date(now.getTime() - scene.placedHoursAgo * hour);
    const number = String(++n).padStart(4, '0');
    const placement = placeOrder(
      {
        storefrontOrderId: `LIVE-${number}`,
        currency: 'USD',
        customer: { name: `Demo Customer L${number}`, email: `demo+live${number}@example.com`, phone: null },
        shippingAddress: { line1: `${n} Market Street`, line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
        lines: [{ sku: scene.sku, quantity: scene.quantity ?? 1, unitPrice: 4999 }],
        notify: { email: false, sms: false },
        allowSourceFallback: false,
      },
      // Stock is not taken: the demo's own stock stays for the newcomer's orders.
      { orderId: `ord_live_${number}`, storefrontId: 'demo-history', now: placedAt, products, vendors, stock: new Map(), newPoNumber: () => `PO-LIVE${number}` },
    );
    let po: PurchaseOrder = { ...(placement.purchaseOrders[0] as PurchaseOrder), demo: true };
    placedOrders.set(placement.order.orderId, placement.order);
    await writeAll(table, [orderToItem({ ...placement.order, demo: true }), ...purchaseOrderItems(po)]);
    /** One change at `at`, through the PO's own transaction (exception records, counters, list entry). */
    const save = async (at: Date, change: (current: PurchaseOrder) => PurchaseOrder | undefined) => {
      const moved = change(po);
      if (!moved || moved === po) return;
      const next = flagAcknowledgment(po, moved, at);
      const shipment = next.shipments.length > po.shipments.length ? next.shipments.at(-1) : undefined;
      const items = [...(shipment ? trackingPointerItems(next, shipment) : []), ...returnItems.splice(0)];
      po = (await changePurchaseOrder(table, po.poNumber, () => ({ next, response: null, items }), { initial: po })).after;
    };
    // The PO's life: its steps, and between them the hourly schedules and the carrier simulator, as
    // if the service had been running all along, so each exception opened when it fell due.
    const steps = (scene.steps ?? []).map(([hoursAgo, step]) => ({ at: now.getTime() - hoursAgo * hour, step }));
    for (let tick = placedAt.getTime() + hour; ; tick = Math.min(tick + hour, now.getTime())) {
      while (steps[0] && steps[0].at <= tick) {
        const { at, step } = steps.shift() as (typeof steps)[number];
        if (step === 'REROUTE') po = await rerouteAt(table, po.poNumber, new Date(at), `PO-LIVE${number}R`);
        else await save(new Date(at), (current) => step(current, (by = `vendor:${current.vendorId}`) => ({ by, at: new Date(at) })));
      }
      const at = new Date(tick);
      await save(at, (current) => {
        const scanned = dueEvents(current, tick).reduce((p, event) => applyCarrierEvent(p, event, { by: 'carrier-simulator', at: new Date(event.at) }), current);
        const checked = applySlaCheck(scanned, at)?.po ?? scanned;
        return applyDelayCheck(checked, at) ?? checked;
      });
      if (tick >= now.getTime()) break;
    }
  }
  // An invoice waiting on ops: globex billed the delivered chair at last month's price (Invoices tab, disputed).
  const deliveredChair = `PO-LIVE${String(scenes.findIndex((s) => s.shows === 'DELIVERED') + 1).padStart(4, '0')}`;
  const chair = await getPurchaseOrder(table, deliveredChair);
  const billed = chair?.shipments[0] && shipmentInvoice(chair, chair.shipments[0].shipmentId);
  if (billed) {
    const oldPrice = billed.lines.map((l) => ({ ...l, unitCost: Math.round(l.unitCost * 1.05) }));
    const input = { ...billed, invoiceNumber: 'GX-LIVE-0001', invoiceDate: now.toISOString().slice(0, 10), lines: oldPrice, total: oldPrice.reduce((t, l) => t + l.quantity * l.unitCost, 0) };
    await submitInvoice({ table, now: () => new Date(now.getTime() - 2 * hour) }, 'globex', input, 'API');
  }
  return { orders: n, refusedFile: { key: 'mailboxes/acme/in/855_000000901.edi', body: mistypedAcknowledgment(now) } };
}

/**
 * The workflow's Reroute task, run back-dated: the new PO is written PENDING (its workflow starts
 * when the runner resumes open POs) with the number given. Returns the dropped PO as it now stands.
 */
async function rerouteAt(table: Table, poNumber: string, at: Date, newPoNumber: string): Promise<PurchaseOrder> {
  const deps = {
    table,
    now: () => at,
    ids: { poNumber: () => newPoNumber },
    workflow: { start: async () => undefined, wake: async () => undefined },
  } as unknown as Dependencies;
  await createRerouteTask(() => deps)({ poNumber });
  return (await getPurchaseOrder(table, poNumber)) as PurchaseOrder;
}

/** Puts the refused file where acme's translator would: the mailbox handler reads it, refuses it and answers with a 997. */
export const deliverRefusedFile = (mailboxes: MailboxStore, present: DemoPresent) => mailboxes.put(present.refusedFile.key, present.refusedFile.body);
