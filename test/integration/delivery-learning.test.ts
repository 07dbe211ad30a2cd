import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/http/api-handler';
import { operations as orders } from '../../functions/api/orders';
import { operations as analytics } from '../../functions/api/analytics';
import type { Dependencies } from '../../functions/dependencies';
import type { PurchaseOrder } from '../../functions/domain/orders';
import { applyCarrierEvent } from '../../functions/domain/package-tracking';
import { acknowledge, markTransmitted, recordShipment } from '../../functions/domain/purchase-order-lifecycle';
import { addBusinessDaysToDate } from '../../functions/domain/sla-calendar';
import { putProduct, putVendor } from '../../functions/store/catalog-store';
import { changePurchaseOrder } from '../../functions/store/purchase-order-store';
import type { Table } from '../../functions/store/table';
import { upsNumber } from '../../local/demo-history';
import { aProduct, aVendor, anOrder } from '../support/builders';
import { invoke, ops, storefront, type Invocation } from '../support/invoke';
import { createTestTable, testDependencies } from '../support/test-table';

/**
 * A vendor's promise learned from what it and its carrier really did: POs placed, sent, shipped,
 * scanned and delivered through the PO's own write (back-dated), then asked for an estimate.
 * tortoise (New York, 14:00 cut-off) promises 3 business days to ship and 6 in transit by its SLA;
 * really it hands parcels over in 1 business day (2 for every fourth PO), and its parcels take 4
 * business days to Seattle (5 for every third) and 1 to New York (2 for every sixth).
 */
let table: Table;
let deps: Dependencies;
const vendor = aVendor({ vendorId: 'tortoise', sla: { ...aVendor().sla, timeZone: 'America/New_York', shipWithinBusinessDays: 3, transitBusinessDays: { '*': 6 } } });
const product = aProduct({ sku: 'SHELL-1', vendorIds: ['tortoise'] });
const seattle = { country: 'US', postalCode: '98101' };
const newYork = { country: 'US', postalCode: '10001' };
// Tuesday 1 December 2026, 10:00 in New York: before the cut-off.
const at = '2026-12-01T15:00:00Z';

const call = (operationId: 'estimateDelivery' | 'placeOrder' | 'getOrder', request: Omit<Invocation, 'principal'>, now = at) =>
  invoke(createApiHandler(orders, () => ({ ...deps, now: () => new Date(now) })), operationId, { principal: storefront, ...request });
const estimateFor = async (destination: { country: string; postalCode: string }) =>
  (await call('estimateDelivery', { body: { destination, at, lines: [{ sku: 'SHELL-1', quantity: 1 }] } })).body.lines[0];

const change = (poNumber: string, decide: (po: PurchaseOrder) => PurchaseOrder) => changePurchaseOrder(table, poNumber, (po) => ({ next: decide(po), response: null }));
/** An instant on a New York calendar day, at a local hour (EST in these weeks: UTC-5). */
const nyTime = (day: string, hour: number) => new Date(`${day}T${String(hour + 5).padStart(2, '0')}:00:00Z`);

let serial = 0;
/** One PO of the history: placed and sent on `day` at 10:00, first scanned `handling` business days later, delivered `transit` after that. */
async function deliveredPo(day: string, destination: { postalCode: string; city: string; region: string }, handling: number, transit: number) {
  const n = ++serial;
  const order = anOrder({ skus: ['SHELL-1'], shippingAddress: { line1: `${n} Shell St`, line2: null, country: 'US', ...destination } });
  const placed = await call('placeOrder', { body: order, headers: { 'Idempotency-Key': `history-${n}` } }, nyTime(day, 10).toISOString());
  expect(placed.status).toBe(201);
  const poNumber = placed.body.purchaseOrders[0].poNumber as string;
  const scanDay = addBusinessDaysToDate(day, handling, vendor.sla);
  const deliveredDay = addBusinessDaysToDate(scanDay, transit, vendor.sla);
  const trackingNumber = upsNumber(9000 + n);
  // Sent, shipped and first scanned in one write (the handling sample), delivered in another (the transit sample).
  await change(poNumber, (po) => {
    const sent = markTransmitted(po, [1], { by: 'test', at: nyTime(day, 10) }, vendor.sla);
    const shipped = recordShipment(sent, { shipmentId: `S${n}`, carrier: 'UPS', service: 'GROUND', shipDate: scanDay, source: 'API', packages: [{ trackingNumber, lines: [{ lineNumber: 1, quantity: 1 }] }] }, { by: 'vendor', at: nyTime(scanDay, 9) });
    return applyCarrierEvent(shipped, { trackingNumber, status: 'IN_TRANSIT', at: nyTime(scanDay, 17).toISOString() }, { by: 'carrier', at: nyTime(scanDay, 17) });
  });
  const delivered = nyTime(deliveredDay, 14);
  await change(poNumber, (po) => applyCarrierEvent(po, { trackingNumber, status: 'DELIVERED', at: delivered.toISOString() }, { by: 'carrier', at: delivered }));
}

/** Weekdays from `from`, `count` of them. */
const weekdays = (from: string, count: number) => {
  const days: string[] = [];
  for (let day = from; days.length < count; day = addBusinessDaysToDate(day, 1, vendor.sla)) days.push(day);
  return days;
};

beforeAll(async () => {
  table = await createTestTable();
  deps = testDependencies(table);
  await putVendor(table, vendor);
  await putProduct(table, product);
});

describe('delivery promises learned from history', () => {
  it('promises by the SLA without history, learns handling after 20 POs and transit per region after 10 packages', async () => {
    // No history: the SLA's 3 days to ship (Fri 4 Dec) and 6 in transit, from today (Tue 1 Dec).
    expect(await estimateFor(seattle)).toMatchObject({
      basis: 'SLA', sampleSize: 0, shipBy: '2026-12-04', deliveryWindow: { earliest: '2026-12-09', latest: '2026-12-14' }, transit: { basis: 'SLA', sampleSize: 0, low: 6, high: 6 },
    });

    const seattlePlace = { postalCode: '98101', city: 'Seattle', region: 'WA' };
    const newYorkPlace = { postalCode: '10001', city: 'New York', region: 'NY' };
    const days = weekdays('2026-10-19', 18);
    let i = 0;
    const next = async (place: typeof seattlePlace, transit: (k: number) => number, k: number) => {
      const day = days[Math.floor(i / 2)] as string;
      await deliveredPo(day, place, i % 4 === 0 ? 2 : 1, transit(k));
      i++;
    };
    for (let k = 0; k < 19; k++) await next(seattlePlace, (n) => (n % 3 === 0 ? 5 : 4), k);
    // 19 POs: too few for handling (the SLA still), enough packages to Seattle for its transit.
    expect(await estimateFor(seattle)).toMatchObject({ basis: 'SLA', sampleSize: 0, shipBy: '2026-12-04', transit: { basis: 'LEARNED', sampleSize: 19, low: 4, high: 5 } });

    for (let k = 19; k < 24; k++) await next(seattlePlace, (n) => (n % 3 === 0 ? 5 : 4), k);
    for (let k = 0; k < 12; k++) await next(newYorkPlace, (n) => (n % 6 === 0 ? 2 : 1), k);

    // 36 POs: handling 1 day (27) or 2 (9), p90 2 → ships by Thu 3 Dec. Seattle: 4 days (16) or 5 (8) in
    // transit, so order to door takes 5 (50 %), 6 (42 %) or 7 business days (8 %): p10–p90 is 5–6 days.
    const west = await estimateFor(seattle);
    expect(west).toMatchObject({ basis: 'LEARNED', sampleSize: 36, shipBy: '2026-12-03', deliveryWindow: { earliest: '2026-12-08', latest: '2026-12-09' }, transit: { basis: 'LEARNED', sampleSize: 24, low: 4, high: 5 } });
    // The same vendor to New York, whose parcels take 1 day (10) or 2 (2): order to door 2 (63 %), 3 (33 %) or 4 days.
    const east = await estimateFor(newYork);
    expect(east).toMatchObject({ basis: 'LEARNED', sampleSize: 36, shipBy: '2026-12-03', deliveryWindow: { earliest: '2026-12-03', latest: '2026-12-04' }, transit: { basis: 'LEARNED', sampleSize: 12, low: 1, high: 2 } });
    // A region it has never shipped to: learned handling, the SLA's transit.
    expect(await estimateFor({ country: 'US', postalCode: '33101' })).toMatchObject({ basis: 'LEARNED', shipBy: '2026-12-03', transit: { basis: 'SLA', low: 6, high: 6 } });
  });

  it('promises at the order what the estimate said, moves it with the acknowledgment and the shipment, and counts a late delivery against it', async () => {
    const estimate = (await call('estimateDelivery', { body: { destination: seattle, at, lines: [{ sku: 'SHELL-1', quantity: 1 }] } })).body;
    const order = anOrder({ skus: ['SHELL-1'], shippingAddress: { line1: '9 Pike St', line2: null, city: 'Seattle', region: 'WA', postalCode: '98101', country: 'US' } });
    const placed = await call('placeOrder', { body: order, headers: { 'Idempotency-Key': 'promise-moves' } });
    expect(placed.body).toMatchObject({ promisedDeliveryBy: estimate.deliveryBy, promisedAtOrder: { shipBy: estimate.shipBy, deliveryBy: estimate.deliveryBy } });
    const poNumber = placed.body.purchaseOrders[0].poNumber as string;
    expect(placed.body.purchaseOrders[0]).toMatchObject({ promise: { basis: 'LEARNED', deliveryWindow: estimate.lines[0].deliveryWindow }, promisedDeliveryBy: '2026-12-09' });

    const late = upsNumber(8999);
    const promisedNow = async () => (await call('getOrder', { params: { orderId: placed.body.orderId } })).body;
    await change(poNumber, (po) => markTransmitted(po, [1], { by: 'test', at: new Date(at) }, vendor.sla));
    // The vendor says it ships Monday 7 December: delivered 4–5 business days later.
    await change(poNumber, (po) => acknowledge(po, { estimatedShipDate: '2026-12-07', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] }, { by: 'vendor', at: new Date(at) }));
    expect((await promisedNow()).promisedDeliveryBy).toBe('2026-12-14');
    expect((await promisedNow()).purchaseOrders[0].deliveryWindow).toEqual({ earliest: '2026-12-11', latest: '2026-12-14' });
    // It ships Tuesday 8th instead.
    await change(poNumber, (po) => recordShipment(po, { shipmentId: 'LATE-1', carrier: 'UPS', service: 'GROUND', shipDate: '2026-12-08', source: 'API', packages: [{ trackingNumber: late, lines: [{ lineNumber: 1, quantity: 1 }] }] }, { by: 'vendor', at: nyTime('2026-12-08', 9) }));
    const moved = await promisedNow();
    expect(moved.promisedDeliveryBy).toBe('2026-12-15');
    expect(moved.promisedAtOrder.deliveryBy).toBe('2026-12-09');

    // Delivered Friday 18th: nine days after the promise the customer was given at the order.
    for (const [status, when] of [['IN_TRANSIT', nyTime('2026-12-08', 17)], ['DELIVERED', nyTime('2026-12-18', 14)]] as const) {
      await change(poNumber, (po) => applyCarrierEvent(po, { trackingNumber: late, status, at: when.toISOString() }, { by: 'carrier', at: when }));
    }
    const card = await invoke(createApiHandler(analytics, () => deps), 'vendorAnalyticsOne', { principal: ops, params: { vendorId: 'tortoise' }, query: { from: '2026-10-01', to: '2026-12-31' } });
    expect(card.status).toBe(200);
    // The 36 of the history, promised by the SLA and all kept, and this one late.
    expect(card.body.promiseAccuracy).toMatchObject({ delivered: 37, kept: 36, adherence: 0.973, distribution: { daysLate: { 9: 1 } } });
    expect(card.body.promiseAccuracy.medianDaysLate).toBe(9);
  });
});
