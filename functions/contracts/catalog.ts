import * as z from 'zod';
import { currencyCode, isoDate, minorUnits, oneLine, sku, timeZone, vendorId } from './common';
import { certificationSteps } from '../domain/certification-steps';
import { purchaseOrderStatuses } from '../domain/purchase-order-status';
import { x12Versions } from '../domain/x12/envelope';

export const vendorSla = z.object({
  ackWithinHours: z.number().int().min(1).max(720),
  shipWithinBusinessDays: z.number().int().min(0).max(60),
  cutoffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a 24-hour time as HH:MM' }),
  timeZone,
  /** The vendor's own closed days, besides weekends and its calendar's public holidays. */
  holidays: z.array(isoDate).max(400).default([]),
  /** A public-holiday calendar: a country (`US`, `GB`) or country-region (`US-NY`, `GB-ENG`) code, read with date-holidays. */
  holidayCalendar: z
    .string()
    .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { error: 'must be a country code or country-region code such as US, US-NY or GB-ENG' })
    .optional(),
  /** When in the ack window the vendor is reminded: 0.5 = halfway. */
  ackReminderAtShare: z.number().gt(0).lt(1).default(0.5),
  /** Cancel a PO never acknowledged this many hours after it was sent; unset = never. */
  autoCancelAfterHours: z.number().int().min(1).max(2160).optional(),
  /** A shipped package the carrier has not scanned within this many business hours of its ship date opens NO_CARRIER_SCAN. */
  firstScanWithinBusinessHours: z.number().int().min(1).max(240).default(24),
  /** A package with no carrier event for this many days opens STUCK_IN_TRANSIT. */
  stuckAfterDays: z.number().int().min(1).max(60).default(4),
  /**
   * The percentile of this vendor's learned handling and transit times a delivery promise uses
   * (its window's latest date); 90 unless set.
   */
  promisePercentile: z.number().int().min(50).max(99).optional(),
  /** Business days in transit by `CARRIER:SERVICE` (e.g. `UPS:GROUND`), `*` for any other: the promise's transit until history backs a learned one. */
  transitBusinessDays: z.record(z.string().regex(/^(\*|[A-Z0-9]+:[A-Z0-9_]+)$/, { error: 'keys are CARRIER:SERVICE or *' }), z.number().int().min(0).max(60)).default({}),
});

export const returnPolicy = z
  .object({
    windowDays: z.number().int().min(0).max(365).default(30),
    requiresApproval: z.boolean().default(true),
    returnTo: z.enum(['VENDOR', 'RETAILER']).default('VENDOR'),
    /** The standing address returns go to (the vendor's, or the retailer's desk for RETAILER): the customer's instructions when an answer names none. */
    returnAddress: z.string().trim().min(10).max(300).optional(),
    /** A refund below this (minor units) is returnless: approved and credited at once. */
    returnlessBelow: minorUnits.default(0),
    /** Hours to answer a request before RETURN_NOT_ANSWERED opens. */
    answerWithinHours: z.number().int().min(1).max(720).default(48),
    /** Days to confirm receipt once the carrier delivered the parcel back before RETURN_NOT_RECEIVED opens. */
    receiveWithinDays: z.number().int().min(1).max(60).default(5),
  })
  .strict();

const ediSettings = z.object({
  senderId: z.string().min(1).max(15),
  receiverId: z.string().min(1).max(15),
  qualifier: z.string().regex(/^[0-9A-Z]{2}$/, { error: 'must be a two-character ISA qualifier such as ZZ' }),
  /**
   * The SFTP or AS2 connection the vendor's files travel over (PUT /edi/connections/{id}); several
   * vendors may share one, told apart by senderId/qualifier (ISA06/ISA05). Without it: our HTTPS API.
   */
  connectionId: z.string().regex(/^[a-z0-9][a-z0-9-]{2,39}$/, { error: 'must name a connection: 3-40 lowercase letters, digits or dashes' }).optional(),
  /** Where to push documents; without it the vendor collects them from GET /vendor/edi/outbound. */
  endpointUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The X12 version we write to this vendor (850, 860, 997/999). Inbound, any 003060–005010 is read. */
  version: z.enum(x12Versions).default('004010'),
  /** How we answer its documents: a 997, or (for 005010 partners whose translators want it) a 999. */
  functionalAck: z.enum(['997', '999']).default('997'),
});

const apiSettingsInput = z.object({
  webhookUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
  /** Optional on update: the stored secret is kept when none is sent. */
  signingSecret: z.string().min(16).max(256).optional(),
});

export const vendorInput = z
  .object({
    vendorId: vendorId.optional(),
    name: oneLine(1, 200),
    active: z.boolean().default(true),
    /** ONBOARDING (a new vendor's default) gets no real orders; LIVE does. */
    status: z.enum(['ONBOARDING', 'LIVE']).optional(),
    /** Why the status changes, kept in the vendor's history; required to go LIVE without a passed certification run. */
    statusReason: z.string().trim().min(1).max(500).optional(),
    channel: z.enum(['EDI', 'API', 'PORTAL']),
    edi: ediSettings.optional(),
    api: apiSettingsInput.optional(),
    contact: z
      .object({
        name: oneLine(0, 200).optional(),
        email: z.email().optional(),
        phone: oneLine(0, 32).optional(),
      })
      .optional(),
    sla: vendorSla,
    inventory: z
      .object({
        freshForHours: z.number().int().min(1).max(720).default(24),
        whenStale: z.enum(['ACCEPT_AND_FLAG', 'REFUSE']).default('ACCEPT_AND_FLAG'),
      })
      .default({ freshForHours: 24, whenStale: 'ACCEPT_AND_FLAG' }),
    /**
     * How the vendor is paid: VENDOR_INVOICES (it sends invoices: JSON, 810 or the portal) or
     * PAY_ON_SHIPMENT (an invoice is made for each shipment at PO cost, as Walmart and fabric pay).
     */
    invoicing: z.object({ mode: z.enum(['VENDOR_INVOICES', 'PAY_ON_SHIPMENT']).default('VENDOR_INVOICES') }).default({ mode: 'VENDOR_INVOICES' }),
    /** Customer returns: the window from delivery, whether each needs the vendor's approval, where parcels go, and the returnless threshold. */
    returns: returnPolicy.optional(),
  })
  .superRefine((vendor, ctx) => {
    if (vendor.channel === 'EDI' && !vendor.edi) {
      ctx.addIssue({ code: 'custom', path: ['edi'], message: 'is required when channel is EDI' });
    }
    if (vendor.channel === 'API' && !vendor.api) {
      ctx.addIssue({ code: 'custom', path: ['api'], message: 'is required when channel is API' });
    }
    if (vendor.channel === 'PORTAL' && !vendor.contact?.email) {
      ctx.addIssue({ code: 'custom', path: ['contact', 'email'], message: 'is required when channel is PORTAL: new POs, reminders and sign-in links go there' });
    }
  });

export type VendorInput = z.infer<typeof vendorInput>;

export const vendorView = z.object({
  vendorId,
  name: z.string(),
  active: z.boolean(),
  status: z.enum(['ONBOARDING', 'LIVE']),
  statusHistory: z.array(z.object({ at: z.string(), status: z.enum(['ONBOARDING', 'LIVE']), by: z.string(), reason: z.string() })).optional(),
  channel: z.enum(['EDI', 'API', 'PORTAL']),
  edi: ediSettings.optional(),
  api: z.object({ webhookUrl: z.string().nullable(), hasSigningSecret: z.boolean() }).optional(),
  contact: vendorInput.shape.contact,
  sla: vendorSla,
  inventory: z.object({ freshForHours: z.number(), whenStale: z.string() }).optional(),
  invoicing: z.object({ mode: z.enum(['VENDOR_INVOICES', 'PAY_ON_SHIPMENT']) }).optional(),
  returns: returnPolicy.optional(),
  updatedAt: z.string(),
});

export type VendorView = z.infer<typeof vendorView>;

export const productSource = z.object({
  vendorId,
  vendorSku: z.string().trim().min(1).max(64),
  unitCost: minorUnits,
  priority: z.number().int().min(1).max(1000).default(1),
  active: z.boolean().default(true),
});

/** GS1 check digit: weights 3 and 1 alternating from the right, over the digits before it. */
const gs1CheckDigitValid = (value: string) => {
  const digits = [...value].map(Number);
  const check = digits.pop();
  const sum = digits.reverse().reduce((total, d, i) => total + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
};

export const gtin = z
  .string()
  .trim()
  .regex(/^(\d{8}|\d{12}|\d{13}|\d{14})$/, { error: 'must be a GTIN: 8, 12 (UPC-A), 13 (EAN) or 14 digits' })
  .refine(gs1CheckDigitValid, { error: 'has a wrong GS1 check digit' });

export const productInput = z
  .object({
    sku: sku.optional(),
    name: oneLine(1, 300),
    /** The product's GTIN (UPC/EAN): EDI partners may name lines by it. */
    gtin: gtin.optional(),
    sources: z.array(productSource).max(20).default([]),
  })
  .superRefine((product, ctx) => {
    const seen = new Set<string>();
    product.sources.forEach((source, index) => {
      if (seen.has(source.vendorId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', index, 'vendorId'],
          message: 'names a vendor already listed; one source per vendor',
        });
      }
      seen.add(source.vendorId);
    });
  });

export type ProductInput = z.infer<typeof productInput>;

export const productView = z.object({
  sku,
  name: z.string(),
  gtin: z.string().optional(),
  sources: z.array(productSource),
  fulfillment: z.enum(['DROPSHIP', 'WAREHOUSE']),
  updatedAt: z.string(),
});

export type ProductView = z.infer<typeof productView>;

/** Starting a certification run: optionally the vendor's own item numbers, so its system knows the test items. */
export const certificationInput = z
  .object({
    vendorSkus: z.array(z.string().trim().min(1).max(48).regex(/^[^\p{Cc}*~^|>]+$/u, { error: 'must be an item number without control characters or X12 separators' })).max(3).default([]),
    currency: currencyCode.default('USD'),
  })
  .default({ vendorSkus: [], currency: 'USD' });

const checkStatus = z.enum(['PASSED', 'FAILED', 'WAITING']);

export const certificationReportView = z.object({
  runId: z.string(),
  vendorId: z.string(),
  channel: z.enum(['EDI', 'API', 'PORTAL']),
  startedAt: z.string(),
  startedBy: z.string(),
  /** RUNNING while any step waits; FAILED as soon as any check failed; PASSED when every check of every step passed. */
  status: z.enum(['RUNNING', 'PASSED', 'FAILED']),
  steps: z.array(
    z.object({
      step: z.enum(certificationSteps),
      title: z.string(),
      instruction: z.string(),
      poNumber: z.string(),
      poStatus: z.enum([...purchaseOrderStatuses, 'MISSING']),
      status: checkStatus,
      checks: z.array(z.object({ check: z.string(), status: checkStatus, detail: z.string() })),
    }),
  ),
});
