import * as z from 'zod';
import { currencyCode, isoDate, listQuery, minorUnits, oneLine } from './common';
import { chargeTypes, disputeCodes, invoiceStatuses } from '../domain/invoices';

const invoiceNumber = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._\/-]{0,39}$/, { error: 'must be 1-40 letters, digits, dots, dashes, slashes or underscores' });

/** POST /vendor/invoices: the vendor's invoice for one PO, lines by the PO's line numbers, money in minor units. */
export const invoiceInput = z
  .object({
    invoiceNumber,
    poNumber: z.string().trim().min(1).max(64),
    invoiceDate: isoDate,
    currency: currencyCode.optional(),
    lines: z
      .array(z.object({ lineNumber: z.number().int().min(1), quantity: z.number().int().min(1).max(1_000_000), unitCost: minorUnits }).strict())
      .min(1)
      .max(500),
    /** Freight, handling, tax, other charges; an ALLOWANCE is a discount (counted negative in the total). */
    charges: z.array(z.object({ type: z.enum(chargeTypes), amount: minorUnits, description: oneLine(0, 200).optional() }).strict()).max(50).default([]),
    /** What the invoice comes to: lines (quantity × unit cost) plus charges, less allowances. */
    total: z.number().int({ error: 'must be an integer amount in minor units' }),
    terms: z
      .object({ netDays: z.number().int().min(0).max(365).optional(), discountPercent: z.number().min(0).max(100).optional(), discountDays: z.number().int().min(0).max(365).optional(), text: oneLine(0, 200).optional() })
      .strict()
      .optional(),
  })
  .strict();

const dispute = z.object({ code: z.enum(disputeCodes), message: z.string(), lineNumber: z.number().int().optional() });

export const invoiceView = z.object({
  invoiceNumber: z.string(),
  revision: z.number().int(),
  vendorId: z.string(),
  poNumber: z.string(),
  invoiceDate: z.string(),
  currency: z.string(),
  status: z.enum(invoiceStatuses),
  source: z.enum(['API', 'EDI', 'PORTAL', 'PAY_ON_SHIPMENT']),
  lines: z.array(z.object({ lineNumber: z.number().int(), quantity: z.number().int(), unitCost: z.number().int() })),
  charges: z.array(z.object({ type: z.enum(chargeTypes), amount: z.number().int(), description: z.string().optional() })),
  total: z.number().int(),
  terms: z.object({ netDays: z.number().optional(), discountPercent: z.number().optional(), discountDays: z.number().optional(), text: z.string().optional() }).optional(),
  /** The three-way comparison per line (ordered, shipped, invoiced before, this invoice, PO and invoice unit cost) and every dispute in words. */
  match: z.object({
    lines: z.array(z.object({ lineNumber: z.number().int(), sku: z.string().optional(), ordered: z.number().int(), shipped: z.number().int(), invoicedBefore: z.number().int(), invoiced: z.number().int(), poUnitCost: z.number().int().optional(), unitCost: z.number().int(), amount: z.number().int() })),
    linesTotal: z.number().int(),
    chargesTotal: z.number().int(),
    computedTotal: z.number().int(),
    disputes: z.array(dispute),
  }),
  approvedAmount: z.number().int().optional(),
  decision: z.object({ action: z.enum(['APPROVE', 'REJECT']), reason: z.string(), by: z.string(), at: z.string() }).optional(),
  paidBy: z.object({ reference: z.string(), paymentDate: z.string() }).optional(),
  shipmentId: z.string().optional(),
  receivedAt: z.string(),
  updatedAt: z.string(),
});

export const invoiceListQuery = z.object({ status: z.enum(invoiceStatuses).optional() }).extend(listQuery.shape);
export const opsInvoiceListQuery = invoiceListQuery.extend({ vendorId: z.string().max(40).optional() });

export const invoiceDecisionInput = z.object({ action: z.enum(['APPROVE', 'REJECT']), reason: z.string().trim().min(3).max(500) }).strict();

const chargeRule = z.object({ allowed: z.boolean(), cap: minorUnits.optional() }).strict();

/** PUT /invoicing/rules: how close a unit cost must be to the PO's, and which charges an invoice may carry. */
export const invoicingRulesInput = z
  .object({
    currency: currencyCode,
    priceTolerance: z.object({ percent: z.number().min(0).max(50), amount: minorUnits }).strict(),
    charges: z.object({ FREIGHT: chargeRule, HANDLING: chargeRule, TAX: chargeRule, OTHER: chargeRule }).strict(),
  })
  .strict();
export const invoicingRulesView = invoicingRulesInput.extend({ updatedAt: z.string().optional(), updatedBy: z.string().optional() });

const period = z.object({ from: isoDate, to: isoDate });

export const payablesQuery = z
  .object({ vendorId: z.string().min(1).max(40), from: isoDate.optional(), to: isoDate.optional(), format: z.enum(['json', 'csv']).default('json') })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], error: 'must not be after to' });

export const payablesView = z.object({
  vendorId: z.string(),
  currency: z.string(),
  period,
  invoices: z.array(z.object({ invoiceNumber: z.string(), poNumber: z.string(), invoiceDate: z.string(), revision: z.number().int(), amount: z.number().int() })),
  invoicesTotal: z.number().int(),
  deductions: z.array(z.object({ rule: z.string(), description: z.string(), amount: z.number().int(), poNumbers: z.array(z.string()), fromReference: z.string().optional() })),
  deductionsTotal: z.number().int(),
  net: z.number().int(),
  carryForward: z.number().int(),
});

export const remittanceInput = z
  .object({
    vendorId: z.string().min(1).max(40),
    /** The payment's own reference (check number, ACH trace): the same request again changes nothing. */
    reference: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, { error: 'must be 1-50 letters, digits, dots, dashes or underscores' }),
    paymentDate: isoDate,
    from: isoDate,
    to: isoDate,
  })
  .strict()
  .refine((r) => r.from <= r.to, { path: ['from'], error: 'must not be after to' });

export const remittanceView = payablesView.extend({
  reference: z.string(),
  paymentDate: z.string(),
  amount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  delivery: z.object({ channel: z.enum(['EDI', 'API', 'PORTAL']), status: z.enum(['SENT', 'FAILED']), at: z.string(), detail: z.string().optional(), documentId: z.string().optional() }).optional(),
});

export const remittanceListQuery = z.object({ vendorId: z.string().max(40).optional() }).extend(listQuery.shape);
