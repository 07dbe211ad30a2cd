import type { z } from 'zod';
import type { dropshipRow, orderView, purchaseOrderView } from '../contracts/orders';
import type { Order, PurchaseOrder } from '../domain/order-placement';

/** The workflow's task token is a capability, never shown. */
export const toPurchaseOrderView = ({ taskToken: _taskToken, vendorNotice: _notice, ...po }: PurchaseOrder): z.input<typeof purchaseOrderView> => po;

export const toOrderView = (order: Order, purchaseOrders: readonly PurchaseOrder[]): z.input<typeof orderView> => {
  const { poNumbers: _poNumbers, storefrontId: _storefrontId, ...rest } = order;
  return { ...rest, purchaseOrders: purchaseOrders.map(toPurchaseOrderView) };
};

export const toDropshipRow = (po: PurchaseOrder): z.input<typeof dropshipRow> => ({
  orderId: po.orderId,
  poNumber: po.poNumber,
  vendorId: po.vendorId,
  status: po.status,
  lineCount: po.lines.length,
  createdAt: po.createdAt,
});
