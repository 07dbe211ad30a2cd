/** Every PO status, in lifecycle order; the one place their names are spelled. */
export const purchaseOrderStatuses = [
  'PENDING',
  'SENT_TO_VENDOR',
  'ACKNOWLEDGED',
  'PARTIALLY_DISPATCHED',
  'DISPATCHED',
  'DELIVERED',
  'REJECTED',
  'CANCELLED',
] as const;

export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];

/** Statuses in which the vendor still owes an answer or a shipment. */
export const openPurchaseOrderStatuses: readonly PurchaseOrderStatus[] = [
  'PENDING',
  'SENT_TO_VENDOR',
  'ACKNOWLEDGED',
  'PARTIALLY_DISPATCHED',
];
