import * as z from 'zod';
import { exceptionTypes } from '../domain/exceptions';
import { currencyCode, isoDate } from './common';

export const exceptionsQuery = z.object({
  status: z.enum(['open', 'resolved']).default('open'),
  type: z.enum(exceptionTypes).optional(),
  vendorId: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const resolveExceptionInput = z
  .object({
    note: z.string().trim().min(1).max(500),
    action: z.enum(['RETRY_TRANSMISSION', 'CANCEL_PO', 'EXTEND_DUE_DATE']).optional(),
    /** With EXTEND_DUE_DATE: how many hours the overdue deadline moves. */
    extendHours: z.number().int().min(1).max(720).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.action === 'EXTEND_DUE_DATE' && !input.extendHours) {
      ctx.addIssue({ code: 'custom', path: ['extendHours'], message: 'is required to extend a due date' });
    }
  });

export const exceptionView = z.object({
  exceptionId: z.string(),
  type: z.enum(exceptionTypes),
  status: z.enum(['OPEN', 'RESOLVED']),
  /** Absent on a vendor-wide exception (EDI_REJECTED). */
  poNumber: z.string().optional(),
  orderId: z.string().optional(),
  vendorId: z.string(),
  detail: z.string(),
  occurrences: z.number().optional(),
  lastAt: z.string().optional(),
  openedAt: z.string(),
  resolvedAt: z.string().optional(),
  openSeconds: z.number().optional(),
  resolution: z.object({ by: z.string(), note: z.string(), action: z.string().optional() }).optional(),
});

const ratio = z.number().nullable();

export const analyticsQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Composite score weights, e.g. `onTimeShip:0.5,fillRate:0.3,noCancellation:0.2`. */
  weights: z
    .string()
    .regex(/^(onTimeShip|fillRate|noCancellation):\d+(\.\d+)?(,(onTimeShip|fillRate|noCancellation):\d+(\.\d+)?)*$/, {
      error: 'must be name:weight pairs of onTimeShip, fillRate, noCancellation',
    })
    .optional(),
  /** The closed POs a composite score needs (default 5, or SCORE_MIN_CLOSED_POS). */
  minClosed: z.coerce.number().int().min(1).max(10_000).optional(),
  /** Tier bounds, the lowest score of gold, silver and bronze: `95,85,70` by default. */
  tiers: z
    .string()
    .regex(/^\d{1,3}(\.\d+)?,\d{1,3}(\.\d+)?,\d{1,3}(\.\d+)?$/, { error: 'must be three scores, gold,silver,bronze, such as 95,85,70' })
    .refine((text) => { const [g = 0, s = 0, b = 0] = text.split(',').map(Number); return g >= s && s >= b && g <= 100; }, { error: 'must descend, gold ≥ silver ≥ bronze, at most 100' })
    .optional(),
});

const tier = z.enum(['GOLD', 'SILVER', 'BRONZE', 'AT_RISK']).nullable();

const histogram = z.record(z.string(), z.number());

/** How the delivery promises made at the order held, over POs delivered in the period. */
export const promiseAccuracy = z.object({
  delivered: z.number(),
  kept: z.number(),
  inWindow: z.number(),
  /** Delivered on or before the promised latest day. */
  adherence: ratio,
  /** Delivered between the window's earliest and latest days. */
  insideWindow: ratio,
  medianDaysEarly: ratio,
  medianDaysLate: ratio,
  medianWindowDays: ratio,
  /** Deliveries by calendar days early, days late, and window width. */
  distribution: z.object({ daysEarly: histogram, daysLate: histogram, windowDays: histogram }),
});

export const vendorScorecard = z.object({
  vendorId: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  daily: z.array(z.object({ date: z.string(), posSent: z.number(), onTimeShipRate: ratio, onTimeAckRate: ratio, fillRate: ratio, delayFrequency: ratio })),
  posSent: z.number(),
  closed: z.number(),
  successRate: ratio,
  delayFrequency: ratio,
  cancellationRate: z.object({ byVendor: ratio, byCustomer: ratio }),
  /** Lines the vendor dropped (rejected or timed out) of those sent; re-routed to another source; and the drop rate customers saw (the rest). */
  rerouting: z.object({ linesSent: z.number(), linesDropped: z.number(), linesReroutedAway: z.number(), dropRate: ratio, dropRateSeenByCustomers: ratio }),
  onTimeAckRate: ratio,
  acksWithoutShipDate: z.number(),
  onTimeShipRate: ratio,
  hoursToAck: z.object({ median: ratio, p90: ratio }),
  hoursToShip: z.object({ median: ratio, p90: ratio }),
  fillRate: ratio,
  validTrackingRate: ratio,
  firstScanOnTimeRate: ratio,
  deliveredOnTimeRate: ratio,
  promiseAccuracy,
  /** Invoices received in the period: matched as sent (of those the vendor sent), median days from shipment to invoice and invoice to payment. */
  invoicing: z.object({ invoices: z.number(), matchedFirstTime: ratio, medianDaysShipmentToInvoice: ratio, medianDaysInvoiceToPayment: ratio }),
  /** Customer returns requested in the period: units returned (not rejected) against units shipped, by SKU, the reasons, the median days from request to credit. */
  returns: z.object({
    returns: z.number(),
    rejected: z.number(),
    unitsReturned: z.number(),
    unitsShipped: z.number(),
    returnRate: ratio,
    bySku: z.array(z.object({ sku: z.string(), unitsReturned: z.number(), unitsShipped: z.number(), returnRate: ratio })),
    reasons: z.record(z.string(), z.number()),
    medianDaysToCredit: ratio,
  }),
  inventoryFeedScore: ratio,
  openExceptions: z.record(z.string(), z.number()),
  score: ratio,
  scoreChange: ratio,
  /** From the score by the tier bounds; null without a score. */
  tier,
  previousTier: tier,
  tierChange: z.enum(['UP', 'DOWN', 'SAME']).nullable(),
  /** Why each null metric is null, by its name (`fillRate`, `cancellationRate.byVendor`, `score` …): no data is not zero. */
  reasons: z.record(z.string(), z.string()),
  flags: z.array(z.string()),
  /** True when the period includes seeded demo history (offline `npm start -- --reset`). */
  demoData: z.boolean(),
});

const complianceRule = z.object({
  amount: z.number().int().min(0).max(10_000_000),
  allowance: z.number().min(0).max(1),
  lateAfterHours: z.number().int().min(1).max(720).optional(),
});

/** PUT /compliance/rules: each rule on or off (absent), an amount per violation beyond an allowance. */
export const complianceRulesInput = z.object({
  currency: currencyCode,
  rules: z
    .object({
      LATE_SHIPMENT: complianceRule.optional(),
      VENDOR_CANCELLATION: complianceRule.optional(),
      INVALID_ASN: complianceRule.optional(),
      NO_CARRIER_SCAN: complianceRule.optional(),
    })
    .strict(),
});

export const complianceRulesView = complianceRulesInput.extend({ updatedAt: z.string().optional(), updatedBy: z.string().optional() });

export const complianceQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  vendorId: z.string().max(40).optional(),
  /** `csv`: one row per vendor and rule, with the POs behind each. */
  format: z.enum(['json', 'csv']).default('json'),
});

export const vendorChargesView = z.object({
  vendorId: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  currency: z.string(),
  posSent: z.number().int(),
  charges: z.array(
    z.object({
      rule: z.enum(['LATE_SHIPMENT', 'VENDOR_CANCELLATION', 'INVALID_ASN', 'NO_CARRIER_SCAN']),
      violations: z.number().int(),
      allowed: z.number().int(),
      charged: z.number().int(),
      unitAmount: z.number().int(),
      amount: z.number().int(),
      poNumbers: z.array(z.string()),
    }),
  ),
  total: z.number().int(),
  demoData: z.boolean(),
});
