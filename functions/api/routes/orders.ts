/** The orders group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { lookupId } from '../../contracts/common';
import { deliveryEstimateInput, deliveryEstimateView, orderView, placeOrderInput } from '../../contracts/orders';
import { cancelOrderInput } from '../../contracts/vendor-events';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const ordersRoutes = {
  estimateDelivery: {
    ...routeAccess.estimateDelivery,
    summary: 'Delivery dates to show before the sale: per line the source it would go to, its ship-by day and delivery window, and the cart\'s latest; 2 DynamoDB reads for up to 20 lines, cacheable for 5 minutes',
    body: deliveryEstimateInput, response: deliveryEstimateView,
  },
  placeOrder: {
    ...routeAccess.placeOrder,
    summary: 'Place an order (idempotent on the Idempotency-Key header: 201 created, 200 replayed)',
    headers: { 'Idempotency-Key': 'Required. 1-255 characters; the same key and body return the same order.' },
    body: placeOrderInput, response: orderView, successStatus: 201,
  },
  getOrder: {
    ...routeAccess.getOrder,
    summary: 'Read an order with its lines, purchase orders and their status history',
    params: z.object({ orderId: lookupId }), response: orderView,
  },
  cancelOrder: {
    ...routeAccess.cancelOrder,
    summary: 'Cancel the whole order or some lines before dispatch; the vendors are told (409 once dispatched)',
    params: z.object({ orderId: lookupId }), body: cancelOrderInput, response: orderView,
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'orders' }>;
