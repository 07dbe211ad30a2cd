import { notFound } from '../domain/errors';
import { scorecard } from '../services/vendor-scorecard';
import { getVendor, listVendors } from '../store/catalog-store';
import { createApiHandler, type Operations } from './http/api-handler';

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

  async vendorAnalyticsOne({ params, query }, { table, now }) {
    const vendor = await getVendor(table, params.vendorId);
    if (!vendor) throw notFound('Vendor', params.vendorId);
    return { body: await scorecard(table, vendor, query, now()) };
  },
};

export const handler = createApiHandler(operations);
