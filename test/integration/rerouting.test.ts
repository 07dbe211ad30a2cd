import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRoutingRules } from '../../functions/domain/rerouting';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { vendorInterchange } from '../support/x12';

let client: ApiClient;
const ops = { key: demoKeys.ops };
const storefront = { key: demoKeys.storefront };

beforeAll(async () => {
  client = await startSeededApi({ notifications: true });
});
afterAll(() => client.close());

describe('the re-routing rules', () => {
  it('serves the defaults until ops set theirs, keeps parts left out at their default, and refuses a bad rule naming the field', async () => {
    expect((await client.call('GET', '/routing/rules', ops)).body).toEqual(defaultRoutingRules);
    const bad = await client.call('PUT', '/routing/rules', { ...ops, body: { maxAttempts: 0, maxExtraUnitCost: { amount: -100, percent: 25 }, onAckTimeout: { enabled: 'yes' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: JsonBody) => d.field).sort()).toEqual(['maxAttempts', 'maxExtraUnitCost.amount', 'onAckTimeout.enabled']);
    expect((await client.call('GET', '/routing/rules', ops)).body).toEqual(defaultRoutingRules);

    const set = await client.call('PUT', '/routing/rules', { ...ops, body: { onRejection: { enabled: true, reasons: ['out of stock', 'discontinued'] }, maxAttempts: 3, requireApproval: true } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ maxAttempts: 3, requireApproval: true, onAckTimeout: { enabled: true }, maxExtraUnitCost: { amount: null, percent: 25 }, updatedBy: 'ops:key_local_ops' });
    expect((await client.call('GET', '/routing/rules', ops)).body).toEqual(set.body);
    for (const key of [demoKeys.storefront, demoKeys.vendor('acme')]) expect((await client.call('GET', '/routing/rules', { key })).status).toBe(403);
  });
});

const stockAt = async (vendorId: string) =>
  ((await client.call('GET', '/inventory/DESK-004', ops)).body.sources as JsonBody[]).find((s) => s.vendorId === vendorId)?.available as number;
const poOf = async (poNumber: string) => (await client.call('GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder as JsonBody;
const sentTo = async (poNumber: string, vendorId: string) =>
  eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, { key: demoKeys.vendor(vendorId) })).body.status).toBe('SENT_TO_VENDOR'));

describe('a line the first vendor rejects', () => {
  it('goes to the other vendor that has it, with its stock reserved and the customer told once; rejected there too, it is cancelled with the reason', async () => {
    await client.call('PUT', '/routing/rules', { ...ops, body: {} });
    const body = anOrder({ skus: ['DESK-004'] });
    const placed = await client.call('POST', '/orders', { ...storefront, body, headers: { 'Idempotency-Key': 'reroute-api-1' } });
    expect(placed.status).toBe(201);
    const first: string = placed.body.purchaseOrders[0].poNumber;
    expect(placed.body.purchaseOrders[0].vendorId).toBe('globex');
    await sentTo(first, 'globex');
    const acmeBefore = await stockAt('acme');

    const rejected = await client.call('POST', `/vendor/purchase-orders/${first}/acknowledgment`, {
      key: demoKeys.vendor('globex'),
      body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'out of stock' }] },
    });
    expect(rejected.body.status).toBe('REJECTED');

    // The first PO keeps its status and reason; its line names where it went.
    const moved = await eventually(async () => {
      const line = (await poOf(first)).lines[0];
      expect(line).toMatchObject({ reason: 'out of stock', reroute: { outcome: 'REROUTED', vendorId: 'acme' } });
      return line.reroute;
    });
    const second: string = moved.poNumber;
    const order = (await client.call('GET', `/orders/${placed.body.orderId}`, storefront)).body;
    expect(order.lines[0]).toMatchObject({ poNumber: second, vendorId: 'acme' });
    expect(order.purchaseOrders.map((po: JsonBody) => [po.poNumber, po.vendorId, po.status])).toEqual([[first, 'globex', 'REJECTED'], [second, 'acme', expect.any(String)]]);
    const secondPo = order.purchaseOrders[1];
    expect(secondPo).toMatchObject({ rerouteOf: first });
    expect(secondPo.lines[0]).toMatchObject({ sku: 'DESK-004', vendorSku: 'AC-400', unitCost: 21000, rerouteOf: { poNumber: first, lineNumber: 1, triedVendorIds: ['globex'], firstUnitCost: 19500 } });
    expect(await stockAt('acme')).toBe(acmeBefore - 1);
    // The first vendor's rejection still counts against it.
    const globexCard = (await client.call('GET', '/analytics/vendors/globex', ops)).body;
    expect(globexCard).toMatchObject({ closed: 1, cancellationRate: { byVendor: 1 }, openExceptions: { VENDOR_REJECTED: 1 } });

    // acme gets its own 850 and workflow; it rejects too (an 855): two sources tried, the most the default rules allow.
    await sentTo(second, 'acme');
    const ack = vendorInterchange({ setId: '855', functionalId: 'PR', control: 8101, segments: [`BAK*00*RD*${second}*20261202`, 'PO1*1*1*EA*210.00**VP*AC-400', 'ACK*IR*1*EA', 'CTT*1'] });
    expect((await client.call('POST', '/vendor/edi', { key: demoKeys.vendor('acme'), body: ack })).status).toBe(200);
    await eventually(async () => {
      const line = (await poOf(second)).lines[0];
      expect(line.reroute).toMatchObject({ outcome: 'NOT_REROUTED', reason: 'no other source: 2 sources tried (globex, acme), the most the rules allow' });
    });

    // The customer heard once that the desk moved, and once that it will not arrive, with why.
    const notices = await eventually(async () => {
      const found = ((await client.call('GET', `/orders/${placed.body.orderId}`, storefront)).body.notifications as JsonBody[]).filter((n) => n.channel === 'EMAIL');
      expect(found.map((n) => n.milestone).sort()).toEqual(['LINE_REJECTED', 'LINE_REROUTED', 'ORDER_RECEIVED']);
      return found;
    });
    expect(notices.filter((n) => n.milestone === 'LINE_REJECTED')).toHaveLength(1);
  });
});
