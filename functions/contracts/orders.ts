import * as z from 'zod';
import { returnView } from './returns';
import { rerouteTriggers } from '../domain/reroute-types';
import { purchaseOrderStatuses } from '../domain/purchase-order-status';
import { certificationSteps } from '../domain/certification-steps';
import { currencyCode, minorUnits, oneLine, sku } from './common';
import { notificationView } from './notifications';

/** Postal code formats for the countries most storefronts ship to; others get a length check. */
const postalCodeFormats: Record<string, { pattern: RegExp; example: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '62701 or 62701-1234' },
  CA: { pattern: /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/, example: 'K1A 0B1' },
  GB: { pattern: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/, example: 'SW1A 1AA' },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  FR: { pattern: /^\d{5}$/, example: '75001' },
  AU: { pattern: /^\d{4}$/, example: '2000' },
};

const countriesRequiringRegion = new Set(['US', 'CA', 'AU']);

export const shippingAddress = z
  .object({
    line1: oneLine(1, 100),
    line2: oneLine(0, 100).nullable().default(null),
    city: oneLine(1, 64),
    region: oneLine(0, 64).nullable().default(null),
    postalCode: oneLine(1, 16),
    country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code such as US' }),
  })
  .superRefine((address, ctx) => {
    const format = postalCodeFormats[address.country];
    if (format && !format.pattern.test(address.postalCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: `is not a valid ${address.country} postal code (for example ${format.example})`,
      });
    }
    if (countriesRequiringRegion.has(address.country) && !address.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `is required for ${address.country} addresses (state or province code)`,
      });
    }
  });

export type ShippingAddress = z.infer<typeof shippingAddress>;

export const maxLinesPerOrder = 100;

/** How the customer asked for it to ship: a carrier (name or SCAC) and its service level, passed to the vendor (850 TD5). */
export const shipMethod = z.object({
  carrier: z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9 .&-]+$/, { error: 'must be a carrier name or SCAC (letters, digits, spaces)' }),
  service: z.string().trim().min(1).max(35).regex(/^[A-Za-z0-9 ._-]+$/, { error: 'must be a service name such as GROUND or 2DAY' }).optional(),
});

export const orderLineInput = z.object({
  sku,
  quantity: z.number().int({ error: 'must be a whole number' }).min(1).max(10_000),
  unitPrice: minorUnits,
  /** This line's own ship method, when it differs from the order's. */
  shipMethod: shipMethod.optional(),
});

export const placeOrderInput = z
  .object({
    storefrontOrderId: oneLine(1, 64),
    currency: currencyCode,
    customer: z.object({
      name: oneLine(1, 200),
      email: z.email({ error: 'must be an email address' }),
      phone: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, { error: 'must be an E.164 phone number such as +14155550100' })
        .nullable()
        .default(null),
    }),
    shippingAddress,
    lines: z.array(orderLineInput).min(1).max(maxLinesPerOrder, {
      error: `an order holds at most ${maxLinesPerOrder} lines`,
    }),
    notify: z
      .object({ email: z.boolean().default(true), sms: z.boolean().default(false) })
      .default({ email: true, sms: false }),
    /** When another order takes the stock first, send the line to the next source instead of refusing. */
    allowSourceFallback: z.boolean().default(false),
    shipMethod: shipMethod.optional(),
    /** A gift or packing-slip message the vendor prints on the packing slip (850 MSG). */
    packingSlipMessage: z.string().trim().min(1).max(264).regex(/^[^\p{Cc}]*$/u, { error: 'must be one line without control characters' }).optional(),
  })
  .superRefine((order, ctx) => {
    if (order.notify.sms && !order.customer.phone) {
      ctx.addIssue({
        code: 'custom',
        path: ['notify', 'sms'],
        message: 'needs customer.phone to send SMS',
      });
    }
  });

export type PlaceOrderInput = z.infer<typeof placeOrderInput>;

const historyEntry = z.object({
  at: z.string(),
  status: z.enum(purchaseOrderStatuses),
  by: z.string(),
  note: z.string().optional(),
});

export const purchaseOrderLineView = z.object({
  lineNumber: z.number().int(),
  orderLineNumber: z.number().int(),
  sku,
  vendorSku: z.string(),
  gtin: z.string().optional(),
  quantity: z.number().int(),
  unitCost: z.number().int(),
  /** The vendor dropped the line (rejected it, or it was cancelled unacknowledged); re-routing decides it. */
  dropped: z.object({ trigger: z.enum(rerouteTriggers), at: z.string() }).optional(),
  /** Where the dropped line went (REROUTED, with the new PO), or why it stayed closed (NOT_REROUTED). */
  reroute: z
    .discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('REROUTED'), poNumber: z.string(), vendorId: z.string(), reason: z.string(), at: z.string() }),
      z.object({ outcome: z.literal('NOT_REROUTED'), reason: z.string(), at: z.string() }),
      z.object({ outcome: z.literal('AWAITING_APPROVAL'), vendorId: z.string(), reason: z.string(), at: z.string() }),
    ])
    .optional(),
  /** On a re-routed line: the PO and line it came from, the vendors tried before and the first source's unit cost. */
  rerouteOf: z.object({ poNumber: z.string(), lineNumber: z.number().int(), triedVendorIds: z.array(z.string()), firstUnitCost: z.number().int() }).optional(),
});

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const transitView = z.object({
  low: z.number().int(),
  high: z.number().int(),
  /** LEARNED: from this vendor's packages to the region (`sampleSize` of them); SLA: the vendor's transit setting. */
  basis: z.enum(['LEARNED', 'SLA']),
  sampleSize: z.number().int(),
});

export const deliveryPromiseView = z.object({
  shipBy: isoDay,
  deliveryWindow: z.object({ earliest: isoDay, latest: isoDay }).optional(),
  basis: z.enum(['LEARNED', 'SLA']),
  sampleSize: z.number().int(),
  transit: transitView.optional(),
  region: z.string(),
});

export const purchaseOrderView = z.object({
  poNumber: z.string(),
  orderId: z.string(),
  vendorId: z.string(),
  status: z.enum(purchaseOrderStatuses),
  version: z.number().int(),
  lines: z.array(purchaseOrderLineView),
  history: z.array(historyEntry),
  estimatedShipDate: z.string().optional(),
  /** VENDOR: the vendor named the ship date; SLA: it named none, so the SLA's ship-by date stands in. */
  shipDateSource: z.enum(['VENDOR', 'SLA']).optional(),
  /** A certification run's test PO, and the step of the run it is: answer it as the packing-slip message says. */
  test: z.object({ runId: z.string(), step: z.enum(certificationSteps) }).optional(),
  /** Made by re-routing lines another vendor dropped: that PO's number. */
  rerouteOf: z.string().optional(),
  /** The delivery promised at the order (what the customer saw) and how it was made: learned or from the SLA. */
  promise: deliveryPromiseView.optional(),
  /** The promise as it stands: moved by the vendor's ship date or the shipment's, by the transit promised. */
  promisedDeliveryBy: isoDay.optional(),
  deliveryWindow: z.object({ earliest: isoDay, latest: isoDay }).optional(),
  estimatedDeliveryDate: isoDay.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const orderLineView = orderLineInput.extend({
  lineNumber: z.number().int(),
  name: z.string().optional(),
  fulfillment: z.enum(['DROPSHIP', 'WAREHOUSE']),
  vendorId: z.string().optional(),
  poNumber: z.string().optional(),
  routing: z.object({ reason: z.string(), stock: z.enum(['RESERVED', 'UNKNOWN']) }).optional(),
});

export const orderView = z.object({
  orderId: z.string(),
  storefrontOrderId: z.string(),
  status: z.enum(['RECEIVED']),
  currency: z.string(),
  customer: placeOrderInput.shape.customer,
  shippingAddress,
  notify: z.object({ email: z.boolean(), sms: z.boolean() }),
  lines: z.array(orderLineView),
  purchaseOrders: z.array(purchaseOrderView),
  /** The customer messages sent so far (email, SMS), each at most once per milestone. */
  notifications: z.array(notificationView),
  /** The latest delivery date its open POs' promises allow now; and what was promised when it was placed. */
  promisedDeliveryBy: isoDay.optional(),
  promisedAtOrder: z.object({ shipBy: isoDay, deliveryBy: isoDay.optional() }).optional(),
  /** The customer's returns of its dropship lines, each with its status and, once credited, the refund it allows. */
  returns: z.array(returnView).optional(),
  createdAt: z.string(),
});

export const dropshipQuery = z.object({
  status: z.enum(purchaseOrderStatuses).optional(),
  vendorId: z.string().max(40).optional(),
  /** `true`: only POs re-routing touched (made by it, or with lines it moved away). */
  rerouted: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const dropshipRow = z.object({
  orderId: z.string(),
  poNumber: z.string(),
  vendorId: z.string(),
  status: z.enum(purchaseOrderStatuses),
  lineCount: z.number().int(),
  createdAt: z.string(),
  /** The deadline the PO is working towards now: the acknowledgment's, then the shipment's. */
  dueAt: z.string().nullable(),
  /** Types of the exceptions open on it. */
  exceptions: z.array(z.string()),
  /** A certification run's test PO. */
  test: z.boolean().optional(),
  /** Made by re-routing lines another PO's vendor dropped: that PO. */
  rerouteOf: z.string().optional(),
  /** Lines of this PO re-routed to another vendor. */
  reroutedAway: z.number().int().optional(),
  /** Dropped lines whose move waits for ops' approval (POST /dropship/orders/{poNumber}/reroute-approval). */
  rerouteAwaitingApproval: z.number().int().optional(),
});

export const rerouteApprovalInput = z.object({
  lineNumbers: z.array(z.number().int().min(1)).min(1).max(100),
  decision: z.enum(['APPROVE', 'DECLINE']),
  /** Kept in the PO's timeline; the customer's message gives it when declining. */
  note: z.string().trim().min(1).max(500),
});

/** Dropship tab badges: POs per status, each counted up to `cap`. */
export const dropshipSummary = z.object({ counts: z.record(z.enum(purchaseOrderStatuses), z.number().int()), cap: z.number().int() });

export const purchaseOrderDetail = z.object({
  purchaseOrder: purchaseOrderView,
  exceptions: z.array(z.object({ exceptionId: z.string(), type: z.string(), status: z.string(), openedAt: z.string(), detail: z.string(), resolvedAt: z.string().optional() })),
  documents: z.array(
    z.object({ documentId: z.string(), direction: z.enum(['OUT', 'IN']), type: z.string(), at: z.string(), x12: z.string(), acknowledgment: z.string().optional(), accepted: z.boolean().optional(), reasons: z.array(z.string()).optional() }),
  ),
  notifications: z.array(notificationView),
});

export const deliveryEstimateInput = z
  .object({
    destination: z
      .object({
        country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code, such as US'),
        postalCode: z.string().trim().min(2).max(10),
      })
      .superRefine((d, ctx) => {
        const valid = d.country === 'US' ? /^\d{5}(-\d{4})?$/.test(d.postalCode) : /^[A-Za-z0-9][A-Za-z0-9 -]{0,8}[A-Za-z0-9]$/.test(d.postalCode);
        if (!valid) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: d.country === 'US' ? 'a US ZIP code: 5 digits, or ZIP+4 (62701 or 62701-1234)' : 'letters, digits, spaces and hyphens, 2 to 10 characters' });
      }),
    lines: z.array(z.object({ sku, quantity: z.number().int().min(1).max(999) })).min(1).max(20, 'at most 20 lines: ask for a cart of up to 20'),
    /** When the order would be placed (default: now). */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const deliveryEstimateView = z.object({
  lines: z.array(
    z.object({
      sku: z.string(),
      quantity: z.number().int(),
      fulfillment: z.enum(['DROPSHIP', 'WAREHOUSE']),
      vendorId: z.string().nullable(),
      shipBy: isoDay.nullable(),
      deliveryWindow: z.object({ earliest: isoDay, latest: isoDay }).nullable(),
      /** LEARNED: from the vendor's own handling times (`sampleSize` POs, the last 60 days); SLA: too few to learn from. */
      basis: z.enum(['LEARNED', 'SLA']).nullable(),
      sampleSize: z.number().int().optional(),
      transit: transitView.optional(),
      note: z.string().optional(),
    }),
  ),
  /** The latest of the dropship lines' dates: what the order-received message will promise for this cart now. */
  shipBy: isoDay.nullable(),
  deliveryBy: isoDay.nullable(),
});
