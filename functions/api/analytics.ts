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
      cards.push(...(await Promise.all(page.items.map((vendor) => scorecard(table, vendor.vendorId, query, now())))));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    cards.sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
    return { body: { items: cards } };
  },

  async vendorAnalyticsOne({ params, query }, { table, now }) {
    if (!(await getVendor(table, params.vendorId))) throw notFound('Vendor', params.vendorId);
    return { body: await scorecard(table, params.vendorId, query, now()) };
  },
};

export const handler = createApiHandler(operations);
