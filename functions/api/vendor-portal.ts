import type { Principal } from '../contracts/api-keys';
import { DomainError, notFound } from '../domain/errors';
import { getPurchaseOrder, listPurchaseOrders } from '../store/purchase-order-store';
import { createApiHandler, type Operations } from './http/api-handler';
import { toPurchaseOrderView } from './order-views';

const vendorOf = (principal: Principal): string => {
  if (!principal.vendorId) throw new DomainError('FORBIDDEN', 'This key is not bound to a vendor');
  return principal.vendorId;
};

export const operations: Operations<'vendorPortal'> = {
  async listVendorPurchaseOrders({ query, principal }, { table }) {
    const { status, limit, cursor } = query;
    const page = await listPurchaseOrders(table, { status, vendorId: vendorOf(principal) }, { limit, cursor });
    return { body: { items: page.items.map(toPurchaseOrderView), nextCursor: page.nextCursor } };
  },

  async getVendorPurchaseOrder({ params, principal }, { table }) {
    const po = await getPurchaseOrder(table, params.poNumber);
    // Another vendor's PO answers exactly as a missing one would.
    if (!po || po.vendorId !== vendorOf(principal)) throw notFound('Purchase order', params.poNumber);
    return { body: toPurchaseOrderView(po) };
  },
};

export const handler = createApiHandler(operations);
