/** The catalog group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { certificationInput, certificationReportView, productInput, productView, vendorInput, vendorView } from '../../contracts/catalog';
import { listQuery, listResponse, lookupId, sku, vendorId } from '../../contracts/common';
import { vendorStockView } from '../../contracts/inventory';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const catalogRoutes = {
  putVendor: {
    ...routeAccess.putVendor,
    summary: 'Create or replace a vendor (201 created, 200 replaced)', params: z.object({ vendorId }), body: vendorInput, response: vendorView,
  },
  getVendor: {
    ...routeAccess.getVendor,
    summary: 'Read a vendor (secrets are never returned)', params: z.object({ vendorId: lookupId }), response: vendorView,
  },
  listVendors: {
    ...routeAccess.listVendors,
    summary: 'List vendors by id', query: listQuery, response: listResponse(vendorView),
  },
  listVendorInventory: {
    ...routeAccess.listVendorInventory,
    summary: "A vendor's stock figures by vendor SKU, with when each was set and whether it is still fresh", params: z.object({ vendorId: lookupId }),
    query: listQuery, response: listResponse(vendorStockView),
  },
  startCertification: {
    ...routeAccess.startCertification,
    summary: 'Start a certification run: six scripted test POs (accept, accept fewer, backorder, reject, two packages, cancellation) sent through the vendor\'s channel, EDI with ISA15 T',
    params: z.object({ vendorId: lookupId }), body: certificationInput, response: certificationReportView, successStatus: 201,
  },
  getCertification: {
    ...routeAccess.getCertification,
    summary: "The vendor's latest certification run, step by step, each check with what was wrong", params: z.object({ vendorId: lookupId }), response: certificationReportView,
  },
  putProduct: {
    ...routeAccess.putProduct,
    summary: 'Create or replace a product and its dropship sources (201 created, 200 replaced)',
    params: z.object({ sku }), body: productInput, response: productView,
  },
  getProduct: {
    ...routeAccess.getProduct,
    summary: 'Read a product', params: z.object({ sku: lookupId }), response: productView,
  },
  listProducts: {
    ...routeAccess.listProducts,
    summary: 'List products by SKU', query: listQuery, response: listResponse(productView),
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'catalog' }>;
