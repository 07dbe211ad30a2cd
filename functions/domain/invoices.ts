import { DomainError } from './errors';
import type { PurchaseOrder } from './orders';
import { lineQuantities } from './line-quantities';
import { ratio } from './vendor-analytics';

/**
 * Vendor invoices and the three-way match: each line's quantity against what shipped and was not
 * yet invoiced, its unit cost against the PO's within the retailer's tolerance, each charge against
 * the retailer's rules, and the total against lines and charges. Money is integer minor units of
 * the PO's currency; every amount is a line's quantity × unit cost, or a charge, never a float.
 */
export const chargeTypes = ['FREIGHT', 'HANDLING', 'TAX', 'ALLOWANCE', 'OTHER'] as const;
export type ChargeType = (typeof chargeTypes)[number];

export const invoiceStatuses = ['APPROVED', 'DISPUTED', 'REJECTED', 'PAID'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export const disputeCodes = ['QUANTITY_OVER_SHIPPED', 'CANCELLED_LINE', 'UNKNOWN_LINE', 'PRICE_BEYOND_TOLERANCE', 'CHARGE_NOT_ALLOWED', 'CHARGE_OVER_CAP', 'TOTAL_MISMATCH', 'CURRENCY_MISMATCH'] as const;
export type DisputeCode = (typeof disputeCodes)[number];

export interface InvoiceLineInput {
  lineNumber: number;
  quantity: number;
  /** Minor units per unit. */
  unitCost: number;
}

export interface InvoiceCharge {
  type: ChargeType;
  /** Minor units; an ALLOWANCE is a discount the vendor gives and is counted negative in the total. */
  amount: number;
  description?: string;
}

export interface InvoiceTerms {
  /** Net days: payment due this many days after the invoice date. */
  netDays?: number;
  /** An early-payment discount: this percent if paid within `discountDays`. */
  discountPercent?: number;
  discountDays?: number;
  text?: string;
}

export interface InvoiceInput {
  invoiceNumber: string;
  poNumber: string;
  invoiceDate: string;
  currency?: string;
  lines: InvoiceLineInput[];
  charges: InvoiceCharge[];
  /** What the vendor says the invoice comes to, minor units. */
  total: number;
  terms?: InvoiceTerms;
}

export type InvoiceSource = 'API' | 'EDI' | 'PORTAL' | 'PAY_ON_SHIPMENT';

export interface Dispute {
  code: DisputeCode;
  /** In words, for the vendor who must correct it and the ops person who decides. */
  message: string;
  lineNumber?: number;
}

/** One line compared three ways: ordered at what cost, shipped, already invoiced, and this invoice. */
export interface LineComparison {
  lineNumber: number;
  sku?: string;
  ordered: number;
  shipped: number;
  invoicedBefore: number;
  invoiced: number;
  poUnitCost?: number;
  unitCost: number;
  /** Quantity × the invoice's unit cost. */
  amount: number;
}

export interface InvoiceMatch {
  lines: LineComparison[];
  linesTotal: number;
  chargesTotal: number;
  /** Lines plus charges (allowances negative): what the total should be. */
  computedTotal: number;
  disputes: Dispute[];
}

export interface Invoice extends InvoiceInput {
  vendorId: string;
  currency: string;
  /** 1 for the first; a corrected invoice under the same number is the next revision. */
  revision: number;
  status: InvoiceStatus;
  source: InvoiceSource;
  match: InvoiceMatch;
  /** What the retailer owes for it: its computed total once approved (the vendor's total if an ops person approved it as sent). */
  approvedAmount?: number;
  receivedAt: string;
  /** An ops decision on a disputed invoice (approve or reject), with why. */
  decision?: { action: 'APPROVE' | 'REJECT'; reason: string; by: string; at: string };
  /** The payment that settled it. */
  paidBy?: { reference: string; paymentDate: string };
  /** PAY_ON_SHIPMENT: the shipment the invoice was made for. */
  shipmentId?: string;
  /** When the shipment it bills left (the first of them): for days from shipment to invoice. */
  shippedAt?: string;
  updatedAt: string;
}

export interface ChargeRule {
  allowed: boolean;
  /** The most a charge of this type may be on one invoice, minor units. */
  cap?: number;
}

export interface InvoicingRules {
  currency: string;
  /** A unit cost may differ from the PO's by this much and still match: the larger of the percent and the amount. */
  priceTolerance: { percent: number; amount: number };
  charges: Record<Exclude<ChargeType, 'ALLOWANCE'>, ChargeRule>;
  updatedAt?: string;
  updatedBy?: string;
}

/** Until ops set their own: dropship cost includes delivery, so no freight or handling; tax as billed; a cent of rounding. */
export const defaultInvoicingRules: InvoicingRules = {
  currency: 'USD',
  priceTolerance: { percent: 0, amount: 1 },
  charges: { FREIGHT: { allowed: false }, HANDLING: { allowed: false }, TAX: { allowed: true }, OTHER: { allowed: false } },
};

/** An amount as the notes and reasons write it: `USD 94.00`. */
export const amountText = (amount: number, currency: string) => `${currency} ${(amount / 100).toFixed(2)}`;

/** What each line has on approved (or paid) invoices of the PO, besides the invoice `except`. */
export const invoicedQuantities = (po: PurchaseOrder, except?: string) => lineQuantities(po.invoices, (status) => status === 'APPROVED' || status === 'PAID', except);

/** The three-way match of an invoice against its PO, what earlier invoices took, and the rules. */
export function matchInvoice(input: InvoiceInput, po: PurchaseOrder, rules: InvoicingRules): InvoiceMatch {
  const currency = input.currency ?? po.currency;
  const disputes: Dispute[] = [];
  const before = invoicedQuantities(po, input.invoiceNumber);
  if (currency !== po.currency) disputes.push({ code: 'CURRENCY_MISMATCH', message: `the invoice is in ${currency}; PO ${po.poNumber} is in ${po.currency}` });
  // A line listed twice on one invoice: the second counts after the first.
  const onThisInvoice = new Map<number, number>();
  const lines = input.lines.map((line): LineComparison => {
    const poLine = po.lines.find((l) => l.lineNumber === line.lineNumber);
    const amount = line.quantity * line.unitCost;
    if (!poLine) {
      disputes.push({ code: 'UNKNOWN_LINE', lineNumber: line.lineNumber, message: `line ${line.lineNumber}: PO ${po.poNumber} has no such line (it has ${po.lines.map((l) => l.lineNumber).join(', ')})` });
      return { lineNumber: line.lineNumber, ordered: 0, shipped: 0, invoicedBefore: 0, invoiced: line.quantity, unitCost: line.unitCost, amount };
    }
    const invoicedBefore = (before.get(line.lineNumber) ?? 0) + (onThisInvoice.get(line.lineNumber) ?? 0);
    onThisInvoice.set(line.lineNumber, (onThisInvoice.get(line.lineNumber) ?? 0) + line.quantity);
    const open = poLine.shippedQuantity - invoicedBefore;
    if (poLine.status === 'CANCELLED' && poLine.shippedQuantity === 0) {
      disputes.push({ code: 'CANCELLED_LINE', lineNumber: line.lineNumber, message: `line ${line.lineNumber} (${poLine.sku}) was cancelled and never shipped: nothing is owed for it` });
    } else if (line.quantity > open) {
      disputes.push({
        code: 'QUANTITY_OVER_SHIPPED',
        lineNumber: line.lineNumber,
        message: `line ${line.lineNumber} (${poLine.sku}): ${line.quantity} invoiced, but ${poLine.shippedQuantity} shipped${invoicedBefore ? ` and ${invoicedBefore} already invoiced` : ''}, so at most ${Math.max(0, open)}`,
      });
    }
    const tolerance = Math.max(rules.priceTolerance.amount, Math.floor((poLine.unitCost * rules.priceTolerance.percent) / 100));
    if (Math.abs(line.unitCost - poLine.unitCost) > tolerance) {
      disputes.push({
        code: 'PRICE_BEYOND_TOLERANCE',
        lineNumber: line.lineNumber,
        message: `line ${line.lineNumber} (${poLine.sku}): unit cost ${amountText(line.unitCost, currency)} against the PO's ${amountText(poLine.unitCost, currency)}, beyond the ${amountText(tolerance, currency)} tolerance`,
      });
    }
    return { lineNumber: line.lineNumber, sku: poLine.sku, ordered: poLine.quantity, shipped: poLine.shippedQuantity, invoicedBefore, invoiced: line.quantity, poUnitCost: poLine.unitCost, unitCost: line.unitCost, amount };
  });
  for (const type of new Set(input.charges.map((c) => c.type))) {
    if (type === 'ALLOWANCE') continue;
    const rule = rules.charges[type];
    const amount = input.charges.filter((c) => c.type === type).reduce((sum, c) => sum + c.amount, 0);
    if (!rule.allowed) disputes.push({ code: 'CHARGE_NOT_ALLOWED', message: `${type.toLowerCase()} of ${amountText(amount, currency)} is charged, and the retailer's rules allow no ${type.toLowerCase()} charge` });
    else if (rule.cap !== undefined && amount > rule.cap) disputes.push({ code: 'CHARGE_OVER_CAP', message: `${type.toLowerCase()} of ${amountText(amount, currency)} is over the ${amountText(rule.cap, currency)} the rules allow per invoice` });
  }
  const linesTotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const chargesTotal = input.charges.reduce((sum, c) => sum + (c.type === 'ALLOWANCE' ? -Math.abs(c.amount) : c.amount), 0);
  const computedTotal = linesTotal + chargesTotal;
  if (computedTotal !== input.total) {
    disputes.push({ code: 'TOTAL_MISMATCH', message: `the total is ${amountText(input.total, currency)}, but the lines (${amountText(linesTotal, currency)}) and charges (${amountText(chargesTotal, currency)}) come to ${amountText(computedTotal, currency)}` });
  }
  return { lines, linesTotal, chargesTotal, computedTotal, disputes };
}

/** The same invoice again (a retry, a resent 810): same number, lines, charges and total. */
export const sameInvoice = (a: InvoiceInput, b: InvoiceInput) =>
  a.invoiceNumber === b.invoiceNumber && a.poNumber === b.poNumber && a.total === b.total &&
  JSON.stringify(a.lines) === JSON.stringify(b.lines) && JSON.stringify(a.charges) === JSON.stringify(b.charges);

/**
 * A new invoice, or a corrected revision of a disputed one, matched and decided: APPROVED when
 * nothing is disputed, else DISPUTED with each reason. Refuses a number already approved, paid or
 * rejected (a correction comes as a new number or a credit memo), and one used on another PO.
 */
export function receiveInvoice(input: InvoiceInput, ctx: { po: PurchaseOrder; vendorId: string; previous?: Invoice; rules: InvoicingRules; source: InvoiceSource; at: string; shipmentId?: string }): Invoice {
  const { po, previous } = ctx;
  if (previous && previous.poNumber !== input.poNumber) {
    throw new DomainError('DUPLICATE_INVOICE', `Invoice ${input.invoiceNumber} was already sent for PO ${previous.poNumber}`, [
      { field: 'invoiceNumber', rule: 'unique_per_vendor', message: `${input.invoiceNumber} is taken by your invoice for PO ${previous.poNumber}: use a new number` },
    ]);
  }
  if (previous && previous.status !== 'DISPUTED') {
    throw new DomainError('DUPLICATE_INVOICE', `Invoice ${input.invoiceNumber} is already ${previous.status.toLowerCase()}; a correction needs a new number or a credit memo`, [
      { field: 'invoiceNumber', rule: 'unique_per_vendor', message: `${input.invoiceNumber} is ${previous.status.toLowerCase()} (revision ${previous.revision}): only a disputed invoice may be sent again corrected` },
    ]);
  }
  const match = matchInvoice(input, po, ctx.rules);
  const status: InvoiceStatus = match.disputes.length === 0 ? 'APPROVED' : 'DISPUTED';
  const shippedAt = po.shipments.find((s) => !ctx.shipmentId || s.shipmentId === ctx.shipmentId)?.receivedAt;
  return {
    ...input,
    currency: input.currency ?? po.currency,
    vendorId: ctx.vendorId,
    revision: (previous?.revision ?? 0) + 1,
    status,
    source: ctx.source,
    match,
    ...(status === 'APPROVED' && { approvedAmount: match.computedTotal }),
    receivedAt: ctx.at,
    ...(ctx.shipmentId && { shipmentId: ctx.shipmentId }),
    ...(shippedAt && { shippedAt }),
    updatedAt: ctx.at,
  };
}

/** Ops decide a disputed invoice: approved (as matched: the computed total) or rejected, with why. */
export function decideInvoice(invoice: Invoice, action: 'APPROVE' | 'REJECT', reason: string, by: string, at: string): Invoice {
  if (invoice.status !== 'DISPUTED') {
    throw new DomainError('INVALID_TRANSITION', `Invoice ${invoice.invoiceNumber} is ${invoice.status.toLowerCase()}: only a disputed invoice is decided`, [
      { field: 'action', rule: 'disputed_only', message: `the invoice is ${invoice.status}` },
    ]);
  }
  return {
    ...invoice,
    status: action === 'APPROVE' ? 'APPROVED' : 'REJECTED',
    ...(action === 'APPROVE' && { approvedAmount: invoice.total }),
    decision: { action, reason, by, at },
    updatedAt: at,
  };
}

/** The invoice as the PO keeps it: what each line took, for the next invoice's match. */
export const invoiceOnPo = (invoice: Invoice) => ({
  revision: invoice.revision,
  status: invoice.status,
  quantities: Object.fromEntries(invoice.lines.map((l) => [l.lineNumber, l.quantity])) as Record<number, number>,
});

/** PAY_ON_SHIPMENT: the invoice a shipment makes, at PO cost, numbered after the shipment. */
export function shipmentInvoice(po: PurchaseOrder, shipmentId: string): InvoiceInput | undefined {
  const shipment = po.shipments.find((s) => s.shipmentId === shipmentId);
  if (!shipment) return undefined;
  const quantities = new Map<number, number>();
  for (const line of shipment.packages.flatMap((p) => p.lines)) quantities.set(line.lineNumber, (quantities.get(line.lineNumber) ?? 0) + line.quantity);
  const lines = [...quantities].sort((a, b) => a[0] - b[0]).map(([lineNumber, quantity]) => ({ lineNumber, quantity, unitCost: po.lines.find((l) => l.lineNumber === lineNumber)?.unitCost ?? 0 }));
  return {
    invoiceNumber: `${po.poNumber}-${shipmentId}`.slice(0, 40),
    poNumber: po.poNumber,
    invoiceDate: shipment.shipDate,
    currency: po.currency,
    lines,
    charges: [],
    total: lines.reduce((sum, l) => sum + l.quantity * l.unitCost, 0),
  };
}

const days = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
const medianOf = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
};

/**
 * A vendor's invoicing in a period, from the invoices it sent: how many matched as sent (revision 1,
 * approved by the match, not by ops), the median days from the shipment to the invoice and from the
 * invoice to its payment. Invoices made on shipment are left out: they cannot fail to match.
 */
export function invoicingFigures(invoices: readonly Invoice[]) {
  const sent = invoices.filter((i) => i.source !== 'PAY_ON_SHIPMENT');
  const matched = sent.filter((i) => i.revision === 1 && !i.decision && (i.status === 'APPROVED' || i.status === 'PAID'));
  return {
    invoices: invoices.length,
    matchedFirstTime: ratio(matched.length, sent.length),
    medianDaysShipmentToInvoice: medianOf(invoices.flatMap((i) => (i.shippedAt ? [days(i.shippedAt, i.receivedAt)] : []))),
    medianDaysInvoiceToPayment: medianOf(invoices.flatMap((i) => (i.paidBy ? [days(i.receivedAt, `${i.paidBy.paymentDate}T23:59:59Z`)] : []))),
  };
}
