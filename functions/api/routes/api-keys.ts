/** The apiKeys group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { apiKeyView, createApiKeyInput } from '../../contracts/api-keys';
import { listQuery, listResponse, lookupId } from '../../contracts/common';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const apiKeysRoutes = {
  createApiKey: {
    ...routeAccess.createApiKey,
    summary: 'Create an API key; its secret is in this answer only', body: createApiKeyInput,
    response: apiKeyView.extend({ secret: z.string() }), successStatus: 201,
  },
  listApiKeys: {
    ...routeAccess.listApiKeys,
    summary: 'List API keys (never their secrets)', query: listQuery, response: listResponse(apiKeyView),
  },
  revokeApiKey: {
    ...routeAccess.revokeApiKey,
    summary: 'Revoke an API key (takes effect within the authorizer cache time)', params: z.object({ keyId: lookupId }), response: apiKeyView,
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'apiKeys' }>;
