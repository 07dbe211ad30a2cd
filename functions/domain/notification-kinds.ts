/** What customers and portal vendors are told of, and how: constants the contracts share without the notices' date arithmetic. */
export const milestones = [
  'ORDER_RECEIVED', 'ACKNOWLEDGED', 'SHIPPED', 'DELAYED', 'CANCELLED', 'LINE_REJECTED', 'LINE_REROUTED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'DELIVERY_EXCEPTION',
  // To a portal vendor (no integration): a new PO, a reminder to acknowledge it, lines the retailer cancelled.
  'VENDOR_NEW_PO', 'VENDOR_REMINDER', 'VENDOR_CANCELLATION',
  // A customer's return: approved (where to send it, the label), rejected (why), received, and the refund due.
  'RETURN_APPROVED', 'RETURN_REJECTED', 'RETURN_RECEIVED', 'REFUND_DUE',
] as const;
export const vendorMilestones: readonly Milestone[] = ['VENDOR_NEW_PO', 'VENDOR_REMINDER', 'VENDOR_CANCELLATION'];
export type Milestone = (typeof milestones)[number];

export const channels = ['EMAIL', 'SMS'] as const;
export type Channel = (typeof channels)[number];
