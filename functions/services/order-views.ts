import type { z } from 'zod';
import type { dropshipRow, orderView, purchaseOrderView } from '../contracts/orders';
import type { Order, PurchaseOrder } from '../domain/orders';
import { deliveryEstimate } from '../domain/delivery-estimate';
import type { NotificationRecord } from '../store/notification-store';

/**
 * What callers see of a PO: its lines, status, history, shipments and due dates. The workflow's
 * task token is a capability and never shown; SLA bookkeeping stays internal.
 */
export const toPurchaseOrderView = ({
  taskToken: _taskToken,
  pendingWakeToken: _pendingWakeToken,
  pendingWakeSince: _pendingWakeSince,
  vendorNotice: _notice,
  sla: _sla,
  ackReminderAt: _reminderAt,
  autoCancelAt: _autoCancelAt,
  reminderSentAt: _reminderSentAt,
  raisedExceptions: _raised,
  openExceptions: _open,
  late: _late,
  ...po
}: PurchaseOrder): z.input<typeof purchaseOrderView> => po;

export const toOrderView = (order: Order, purchaseOrders: readonly PurchaseOrder[], notifications: readonly NotificationRecord[] = []): z.input<typeof orderView> => {
  const { poNumbers: _poNumbers, storefrontId: _storefrontId, promisedShipBy, promisedDeliveryBy, ...rest } = order;
  const views = purchaseOrders.map((po) => {
    const estimate = deliveryEstimate(po);
    return { ...toPurchaseOrderView(po), ...estimate, ...(po.promise && estimate.estimatedDeliveryDate && { promisedDeliveryBy: estimate.estimatedDeliveryDate }) };
  });
  // The order's promise as it stands (the latest of its POs', moved by acknowledgments and shipments) and as first made.
  const current = views.filter((v) => v.status !== 'CANCELLED' && v.status !== 'REJECTED').map((v) => v.promisedDeliveryBy);
  return {
    ...rest,
    ...(promisedDeliveryBy && current.length > 0 && current.every(Boolean) && { promisedDeliveryBy: current.sort().at(-1) }),
    ...(promisedShipBy && { promisedAtOrder: { shipBy: promisedShipBy, ...(promisedDeliveryBy && { deliveryBy: promisedDeliveryBy }) } }),
    purchaseOrders: views,
    notifications: [...notifications],
  };
};

