/** The returns group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { listResponse, lookupId } from '../../contracts/common';
import { opsReturnListQuery, returnAnswerInput, returnListQuery, returnReceiptInput, returnRequestInput, returnsView, returnView, storefrontWebhookInput, storefrontWebhookView } from '../../contracts/returns';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

const rma = z.object({ rmaId: lookupId });

export const returnsRoutes = {
  requestReturn: {
    ...routeAccess.requestReturn,
    summary: "A customer's return of shipped dropship lines: one return per vendor (RMA-…), checked against what shipped, what earlier returns took and the vendor's window; Idempotency-Key required",
    params: z.object({ orderId: lookupId }), body: returnRequestInput, response: returnsView,
  },
  listReturns: {
    ...routeAccess.listReturns,
    summary: 'Returns, newest first, by status and/or vendor (status=REQUESTED: waiting on vendors)', query: opsReturnListQuery, response: listResponse(returnView),
  },
  getReturn: { ...routeAccess.getReturn, summary: 'One return with its timeline and credit', params: rma, response: returnView },
  receiveReturnAtRetailer: {
    ...routeAccess.receiveReturnAtRetailer,
    summary: "The retailer's returns desk confirms what came back (a return to the retailer, or on the vendor's behalf): credited at PO cost for what came back",
    params: rma, body: returnReceiptInput, response: returnView,
  },
  listOwnReturns: {
    ...routeAccess.listOwnReturns,
    summary: 'Returns of your POs, newest first (status=REQUESTED: waiting for your answer)', query: returnListQuery, response: listResponse(returnView),
  },
  answerReturn: {
    ...routeAccess.answerReturn,
    summary: 'Approve a return (your RMA number, where to send it, optionally a prepaid label) or reject it with the reason', params: rma, body: returnAnswerInput, response: returnView,
  },
  receiveReturn: {
    ...routeAccess.receiveReturn,
    summary: 'Confirm what came back, line by line, with its condition (AS_NEW, DAMAGED, MISSING): credited at PO cost for what came back', params: rma, body: returnReceiptInput, response: returnView,
  },
  putStorefrontWebhook: {
    ...routeAccess.putStorefrontWebhook,
    summary: "Where the storefront hears of its customers' returns: return.approved, return.rejected, return.credited (the refund it may give), signed with its secret",
    body: storefrontWebhookInput, response: storefrontWebhookView,
  },
  getStorefrontWebhook: { ...routeAccess.getStorefrontWebhook, summary: "The storefront's returns webhook (the secret is never shown)", response: storefrontWebhookView },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'returns' }>;
