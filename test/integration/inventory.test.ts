import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyInventoryFeed } from '../../functions/services/inventory-feeds';
import { putVendor } from '../../functions/store/catalog-store';
import { analyticsKeys } from '../../functions/store/keys';
import { connectTable, getItem } from '../../functions/store/table';
import { ensureTable } from '../../local/dynamodb-local';
import { demoKeys } from '../../local/seed';
import { anOrder, aVendor } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { parseX12, segmentsOf, vendorInterchange } from '../support/x12';

let client: ApiClient;
let orders = 0;
const ops = { key: demoKeys.ops };
const acme = { key: demoKeys.vendor('acme') };
const globex = { key: demoKeys.vendor('globex') };

beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

const feed = (feedId: string, items: unknown[], key = acme.key) => client.call('PUT', '/vendor/inventory', { key, body: { feedId, items } });
const stockOf = async (sku: string, vendorId: string) =>
  ((await client.call('GET', `/inventory/${sku}`, ops)).body.sources as JsonBody[]).find((s) => s.vendorId === vendorId);
const order = (skus: string[], extra: Record<string, unknown> = {}) =>
  client.call('POST', '/orders', { key: demoKeys.storefront, body: { ...anOrder({ skus }), ...extra }, headers: { 'Idempotency-Key': `inv-${++orders}` } });

describe('overselling under concurrency', () => {
  // Fifty writers on one stock item retry on each other's conditions: slow on a loaded 2-core machine.
  it('accepts exactly 10 of 50 concurrent one-unit orders against a stock of 10', { timeout: 120_000 }, async () => {
    expect((await feed('F-oversell', [{ vendorSku: 'AC-100', available: 10, restockDate: null }])).body.applied).toBe(1);
    const answers = await Promise.all(Array.from({ length: 50 }, () => order(['LAMP-001'])));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(40);
    expect(refused.every((a) => a.body.error.code === 'INSUFFICIENT_STOCK' && a.body.error.details[0].sku === 'LAMP-001' && a.body.error.details[0].asked === 1)).toBe(true);
    expect((await stockOf('LAMP-001', 'acme'))?.available).toBe(0);
  });
});

describe('inventory feeds', () => {
  it('applies good rows, reports bad ones by index, and ignores a replay', async () => {
    const first = await feed('F-2026-11-24-01', [
      { vendorSku: 'AC-100', available: 7, restockDate: null },
      { vendorSku: 'AC-400', available: -2 },
      { vendorSku: 'AC-400', available: 4, restockDate: '2026-12-10' },
    ]);
    expect(first.body).toMatchObject({ feedId: 'F-2026-11-24-01', applied: 2, rejected: [{ index: 1, vendorSku: 'AC-400', reason: expect.stringContaining('available') }] });
    await order(['LAMP-001']);
    expect((await stockOf('LAMP-001', 'acme'))?.available).toBe(6);
    const replay = await feed('F-2026-11-24-01', [{ vendorSku: 'AC-100', available: 7, restockDate: null }]);
    expect(replay.body).toEqual(first.body);
    expect((await stockOf('LAMP-001', 'acme'))?.available).toBe(6);
  });

  it('shows stock per source with its freshness, unknown once a feed is older than the vendor allows', async () => {
    const desk = await client.call('GET', '/inventory/DESK-004', { key: demoKeys.storefront });
    expect(desk.body.sources).toEqual([
      expect.objectContaining({ vendorId: 'acme', vendorSku: 'AC-400', available: 4, restockDate: '2026-12-10', fresh: true, stock: 'FRESH' }),
      expect.objectContaining({ vendorId: 'globex', vendorSku: 'GX-400', available: 3, restockDate: '2026-12-15', fresh: true, stock: 'FRESH' }),
    ]);
    await client.call('POST', '/_local/clock', { ...ops, body: { advanceHours: 25 } });
    try {
      const later = await client.call('GET', '/inventory/DESK-004', ops);
      expect(later.body.sources.map((s: JsonBody) => [s.vendorId, s.available, s.stock])).toEqual([['acme', 4, 'UNKNOWN'], ['globex', 3, 'UNKNOWN']]);
    } finally {
      await client.call('POST', '/_local/clock', { ...ops, body: { reset: true } });
    }
  });

  it('refuses a feed of more than 5,000 rows', async () => {
    const { status, body } = await feed('F-big', Array.from({ length: 5001 }, (_, i) => ({ vendorSku: `S${i}`, available: 1 })));
    expect(status).toBe(400);
    expect(body.error.details[0]).toMatchObject({ field: 'items', message: expect.stringContaining('5,000') });
  });

  it('routes to the in-stock source and records why on the line', async () => {
    await feed('F-globex-1', [{ vendorSku: 'GX-400', available: 0, restockDate: null }], globex.key);
    const placed = await order(['DESK-004']);
    // globex is cheaper but has none; acme has 4.
    expect(placed.body.lines[0]).toMatchObject({ vendorId: 'acme', routing: { stock: 'RESERVED', reason: expect.stringContaining('cheaper globex is short') } });
  });

  it('gives stock back when a reserved line is cancelled', async () => {
    const before = (await stockOf('DESK-004', 'acme'))?.available;
    const placed = await order(['DESK-004']);
    expect((await stockOf('DESK-004', 'acme'))?.available).toBe(before - 1);
    await client.call('POST', `/orders/${placed.body.orderId}/cancel`, { key: demoKeys.storefront, body: {} });
    expect((await stockOf('DESK-004', 'acme'))?.available).toBe(before);
  });

  it('applies an X12 846 once, noting a bad item in the 997 while the good one applies', async () => {
    const x12 = vendorInterchange({
      setId: '846', functionalId: 'IB', control: 8460,
      segments: ['BIA*00*DD*INV-1*20261124', 'LIN*1*VP*AC-100', 'QTY*33*25', 'LIN*2*VP*AC-400', 'QTY*33*lots', 'CTT*2'],
    });
    const answer = await client.call('POST', '/vendor/edi', { ...acme, body: x12 });
    const [set] = parseX12(answer.body).sets;
    expect(segmentsOf(set, 'AK3')).toEqual([['LIN', '5', 'LIN', '8']]);
    expect(segmentsOf(set, 'AK5')[0]?.[0]).toBe('E');
    expect((await stockOf('LAMP-001', 'acme'))?.available).toBe(25);
    await order(['LAMP-001']);
    await client.call('POST', '/vendor/edi', { ...acme, body: x12 });
    expect((await stockOf('LAMP-001', 'acme'))?.available).toBe(24);
  });
});

describe('stock and the PO lifecycle', () => {
  it('keeps a rejected line from holding stock', async () => {
    await feed('F-reject', [{ vendorSku: 'AC-100', available: 5, restockDate: null }]);
    const placed = await order(['LAMP-001']);
    const poNumber: string = placed.body.purchaseOrders[0].poNumber;
    expect((await stockOf('LAMP-001', 'acme'))?.available).toBe(4);
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body.status).toBe('SENT_TO_VENDOR'));
    const bak = vendorInterchange({ setId: '855', functionalId: 'PR', control: 8550, segments: [`BAK*00*RJ*${poNumber}*20261124`, 'CTT*0'] });
    await client.call('POST', '/vendor/edi', { ...acme, body: bak });
    expect((await stockOf('LAMP-001', 'acme'))?.available).toBe(5);
  });
});

describe('falling back to another source', () => {
  it('sends lines whose stock a concurrent order took to the next source when the storefront allows it', async () => {
    await feed('F-fallback-g', [{ vendorSku: 'GX-400', available: 1, restockDate: null }], globex.key);
    await feed('F-fallback-a', [{ vendorSku: 'AC-400', available: 10, restockDate: null }]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => order(['DESK-004'], { allowSourceFallback: true })));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const vendors = answers.map((a) => a.body.lines[0].vendorId);
    expect(vendors.filter((v) => v === 'globex')).toHaveLength(1);
    expect(vendors.filter((v) => v === 'acme')).toHaveLength(5);
    expect((await stockOf('DESK-004', 'globex'))?.available).toBe(0);
    expect((await stockOf('DESK-004', 'acme'))?.available).toBe(5);
  });
});

describe("an inventory feed's day", () => {
  it("counts on the vendor's own calendar day, as its PO counters do", async () => {
    const tableName = `feed-day-${Date.now()}`;
    await ensureTable(inject('dynamoEndpoint'), tableName);
    const table = connectTable({ tableName, region: 'us-east-1', endpoint: inject('dynamoEndpoint') });
    const vendor = aVendor({ sla: { ...aVendor().sla, timeZone: 'America/Los_Angeles' } });
    await putVendor(table, vendor);
    // 03:00 UTC on the 27th is 19:00 on the 26th in Los Angeles.
    await applyInventoryFeed({ table, now: () => new Date('2026-11-27T03:00:00Z') }, vendor.vendorId, 'F-evening', [{ vendorSku: 'X-1', available: 3, restockDate: null }]);
    expect(await getItem(table, analyticsKeys.day(vendor.vendorId, '2026-11-26'))).toMatchObject({ feeds: 1 });
    expect(await getItem(table, analyticsKeys.day(vendor.vendorId, '2026-11-27'))).toBeUndefined();
  });
});
