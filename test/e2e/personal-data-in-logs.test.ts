import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import type { JsonBody } from '../support/local-api';
import { call, startRunner, stopRunner, type Runner } from '../support/offline-runner';

const dataDir = mkdtempSync(join(tmpdir(), 'dropship-pii-'));
let runner: Runner | undefined;
afterAll(async () => {
  if (runner) await stopRunner(runner.child);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('personal data in logs', () => {
  it("writes no customer name, email, phone or address in any log line through an order's whole life", { timeout: 180_000 }, async () => {
    // The offline stack as `npm start` runs it, logging everything (DEBUG), every line kept.
    runner = await startRunner({ port: await freePort(), dataDir, args: ['--reset', '--verbose'], env: { POWERTOOLS_LOG_LEVEL: 'DEBUG' } });
    const { url } = runner;
    const customer = { name: 'Quentin Privacyson', email: 'quentin.private@example.org', phone: '+14155559876' };
    const address = { line1: '742 Evergreen Terrace', line2: 'Apartment 9Z', city: 'Shelbyville', region: 'OR', postalCode: '97477', country: 'US' };
    const globex = 'sk_local_vendor_globex';
    const ops = 'sk_local_ops';

    const placed = await call(url, 'POST', '/orders', 'sk_local_storefront', anOrder({ skus: ['CHAIR-002', 'LAMP-001'], customer, shippingAddress: address, notify: { email: true, sms: true } }), { 'Idempotency-Key': 'pii-1' });
    expect(placed.status).toBe(201);
    const po = (placed.body.purchaseOrders as JsonBody[]).find((p) => p.vendorId === 'globex');
    await eventually(async () => expect((await call(url, 'GET', `/vendor/purchase-orders/${po.poNumber}`, globex)).body.status).toBe('SENT_TO_VENDOR'));
    await call(url, 'POST', `/vendor/purchase-orders/${po.poNumber}/acknowledgment`, globex, { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] });
    await call(url, 'POST', `/vendor/purchase-orders/${po.poNumber}/shipments`, globex, {
      carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 1 }] }],
    });
    // Overdue acme PO: the SLA check opens an exception and alerts ops; then the order is cancelled.
    await call(url, 'POST', '/_local/clock', ops, { advanceHours: 30 });
    await call(url, 'POST', '/_local/checks', ops);
    await call(url, 'POST', '/_local/clock', ops, { reset: true });
    expect((await call(url, 'POST', `/orders/${placed.body.orderId}/cancel`, 'sk_local_storefront', { lines: [2], reason: 'changed my mind' })).status).toBe(200);
    await eventually(async () => expect((await call(url, 'GET', `/orders/${placed.body.orderId}`, ops)).body.notifications.length).toBeGreaterThanOrEqual(8), 20_000);
    // A refused order logs its refusal, not the body.
    await call(url, 'POST', '/orders', 'sk_local_storefront', { customer, shippingAddress: address }, { 'Idempotency-Key': 'pii-2' });
    expect(await stopRunner(runner.child)).toBe(0);

    const logs = runner.log();
    // The logs were written and do name the order, so a leak would show.
    expect(logs).toContain('"message":"Order placed"');
    expect(logs).toContain('"message":"Customer notified"');
    expect(logs).toContain(placed.body.orderId);
    for (const secret of [customer.name, 'Privacyson', customer.email, customer.phone, '5559876', address.line1, 'Evergreen', address.line2, address.city, address.postalCode]) {
      expect(logs.includes(secret), `a log line carries "${secret}"`).toBe(false);
    }
  });
});
