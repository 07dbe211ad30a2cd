import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { inbox as inboxOf } from '../support/ses-inbox';
import { upsNumber } from '../../local/demo-history';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../functions/domain/webhook-signature';

/**
 * The customer's side of an order's life on the offline stack: the notifier on DynamoDB Local's
 * stream, email through the SES emulator (aws-ses-v2-local), SMS to the local outbox.
 */
let client: ApiClient;
const globex = { key: demoKeys.vendor('globex') };
const ops = { key: demoKeys.ops };

beforeAll(async () => {
  client = await startSeededApi({ notifications: true });
});
afterAll(() => client.close());

const inbox = (to: string) => inboxOf(client.sesEndpoint, to);
const texts = async (to: string): Promise<string[]> =>
  ((await client.call('GET', '/_local/outbox', ops)).body.messages as JsonBody[]).filter((m) => m.channel === 'sms' && m.to === to).map((m) => m.text);

describe('an order told to its customer as it moves', () => {
  it('emails and texts each milestone once: received, acknowledged, shipped, and a cancelled line', async () => {
    const customer = { name: 'Grace Hopper', email: 'grace@example.com', phone: '+14155550123' };
    const placed = await client.call('POST', '/orders', {
      key: demoKeys.storefront,
      headers: { 'Idempotency-Key': 'notify-demo-1' },
      body: anOrder({ skus: ['CHAIR-002', 'LAMP-001'], customer, notify: { email: true, sms: true } }),
    });
    expect(placed.status).toBe(201);
    const po = (placed.body.purchaseOrders as JsonBody[]).find((p) => p.vendorId === 'globex');
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${po.poNumber}`, globex)).body.status).toBe('SENT_TO_VENDOR'));

    const ack = { messageId: 'ack-1', estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] };
    expect((await client.call('POST', `/vendor/purchase-orders/${po.poNumber}/acknowledgment`, { ...globex, body: ack })).status).toBe(200);
    // The vendor's retry of the same message changes nothing and tells the customer nothing new.
    expect((await client.call('POST', `/vendor/purchase-orders/${po.poNumber}/acknowledgment`, { ...globex, body: ack })).status).toBe(200);
    const shipment = { messageId: 'asn-1', carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 1 }] }] };
    expect((await client.call('POST', `/vendor/purchase-orders/${po.poNumber}/shipments`, { ...globex, body: shipment })).status).toBe(201);
    const lampLine = (placed.body.lines as JsonBody[]).find((l) => l.sku === 'LAMP-001').lineNumber;
    expect((await client.call('POST', `/orders/${placed.body.orderId}/cancel`, { key: demoKeys.storefront, body: { lines: [lampLine], reason: 'found it cheaper' } })).status).toBe(200);

    const subjects = await eventually(async () => {
      const emails = await inbox(customer.email);
      expect(emails).toHaveLength(4);
      return emails.map((e) => e.subject);
    });
    const orderNumber = placed.body.storefrontOrderId;
    expect(subjects.sort()).toEqual(
      [`Items in your order ${orderNumber} were cancelled`, `We have your order ${orderNumber}`, `Your order ${orderNumber} has shipped`, `Your order ${orderNumber} is being prepared`].sort(),
    );
    const shipped = (await inbox(customer.email)).find((e) => e.subject.includes('shipped'));
    expect(shipped?.body.html).toContain('https://www.ups.com/track?tracknum&#x3D;1Z999AA10123456784');
    expect(shipped?.body.text).toContain('1 x Ergonomic office chair');
    await eventually(async () => expect(await texts(customer.phone)).toHaveLength(4));

    const view = await client.call('GET', `/orders/${placed.body.orderId}`, ops);
    expect(view.body.notifications.map((n: JsonBody) => `${n.milestone}/${n.channel}/${n.status}`).sort()).toEqual(
      ['ACKNOWLEDGED', 'CANCELLED', 'ORDER_RECEIVED', 'SHIPPED'].flatMap((m) => [`${m}/EMAIL/SENT`, `${m}/SMS/SENT`]).sort(),
    );
  });
});

describe('the parcel told to its customer', () => {
  it('emails out for delivery, a delivery exception in the carrier’s words, and delivered, once each however often the carrier repeats them', async () => {
    const customer = { name: 'Katherine Johnson', email: 'katherine@example.com', phone: null };
    const placed = await client.call('POST', '/orders', { key: demoKeys.storefront, headers: { 'Idempotency-Key': 'notify-parcel-1' }, body: anOrder({ skus: ['CHAIR-002'], customer }) });
    const poNumber: string = placed.body.purchaseOrders[0].poNumber;
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, globex)).body.status).toBe('SENT_TO_VENDOR'));
    const packages = [{ trackingNumber: '1Z999AA10123456793', lines: [{ lineNumber: 1, quantity: 1 }] }];
    expect((await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: { carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages } })).status).toBe(201);
    const events = [
      { trackingNumber: '1Z999AA10123456793', status: 'EXCEPTION', at: '2026-11-27T10:00:00Z', description: 'Business closed, will retry' },
      { trackingNumber: '1Z999AA10123456793', status: 'OUT_FOR_DELIVERY', at: '2026-11-28T08:00:00Z' },
      { trackingNumber: '1Z999AA10123456793', status: 'DELIVERED', at: '2026-11-28T15:00:00Z', location: 'Porch' },
    ];
    for (const event of events) {
      for (let copy = 0; copy < 2; copy++) await client.call('POST', '/tracking/events', { key: demoKeys.carrier, body: { events: [event] } });
      // Each milestone is told before the next arrives, as a real parcel's would be.
      await eventually(async () => expect((await inbox(customer.email)).length).toBeGreaterThanOrEqual(3 + events.indexOf(event)));
    }
    const orderNumber = placed.body.storefrontOrderId;
    const subjects = (await inbox(customer.email)).map((e) => e.subject);
    expect(subjects.filter((s) => !s.startsWith('We have') && !s.includes('has shipped')).sort()).toEqual(
      [`A problem delivering your order ${orderNumber}`, `Your order ${orderNumber} is out for delivery`, `Your order ${orderNumber}: a package was delivered`].sort(),
    );
    const problem = (await inbox(customer.email)).find((e) => e.subject.startsWith('A problem'));
    expect(problem?.body.text).toContain('"Business closed, will retry"');
  });
});

describe('a customer return told to its customer and watched for ops', () => {
  const advance = (hours: number) => client.call('POST', '/_local/clock', { ...ops, body: { advanceHours: hours } });
  const runChecks = () => client.call('POST', '/_local/checks', ops);
  const exceptionsOf = async (poNumber: string, status: 'open' | 'resolved') =>
    ((await client.call('GET', `/exceptions?status=${status}&vendorId=globex&limit=100`, ops)).body.items as JsonBody[]).filter((e) => e.poNumber === poNumber && e.type.startsWith('RETURN_')).map((e) => e.type);

  it('opens RETURN_NOT_ANSWERED and RETURN_NOT_RECEIVED past the policy and closes each when the vendor acts; emails approved (address, label), received and refund due once each, and a rejection with its reason', async () => {
    const customer = { name: 'Mary Jackson', email: 'mary@example.com', phone: null };
    const placed = await client.call('POST', '/orders', { key: demoKeys.storefront, headers: { 'Idempotency-Key': 'notify-return-1' }, body: anOrder({ skus: ['CHAIR-002'], customer }) });
    const poNumber: string = placed.body.purchaseOrders[0].poNumber;
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, globex)).body.status).toBe('SENT_TO_VENDOR'));
    const packages = [{ trackingNumber: upsNumber(61_001), lines: [{ lineNumber: 1, quantity: 1 }] }];
    expect((await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: { carrier: 'UPS', service: 'GROUND', shipDate: new Date(Date.now()).toISOString().slice(0, 10), packages } })).status).toBe(201);
    const ask = (key: string) => client.call('POST', `/orders/${placed.body.orderId}/returns`, { key: demoKeys.storefront, headers: { 'Idempotency-Key': key }, body: { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'DEFECTIVE', comment: 'wobbles' } });
    const [requested] = (await ask('notify-return-ask-1')).body.returns;

    // globex answers within 48 hours by its policy; past that the delay check opens the exception once.
    await advance(49);
    await runChecks();
    await runChecks();
    expect(await exceptionsOf(poNumber, 'open')).toEqual(['RETURN_NOT_ANSWERED']);
    const label = { carrier: 'UPS', trackingNumber: upsNumber(61_002) };
    const answer = { approve: true, vendorRma: 'GX-R-1', returnAddress: 'Globex Returns, 9 Dock St, Reno, NV 89502', label };
    expect((await client.call('POST', `/vendor/returns/${requested.rmaId}/answer`, { ...globex, body: answer })).status).toBe(200);
    expect(await exceptionsOf(poNumber, 'open')).toEqual([]);
    expect(await exceptionsOf(poNumber, 'resolved')).toEqual(['RETURN_NOT_ANSWERED']);

    // The label's carrier events follow the parcel back; delivered to globex, its receipt is due in 5 days.
    const deliveredAt = new Date(Date.now() + 50 * 3_600_000).toISOString();
    for (let copy = 0; copy < 2; copy++) {
      const sent = await client.call('POST', '/tracking/events', { key: demoKeys.carrier, body: { events: [{ ...label, status: 'DELIVERED', at: deliveredAt, location: 'Reno, NV' }] } });
      expect(sent.body.results[0]).toMatchObject({ outcome: copy === 0 ? 'APPLIED' : 'DUPLICATE', poNumbers: [], rmaIds: [requested.rmaId] });
    }
    expect((await client.call('GET', `/returns/${requested.rmaId}`, ops)).body.parcel).toMatchObject({ status: 'DELIVERED', deliveredAt, location: 'Reno, NV' });
    await advance(24 * 5 + 2);
    await runChecks();
    expect(await exceptionsOf(poNumber, 'open')).toEqual(['RETURN_NOT_RECEIVED']);
    const receipt = { lines: [{ lineNumber: 1, quantity: 1, condition: 'AS_NEW' }] };
    expect((await client.call('POST', `/vendor/returns/${requested.rmaId}/receipt`, { ...globex, body: receipt })).body.status).toBe('CREDITED');
    expect(await exceptionsOf(poNumber, 'open')).toEqual([]);

    const orderNumber = placed.body.storefrontOrderId;
    await eventually(async () => expect((await inbox(customer.email)).filter((e) => e.subject.includes('return') || e.subject.includes('refund'))).toHaveLength(3));
    const emails = await inbox(customer.email);
    const approved = emails.find((e) => e.subject === `Your return for order ${orderNumber} is approved`);
    expect(approved?.body.text).toContain('Globex Returns, 9 Dock St, Reno, NV 89502');
    expect(approved?.body.text).toContain(`tracking ${label.trackingNumber}: https://`);
    expect(emails.find((e) => e.subject === `Your refund for order ${orderNumber}`)?.body.text).toContain('A refund of $89.00');
    expect(emails.filter((e) => e.subject === `We received your return for order ${orderNumber}`)).toHaveLength(1);

    // The chair shipped once and came back once: another return of it is refused.
    expect((await ask('notify-return-ask-2')).status).toBe(400);
  });

  it('tells the customer a rejection with the vendor\'s reason, and the storefront by its signed webhook, once', async () => {
    const heard: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk)).on('end', () => {
        heard.push({ headers: request.headers, body });
        response.writeHead(request.url === '/refuse' ? 400 : 204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const secret = 'whsec_storefront_returns_0123456789';
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/returns`;
    expect((await client.call('PUT', '/storefront/webhook', { key: demoKeys.storefront, body: { url } })).status).toBe(400);
    expect((await client.call('PUT', '/storefront/webhook', { key: demoKeys.storefront, body: { url, signingSecret: secret } })).body).toMatchObject({ url, hasSigningSecret: true });
    expect((await client.call('GET', '/storefront/webhook', { key: demoKeys.storefront })).body).not.toHaveProperty('signingSecret');
    expect((await client.call('PUT', '/storefront/webhook', { ...ops, body: { url, signingSecret: secret } })).status).toBe(403);
    const customer = { name: 'Dorothy Vaughan', email: 'dorothy@example.com', phone: null };
    const placed = await client.call('POST', '/orders', { key: demoKeys.storefront, headers: { 'Idempotency-Key': 'notify-return-2' }, body: anOrder({ skus: ['CHAIR-002'], customer }) });
    const poNumber: string = placed.body.purchaseOrders[0].poNumber;
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, globex)).body.status).toBe('SENT_TO_VENDOR'));
    const packages = [{ trackingNumber: upsNumber(61_003), lines: [{ lineNumber: 1, quantity: 1 }] }];
    await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: { carrier: 'UPS', service: 'GROUND', shipDate: new Date(Date.now()).toISOString().slice(0, 10), packages } });
    const asked = await client.call('POST', `/orders/${placed.body.orderId}/returns`, { key: demoKeys.storefront, headers: { 'Idempotency-Key': 'notify-return-3' }, body: { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'NO_LONGER_NEEDED' } });
    const rmaId = asked.body.returns[0].rmaId;
    expect((await client.call('POST', `/vendor/returns/${rmaId}/answer`, { ...globex, body: { approve: false, reason: 'assembled chairs cannot be returned' } })).status).toBe(200);
    await eventually(async () => expect((await inbox(customer.email)).find((e) => e.subject.includes('was not accepted'))?.body.text).toContain('"assembled chairs cannot be returned"'));
    await eventually(async () => expect(heard).toHaveLength(1));
    const [delivery] = heard;
    const timestamp = Number(delivery?.headers['x-dropship-timestamp']);
    expect(verifyWebhook(secret, timestamp, delivery?.body ?? '', String(delivery?.headers['x-dropship-signature']))).toBe(true);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({ event: 'return.rejected', rmaId, orderId: placed.body.orderId, status: 'REJECTED', rejection: 'assembled chairs cannot be returned', lines: [{ orderLineNumber: 1, sku: 'CHAIR-002', quantity: 1 }] });

    // A storefront that refuses the delivery: ops hear of it, as of a customer message that could not go.
    await client.call('PUT', '/storefront/webhook', { key: demoKeys.storefront, body: { url: url.replace('/returns', '/refuse') } });
    const again = await client.call('POST', `/orders/${placed.body.orderId}/returns`, { key: demoKeys.storefront, headers: { 'Idempotency-Key': 'notify-return-3b' }, body: { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'DEFECTIVE' } });
    expect((await client.call('POST', `/vendor/returns/${again.body.returns[0].rmaId}/answer`, { ...globex, body: { approve: false, reason: 'still assembled' } })).status).toBe(200);
    await eventually(async () => {
      const alerts = ((await client.call('GET', '/_local/outbox', ops)).body.messages as JsonBody[]).filter((m) => m.channel === 'sns');
      expect(alerts.map((m) => m.subject)).toContainEqual(`[dropship] NOTIFICATION_FAILED return.rejected WEBHOOK on ${placed.body.orderId}`);
    });
    expect(heard).toHaveLength(2);
    hook.close();
  });

  it('emails a portal vendor a new return once, with what to return and the link to answer it', async () => {
    const hooli = { key: demoKeys.vendor('hooli') };
    const placed = await client.call('POST', '/orders', { key: demoKeys.storefront, headers: { 'Idempotency-Key': 'notify-return-4' }, body: anOrder({ skus: ['RUG-005'] }) });
    const poNumber: string = placed.body.purchaseOrders[0].poNumber;
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, hooli)).body.status).toBe('SENT_TO_VENDOR'));
    const packages = [{ trackingNumber: upsNumber(61_004), lines: [{ lineNumber: 1, quantity: 1 }] }];
    expect((await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...hooli, body: { carrier: 'UPS', shipDate: new Date(Date.now()).toISOString().slice(0, 10), packages } })).status).toBe(201);
    const asked = await client.call('POST', `/orders/${placed.body.orderId}/returns`, { key: demoKeys.storefront, headers: { 'Idempotency-Key': 'notify-return-5' }, body: { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'WRONG_ITEM', comment: 'ordered blue' } });
    const rmaId = asked.body.returns[0].rmaId;
    await eventually(async () => expect((await inbox('orders@hooli.example')).filter((e) => e.subject.startsWith(`Return ${rmaId}`))).toHaveLength(1));
    const email = (await inbox('orders@hooli.example')).find((e) => e.subject.startsWith(`Return ${rmaId}`));
    expect(email?.subject).toContain(`for purchase order ${poNumber}: please answer by`);
    expect(email?.body.text).toContain('1 x HO-RUG-5');
    expect(email?.body.text).toContain('wrong item: "ordered blue"');
    expect(email?.body.text).toContain('/#/returns');
  });
});
