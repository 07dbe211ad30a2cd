import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeList } from '../../functions/api/route-table';
import type { Role } from '../../functions/contracts/api-keys';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { startSeededApi, type ApiClient } from '../support/local-api';

let client: ApiClient;
beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

const keyOf: Record<Role, string> = { storefront: demoKeys.storefront, ops: demoKeys.ops, vendor: demoKeys.vendor('acme'), carrier: demoKeys.carrier };
const concretePath = (path: string) => path.replace(/\{[^}]+\}/g, 'does-not-exist');

describe('every route needs a key', () => {
  // Keyless routes prove their caller another way: tested below and in their own files.
  it.each(routeList().filter(([, route]) => !route.keyless || route.bodyFormat === 'text').map(([id, route]) => [id, route] as const))('%s refuses a request without a key with 401', async (_id, route) => {
    const { status, body } = await client.call(route.method, concretePath(route.path));
    expect(status).toBe(401);
    expect(body.error.code).toBe('UNAUTHORIZED');
  });

  it('refuses an unknown key with 401', async () => {
    const { status } = await client.call('GET', '/vendors', { key: 'sk_guessed' });
    expect(status).toBe(401);
  });
});

describe('each role reaches only its routes', () => {
  // A signed route takes no key at all (next test).
  const cases = routeList().filter(([, route]) => !route.keyless).flatMap(([id, route]) =>
    (['storefront', 'ops', 'vendor', 'carrier'] as Role[]).map((role) => [role, id, route] as const),
  );
  it.each(cases)('a %s key on %s', async (role, _id, route) => {
    const { status, body } = await client.call(route.method, concretePath(route.path), { key: keyOf[role], body: route.body ? {} : undefined });
    if (route.roles.includes(role)) {
      expect(status, JSON.stringify(body)).not.toBe(403);
      expect(status).not.toBe(401);
      expect(status).toBeLessThan(500);
    } else {
      expect(status).toBe(403);
      expect(body.error.code).toBe('FORBIDDEN');
    }
  });
});

describe('the signed tracking webhook', () => {
  it('ignores API keys: any key without the aggregator\'s signature is 401', async () => {
    for (const key of Object.values(keyOf)) {
      const { status, body } = await client.call('POST', '/tracking/webhooks/aftership', { key, body: { event: 'tracking_update' } });
      expect([status, body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
  });
});

describe('vendor isolation', () => {
  let poNumbers: Record<string, string>;

  beforeAll(async () => {
    const order = await client.call('POST', '/orders', {
      key: demoKeys.storefront,
      headers: { 'Idempotency-Key': 'isolation-1' },
      body: anOrder({ skus: ['LAMP-001', 'CHAIR-002'] }),
    });
    expect(order.status).toBe(201);
    poNumbers = Object.fromEntries(order.body.purchaseOrders.map((po: { vendorId: string; poNumber: string }) => [po.vendorId, po.poNumber]));
  });

  it('lets a vendor read its own purchase order', async () => {
    const { status, body } = await client.call('GET', `/vendor/purchase-orders/${poNumbers.acme}`, { key: demoKeys.vendor('acme') });
    expect(status).toBe(200);
    expect(body).toMatchObject({ poNumber: poNumbers.acme, vendorId: 'acme', lines: [{ lineNumber: 1, sku: 'LAMP-001', vendorSku: 'AC-100' }] });
  });

  it("answers another vendor's purchase order exactly as a missing one: 404", async () => {
    const other = await client.call('GET', `/vendor/purchase-orders/${poNumbers.globex}`, { key: demoKeys.vendor('acme') });
    const missing = await client.call('GET', '/vendor/purchase-orders/PO-NOPE', { key: demoKeys.vendor('acme') });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe(missing.body.error.code);
  });

  it("lists only the vendor's own purchase orders", async () => {
    const { body } = await client.call('GET', '/vendor/purchase-orders', { key: demoKeys.vendor('globex') });
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((po: { vendorId: string }) => po.vendorId === 'globex')).toBe(true);
  });
});

describe('API key administration', () => {
  it('creates a key whose secret works once shown, is stored only as a hash, and stops working when revoked', async () => {
    const created = await client.call('POST', '/api-keys', { key: demoKeys.ops, body: { role: 'vendor', vendorId: 'globex' } });
    expect(created.status).toBe(201);
    const { secret, keyId } = created.body;
    expect(secret).toMatch(/^dsk_[A-Za-z0-9_-]{43}$/);

    const listed = await client.call('GET', '/api-keys?limit=100', { key: demoKeys.ops });
    const entry = listed.body.items.find((k: { keyId: string }) => k.keyId === keyId);
    expect(entry).toMatchObject({ role: 'vendor', vendorId: 'globex' });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(entry).not.toHaveProperty('secretHash');

    expect((await client.call('GET', '/vendor/purchase-orders', { key: secret })).status).toBe(200);
    const revoked = await client.call('DELETE', `/api-keys/${keyId}`, { key: demoKeys.ops });
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await client.call('GET', '/vendor/purchase-orders', { key: secret })).status).toBe(401);
  });

  it('refuses a vendor key without a vendor id', async () => {
    const { status, body } = await client.call('POST', '/api-keys', { key: demoKeys.ops, body: { role: 'vendor' } });
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'vendorId' })]);
  });

  it('answers 404 when revoking an unknown key', async () => {
    expect((await client.call('DELETE', '/api-keys/key_missing', { key: demoKeys.ops })).status).toBe(404);
  });
});
