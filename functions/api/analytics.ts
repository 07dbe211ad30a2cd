import { notFound } from '../domain/errors';
import { scorecard } from '../services/vendor-scorecard';
import { getVendor, listVendors } from '../store/catalog-store';
import { createApiHandler, type Operations } from './http/api-handler';
import { chargePeriod, chargesCsv, chargesFor, csvContentType, getComplianceRules, putComplianceRules } from '../services/compliance-charges';

export const operations: Operations<'analytics'> = {
  async vendorAnalytics({ query }, { table, now }) {
    const cards = [];
    let cursor: string | undefined;
    do {
      const page = await listVendors(table, { limit: 100, cursor });
      cards.push(...(await Promise.all(page.items.map((vendor) => scorecard(table, vendor, query, now())))));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // Best score first; vendors without a score (not enough data) last, by id.
    cards.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.vendorId.localeCompare(b.vendorId));
    return { body: { items: cards } };
  },

  async getComplianceRules(_input, { table }) {
    return { body: await getComplianceRules(table) };
  },

  async putComplianceRules({ body, principal }, { table, now }) {
    return { body: await putComplianceRules(table, { ...body, updatedAt: now().toISOString(), updatedBy: `ops:${principal.keyId}` }) };
  },

  async listComplianceCharges({ query }, { table, now }) {
    const period = chargePeriod(query, now());
    let vendorIds: string[];
    if (query.vendorId) {
      if (!(await getVendor(table, query.vendorId))) throw notFound('Vendor', query.vendorId);
      vendorIds = [query.vendorId];
    } else {
      vendorIds = [];
      let cursor: string | undefined;
      do {
        const page = await listVendors(table, { limit: 100, cursor });
        vendorIds.push(...page.items.map((v) => v.vendorId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    const items = (await chargesFor(table, vendorIds, period)).sort((a, b) => b.total - a.total || a.vendorId.localeCompare(b.vendorId));
    return query.format === 'csv' ? { contentType: csvContentType, body: chargesCsv(items) } : { body: { items } };
  },

  async vendorAnalyticsOne({ params, query }, { table, now }) {
    const vendor = await getVendor(table, params.vendorId);
    if (!vendor) throw notFound('Vendor', params.vendorId);
    return { body: await scorecard(table, vendor, query, now()) };
  },
};

export const handler = createApiHandler(operations);
