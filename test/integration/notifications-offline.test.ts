import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { inbox as inboxOf } from '../support/ses-inbox';

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
