import { promiseAccuracyTotals, reroutingTotals } from '../domain/vendor-analytics';
import { notFound } from '../domain/errors';
import { scorecard } from '../services/vendor-scorecard';
import { allVendors, getVendor } from '../store/catalog-store';
import { createApiHandler, operationsOf } from './http/api-handler';
import { analyticsRoutes } from './routes/analytics';
import { getRoutingRules, putRoutingRules } from '../store/routing-store';
import { chargePeriod, chargesCsv, chargesFor, csvContentType, getComplianceRules, putComplianceRules } from '../services/compliance-charges';

export const operations = operationsOf(analyticsRoutes, {
  async vendorAnalytics({ query }, { table, now }) {
    const cards = await Promise.all((await allVendors(table)).map((vendor) => scorecard(table, vendor, query, now())));
    // Best score first; vendors without a score (not enough data) last, by id.
    cards.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.vendorId.localeCompare(b.vendorId));
    return { body: { items: cards, rerouting: reroutingTotals(cards), promiseAccuracy: promiseAccuracyTotals(cards) } };
  },

  async getComplianceRules(_input, { table }) {
    return { body: await getComplianceRules(table) };
  },

  async putComplianceRules({ body, principal }, { table, now }) {
    return { body: await putComplianceRules(table, { ...body, updatedAt: now().toISOString(), updatedBy: `ops:${principal.keyId}` }) };
  },

  async getRoutingRules(_input, { table }) {
    return { body: await getRoutingRules(table) };
  },

  async putRoutingRules({ body, principal }, { table, now }) {
    return { body: await putRoutingRules(table, { ...body, updatedAt: now().toISOString(), updatedBy: `ops:${principal.keyId}` }) };
  },

  async listComplianceCharges({ query }, { table, now }) {
    const period = chargePeriod(query, now());
    if (query.vendorId && !(await getVendor(table, query.vendorId))) throw notFound('Vendor', query.vendorId);
    const vendorIds = query.vendorId ? [query.vendorId] : (await allVendors(table)).map((v) => v.vendorId);
    const items = (await chargesFor(table, vendorIds, period)).sort((a, b) => b.total - a.total || a.vendorId.localeCompare(b.vendorId));
    return query.format === 'csv' ? { contentType: csvContentType, body: chargesCsv(items) } : { body: { items } };
  },

  async vendorAnalyticsOne({ params, query }, { table, now }) {
    const vendor = await getVendor(table, params.vendorId);
    if (!vendor) throw notFound('Vendor', params.vendorId);
    return { body: await scorecard(table, vendor, query, now()) };
  },
});

export const handler = createApiHandler(operations);
