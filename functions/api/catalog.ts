import type { ProductView, VendorView } from '../contracts/catalog';
import { isDropshipProduct, type Product, type Vendor } from '../domain/catalog';
import { nextVendorStatus } from '../domain/catalog';
import { DomainError, notFound } from '../domain/errors';
import { getProduct, getVendor, getVendors, listProducts, listVendors, putProduct, putVendor } from '../store/catalog-store';
import { createApiHandler, operationsOf } from './http/api-handler';
import { catalogRoutes } from './routes/catalog';
import { certificationReportOf, passedCertification, startCertification } from '../services/certification';
import { listVendorStock } from '../store/inventory-store';
import { defaultInventoryPolicy, stockStateOf } from '../domain/inventory';
import { placeVendorOnConnection } from '../services/edi-connections';
import { returnPolicyOf } from '../domain/returns';

/** Secrets stay in the table: a view says only whether one is set. */
export const toVendorView = ({ api, returns, ...vendor }: Vendor): VendorView => ({
  ...vendor,
  status: vendor.status ?? 'LIVE',
  ...(returns && { returns: returnPolicyOf(returns) }),
  ...(api && { api: { webhookUrl: api.webhookUrl, hasSigningSecret: Boolean(api.signingSecret) } }),
});

export const toProductView = (product: Product): ProductView => ({
  ...product,
  fulfillment: isDropshipProduct(product) ? 'DROPSHIP' : 'WAREHOUSE',
});

const mismatch = (field: string, path: string) =>
  new DomainError('VALIDATION_FAILED', `The body's ${field} differs from the path`, [
    { field, rule: 'matches_path', message: `must equal ${path} or be left out` },
  ]);

export const operations = operationsOf(catalogRoutes, {
  async putVendor({ params, body, principal }, dependencies) {
    const { table, now } = dependencies;
    const { vendorId } = params;
    if (body.vendorId && body.vendorId !== vendorId) throw mismatch('vendorId', vendorId);
    const existing = await getVendor(table, vendorId);
    const signingSecret = body.api?.signingSecret ?? existing?.api?.signingSecret;
    if (body.channel === 'API' && !signingSecret) {
      throw new DomainError('VALIDATION_FAILED', 'An API vendor needs a webhook signing secret', [
        { field: 'api.signingSecret', rule: 'required', message: 'is required the first time an API vendor is saved' },
      ]);
    }
    const calendar = body.sla.holidayCalendar;
    // date-holidays' rules (2 MB) are evaluated only when a vendor names a calendar, not at every cold start.
    const holidays = calendar ? await import('../domain/holiday-calendar') : undefined;
    if (calendar && !holidays?.isKnownCalendar(calendar)) {
      throw new DomainError('VALIDATION_FAILED', `No public-holiday calendar ${calendar}`, [
        { field: 'sla.holidayCalendar', rule: 'known_calendar', message: 'is not a calendar date-holidays knows (a country code such as US, or country-region such as US-NY or GB-ENG)' },
      ]);
    }
    const { vendorId: _fromBody, api, status: _status, statusReason: _reason, ...settings } = body;
    // Kept from the first save; a vendor saved before it was kept has none (its first counted day stands in).
    const createdAt = existing ? existing.createdAt : now().toISOString();
    const goingLive = body.status === 'LIVE' && existing !== undefined && existing.status !== 'LIVE' && !body.statusReason;
    const passedRun = goingLive ? await passedCertification({ table, now }, existing) : undefined;
    const vendor: Vendor = {
      ...settings,
      sla: { ...settings.sla, ...(calendar && holidays && { calendarHolidays: holidays.calendarHolidays(calendar, now()) }) },
      ...nextVendorStatus(existing, body, { by: `ops:${principal.keyId}`, at: now().toISOString() }, passedRun),
      vendorId,
      ...(api && { api: { webhookUrl: api.webhookUrl, ...(signingSecret && { signingSecret }) } }),
      ...(createdAt && { createdAt }),
      updatedAt: now().toISOString(),
    };
    if (vendor.edi?.connectionId || existing?.edi?.connectionId) await placeVendorOnConnection(dependencies, vendor, existing);
    await putVendor(table, vendor);
    return { status: existing ? 200 : 201, body: toVendorView(vendor) };
  },

  async getVendor({ params }, { table }) {
    const vendor = await getVendor(table, params.vendorId);
    if (!vendor) throw notFound('Vendor', params.vendorId);
    return { body: toVendorView(vendor) };
  },

  async listVendors({ query }, { table }) {
    const page = await listVendors(table, query);
    return { body: { items: page.items.map(toVendorView), nextCursor: page.nextCursor } };
  },

  async putProduct({ params, body }, { table, now }) {
    const { sku } = params;
    if (body.sku && body.sku !== sku) throw mismatch('sku', sku);
    const vendors = await getVendors(table, body.sources.map((source) => source.vendorId));
    const unknown = body.sources.flatMap((source, index) =>
      vendors.has(source.vendorId)
        ? []
        : [{ field: `sources.${index}.vendorId`, rule: 'known_vendor', message: `vendor ${source.vendorId} does not exist` }],
    );
    if (unknown.length > 0) throw new DomainError('UNKNOWN_VENDOR', 'The product names vendors that do not exist', unknown);
    const existing = await getProduct(table, sku);
    const product: Product = { sku, name: body.name, ...(body.gtin && { gtin: body.gtin }), sources: body.sources, updatedAt: now().toISOString() };
    await putProduct(table, product);
    return { status: existing ? 200 : 201, body: toProductView(product) };
  },

  async getProduct({ params }, { table }) {
    const product = await getProduct(table, params.sku);
    if (!product) throw notFound('Product', params.sku);
    return { body: toProductView(product) };
  },

  async listVendorInventory({ params, query }, { table, now }) {
    const vendor = await getVendor(table, params.vendorId);
    if (!vendor) throw notFound('Vendor', params.vendorId);
    const page = await listVendorStock(table, vendor.vendorId, query);
    const at = now();
    const policy = vendor.inventory ?? defaultInventoryPolicy;
    return { body: { items: page.items.map((level) => ({ ...level, fresh: stockStateOf(level, policy, at).state === 'FRESH' })), nextCursor: page.nextCursor } };
  },

  async startCertification({ params, body, principal }, dependencies) {
    return { status: 201, body: await startCertification(dependencies, params.vendorId, body, `ops:${principal.keyId}`) };
  },

  async getCertification({ params }, dependencies) {
    return { body: await certificationReportOf(dependencies, params.vendorId) };
  },

  async listProducts({ query }, { table }) {
    const page = await listProducts(table, query);
    return { body: { items: page.items.map(toProductView), nextCursor: page.nextCursor } };
  },
});

export const handler = createApiHandler(operations);
