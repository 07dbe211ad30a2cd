import * as z from 'zod';
import { listQuery, oneLine } from './common';
import { itemConditions, returnReasons, returnStatuses } from '../domain/returns';

/** POST /orders/{orderId}/returns: order lines and quantities, a reason, an optional comment. */
export const returnRequestInput = z
  .object({
    lines: z.array(z.object({ lineNumber: z.number().int().min(1), quantity: z.number().int().min(1).max(100_000) }).strict()).min(1).max(100),
    reason: z.enum(returnReasons),
    comment: oneLine(0, 500).optional(),
  })
  .strict();

export const returnView = z.object({
  rmaId: z.string(),
  orderId: z.string(),
  poNumber: z.string(),
  vendorId: z.string(),
  currency: z.string(),
  status: z.enum(returnStatuses),
  reason: z.enum(returnReasons),
  comment: z.string().optional(),
  lines: z.array(z.object({ lineNumber: z.number().int(), orderLineNumber: z.number().int(), sku: z.string(), vendorSku: z.string(), quantity: z.number().int(), unitCost: z.number().int(), received: z.object({ quantity: z.number().int(), condition: z.enum(itemConditions) }).optional() })),
  returnless: z.boolean(),
  /** Who receives the parcel and confirms it: the vendor, or the retailer's returns desk (ops). */
  returnTo: z.enum(['VENDOR', 'RETAILER']).optional(),
  vendorRma: z.string().optional(),
  returnAddress: z.string().optional(),
  label: z.object({ carrier: z.string(), trackingNumber: z.string() }).optional(),
  /** The parcel back as the label's carrier events tell it. */
  parcel: z.object({ status: z.string(), lastEventAt: z.string(), deliveredAt: z.string().optional(), location: z.string().optional() }).optional(),
  /** The vendor's answer is due by then (while requested). */
  answerDueAt: z.string().optional(),
  rejection: z.string().optional(),
  /** What the vendor credits the retailer for it at PO cost: the refund the storefront may give. */
  credit: z.object({ amount: z.number().int(), lines: z.array(z.object({ lineNumber: z.number().int(), quantity: z.number().int(), amount: z.number().int() })) }).optional(),
  /** The payment whose deductions took the credit. */
  deductedBy: z.string().optional(),
  history: z.array(z.object({ at: z.string(), status: z.enum(returnStatuses), by: z.string(), note: z.string().optional() })),
  requestedAt: z.string(),
  updatedAt: z.string(),
});

export const returnsView = z.object({ returns: z.array(returnView) });

export const returnAnswerInput = z.discriminatedUnion('approve', [
  z.object({
    approve: z.literal(true),
    vendorRma: oneLine(1, 40).optional(),
    returnAddress: oneLine(1, 300).optional(),
    label: z.object({ carrier: oneLine(2, 40), trackingNumber: z.string().trim().min(5).max(40) }).strict().optional(),
    /** The customer keeps the item (not worth its trip back): nothing comes back and the credit is due at once. */
    keep: z.boolean().optional(),
  }).strict(),
  z.object({ approve: z.literal(false), reason: oneLine(3, 300) }).strict(),
]);

export const returnReceiptInput = z
  .object({ lines: z.array(z.object({ lineNumber: z.number().int().min(1), quantity: z.number().int().min(0), condition: z.enum(itemConditions) }).strict()).min(1).max(100) })
  .strict();

export const returnListQuery = z.object({ status: z.enum(returnStatuses).optional() }).extend(listQuery.shape);
export const opsReturnListQuery = returnListQuery.extend({ vendorId: z.string().max(40).optional() });

/** PUT /storefront/webhook: where the storefront hears of its customers' returns (approved, rejected, refund due), signed with its secret. */
export const storefrontWebhookInput = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    /** Kept to sign each delivery (`x-dropship-signature`); required the first time, kept when left out. */
    signingSecret: z.string().min(24).max(200).optional(),
  })
  .strict();
export const storefrontWebhookView = z.object({ url: z.string(), hasSigningSecret: z.boolean(), updatedAt: z.string() });
