/** The exceptions group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { listResponse, lookupId } from '../../contracts/common';
import { exceptionsQuery, exceptionView, resolveExceptionInput } from '../../contracts/exceptions';
import { notificationsQuery, notificationView } from '../../contracts/notifications';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const exceptionsRoutes = {
  listExceptions: {
    ...routeAccess.listExceptions,
    summary: 'The Exceptions tab: open or resolved exceptions, newest first, by type and/or vendor',
    query: exceptionsQuery, response: listResponse(exceptionView),
  },
  listFailedNotifications: {
    ...routeAccess.listFailedNotifications,
    summary: 'Customer emails and SMS that could not be sent after retries (status FAILED, the default), or whose sender stopped before recording how it ended (status UNCERTAIN: claimed over 15 minutes ago, never sent again, at most once), newest first; each is also on its order',
    query: notificationsQuery, response: listResponse(notificationView),
  },
  getException: {
    ...routeAccess.getException,
    summary: 'One exception', params: z.object({ exceptionId: lookupId }), response: exceptionView,
  },
  resolveException: {
    ...routeAccess.resolveException,
    summary: 'Resolve with a note, optionally acting: RETRY_TRANSMISSION, CANCEL_PO, EXTEND_DUE_DATE (extendHours)',
    params: z.object({ exceptionId: lookupId }), body: resolveExceptionInput, response: exceptionView,
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'exceptions' }>;
