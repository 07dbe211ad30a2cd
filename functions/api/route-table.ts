/**
 * The one route table. The CDK stack makes an API Gateway method and a Lambda per group from it;
 * the local server serves the same routes with the same handlers; the OpenAPI document is generated
 * from it. Each route's method, path, group and roles live in route-access.ts, which the authorizer
 * reads for its policies; each group's schemas live in api/routes/<group>.ts, which its Lambda
 * loads alone (a cold start builds only its own group's schemas). This table joins them and must
 * cover every operation in route-access.ts.
 */
import { catalogRoutes } from './routes/catalog';
import { ordersRoutes } from './routes/orders';
import { dropshipRoutes } from './routes/dropship';
import { vendorPortalRoutes } from './routes/vendor-portal';
import { vendorEdiRoutes } from './routes/vendor-edi';
import { apiKeysRoutes } from './routes/api-keys';
import { inventoryRoutes } from './routes/inventory';
import { exceptionsRoutes } from './routes/exceptions';
import { vendorSignInRoutes } from './routes/vendor-sign-in';
import { trackingRoutes } from './routes/tracking';
import { analyticsRoutes } from './routes/analytics';
import { ediConnectionsRoutes } from './routes/edi-connections';
import { invoicingRoutes } from './routes/invoicing';
import { returnsRoutes } from './routes/returns';
import { routeAccess } from './route-access';
import type { RouteDefinition } from './route-definition';

export const routes = {
  ...catalogRoutes,
  ...ordersRoutes,
  ...dropshipRoutes,
  ...vendorPortalRoutes,
  ...vendorEdiRoutes,
  ...apiKeysRoutes,
  ...inventoryRoutes,
  ...exceptionsRoutes,
  ...vendorSignInRoutes,
  ...trackingRoutes,
  ...analyticsRoutes,
  ...ediConnectionsRoutes,
  ...invoicingRoutes,
  ...returnsRoutes,
} as const satisfies Record<keyof typeof routeAccess, RouteDefinition>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;

export const routeList = (): [OperationId, RouteDefinition][] =>
  Object.entries(routes) as [OperationId, RouteDefinition][];

