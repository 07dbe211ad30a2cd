import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { vendorInterchange } from '../support/x12';

/** The views the ops console is built on, over the offline stack. */
let client: ApiClient;
const ops = { key: demoKeys.ops };
const acme = { key: demoKeys.vendor('acme') };

beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

async function sentToAcme(key: string) {
  const placed = await client.call('POST', '/orders', { key: demoKeys.storefront, headers: { 'Idempotency-Key': key }, body: anOrder({ skus: ['LAMP-001'] }) });
  const poNumber: string = placed.body.purchaseOrders[0].poNumber;
  await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body.status).toBe('SENT_TO_VENDOR'));
  return { poNumber, orderId: placed.body.orderId as string };
}

describe('the Dropship tab', () => {
  it('counts POs per status for its badges', async () => {
    const before = (await client.call('GET', '/dropship/summary', ops)).body;
    await sentToAcme('views-count-1');
    await sentToAcme('views-count-2');
    const after = (await client.call('GET', '/dropship/summary', ops)).body;
    expect(after.cap).toBe(1000);
    expect(after.counts.SENT_TO_VENDOR - (before.counts.SENT_TO_VENDOR ?? 0)).toBe(2);
    const acme = (await client.call('GET', '/dropship/summary?vendorId=acme', ops)).body;
    const globex = (await client.call('GET', '/dropship/summary?vendorId=globex', ops)).body;
    expect(acme.counts.SENT_TO_VENDOR + globex.counts.SENT_TO_VENDOR).toBe(after.counts.SENT_TO_VENDOR);
    expect(Object.keys(after.counts).sort()).toEqual(['ACKNOWLEDGED', 'CANCELLED', 'DELIVERED', 'DISPATCHED', 'PARTIALLY_DISPATCHED', 'PENDING', 'REJECTED', 'SENT_TO_VENDOR']);
  });

  it('shows each row with its current deadline and open exceptions', async () => {
    const { poNumber } = await sentToAcme('views-row');
    const rows = (await client.call('GET', '/dropship/orders?vendorId=acme&limit=100', ops)).body.items as JsonBody[];
    expect(rows.find((r) => r.poNumber === poNumber)).toMatchObject({ status: 'SENT_TO_VENDOR', dueAt: expect.any(String), exceptions: [] });
  });
});

describe("a PO's page", () => {
  it('holds the PO, the EDI documents exchanged with their 997, and the customer notifications', async () => {
    const { poNumber } = await sentToAcme('views-detail');
    const ack = vendorInterchange({ setId: '855', functionalId: 'PR', control: 9901, segments: [`BAK*00*AC*${poNumber}*20261124`, 'PO1*1*1*EA', 'ACK*IA*1*EA*068*20261201', 'CTT*1'] });
    expect((await client.call('POST', '/vendor/edi', { ...acme, body: ack })).status).toBe(200);
    const { status, body } = await client.call('GET', `/dropship/orders/${poNumber}`, ops);
    expect(status).toBe(200);
    expect(body.purchaseOrder).toMatchObject({ poNumber, status: 'ACKNOWLEDGED', shipTo: expect.objectContaining({ city: 'Springfield' }), shipDueAt: expect.any(String) });
    expect(body.purchaseOrder.history.map((h: JsonBody) => h.status)).toEqual(['PENDING', 'SENT_TO_VENDOR', 'ACKNOWLEDGED']);
    expect(body.documents.map((d: JsonBody) => [d.direction, d.type])).toEqual([['OUT', '850'], ['IN', '855']]);
    expect(body.documents[0].x12).toContain(`BEG*00*DS*${poNumber}`);
    expect(body.documents[1]).toMatchObject({ accepted: true, acknowledgment: expect.stringContaining('AK5*A') });
    expect(body.notifications).toEqual([]);
  });

  it('answers 404 for a PO that does not exist', async () => {
    expect((await client.call('GET', '/dropship/orders/PO-NOPE', ops)).status).toBe(404);
  });
});

describe("a vendor's inventory and trend", () => {
  it("lists the vendor's stock figures with their freshness", async () => {
    const { body } = await client.call('GET', '/vendors/globex/inventory', ops);
    expect(body.items.map((i: JsonBody) => [i.vendorSku, i.available, i.fresh])).toEqual([['GX-200', 40, true], ['GX-400', 3, true]]);
  });

  it('gives a scorecard its days, which add up to the period', async () => {
    const { body } = await client.call('GET', '/analytics/vendors/acme', ops);
    expect(body.daily.length).toBeGreaterThan(0);
    expect(body.daily.reduce((total: number, d: JsonBody) => total + d.posSent, 0)).toBe(body.posSent);
  });
});
