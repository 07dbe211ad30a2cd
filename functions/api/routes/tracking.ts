/** The tracking group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { carrierEventsInput, carrierEventsResult, webhookBody } from '../../contracts/tracking';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const trackingRoutes = {
  postTrackingEvents: {
    ...routeAccess.postTrackingEvents,
    summary: 'Carrier events for packages we shipped: up to 500 per request, each applied once; unknown tracking numbers reported per event',
    body: carrierEventsInput, response: carrierEventsResult,
  },
  receiveTrackingWebhook: {
    ...routeAccess.receiveTrackingWebhook,
    summary: "A tracking aggregator's webhook (aftership), authenticated by its signature header instead of an API key",
    params: z.object({ provider: z.string().max(40) }), body: webhookBody, bodyFormat: 'text', response: carrierEventsResult,
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'tracking' }>;
