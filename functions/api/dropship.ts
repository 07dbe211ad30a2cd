import { retryTransmission } from '../services/purchase-order-actions';
import { listPurchaseOrders } from '../store/purchase-order-store';
import { createApiHandler, type Operations } from './http/api-handler';
import { toDropshipRow, toPurchaseOrderView } from './order-views';

export const operations: Operations<'dropship'> = {
  async listDropshipOrders({ query }, { table }) {
    const { status, vendorId, limit, cursor } = query;
    const page = await listPurchaseOrders(table, { status, vendorId }, { limit, cursor });
    return { body: { items: page.items.map(toDropshipRow), nextCursor: page.nextCursor } };
  },

  async retryTransmission({ params, principal }, dependencies) {
    const change = await retryTransmission(dependencies, params.poNumber, `ops:${principal.keyId}`);
    return { status: 202, body: toPurchaseOrderView(change.after) };
  },
};

export const handler = createApiHandler(operations);
