import Papa from 'papaparse';
import type { Principal } from '../contracts/api-keys';
import { DomainError, notFound } from '../domain/errors';
import { decideDisputedInvoice, payablesFor, remit, submitInvoice } from '../services/invoicing';
import { chargePeriod, csvContentType } from '../services/compliance-charges';
import { getInvoice, invoiceRevisions, listInvoices, listRemittances, getInvoicingRules, putInvoicingRules } from '../store/invoice-store';
import type { Payables } from '../domain/payables';
import { createApiHandler, operationsOf } from './http/api-handler';
import { invoicingRoutes } from './routes/invoicing';

const vendorOf = (principal: Principal): string => {
  if (!principal.vendorId) throw new DomainError('FORBIDDEN', 'This key is not bound to a vendor');
  return principal.vendorId;
};

/** A portal session (a signed-in person) sends from the portal; a vendor key from its own system. */
const sourceOf = (principal: Principal) => (principal.session ? 'PORTAL' : 'API');

/** The payables as CSV (Papa Parse): one row per invoice and per deduction, then the net. */
const payablesCsv = (p: Payables) =>
  Papa.unparse(
    [
      ...p.invoices.map((i) => ({ vendorId: p.vendorId, kind: 'INVOICE', reference: i.invoiceNumber, poNumbers: i.poNumber, date: i.invoiceDate, description: `revision ${i.revision}`, amount: i.amount, currency: p.currency })),
      ...p.deductions.map((d) => ({ vendorId: p.vendorId, kind: 'DEDUCTION', reference: d.fromReference ?? d.rule, poNumbers: d.poNumbers.join(' '), date: p.period.to, description: d.description, amount: -d.amount, currency: p.currency })),
      { vendorId: p.vendorId, kind: 'NET', reference: '', poNumbers: '', date: p.period.to, description: p.carryForward ? `${p.carryForward} carried to the next payment` : '', amount: p.net, currency: p.currency },
    ],
    { columns: ['vendorId', 'kind', 'reference', 'poNumbers', 'date', 'description', 'amount', 'currency'] },
  );

export const operations = operationsOf(invoicingRoutes, {
  async submitInvoice({ body, principal }, deps) {
    const { invoice, duplicate } = await submitInvoice(deps, vendorOf(principal), body, sourceOf(principal));
    return { status: duplicate ? 200 : 201, body: invoice };
  },

  async listOwnInvoices({ query, principal }, { table }) {
    const page = await listInvoices(table, { vendorId: vendorOf(principal), ...(query.status && { status: query.status }) }, { limit: query.limit, cursor: query.cursor });
    return { body: page };
  },

  async getOwnInvoice({ params, principal }, { table }) {
    const invoice = await getInvoice(table, vendorOf(principal), params.invoiceNumber);
    if (!invoice) throw notFound('Invoice', params.invoiceNumber);
    return { body: invoice };
  },

  async listOwnRemittances({ query, principal }, { table }) {
    return { body: await listRemittances(table, vendorOf(principal), { limit: query.limit, cursor: query.cursor }) };
  },

  async listInvoices({ query }, { table }) {
    const page = await listInvoices(table, { ...(query.vendorId && { vendorId: query.vendorId }), ...(query.status && { status: query.status }) }, { limit: query.limit, cursor: query.cursor });
    return { body: page };
  },

  async getInvoice({ params }, { table }) {
    const [invoice, revisions] = await Promise.all([getInvoice(table, params.vendorId, params.invoiceNumber), invoiceRevisions(table, params.vendorId, params.invoiceNumber)]);
    if (!invoice) throw notFound('Invoice', params.invoiceNumber);
    return { body: { ...invoice, revisions } };
  },

  async decideInvoice({ params, body, principal }, deps) {
    return { body: await decideDisputedInvoice(deps, params.vendorId, params.invoiceNumber, body.action, body.reason, `ops:${principal.keyId}`) };
  },

  async getInvoicingRules(_input, { table }) {
    return { body: await getInvoicingRules(table) };
  },

  async putInvoicingRules({ body, principal }, { table, now }) {
    return { body: await putInvoicingRules(table, { ...body, updatedAt: now().toISOString(), updatedBy: `ops:${principal.keyId}` }) };
  },

  async getPayables({ query }, deps) {
    const payables = await payablesFor(deps, query.vendorId, chargePeriod(query, deps.now()));
    return query.format === 'csv' ? { contentType: csvContentType, body: payablesCsv(payables) } : { body: payables };
  },

  async createRemittance({ body, principal }, deps) {
    // An unknown vendor is a 404 from the payables it has none of.
    const { remittance, created } = await remit(deps, body, `ops:${principal.keyId}`);
    return { status: created ? 201 : 200, body: remittance };
  },

  async listRemittances({ query }, { table }) {
    return { body: await listRemittances(table, query.vendorId, { limit: query.limit, cursor: query.cursor }) };
  },
});

export const handler = createApiHandler(operations);
