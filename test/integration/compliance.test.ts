import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { sentPurchaseOrder } from '../support/sent-purchase-order';

/** Compliance rules and charges through the API, on the offline stack: violations written by real vendor events. */
let client: ApiClient;
const ops = { key: demoKeys.ops };
const globex = { key: demoKeys.vendor('globex') };

beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

describe('compliance charges', () => {
  it('serves the default rules until ops set theirs, and refuses a bad rule naming the field', async () => {
    const defaults = await client.call('GET', '/compliance/rules', ops);
    expect(defaults.body.rules.LATE_SHIPMENT).toEqual({ amount: 500, allowance: 0.01 });
    const bad = await client.call('PUT', '/compliance/rules', { ...ops, body: { currency: 'USD', rules: { LATE_SHIPMENT: { amount: -5, allowance: 2 } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: JsonBody) => d.field).sort()).toEqual(['rules.LATE_SHIPMENT.allowance', 'rules.LATE_SHIPMENT.amount']);
    const set = await client.call('PUT', '/compliance/rules', {
      ...ops,
      body: { currency: 'USD', rules: { VENDOR_CANCELLATION: { amount: 300, allowance: 0 }, INVALID_ASN: { amount: 1000, allowance: 0, lateAfterHours: 24 } } },
    });
    expect(set.body).toMatchObject({ updatedBy: 'ops:key_local_ops', rules: { VENDOR_CANCELLATION: { amount: 300 } } });
    expect((await client.call('GET', '/compliance/rules', { key: demoKeys.storefront })).status).toBe(403);
  });

  it("charges a vendor's rejected line and its refused tracking number, listing the POs, for ops and for the vendor", async () => {
    const rejected = await sentPurchaseOrder(client, [['CHAIR-002', 1], ['CHAIR-002', 1]], 'globex');
    const ack = await client.call('POST', `/vendor/purchase-orders/${rejected}/acknowledgment`, {
      ...globex,
      body: { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }, { lineNumber: 2, status: 'REJECTED', reason: 'discontinued' }] },
    });
    expect(ack.status).toBe(200);
    const badTracking = await sentPurchaseOrder(client, [['CHAIR-002', 1]], 'globex');
    const refused = await client.call('POST', `/vendor/purchase-orders/${badTracking}/shipments`, { ...globex, body: { carrier: 'UPS', shipDate: '2026-11-26', packages: [{ trackingNumber: '1Z999AA10123456789', lines: [{ lineNumber: 1, quantity: 1 }] }] } });
    expect(refused.status).toBe(422);

    const { body } = await client.call('GET', '/compliance/charges?vendorId=globex', ops);
    expect(body.items).toHaveLength(1);
    const [charges] = body.items;
    expect(charges.charges).toEqual([
      { rule: 'VENDOR_CANCELLATION', violations: 1, allowed: 0, charged: 1, unitAmount: 300, amount: 300, poNumbers: [rejected] },
      { rule: 'INVALID_ASN', violations: 1, allowed: 0, charged: 1, unitAmount: 1000, amount: 1000, poNumbers: [badTracking] },
    ]);
    expect(charges.total).toBe(1300);
    // The vendor sees its own, the same; the CSV export reads back through a CSV parser.
    expect((await client.call('GET', '/vendor/compliance/charges', globex)).body).toEqual(charges);
    const csv = await fetch(`${client.api.url}/compliance/charges?vendorId=globex&format=csv`, { headers: { 'x-api-key': demoKeys.ops } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = Papa.parse<Record<string, string>>(await csv.text(), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.rule, r.amount, r.poNumbers])).toEqual([['VENDOR_CANCELLATION', '300', rejected], ['INVALID_ASN', '1000', badTracking]]);
  });

  it('lists every vendor, the largest total first', async () => {
    const { body } = await client.call('GET', '/compliance/charges', ops);
    expect(body.items.map((v: JsonBody) => v.vendorId)[0]).toBe('globex');
    expect(body.items.map((v: JsonBody) => v.vendorId)).toEqual(expect.arrayContaining(['acme', 'globex', 'hooli']));
  });

  it("counts a new vendor's per-day rates from the day it was created, not from days before it existed", async () => {
    await client.call('PUT', '/vendors/newco', {
      ...ops,
      body: { name: 'Newco', channel: 'PORTAL', contact: { email: 'orders@newco.example' }, sla: { ackWithinHours: 24, shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'UTC' } },
    });
    const key = (await client.call('POST', '/api-keys', { ...ops, body: { role: 'vendor', vendorId: 'newco' } })).body.secret;
    await client.call('PUT', '/vendor/inventory', { key, body: { feedId: 'first', items: [{ vendorSku: 'N-1', available: 3, restockDate: null }] } });
    const card = (await client.call('GET', '/analytics/vendors/newco', ops)).body;
    // One feed on its one day: 1, not 1/30.
    expect(card.inventoryFeedScore).toBe(1);
    expect([card.score, card.tier, card.reasons.score]).toEqual([null, null, 'no closed POs in the period']);
  });
});
