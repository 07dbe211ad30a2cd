/** The ediConnections group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { listQuery, listResponse } from '../../contracts/common';
import { as2ProfileInput, as2ProfileView, connectionId, connectionInput, connectionView } from '../../contracts/edi-connections';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const ediConnectionsRoutes = {
  putConnection: {
    ...routeAccess.putConnection,
    summary: 'Create or replace an EDI connection: an SFTP mailbox we host (the partner\'s SSH keys) or AS2 (its AS2 id, certificates, URL and MDN mode). On AWS this makes its Transfer Family user, or partner profile, agreement and connector',
    params: z.object({ connectionId }), body: connectionInput, response: connectionView,
  },
  getConnection: {
    ...routeAccess.getConnection,
    summary: 'A connection: its settings, the vendors on it by ISA sender, its last files and MDNs, and `ours` (what ops hand the partner)',
    params: z.object({ connectionId }), response: connectionView,
  },
  listConnections: {
    ...routeAccess.listConnections,
    summary: 'EDI connections by id', query: listQuery, response: listResponse(connectionView),
  },
  deleteConnection: {
    ...routeAccess.deleteConnection,
    summary: 'Delete a connection no vendor is on (its Transfer Family user or AS2 partner goes with it)',
    params: z.object({ connectionId }), response: z.object({ connectionId: z.string(), deleted: z.literal(true) }),
  },
  getAs2Profile: {
    ...routeAccess.getAs2Profile,
    summary: 'Our AS2 identity: the AS2 id, URL and certificate partners configure for us', response: as2ProfileView,
  },
  putAs2Profile: {
    ...routeAccess.putAs2Profile,
    summary: 'Set our AS2 certificate and private key (the key is handed to Transfer Family, never stored in the table or returned)',
    body: as2ProfileInput, response: as2ProfileView,
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'ediConnections' }>;
