import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { startSeededApi, type ApiClient } from '../support/local-api';

let client: ApiClient;
beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

const asOps = (method: string, path: string, body?: unknown) => client.call(method, path, { key: demoKeys.ops, body });

const apiVendor = {
  name: 'Initech',
  channel: 'API',
  api: { webhookUrl: 'https://vendor.example/hooks/po', signingSecret: 'whsec_initech_0123456789' },
  sla: { ackWithinHours: 12, shipWithinBusinessDays: 1, cutoffTime: '15:30', timeZone: 'Europe/Berlin', holidays: ['2026-12-24'] },
};

describe('holiday calendars', () => {
  it('takes a calendar date-holidays knows, and refuses another naming the field', async () => {
    const saved = await asOps('PUT', '/vendors/initech-de', { ...apiVendor, sla: { ...apiVendor.sla, holidayCalendar: 'DE-BY' } });
    expect(saved.body.sla).toMatchObject({ holidayCalendar: 'DE-BY', holidays: ['2026-12-24'] });
    // Its dates are kept with the SLA (so only the catalog loads the calendar rules): Bavaria's Epiphany among them.
    expect(saved.body.sla.calendarHolidays).toEqual(expect.arrayContaining(['2027-01-06', '2026-12-25']));
    const refused = await asOps('PUT', '/vendors/initech-de', { ...apiVendor, sla: { ...apiVendor.sla, holidayCalendar: 'XX-YY' } });
    expect([refused.status, refused.body.error.details.map((d: { field: string }) => d.field)]).toEqual([400, ['sla.holidayCalendar']]);
  });
});

describe('onboarding', () => {
  it('starts a new vendor ONBOARDING, routes it no real orders, and lets ops set it LIVE only with a reason, kept in its history', async () => {
    const created = await asOps('PUT', '/vendors/umbrella', { ...apiVendor, name: 'Umbrella' });
    expect(created.body).toMatchObject({ status: 'ONBOARDING', statusHistory: [{ status: 'ONBOARDING', reason: 'new vendor', by: 'ops:key_local_ops' }] });
    await asOps('PUT', '/products/UMB-1', { name: 'Umbrella stand', sources: [{ vendorId: 'umbrella', vendorSku: 'U-1', unitCost: 500 }] });
    const order = () => client.call('POST', '/orders', { key: demoKeys.storefront, body: anOrder({ skus: ['UMB-1'] }), headers: { 'Idempotency-Key': `umb-${Date.now()}` } });
    const refused = await order();
    expect([refused.status, refused.body.error.code]).toEqual([422, 'VENDOR_INACTIVE']);
    expect(refused.body.error.details[0].message).toContain('still onboarding (umbrella)');

    const noReason = await asOps('PUT', '/vendors/umbrella', { ...apiVendor, name: 'Umbrella', status: 'LIVE' });
    expect([noReason.status, noReason.body.error.details]).toEqual([409, [{ field: 'statusReason', rule: 'required_to_go_live', message: 'is required to set LIVE while no certification run has passed (POST /vendors/{vendorId}/certification starts one)' }]]);
    const live = await asOps('PUT', '/vendors/umbrella', { ...apiVendor, name: 'Umbrella', status: 'LIVE', statusReason: 'certified by phone with their team lead' });
    expect(live.body).toMatchObject({ status: 'LIVE', statusHistory: [{ status: 'ONBOARDING' }, { status: 'LIVE', reason: 'certified by phone with their team lead' }] });
    // A later save that names no status keeps it.
    expect((await asOps('PUT', '/vendors/umbrella', { ...apiVendor, name: 'Umbrella Corp' })).body.status).toBe('LIVE');
    expect((await order()).status).toBe(201);
  });
});

describe('vendors', () => {
  it('creates with 201, replaces with 200, and never echoes the signing secret', async () => {
    const created = await asOps('PUT', '/vendors/initech', apiVendor);
    expect(created.status).toBe(201);
    expect(created.body.api).toEqual({ webhookUrl: 'https://vendor.example/hooks/po', hasSigningSecret: true });
    expect(JSON.stringify(created.body)).not.toContain('whsec_initech');

    const { signingSecret: _secret, ...apiWithoutSecret } = apiVendor.api;
    const replaced = await asOps('PUT', '/vendors/initech', { ...apiVendor, api: apiWithoutSecret, active: false });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ active: false, api: { hasSigningSecret: true } });

    const read = await asOps('GET', '/vendors/initech');
    expect(read.body).toMatchObject({ vendorId: 'initech', active: false, sla: { timeZone: 'Europe/Berlin', holidays: ['2026-12-24'] } });
    expect(JSON.stringify(read.body)).not.toContain('whsec_initech');
  });

  it('needs a signing secret the first time an API vendor is saved', async () => {
    const { status, body } = await asOps('PUT', '/vendors/nosecret', { ...apiVendor, api: { webhookUrl: null } });
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'api.signingSecret', rule: 'required' })]);
  });

  it('refuses a body whose vendorId differs from the path', async () => {
    const { status, body } = await asOps('PUT', '/vendors/initech', { ...apiVendor, vendorId: 'other' });
    expect(status).toBe(400);
    expect(body.error.details[0].field).toBe('vendorId');
  });

  it('refuses an invalid vendor id in the path', async () => {
    const { status, body } = await asOps('PUT', '/vendors/Not_Valid', apiVendor);
    expect(status).toBe(400);
    expect(body.error.details[0].field).toBe('path.vendorId');
  });

  it('lists vendors by id with a cursor', async () => {
    const first = await asOps('GET', '/vendors?limit=1');
    const second = await asOps('GET', `/vendors?limit=1&cursor=${first.body.nextCursor}`);
    expect(first.body.items[0].vendorId < second.body.items[0].vendorId).toBe(true);
  });

  it('answers 404 for an unknown vendor', async () => {
    const { status, body } = await asOps('GET', '/vendors/nobody');
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });
});

describe('products', () => {
  it('stores a product with its sources and reports it as a dropship SKU', async () => {
    const { status, body } = await asOps('PUT', '/products/RUG-9', {
      name: 'Wool rug',
      sources: [{ vendorId: 'acme', vendorSku: 'AC-RUG', unitCost: 5000 }],
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ sku: 'RUG-9', fulfillment: 'DROPSHIP', sources: [{ vendorId: 'acme', priority: 1, active: true }] });
  });

  it('reports a product without sources as a warehouse SKU', async () => {
    const { body } = await asOps('PUT', '/products/BOX-1', { name: 'Gift box' });
    expect(body.fulfillment).toBe('WAREHOUSE');
  });

  it('refuses a source naming a vendor that does not exist, with 422 naming the field', async () => {
    const { status, body } = await asOps('PUT', '/products/RUG-10', {
      name: 'Rug',
      sources: [
        { vendorId: 'acme', vendorSku: 'A', unitCost: 1 },
        { vendorId: 'ghost', vendorSku: 'G', unitCost: 1 },
      ],
    });
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'UNKNOWN_VENDOR', details: [{ field: 'sources.1.vendorId' }] });
    expect((await asOps('GET', '/products/RUG-10')).status).toBe(404);
  });

  it('refuses two sources from the same vendor', async () => {
    const source = { vendorId: 'acme', vendorSku: 'A', unitCost: 1 };
    const { status, body } = await asOps('PUT', '/products/RUG-11', { name: 'Rug', sources: [source, source] });
    expect(status).toBe(400);
    expect(body.error.details[0].field).toBe('sources.1.vendorId');
  });

  it('lists every product across pages', async () => {
    const skus: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { sku: string }[]; nextCursor: string | null } } = await asOps('GET', `/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      skus.push(...page.body.items.map((p) => p.sku));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(skus).toEqual([...skus].sort());
    expect(skus).toEqual(expect.arrayContaining(['LAMP-001', 'CHAIR-002', 'DESK-004', 'MUG-003']));
  });
});
