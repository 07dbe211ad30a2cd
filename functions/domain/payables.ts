import type { VendorCharges } from './compliance';
import { DomainError } from './errors';
import type { Invoice } from './invoices';

/**
 * What the retailer owes a vendor and what it paid: the approved, unpaid invoices less the period's
 * compliance charges (and what earlier periods' charges left over), never below zero. Money is
 * integer minor units; each figure lists what makes it.
 */
export interface PayableInvoice {
  invoiceNumber: string;
  poNumber: string;
  invoiceDate: string;
  revision: number;
  amount: number;
}

export interface Deduction {
  /** A compliance rule; RETURN: a customer return's credit; CARRIED_FORWARD: deductions an earlier payment could not take. */
  rule: string;
  description: string;
  amount: number;
  poNumbers: string[];
  /** CARRIED_FORWARD: the remittance it came from. */
  fromReference?: string;
}

export interface Payables {
  vendorId: string;
  currency: string;
  period: { from: string; to: string };
  invoices: PayableInvoice[];
  invoicesTotal: number;
  deductions: Deduction[];
  deductionsTotal: number;
  /** What to pay: invoices less deductions, at least 0. */
  net: number;
  /** What the deductions exceed the invoices by: taken from the next payment. */
  carryForward: number;
}

export interface Remittance extends Payables {
  reference: string;
  paymentDate: string;
  amount: number;
  createdAt: string;
  createdBy: string;
  /** How the vendor heard: an 820, a signed webhook, or an email and the portal. */
  delivery?: { channel: 'EDI' | 'API' | 'PORTAL'; status: 'SENT' | 'FAILED'; at: string; detail?: string; documentId?: string };
}

const ruleWords: Record<string, string> = {
  LATE_SHIPMENT: 'late shipment',
  VENDOR_CANCELLATION: 'vendor cancellation',
  INVALID_ASN: 'invalid or late ship notice',
  NO_CARRIER_SCAN: 'parcel not scanned by the carrier',
};

/** The payables of a period: approved invoices dated up to its end, its charges, the last payment's carry. */
export function payablesOf(input: {
  vendorId: string;
  currency: string;
  period: { from: string; to: string };
  approved: readonly Invoice[];
  charges: VendorCharges | undefined;
  last?: Pick<Remittance, 'reference' | 'carryForward'>;
  /** Credited customer returns not yet taken from a payment: the vendor owes them. */
  credits?: readonly { rmaId: string; poNumber: string; amount: number }[];
}): Payables {
  const invoices = input.approved
    .filter((invoice) => invoice.invoiceDate <= input.period.to && invoice.currency === input.currency)
    .sort((a, b) => a.invoiceDate.localeCompare(b.invoiceDate) || a.invoiceNumber.localeCompare(b.invoiceNumber))
    .map((invoice) => ({ invoiceNumber: invoice.invoiceNumber, poNumber: invoice.poNumber, invoiceDate: invoice.invoiceDate, revision: invoice.revision, amount: invoice.approvedAmount ?? invoice.total }));
  const deductions: Deduction[] = [
    ...(input.last && input.last.carryForward > 0
      ? [{ rule: 'CARRIED_FORWARD', description: `charges payment ${input.last.reference} could not take`, amount: input.last.carryForward, poNumbers: [], fromReference: input.last.reference }]
      : []),
    ...(input.charges?.charges ?? [])
      .filter((charge) => charge.amount > 0)
      .map((charge) => ({ rule: charge.rule, description: `${charge.charged} × ${ruleWords[charge.rule] ?? charge.rule} beyond the allowance (${charge.violations} in the period, ${charge.allowed} allowed)`, amount: charge.amount, poNumbers: charge.poNumbers })),
    ...(input.credits ?? []).filter((c) => c.amount > 0).map((c) => ({ rule: 'RETURN', description: `customer return ${c.rmaId}, credited at PO cost`, amount: c.amount, poNumbers: [c.poNumber], fromReference: c.rmaId })),
  ];
  const invoicesTotal = invoices.reduce((sum, i) => sum + i.amount, 0);
  const deductionsTotal = deductions.reduce((sum, d) => sum + d.amount, 0);
  return {
    vendorId: input.vendorId,
    currency: input.currency,
    period: input.period,
    invoices,
    invoicesTotal,
    deductions,
    deductionsTotal,
    net: Math.max(0, invoicesTotal - deductionsTotal),
    carryForward: Math.max(0, deductionsTotal - invoicesTotal),
  };
}

/**
 * A payment for a period, checked against the vendor's last: periods follow each other (a day's
 * charges are taken once), and the amount paid is the payables' net.
 */
export function remittanceOf(payables: Payables, input: { reference: string; paymentDate: string; at: string; by: string }, last?: Pick<Remittance, 'reference' | 'period'>): Remittance {
  if (last && payables.period.from <= last.period.to) {
    throw new DomainError('CONFLICT', `The period ${payables.period.from} to ${payables.period.to} overlaps payment ${last.reference} (${last.period.from} to ${last.period.to}): its charges were taken then`, [
      { field: 'from', rule: 'after_last_payment', message: `must be after ${last.period.to}, the end of payment ${last.reference}` },
    ]);
  }
  return { ...payables, reference: input.reference, paymentDate: input.paymentDate, amount: payables.net, createdAt: input.at, createdBy: input.by };
}
