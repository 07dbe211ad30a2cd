import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/http/api-handler';
import { operations } from '../../functions/api/orders';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { invoke, storefront } from '../support/invoke';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { inbox } from '../support/ses-inbox';
import { countingTable, testDependencies } from '../support/test-table';

let client: ApiClient;
const shop = { key: demoKeys.storefront };
const destination = { country: 'US', postalCode: '62701' };

beforeAll(async () => {
  client = await startSeededApi({ notifications: true });
});
afterAll(() => client.close());

const estimate = (body: unknown, key = demoKeys.storefront) => client.call('POST', '/delivery-estimates', { key, body });
const longDate = (day: string) => new Intl.DateTimeFormat('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

describe('delivery estimates before the sale', () => {
  it("gives each line its source, ship-by day and window from the vendor's SLA, and the cart's latest; cacheable", async () => {
    // Tuesday 1 December 2026, 10:00 in Chicago, before acme's 14:00 cut-off; globex (New York, 16:00 cut-off) likewise.
    const at = '2026-12-01T16:00:00Z';
    const answer = await estimate({ destination, at, lines: [{ sku: 'LAMP-001', quantity: 1 }, { sku: 'CHAIR-002', quantity: 2 }, { sku: 'MUG-003', quantity: 1 }] });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('private, max-age=300');
    const body = answer.body;
    expect(body.lines).toEqual([
      // acme ships within 2 business days (Thu 3 Dec) and its transit is 5 business days ('*'): the SLA basis.
      { sku: 'LAMP-001', quantity: 1, fulfillment: 'DROPSHIP', vendorId: 'acme', shipBy: '2026-12-03', deliveryWindow: { earliest: '2026-12-08', latest: '2026-12-10' }, basis: 'SLA', sampleSize: 0, transit: { low: 5, high: 5, basis: 'SLA', sampleSize: 0 } },
      { sku: 'CHAIR-002', quantity: 2, fulfillment: 'DROPSHIP', vendorId: 'globex', shipBy: '2026-12-02', deliveryWindow: { earliest: '2026-12-08', latest: '2026-12-09' }, basis: 'SLA', sampleSize: 0, transit: { low: 5, high: 5, basis: 'SLA', sampleSize: 0 } },
      expect.objectContaining({ sku: 'MUG-003', fulfillment: 'WAREHOUSE', vendorId: null, shipBy: null, deliveryWindow: null, basis: null }),
    ]);
    expect(body).toMatchObject({ shipBy: '2026-12-03', deliveryBy: '2026-12-10' });
    // After acme's cut-off the day moves on; a Friday order skips the weekend.
    const late = (await estimate({ destination, at: '2026-12-01T21:00:00Z', lines: [{ sku: 'LAMP-001', quantity: 1 }] })).body;
    expect(late.lines[0].shipBy).toBe('2026-12-04');
    const friday = (await estimate({ destination, at: '2026-12-04T16:00:00Z', lines: [{ sku: 'LAMP-001', quantity: 1 }] })).body;
    expect(friday.lines[0].shipBy).toBe('2026-12-08');
  });

  it('promises at order time exactly what it answered a moment before for the same cart', async () => {
    const cart = [{ sku: 'LAMP-001', quantity: 1 }, { sku: 'CHAIR-002', quantity: 1 }];
    const before = (await estimate({ destination, lines: cart })).body;
    const order = anOrder({ skus: cart.map((l) => l.sku) });
    const placed = await client.call('POST', '/orders', { ...shop, body: order, headers: { 'Idempotency-Key': 'estimate-then-order' } });
    expect(placed.status).toBe(201);
    const received = await eventually(async () => {
      const email = (await inbox(client.sesEndpoint, order.customer.email)).find((e) => e.subject === `We have your order ${order.storefrontOrderId}`);
      expect(email).toBeDefined();
      return email?.body.text ?? '';
    });
    expect(received).toContain(`ship by ${longDate(before.shipBy)} and arrive by ${longDate(before.deliveryBy)}`);
  });

  it('reads DynamoDB twice for a cart of 20 lines', async () => {
    const { table, commands } = countingTable(client.tableName);
    const counted = testDependencies(table);
    const skus = ['LAMP-001', 'CHAIR-002', 'DESK-004', 'RUG-005', 'MUG-003'];
    const lines = Array.from({ length: 20 }, (_, i) => ({ sku: skus[i % skus.length] as string, quantity: 1 }));
    const { status, body } = await invoke(createApiHandler(operations, () => counted), 'estimateDelivery', { principal: storefront, body: { destination, lines } });
    expect(status).toBe(200);
    expect(body.lines).toHaveLength(20);
    expect(commands).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand']);
  });

  it('refuses unknown SKUs, bad postal codes and more than 20 lines, naming each; vendors may not ask', async () => {
    const unknown = await estimate({ destination, lines: [{ sku: 'LAMP-001', quantity: 1 }, { sku: 'NOPE-1', quantity: 1 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_SKU', details: [{ field: 'lines.1.sku', rule: 'known_sku' }] });
    const zip = await estimate({ destination: { country: 'US', postalCode: '6270' }, lines: [{ sku: 'LAMP-001', quantity: 1 }] });
    expect(zip.status).toBe(400);
    expect(zip.body.error.details.map((d: JsonBody) => d.field)).toEqual(['destination.postalCode']);
    const many = await estimate({ destination, lines: Array.from({ length: 21 }, () => ({ sku: 'LAMP-001', quantity: 1 })) });
    expect(many.status).toBe(400);
    expect(many.body.error.details.map((d: JsonBody) => d.field)).toEqual(['lines']);
    expect((await estimate({ destination, lines: [{ sku: 'LAMP-001', quantity: 1 }] }, demoKeys.vendor('acme'))).status).toBe(403);
    expect((await estimate({ destination, lines: [{ sku: 'LAMP-001', quantity: 1 }] }, demoKeys.ops)).status).toBe(200);
  });
});
