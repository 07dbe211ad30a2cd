/** The invoicing group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { listResponse, lookupId } from '../../contracts/common';
import {
  invoiceDecisionInput, invoiceInput, invoiceListQuery, invoiceView, invoicingRulesInput, invoicingRulesView, opsInvoiceListQuery,
  payablesQuery, payablesView, remittanceInput, remittanceListQuery, remittanceView,
} from '../../contracts/invoicing';
import { listQuery } from '../../contracts/common';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

const invoicePath = z.object({ vendorId: lookupId, invoiceNumber: lookupId });

export const invoicingRoutes = {
  submitInvoice: {
    ...routeAccess.submitInvoice,
    summary: 'Send an invoice for one of your POs: matched at once against what shipped, the PO cost and the invoicing rules (APPROVED, or DISPUTED with each reason); the same invoice again answers as the first time, a corrected one under the same number replaces a disputed revision',
    body: invoiceInput, response: invoiceView,
  },
  listOwnInvoices: {
    ...routeAccess.listOwnInvoices,
    summary: 'Your invoices, newest first, optionally by status', query: invoiceListQuery, response: listResponse(invoiceView),
  },
  getOwnInvoice: {
    ...routeAccess.getOwnInvoice,
    summary: 'One of your invoices with its three-way comparison and any dispute in words', params: z.object({ invoiceNumber: lookupId }), response: invoiceView,
  },
  listOwnRemittances: {
    ...routeAccess.listOwnRemittances,
    summary: 'The payments made to you, newest first: each with the invoices it paid and every deduction with its rule and POs', query: listQuery, response: listResponse(remittanceView),
  },
  listInvoices: {
    ...routeAccess.listInvoices,
    summary: 'Vendor invoices, newest first, by status and/or vendor (status=DISPUTED: what waits on ops)', query: opsInvoiceListQuery, response: listResponse(invoiceView),
  },
  getInvoice: {
    ...routeAccess.getInvoice,
    summary: 'One invoice with its three-way comparison per line, and every revision the vendor sent', params: invoicePath,
    response: invoiceView.extend({ revisions: z.array(invoiceView) }),
  },
  decideInvoice: {
    ...routeAccess.decideInvoice,
    summary: 'Approve a disputed invoice as sent (with the reason) or reject it; what it bills then counts against its PO', params: invoicePath, body: invoiceDecisionInput, response: invoiceView,
  },
  getInvoicingRules: {
    ...routeAccess.getInvoicingRules,
    summary: 'The invoicing rules: the unit-cost tolerance and which charges (freight, handling, tax, other) an invoice may carry, with caps', response: invoicingRulesView,
  },
  putInvoicingRules: {
    ...routeAccess.putInvoicingRules,
    summary: 'Replace the invoicing rules; invoices already matched keep their outcome', body: invoicingRulesInput, response: invoicingRulesView,
  },
  getPayables: {
    ...routeAccess.getPayables,
    summary: "What a vendor is owed for a period (default: the last 30 days): its approved unpaid invoices, less the period's compliance charges and any carried forward; never below zero (format=csv for the export)",
    query: payablesQuery, response: payablesView,
  },
  createRemittance: {
    ...routeAccess.createRemittance,
    summary: 'Record a payment to a vendor for a period: the payables net, the invoices it pays marked PAID, each deduction with its rule; sent as an 820, a signed webhook or an email (idempotent by reference)',
    body: remittanceInput, response: remittanceView,
  },
  listRemittances: {
    ...routeAccess.listRemittances,
    summary: 'Payments to vendors, newest first, optionally for one vendor', query: remittanceListQuery, response: listResponse(remittanceView),
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'invoicing' }>;
