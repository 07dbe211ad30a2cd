/** The vendorPortal group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { certificationReportView } from '../../contracts/catalog';
import { listQuery, listResponse, lookupId, vendorId } from '../../contracts/common';
import { purchaseOrderView } from '../../contracts/orders';
import { acknowledgmentInput, shipmentInput } from '../../contracts/vendor-events';
import { analyticsQuery, complianceQuery, exceptionView, vendorChargesView, vendorScorecard } from '../../contracts/exceptions';
import { purchaseOrderStatuses } from '../../domain/purchase-order-status';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

const poStatusFilter = z.object({ status: z.enum(purchaseOrderStatuses).optional() }).extend(listQuery.shape);

export const vendorPortalRoutes = {
  listVendorPurchaseOrders: {
    ...routeAccess.listVendorPurchaseOrders,
    summary: "The calling vendor's purchase orders, newest first, optionally by status",
    query: poStatusFilter, response: listResponse(purchaseOrderView),
  },
  getVendorPurchaseOrder: {
    ...routeAccess.getVendorPurchaseOrder,
    summary: 'One of the calling vendor\'s purchase orders (404 for any other vendor\'s)',
    params: z.object({ poNumber: lookupId }), response: purchaseOrderView,
  },
  getOwnScorecard: {
    ...routeAccess.getOwnScorecard,
    summary: "The calling vendor's own scorecard, as ops see it (default: the last 30 days)", query: analyticsQuery, response: vendorScorecard,
  },
  listOwnExceptions: {
    ...routeAccess.listOwnExceptions,
    summary: "The calling vendor's open exceptions (late acknowledgment, overdue shipment …), newest first", query: listQuery, response: listResponse(exceptionView),
  },
  getOwnComplianceCharges: {
    ...routeAccess.getOwnComplianceCharges,
    summary: "The calling vendor's own compliance charges, as ops see them; format=csv for the export", query: complianceQuery.omit({ vendorId: true }), response: vendorChargesView,
  },
  getOwnCertification: {
    ...routeAccess.getOwnCertification,
    summary: "The calling vendor's latest certification run, as ops see it", response: certificationReportView,
  },
  acknowledgePurchaseOrder: {
    ...routeAccess.acknowledgePurchaseOrder,
    summary: 'Accept, reject or backorder each line, with the estimated ship date (a repeat answers as the first time)',
    params: z.object({ poNumber: lookupId }), body: acknowledgmentInput, response: purchaseOrderView,
  },
  shipPurchaseOrder: {
    ...routeAccess.shipPurchaseOrder,
    summary: 'Post a shipment: carrier, service, packages with tracking numbers and the lines in each',
    params: z.object({ poNumber: lookupId }), body: shipmentInput, response: purchaseOrderView,
  },
  confirmCancellation: {
    ...routeAccess.confirmCancellation,
    summary: "Confirm the retailer's cancellation of a PO's lines: the vendor will not ship them (a repeat changes nothing)",
    params: z.object({ poNumber: lookupId }), response: purchaseOrderView,
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'vendorPortal' }>;
