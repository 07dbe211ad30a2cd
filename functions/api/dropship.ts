import { listPurchaseOrders } from '../store/purchase-order-store';
import { createApiHandler, type Operations } from './http/api-handler';
import { toDropshipRow } from './order-views';

export const operations: Operations<'dropship'> = {
  async listDropshipOrders({ query }, { table }) {
    const { status, vendorId, limit, cursor } = query;
    const page = await listPurchaseOrders(table, { status, vendorId }, { limit, cursor });
    return { body: { items: page.items.map(toDropshipRow), nextCursor: page.nextCursor } };
  },
};

export const handler = createApiHandler(operations);
