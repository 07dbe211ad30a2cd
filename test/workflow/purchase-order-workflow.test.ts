import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { verifyWebhook } from '../../functions/domain/webhook-signature';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { workflowsParked } from '../support/sent-purchase-order';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';

let client: ApiClient;
let orders = 0;
// A vendor endpoint that hangs counts as failed after this long (10 s deployed).
process.env.VENDOR_TIMEOUT_MS = '300';

beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

const storefront = { key: demoKeys.storefront };
const globex = { key: demoKeys.vendor('globex') };

async function placeOrder(skus: string[], quantity = 2) {
  const body = anOrder({ skus });
  body.lines = body.lines.map((line) => ({ ...line, quantity }));
  const { status, body: order } = await client.call('POST', '/orders', { ...storefront, body, headers: { 'Idempotency-Key': `wf-${++orders}` } });
  expect(status).toBe(201);
  return order as JsonBody;
}

const vendorPo = (poNumber: string, key = globex.key) => client.call('GET', `/vendor/purchase-orders/${poNumber}`, { key });

async function statusBecomes(poNumber: string, status: string, key = globex.key) {
  return eventually(async () => {
    const { body } = await vendorPo(poNumber, key);
    expect(body.status).toBe(status);
    return body as JsonBody;
  });
}

async function executionOf(poNumber: string) {
  const execution = client.stepFunctions.executions.get(poNumber);
  if (!execution) throw new Error(`no execution for ${poNumber}`);
  await execution.done;
  return execution;
}

const acceptAll = { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] };
const shipLine = (quantity: number, trackingNumber = '1Z999AA10123456784') => ({
  carrier: 'UPS',
  service: 'GROUND',
  shipDate: '2026-11-25',
  packages: [{ trackingNumber, lines: [{ lineNumber: 1, quantity }] }],
});

describe('the purchase-order workflow, run from the real ASL file', () => {
  it('takes a PO through SENT_TO_VENDOR, ACKNOWLEDGED and DISPATCHED, then ends', async () => {
    const order = await placeOrder(['CHAIR-002']);
    const poNumber: string = order.purchaseOrders[0].poNumber;
    await statusBecomes(poNumber, 'SENT_TO_VENDOR');

    const acked = await client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, { ...globex, body: acceptAll });
    expect(acked.body).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-01' });
    await eventually(async () => expect(client.stepFunctions.executions.get(poNumber)?.states.at(-1)).toBe('WaitForShipment'));

    const shipped = await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: shipLine(2) });
    expect(shipped.status).toBe(201);
    const execution = await executionOf(poNumber);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.states).toEqual(['Transmit', 'WaitForAcknowledgment', 'WaitForShipment', 'Route', 'Done']);

    const view = await client.call('GET', `/orders/${order.orderId}`, storefront);
    expect(view.body.purchaseOrders[0]).toMatchObject({
      status: 'DISPATCHED',
      shipments: [{ carrier: 'UPS', packages: [{ trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' }] }],
    });
    expect(view.body.purchaseOrders[0].history.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'SENT_TO_VENDOR', 'ACKNOWLEDGED', 'DISPATCHED']);
  });

  it('ends REJECTED when the vendor rejects every line', async () => {
    const { purchaseOrders } = await placeOrder(['CHAIR-002']);
    const poNumber: string = purchaseOrders[0].poNumber;
    await statusBecomes(poNumber, 'SENT_TO_VENDOR');
    const rejected = await client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, {
      ...globex,
      body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'discontinued' }] },
    });
    expect(rejected.body.status).toBe('REJECTED');
    const execution = await executionOf(poNumber);
    // The wait for the shipment follows the acknowledgment, and wakes at once: nothing will ship. The
    // dropped line is decided (CHAIR-002 has no other source) before the execution ends.
    expect(execution.states).toEqual(['Transmit', 'WaitForAcknowledgment', 'WaitForShipment', 'Route', 'Reroute', 'Route', 'Done']);
    const po = (await client.call('GET', `/dropship/orders/${poNumber}`, { key: demoKeys.ops })).body.purchaseOrder;
    expect(po.lines[0].reroute).toMatchObject({ outcome: 'NOT_REROUTED', reason: 'no other source: CHAIR-002 has none besides globex' });
  });

  it('waits through a partial shipment and ends on the final one', async () => {
    const { purchaseOrders } = await placeOrder(['CHAIR-002'], 3);
    const poNumber: string = purchaseOrders[0].poNumber;
    await statusBecomes(poNumber, 'SENT_TO_VENDOR');
    await client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, { ...globex, body: acceptAll });
    const partial = await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: shipLine(1) });
    expect(partial.body.status).toBe('PARTIALLY_DISPATCHED');
    await eventually(async () => expect(client.stepFunctions.executions.get(poNumber)?.states.filter((s) => s === 'WaitForShipment')).toHaveLength(2));
    const final = await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: shipLine(2, '799531274483') });
    expect(final.status).toBe(400 + 22); // FedEx number under carrier UPS: refused, nothing applied
    const right = await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: { ...shipLine(2, '799531274483'), carrier: 'FedEx' } });
    expect(right.body.status).toBe('DISPATCHED');
    const execution = await executionOf(poNumber);
    expect(execution.states).toEqual(['Transmit', 'WaitForAcknowledgment', 'WaitForShipment', 'Route', 'WaitForShipment', 'Route', 'Done']);
  });

  it('cancels a PO while it waits for the acknowledgment, tells the vendor and ends', async () => {
    const order = await placeOrder(['LAMP-001']);
    const poNumber: string = order.purchaseOrders[0].poNumber;
    const acme = demoKeys.vendor('acme');
    await statusBecomes(poNumber, 'SENT_TO_VENDOR', acme);
    const cancelled = await client.call('POST', `/orders/${order.orderId}/cancel`, { ...storefront, body: { reason: 'customer changed their mind' } });
    expect(cancelled.body.purchaseOrders[0].status).toBe('CANCELLED');
    const execution = await executionOf(poNumber);
    expect(execution.states).toEqual(['Transmit', 'WaitForAcknowledgment', 'WaitForShipment', 'Route', 'NotifyVendor', 'Route', 'Done']);
    const outbound = await client.call('GET', '/vendor/edi/outbound', { key: acme });
    const documents = outbound.body.documents.filter((d: { poNumber: string }) => d.poNumber === poNumber);
    expect(documents.map((d: { type: string }) => d.type)).toEqual(['850', '860']);
    expect(documents[1].x12).toContain(`BCH*01*DS*${poNumber}`);
  });

  it('starts an execution again for a PO already sent (a restart resuming it) without sending it twice', async () => {
    const order = await placeOrder(['LAMP-001']);
    const poNumber: string = order.purchaseOrders[0].poNumber;
    const acme = demoKeys.vendor('acme');
    await statusBecomes(poNumber, 'SENT_TO_VENDOR', acme);
    // The first execution's token on the PO first, then the second's over it: the cancel wakes the second.
    await workflowsParked(client);
    const again = `${poNumber}-again`;
    const started = await fetch(client.stepFunctions.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSStepFunctions.StartExecution', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({ stateMachineArn: client.stepFunctions.stateMachineArn, name: again, input: JSON.stringify({ poNumber, status: 'SENT_TO_VENDOR' }) }),
    });
    expect(started.status).toBe(200);
    await eventually(async () => expect(client.stepFunctions.executions.get(again)?.states).toEqual(['Transmit', 'WaitForAcknowledgment']));
    await workflowsParked(client);
    await client.call('POST', `/orders/${order.orderId}/cancel`, { ...storefront, body: { reason: 'customer changed their mind' } });
    const execution = await executionOf(again);
    expect(execution.states).toEqual(['Transmit', 'WaitForAcknowledgment', 'WaitForShipment', 'Route', 'NotifyVendor', 'Route', 'Done']);
    const outbound = await client.call('GET', '/vendor/edi/outbound', { key: acme });
    expect(outbound.body.documents.filter((d: { poNumber: string }) => d.poNumber === poNumber).map((d: { type: string }) => d.type)).toEqual(['850', '860']);
  });

  it('refuses to cancel once dispatched, with 409', async () => {
    const order = await placeOrder(['CHAIR-002']);
    const poNumber: string = order.purchaseOrders[0].poNumber;
    await statusBecomes(poNumber, 'SENT_TO_VENDOR');
    await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: shipLine(2) });
    const refused = await client.call('POST', `/orders/${order.orderId}/cancel`, { ...storefront, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0].message).toContain('DISPATCHED');
  });
});

describe('transmission to an API vendor', () => {
  let webhook: Server;
  /** Status codes to answer, in turn; 0 never answers (the vendor hangs). */
  let answers: number[] = [];
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

  beforeAll(async () => {
    webhook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        const status = answers.shift() ?? 200;
        if (status > 0) response.writeHead(status).end();
      });
    });
    await new Promise<void>((listening) => webhook.listen(0, '127.0.0.1', listening));
    const address = webhook.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/po`;
    const vendor = await client.call('GET', '/vendors/globex', { key: demoKeys.ops });
    const { updatedAt: _u, vendorId: _v, ...settings } = vendor.body;
    const saved = await client.call('PUT', '/vendors/globex', { key: demoKeys.ops, body: { ...settings, api: { webhookUrl: url } } });
    expect(saved.status).toBe(200);
  });
  afterAll(() => new Promise<void>((closed) => {
    webhook.closeAllConnections();
    webhook.close(() => closed());
  }));

  it('signs the webhook with HMAC-SHA256 over timestamp and body', async () => {
    received.length = 0;
    const { purchaseOrders } = await placeOrder(['CHAIR-002']);
    await statusBecomes(purchaseOrders[0].poNumber, 'SENT_TO_VENDOR');
    const [delivery] = received;
    const timestamp = Number(delivery?.headers['x-dropship-timestamp']);
    expect(verifyWebhook('whsec_local_globex_demo_secret', timestamp, delivery?.body ?? '', String(delivery?.headers['x-dropship-signature']))).toBe(true);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({ event: 'purchase_order.created', purchaseOrder: { poNumber: purchaseOrders[0].poNumber } });
    expect(delivery?.body).not.toContain('taskToken');
  });

  it('retries a 5xx, and after the last failure waits for ops, who retry it', async () => {
    received.length = 0;
    answers = [500, 503, 500, 500, 500];
    const { purchaseOrders } = await placeOrder(['CHAIR-002']);
    const poNumber: string = purchaseOrders[0].poNumber;
    await eventually(async () => expect(client.stepFunctions.executions.get(poNumber)?.states.at(-1)).toBe('AwaitTransmissionRetry'));
    expect(received).toHaveLength(5);
    expect((await vendorPo(poNumber)).body.status).toBe('PENDING');

    const retried = await client.call('POST', `/dropship/orders/${poNumber}/retry-transmission`, { key: demoKeys.ops });
    expect(retried.status).toBe(202);
    await statusBecomes(poNumber, 'SENT_TO_VENDOR');
    expect(received).toHaveLength(6);
    const again = await client.call('POST', `/dropship/orders/${poNumber}/retry-transmission`, { key: demoKeys.ops });
    expect(again.status).toBe(409);
  });

  it('retries a vendor that does not answer in time, and sends once it does', async () => {
    received.length = 0;
    answers = [0, 0];
    const { purchaseOrders } = await placeOrder(['CHAIR-002']);
    const poNumber: string = purchaseOrders[0].poNumber;
    await statusBecomes(poNumber, 'SENT_TO_VENDOR');
    expect(received).toHaveLength(3);
    // Each attempt carries the same PO; the vendor dedupes on the PO number and its delivery id.
    expect(new Set(received.map((r) => JSON.parse(r.body).purchaseOrder.poNumber))).toEqual(new Set([poNumber]));
    expect(client.stepFunctions.executions.get(poNumber)?.states.filter((s) => s === 'Transmit')).toHaveLength(1);
  });

  it('does not retry a 4xx', async () => {
    received.length = 0;
    answers = [400];
    const { purchaseOrders } = await placeOrder(['CHAIR-002']);
    await eventually(async () => expect(client.stepFunctions.executions.get(purchaseOrders[0].poNumber)?.states.at(-1)).toBe('AwaitTransmissionRetry'));
    expect(received).toHaveLength(1);
  });
});
