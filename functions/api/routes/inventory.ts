/** The inventory group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { lookupId, sku } from '../../contracts/common';
import { inventoryFeedInput, inventoryFeedResult, skuInventoryView } from '../../contracts/inventory';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const inventoryRoutes = {
  putInventory: {
    ...routeAccess.putInventory,
    summary: 'An inventory feed: up to 5,000 rows of vendorSku, available, restockDate; applied once per feedId',
    body: inventoryFeedInput, response: inventoryFeedResult,
  },
  getInventory: {
    ...routeAccess.getInventory,
    summary: 'Stock of a SKU at each of its sources, with how fresh each figure is',
    params: z.object({ sku: lookupId }), response: skuInventoryView,
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'inventory' }>;
