import type { Dependencies } from '../dependencies';
import { DomainError, notFound } from '../domain/errors';
import { decideInvoice, defaultInvoicingRules, invoiceOnPo, receiveInvoice, sameInvoice, shipmentInvoice, type Invoice, type InvoiceInput, type InvoiceSource, type InvoicingRules } from '../domain/invoices';
import type { PurchaseOrder } from '../domain/orders';
import { payablesOf, remittanceOf, type Payables, type Remittance } from '../domain/payables';
import { getVendor } from '../store/catalog-store';
import { getInvoice, getInvoicingRules, getRemittance, invoiceItems, invoicesInStatus, listRemittances, maxInvoicesPerRemittance, putRemittance, writeRemittance } from '../store/invoice-store';
import { changePurchaseOrder } from '../store/purchase-order-store';
import { advance } from '../domain/purchase-order-lifecycle';
import type { Vendor } from '../domain/catalog';
import { chargesFor } from './compliance-charges';
import { returnsInStatus } from '../store/return-store';
import { settleReturn } from '../domain/returns';
import { sendRemittance } from './vendor-channels';
import { logger } from '../logger';

type Deps = Pick<Dependencies, 'table' | 'now'>;

export interface InvoiceOutcome {
  invoice: Invoice;
  /** True when this was the same invoice again (a retry, a resent 810): nothing changed. */
  duplicate: boolean;
}

const historyNote = (invoice: Invoice) =>
  `invoice ${invoice.invoiceNumber}${invoice.revision > 1 ? ` (revision ${invoice.revision})` : ''} ${invoice.status.toLowerCase()}${invoice.match.disputes.length ? `: ${invoice.match.disputes.map((d) => d.code).join(', ')}` : ''}`;

/** The PO with the invoice recorded on it, and a line in its history. */
const withInvoice = (po: PurchaseOrder, invoice: Invoice, by: string): PurchaseOrder =>
  advance(po, { invoices: { ...po.invoices, [invoice.invoiceNumber]: invoiceOnPo(invoice) } }, { by, at: new Date(invoice.updatedAt) }, historyNote(invoice));

/**
 * A vendor's invoice, from JSON, an 810 or the portal: matched against its PO in the PO's own
 * transaction (the PO's version guards what earlier invoices took, so two invoices racing for the
 * same shipped units cannot both count them), with the invoice written in the same transaction.
 * The same invoice again answers as the first time; a corrected one replaces a disputed revision.
 */
export async function submitInvoice(deps: Deps, vendorId: string, input: InvoiceInput, source: InvoiceSource): Promise<InvoiceOutcome> {
  const [rules, previous] = await Promise.all([getInvoicingRules(deps.table), getInvoice(deps.table, vendorId, input.invoiceNumber)]);
  if (previous && sameInvoice(previous, input)) return { invoice: previous, duplicate: true };
  const change = await changePurchaseOrder(deps.table, input.poNumber, (po) => {
    if (po.vendorId !== vendorId) throw notFound('Purchase order', input.poNumber);
    if (po.test) throw new DomainError('INVALID_EVENT', `PO ${po.poNumber} is a certification test order: it is not invoiced`, [{ field: 'poNumber', rule: 'live_order', message: 'is a test order' }]);
    const at = deps.now().toISOString();
    const invoice = receiveInvoice(input, { po, vendorId, ...(previous && { previous }), rules, source, at });
    return { next: withInvoice(po, invoice, `vendor:${vendorId}`), response: invoice, items: invoiceItems(invoice, previous) };
  });
  logger.info('Invoice received', { vendorId, poNumber: input.poNumber, invoiceNumber: input.invoiceNumber, status: change.response.status, disputes: change.response.match.disputes.map((d) => d.code) });
  return { invoice: change.response, duplicate: false };
}

/** Ops approve (with a reason) or reject a disputed invoice; what it took then counts against its PO. */
export async function decideDisputedInvoice(deps: Deps, vendorId: string, invoiceNumber: string, action: 'APPROVE' | 'REJECT', reason: string, by: string): Promise<Invoice> {
  const invoice = await getInvoice(deps.table, vendorId, invoiceNumber);
  if (!invoice) throw notFound('Invoice', invoiceNumber);
  // On the PO's transaction, so the quantities an approved invoice takes are counted once.
  const change = await changePurchaseOrder(deps.table, invoice.poNumber, (po) => {
    const decided = decideInvoice(invoice, action, reason, by, deps.now().toISOString());
    return { next: withInvoice(po, decided, by), response: decided, items: invoiceItems(decided) };
  });
  return change.response;
}

/**
 * PAY_ON_SHIPMENT: the invoice a new shipment makes, at PO cost, written in the shipment's own
 * transaction (so a replayed ship notice, which records no shipment, makes none).
 */
export function shipmentInvoiceChange(before: PurchaseOrder, after: PurchaseOrder, at: string): { next: PurchaseOrder; items: Record<string, unknown>[] } | undefined {
  if (after.invoicing !== 'PAY_ON_SHIPMENT' || after.test) return undefined;
  let next = after;
  const items: Record<string, unknown>[] = [];
  for (const shipment of after.shipments.slice(before.shipments.length)) {
    const input = shipmentInvoice(after, shipment.shipmentId);
    if (!input) continue;
    const invoice = receiveInvoice(input, { po: next, vendorId: after.vendorId, rules: payOnShipmentRules, source: 'PAY_ON_SHIPMENT', at, shipmentId: shipment.shipmentId });
    next = { ...next, invoices: { ...next.invoices, [invoice.invoiceNumber]: invoiceOnPo(invoice) } };
    items.push(...invoiceItems(invoice));
  }
  return items.length ? { next, items } : undefined;
}

/** An invoice made at PO cost from what shipped matches by construction; no charge is added to it. */
const payOnShipmentRules: InvoicingRules = { ...defaultInvoicingRules, priceTolerance: { percent: 0, amount: 0 } };

/** The payables of a vendor for a period, with what they were made from: its approved invoices and its last payment. */
async function readPayables(deps: Deps, vendorId: string, period: { from: string; to: string }) {
  const vendor = await getVendor(deps.table, vendorId);
  if (!vendor) throw notFound('Vendor', vendorId);
  const [approved, [charges], last, credited] = await Promise.all([
    invoicesInStatus(deps.table, vendorId, 'APPROVED'),
    chargesFor(deps.table, [vendorId], period),
    listRemittances(deps.table, vendorId, { limit: 1 }).then((page) => page.items[0]),
    returnsInStatus(deps.table, vendorId, 'CREDITED'),
  ]);
  const credits = credited.map((r) => ({ rmaId: r.rmaId, poNumber: r.poNumber, amount: r.credit?.amount ?? 0 }));
  return { vendor, approved, last, credited, payables: payablesOf({ vendorId, currency: charges?.currency ?? 'USD', period, approved, charges, credits, ...(last && { last }) }) };
}

/** The payables of a vendor for a period: its approved, unpaid invoices, the period's charges, the last payment's carry. */
export async function payablesFor(deps: Deps, vendorId: string, period: { from: string; to: string }): Promise<Payables> {
  return (await readPayables(deps, vendorId, period)).payables;
}

/**
 * Records a payment for a vendor and period: the payables' net, the invoices it pays marked PAID
 * and each deduction with its rule and POs, in one transaction; then tells the vendor (an 820, a
 * signed webhook, or email and the portal). Idempotent by reference: the same request again
 * answers the recorded payment (and sends it again if it had not gone); another with the same
 * reference is refused.
 */
export async function remit(
  deps: Pick<Dependencies, 'table' | 'now' | 'fetch' | 'edi'>,
  input: { vendorId: string; reference: string; paymentDate: string; from: string; to: string },
  by: string,
): Promise<{ remittance: Remittance; created: boolean }> {
  const earlier = await getRemittance(deps.table, input.vendorId, input.reference);
  if (earlier) {
    if (earlier.period.from !== input.from || earlier.period.to !== input.to || earlier.paymentDate !== input.paymentDate) {
      throw new DomainError('CONFLICT', `Remittance ${input.reference} was recorded for ${earlier.period.from} to ${earlier.period.to}, paid ${earlier.paymentDate}`, [
        { field: 'reference', rule: 'unique', message: 'is taken by another payment: use a new reference' },
      ]);
    }
    if (earlier.delivery?.status === 'SENT') return { remittance: earlier, created: false };
    const vendor = await getVendor(deps.table, input.vendorId);
    return { remittance: vendor ? await deliver(deps, vendor, earlier) : earlier, created: false };
  }
  const { vendor, payables, approved, last, credited } = await readPayables(deps, input.vendorId, { from: input.from, to: input.to });
  if (payables.invoices.length + credited.length > maxInvoicesPerRemittance) {
    throw new DomainError('VALIDATION_FAILED', `${payables.invoices.length} invoices are payable; one payment pays at most ${maxInvoicesPerRemittance}`, [
      { field: 'to', rule: 'max_invoices', message: `narrow the period: at most ${maxInvoicesPerRemittance} invoices per payment` },
    ]);
  }
  const at = deps.now().toISOString();
  const remittance = remittanceOf(payables, { reference: input.reference, paymentDate: input.paymentDate, at, by }, last);
  const paid = payables.invoices.map((p) => {
    const invoice = approved.find((i) => i.invoiceNumber === p.invoiceNumber) as Invoice;
    return { ...invoice, status: 'PAID' as const, paidBy: { reference: input.reference, paymentDate: input.paymentDate }, updatedAt: at };
  });
  await writeRemittance(deps.table, remittance, paid, credited.map((r) => settleReturn(r, input.reference, at)));
  logger.info('Remittance recorded', { vendorId: input.vendorId, reference: input.reference, amount: remittance.amount, invoices: paid.length, carryForward: remittance.carryForward });
  return { remittance: await deliver(deps, vendor, remittance), created: true };
}

/** Sends the remittance over the vendor's channel and records how it went; a failure is kept for a retry. */
async function deliver(deps: Pick<Dependencies, 'table' | 'now' | 'fetch' | 'edi'>, vendor: Vendor, remittance: Remittance): Promise<Remittance> {
  const at = deps.now().toISOString();
  let delivered: Remittance;
  try {
    const documentId = await sendRemittance(deps, vendor, remittance);
    delivered = { ...remittance, delivery: { channel: vendor.channel, status: 'SENT', at, ...(documentId && { documentId }) } };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    logger.warn('Remittance not delivered; POST /remittances again with the same reference retries', { vendorId: vendor.vendorId, reference: remittance.reference, detail });
    delivered = { ...remittance, delivery: { channel: vendor.channel, status: 'FAILED', at, detail } };
  }
  await putRemittance(deps.table, delivered);
  return delivered;
}
