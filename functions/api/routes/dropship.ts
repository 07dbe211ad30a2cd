/** The dropship group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { listResponse, lookupId, vendorId } from '../../contracts/common';
import { dropshipQuery, dropshipRow, dropshipSummary, purchaseOrderDetail, purchaseOrderView, rerouteApprovalInput } from '../../contracts/orders';
import { ediDocumentView, ediLogEntry, ediLogQuery } from '../../contracts/vendor-events';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const dropshipRoutes = {
  listDropshipOrders: {
    ...routeAccess.listDropshipOrders,
    summary: 'The Dropship tab: purchase orders newest first, by status and/or vendor',
    query: dropshipQuery, response: listResponse(dropshipRow),
  },
  getDropshipSummary: {
    ...routeAccess.getDropshipSummary,
    summary: 'The Dropship tab badges: POs per status (each counted up to 1,000), optionally of one vendor',
    query: z.object({ vendorId: z.string().max(40).optional() }), response: dropshipSummary,
  },
  getDropshipOrder: {
    ...routeAccess.getDropshipOrder,
    summary: 'One PO for ops: lines, ship-to, due times, history, shipments, exceptions, EDI documents exchanged, customer notifications',
    params: z.object({ poNumber: lookupId }), response: purchaseOrderDetail,
  },
  retryTransmission: {
    ...routeAccess.retryTransmission,
    summary: 'Send a PO whose transmission failed to its vendor again', params: z.object({ poNumber: lookupId }), response: purchaseOrderView,
  },
  answerRerouteApproval: {
    ...routeAccess.answerRerouteApproval,
    summary: "Approve or decline moving dropped lines that wait for ops' approval (re-routing rules with requireApproval): approved, each goes to the source named; declined, it stays closed with the note",
    params: z.object({ poNumber: lookupId }), body: rerouteApprovalInput, response: purchaseOrderView,
  },
  listEdiDocuments: {
    ...routeAccess.listEdiDocuments,
    summary: 'The EDI log: every X12 document exchanged, newest first, by vendor, type, direction and whether it was accepted',
    query: ediLogQuery, response: listResponse(ediLogEntry),
  },
  getEdiDocument: {
    ...routeAccess.getEdiDocument,
    summary: 'One EDI document with its raw X12 and the answer we gave (997/999/TA1)', params: z.object({ documentId: lookupId }), response: ediDocumentView,
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'dropship' }>;
