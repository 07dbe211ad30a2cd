import { defaultInventoryPolicy, stockKeyOf, stockStateOf } from '../domain/inventory';
import { DomainError, notFound } from '../domain/errors';
import { applyInventoryFeed } from '../services/inventory-feeds';
import { getProduct } from '../store/catalog-store';
import { readSources } from '../store/order-store';
import { createApiHandler, operationsOf } from './http/api-handler';
import { inventoryRoutes } from './routes/inventory';

export const operations = operationsOf(inventoryRoutes, {
  async putInventory({ body, principal }, dependencies) {
    if (!principal.vendorId) throw new DomainError('FORBIDDEN', 'This key is not bound to a vendor');
    return { body: await applyInventoryFeed(dependencies, principal.vendorId, body.feedId, body.items) };
  },

  async getInventory({ params }, { table, now }) {
    const product = await getProduct(table, params.sku);
    if (!product) throw notFound('Product', params.sku);
    const { vendors, stock } = await readSources(table, [{ ...product, sources: product.sources.map((s) => ({ ...s, active: true })) }]);
    const at = now();
    return {
      body: {
        sku: product.sku,
        name: product.name,
        sources: product.sources.map((source) => {
          const level = stock.get(stockKeyOf(source.vendorId, source.vendorSku));
          const state = stockStateOf(level, vendors.get(source.vendorId)?.inventory ?? defaultInventoryPolicy, at);
          return {
            vendorId: source.vendorId,
            vendorSku: source.vendorSku,
            active: source.active && vendors.get(source.vendorId)?.active === true,
            available: level?.available ?? null,
            restockDate: level?.restockDate ?? null,
            updatedAt: level?.updatedAt ?? null,
            fresh: state.state === 'FRESH',
            stock: state.state,
          };
        }),
      },
    };
  },
});

export const handler = createApiHandler(operations);
