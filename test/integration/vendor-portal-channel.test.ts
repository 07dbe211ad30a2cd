import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { inbox as inboxOf } from '../support/ses-inbox';

/**
 * Vendors with no integration: POs by email with a link to the portal, and a one-time sign-in link
 * exchanged for a session key, on the offline stack with the SES emulator.
 */
let client: ApiClient;
const ops = { key: demoKeys.ops };
const hooliEmail = 'orders@hooli.example';

beforeAll(async () => {
  client = await startSeededApi({ notifications: true });
});
afterAll(() => client.close());

const inbox = (to: string) => inboxOf(client.sesEndpoint, to);

/** The token in the newest sign-in email to the address. */
async function signInToken(to: string): Promise<string> {
  const emails = await eventually(async () => {
    const found = (await inbox(to)).filter((e) => e.subject.includes('sign-in link'));
    expect(found.length).toBeGreaterThan(0);
    return found;
  });
  return /#\/sign-in\/([\w-]+)/.exec(emails.at(-1)?.body.text ?? '')?.[1] ?? '';
}

const requestLink = (email: string) => client.call('POST', '/vendor/sign-in-links', { body: { email } });
const exchange = (token: string) => client.call('POST', '/vendor/sessions', { body: { token } });

async function placeRugOrder(key: string) {
  const placed = await client.call('POST', '/orders', { key: demoKeys.storefront, body: anOrder({ skus: ['RUG-005'] }), headers: { 'Idempotency-Key': key } });
  return placed.body.purchaseOrders[0].poNumber as string;
}

describe('the PORTAL channel', () => {
  it('emails the vendor each new PO once, with a link to it in the portal', async () => {
    const poNumber = await placeRugOrder('portal-po-1');
    const email = await eventually(async () => {
      const found = (await inbox(hooliEmail)).find((e) => e.subject === `New purchase order ${poNumber}`);
      expect(found).toBeDefined();
      return found;
    });
    expect(email?.body.text).toContain(`/portal/#/po/${poNumber}`);
    expect(email?.body.text).toContain('1 x Hand-tufted wool rug');
    // Not the storefront's business: its view of the order leaves the vendor's messages out.
    const order = (await client.call('GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder.orderId;
    const asStorefront = await client.call('GET', `/orders/${order}`, { key: demoKeys.storefront });
    expect(asStorefront.body.notifications.map((n: JsonBody) => n.milestone)).not.toContain('VENDOR_NEW_PO');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await inbox(hooliEmail)).filter((e) => e.subject === `New purchase order ${poNumber}`)).toHaveLength(1);
  });
});

describe('sign-in links', () => {
  it('answers alike for any address, and mails a link only to a vendor contact', async () => {
    const [known, unknown] = await Promise.all([requestLink(hooliEmail), requestLink('nobody@example.com')]);
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(unknown.body.message.replace('nobody@example.com', hooliEmail)).toBe(known.body.message);
    expect(await inbox('nobody@example.com')).toEqual([]);
    expect(await signInToken(hooliEmail)).toMatch(/^[\w-]{40,}$/);
  });

  it('opens a session scoped to the vendor, once per link', async () => {
    await requestLink(hooliEmail);
    const token = await signInToken(hooliEmail);
    const session = await exchange(token);
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({ vendorId: 'hooli', key: expect.any(String), expiresAt: expect.any(String) });
    expect(Date.parse(session.body.expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3_600_000);

    const poNumber = await placeRugOrder('portal-po-2');
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, { key: session.body.key })).body.status).toBe('SENT_TO_VENDOR'));
    const acme = await client.call('POST', '/orders', { key: demoKeys.storefront, body: anOrder({ skus: ['LAMP-001'] }), headers: { 'Idempotency-Key': 'portal-acme-1' } });
    expect((await client.call('GET', `/vendor/purchase-orders/${acme.body.purchaseOrders[0].poNumber}`, { key: session.body.key })).status).toBe(404);
    expect((await client.call('GET', '/vendors', { key: session.body.key })).status).toBe(403);

    const again = await exchange(token);
    expect([again.status, again.body.error.details[0]]).toEqual([401, { field: 'token', rule: 'sign_in_link', message: 'is used, expired or unknown' }]);
  });

  it('refuses a link after 15 minutes, and ends the sessions of a vendor ops deactivate', async () => {
    await requestLink(hooliEmail);
    const stale = await signInToken(hooliEmail);
    await requestLink(hooliEmail);
    await eventually(async () => expect((await inbox(hooliEmail)).filter((e) => e.subject.includes('sign-in link')).length).toBeGreaterThanOrEqual(4));
    const fresh = await signInToken(hooliEmail);
    try {
      await client.call('POST', '/_local/clock', { ...ops, body: { advanceHours: 0.3 } });
      expect((await exchange(stale)).status).toBe(401);
    } finally {
      await client.call('POST', '/_local/clock', { ...ops, body: { reset: true } });
    }
    const session = await exchange(fresh);
    expect((await client.call('GET', '/vendor/purchase-orders', { key: session.body.key })).status).toBe(200);
    const { body: vendor } = await client.call('GET', '/vendors/hooli', ops);
    const { updatedAt: _updated, ...input } = vendor;
    await client.call('PUT', '/vendors/hooli', { ...ops, body: { ...input, active: false } });
    try {
      expect((await client.call('GET', '/vendor/purchase-orders', { key: session.body.key })).status).toBe(401);
    } finally {
      await client.call('PUT', '/vendors/hooli', { ...ops, body: { ...input, active: true } });
    }
  });
});

describe("a vendor's own view", () => {
  it('shows a vendor its scorecard and open exceptions, and nobody else’s', async () => {
    const key = demoKeys.vendor('hooli');
    const card = await client.call('GET', '/vendor/scorecard', { key });
    expect(card.body).toMatchObject({ vendorId: 'hooli', posSent: expect.any(Number), period: { from: expect.any(String), to: expect.any(String) } });
    const poNumber = await placeRugOrder('portal-overdue-1');
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, { key })).body.status).toBe('SENT_TO_VENDOR'));
    try {
      await client.call('POST', '/_local/clock', { ...ops, body: { advanceHours: 30 } });
      await client.call('POST', '/_local/checks', ops);
      const own = (await client.call('GET', '/vendor/exceptions?limit=100', { key })).body.items;
      expect(own.map((e: JsonBody) => [e.type, e.poNumber])).toContainEqual(['ACK_OVERDUE', poNumber]);
      expect(own.every((e: JsonBody) => e.vendorId === 'hooli')).toBe(true);
      expect((await client.call('GET', '/vendor/exceptions', { key: demoKeys.vendor('globex') })).body.items.some((e: JsonBody) => e.poNumber === poNumber)).toBe(false);
    } finally {
      await client.call('POST', '/_local/clock', { ...ops, body: { reset: true } });
    }
  });
});
