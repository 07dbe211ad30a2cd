import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';

let client: ApiClient;
let orders = 0;
const ops = { key: demoKeys.ops };
const globex = { key: demoKeys.vendor('globex') };

beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

async function sentGlobexPo(): Promise<string> {
  const order = await client.call('POST', '/orders', { key: demoKeys.storefront, body: anOrder({ skus: ['CHAIR-002'] }), headers: { 'Idempotency-Key': `exc-${++orders}` } });
  const poNumber: string = order.body.purchaseOrders[0].poNumber;
  await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, globex)).body.status).toBe('SENT_TO_VENDOR'));
  return poNumber;
}

const advance = (hours: number) => client.call('POST', '/_local/clock', { ...ops, body: { advanceHours: hours } });
const runChecks = () => client.call('POST', '/_local/checks', ops);
const openFor = async (poNumber: string, query = 'status=open') =>
  (await client.call('GET', `/exceptions?${query}&vendorId=globex&limit=100`, ops)).body.items.filter((e: JsonBody) => e.poNumber === poNumber);

describe('the Exceptions tab', () => {
  it('shows ACK_OVERDUE once time passes the ack deadline, alerts ops without customer data, and closes it when the ack arrives', async () => {
    const poNumber = await sentGlobexPo();
    await advance(5); // globex must acknowledge within 4 hours
    await runChecks();
    const [exception] = await openFor(poNumber, 'status=open&type=ACK_OVERDUE');
    expect(exception).toMatchObject({ type: 'ACK_OVERDUE', status: 'OPEN', vendorId: 'globex' });
    await runChecks();
    expect(await openFor(poNumber)).toHaveLength(1);

    const outbox = (await client.call('GET', '/_local/outbox', ops)).body.messages;
    const alert = outbox.find((m: JsonBody) => m.body.includes(exception.exceptionId));
    expect(alert.subject).toContain('ACK_OVERDUE');
    expect(JSON.stringify(alert)).not.toMatch(/ada@example\.com|Ada Lovelace|Main St|\+1415/);

    await client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, { ...globex, body: { estimatedShipDate: '2026-12-20', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] } });
    const closed = (await client.call('GET', `/exceptions/${exception.exceptionId}`, ops)).body;
    expect(closed).toMatchObject({ status: 'RESOLVED', resolution: { by: 'system' }, openSeconds: expect.any(Number) });
    expect(await openFor(poNumber)).toHaveLength(0);
    expect((await openFor(poNumber, 'status=resolved')).map((e: JsonBody) => e.exceptionId)).toContain(exception.exceptionId);
  });

  it('resolves with a note', async () => {
    const poNumber = await sentGlobexPo();
    await advance(5);
    await runChecks();
    const [exception] = await openFor(poNumber);
    const resolved = await client.call('POST', `/exceptions/${exception.exceptionId}/resolve`, { ...ops, body: { note: 'vendor phoned: acking today' } });
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', resolution: { note: 'vendor phoned: acking today', by: 'ops:key_local_ops' } });
    const again = await client.call('POST', `/exceptions/${exception.exceptionId}/resolve`, { ...ops, body: { note: 'twice' } });
    expect(again.status).toBe(409);
  });

  it('extends the due date, and raises the exception again only when the new date passes', async () => {
    const poNumber = await sentGlobexPo();
    await advance(5);
    await runChecks();
    const [exception] = await openFor(poNumber);
    const extended = await client.call('POST', `/exceptions/${exception.exceptionId}/resolve`, { ...ops, body: { note: 'give them two days', action: 'EXTEND_DUE_DATE', extendHours: 48 } });
    expect(extended.body.resolution.action).toBe('EXTEND_DUE_DATE');
    await runChecks();
    expect(await openFor(poNumber)).toHaveLength(0);
    await advance(49);
    await runChecks();
    expect((await openFor(poNumber)).map((e: JsonBody) => e.type)).toEqual(['ACK_OVERDUE']);
  });

  it('cancels the PO from the exception', async () => {
    const poNumber = await sentGlobexPo();
    await advance(5);
    await runChecks();
    const [exception] = await openFor(poNumber);
    await client.call('POST', `/exceptions/${exception.exceptionId}/resolve`, { ...ops, body: { note: 'vendor unreachable', action: 'CANCEL_PO' } });
    expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, globex)).body.status).toBe('CANCELLED');
  });

  it('refuses an action that does not fit the exception type', async () => {
    const poNumber = await sentGlobexPo();
    await advance(5);
    await runChecks();
    const [exception] = await openFor(poNumber);
    const refused = await client.call('POST', `/exceptions/${exception.exceptionId}/resolve`, { ...ops, body: { note: 'x', action: 'RETRY_TRANSMISSION' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].field).toBe('action');
  });

  it('answers 404 for an id that names no exception', async () => {
    expect((await client.call('GET', '/exceptions/PO-NOPE.ACK_OVERDUE.1764000000000', ops)).status).toBe(404);
    expect((await client.call('GET', '/exceptions/garbage', ops)).status).toBe(404);
  });

  it('refuses the offline-only routes to any key but ops', async () => {
    expect((await client.call('POST', '/_local/checks', { key: demoKeys.storefront })).status).toBe(403);
  });
});

describe('vendor analytics over the API', () => {
  it("reports globex's POs sent and its open exceptions, and ranks every vendor", async () => {
    const one = await client.call('GET', '/analytics/vendors/globex', ops);
    expect(one.status).toBe(200);
    expect(one.body.posSent).toBe(orders);
    const open = (await client.call('GET', '/exceptions?status=open&vendorId=globex&limit=100', ops)).body.items as JsonBody[];
    const byType: Record<string, number> = {};
    for (const e of open) byType[e.type] = (byType[e.type] ?? 0) + 1;
    expect(one.body.openExceptions).toEqual(byType);
    expect(open.length).toBeGreaterThan(0);
    expect(one.body.cancellationRate.byCustomer).toBe(1);
    const all = await client.call('GET', '/analytics/vendors', ops);
    expect(all.body.items.map((card: JsonBody) => card.vendorId).sort()).toEqual(['acme', 'globex', 'hooli']);
  });

  it('refuses malformed weights', async () => {
    const { status, body } = await client.call('GET', '/analytics/vendors/globex?weights=speed:1', ops);
    expect(status).toBe(400);
    expect(body.error.details[0].field).toBe('query.weights');
  });
});
