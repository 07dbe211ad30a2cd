/** The vendorEdi group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { listQuery, listResponse, lookupId, vendorId } from '../../contracts/common';
import { ediLogEntry, ediLogQuery, outboundDocumentsView, x12Body } from '../../contracts/vendor-events';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const vendorEdiRoutes = {
  listOutboundDocuments: {
    ...routeAccess.listOutboundDocuments,
    summary: 'X12 documents (850, 860) waiting for the calling vendor to collect, oldest first',
    query: listQuery, response: outboundDocumentsView,
  },
  markDocumentReceived: {
    ...routeAccess.markDocumentReceived,
    summary: 'Mark an outbound document collected', params: z.object({ documentId: lookupId }),
    response: z.object({ id: z.string(), collectedAt: z.string() }),
  },
  receiveX12: {
    ...routeAccess.receiveX12,
    summary: 'Send X12 (one or more interchanges of 855, 856, 846, 997, 999); the answer is X12: a 997 or 999 per group, a TA1 when asked (ISA14 1) or when the envelope is at fault',
    body: x12Body, bodyFormat: 'x12', response: z.string(),
  },
  listInboundDocuments: {
    ...routeAccess.listInboundDocuments,
    summary: 'The calling vendor\'s own inbound X12, newest first: each set with its outcome and the reasons for any refusal',
    query: ediLogQuery.omit({ vendorId: true, direction: true }), response: listResponse(ediLogEntry),
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'vendorEdi' }>;
