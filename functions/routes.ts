/**
 * The one route table. The CDK stack makes an API Gateway method and a Lambda per group from it;
 * the local server serves the same routes with the same handlers; the OpenAPI document and the
 * authorizer's policies are generated from it.
 */
import { z } from 'zod';
import { apiKeyView, createApiKeyInput, type Role } from './contracts/api-keys';
import { productInput, productView, vendorInput, vendorView } from './contracts/catalog';
import { listQuery, listResponse, lookupId, sku, vendorId } from './contracts/common';
import { dropshipQuery, dropshipRow, orderView, placeOrderInput, purchaseOrderView } from './contracts/orders';
import { purchaseOrderStatuses } from './domain/purchase-order-status';

/** DynamoDB actions a function may be granted; each group names only those it uses. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:ConditionCheckItem';

export interface FunctionGroup {
  /** Source file, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly tableActions: readonly TableAction[];
  /** Whether the function reads the table's indexes (grants `<table>/index/*`). */
  readonly readsIndexes: boolean;
}

export const functionGroups = {
  catalog: {
    entry: 'functions/api/catalog.ts',
    description: 'Vendors and products (ops)',
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
    readsIndexes: true,
  },
  orders: {
    entry: 'functions/api/orders.ts',
    description: 'Order placement and order status (storefront)',
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'],
    readsIndexes: false,
  },
  dropship: {
    entry: 'functions/api/dropship.ts',
    description: 'The Dropship tab (ops)',
    tableActions: ['dynamodb:Query'],
    readsIndexes: true,
  },
  vendorPortal: {
    entry: 'functions/api/vendor-portal.ts',
    description: "A vendor's own purchase orders (vendor)",
    tableActions: ['dynamodb:GetItem', 'dynamodb:Query'],
    readsIndexes: true,
  },
  apiKeys: {
    entry: 'functions/api/api-keys.ts',
    description: 'API key administration (ops)',
    tableActions: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    readsIndexes: true,
  },
  authorizer: {
    entry: 'functions/api/authorizer.ts',
    description: 'API key authorizer',
    tableActions: ['dynamodb:GetItem'],
    readsIndexes: false,
  },
} as const satisfies Record<string, FunctionGroup>;

export type GroupName = Exclude<keyof typeof functionGroups, 'authorizer'>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway resource path; `{name}` is a path parameter. */
  readonly path: string;
  readonly group: GroupName;
  readonly roles: readonly Role[];
  readonly summary: string;
  readonly params?: z.ZodType;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly headers?: Readonly<Record<string, string>>;
  readonly response: z.ZodType;
  readonly successStatus?: number;
}

const poStatusFilter = z.object({ status: z.enum(purchaseOrderStatuses).optional() }).extend(listQuery.shape);

export const routes = {
  putVendor: {
    method: 'PUT', path: '/vendors/{vendorId}', group: 'catalog', roles: ['ops'],
    summary: 'Create or replace a vendor (201 created, 200 replaced)', params: z.object({ vendorId }), body: vendorInput, response: vendorView,
  },
  getVendor: {
    method: 'GET', path: '/vendors/{vendorId}', group: 'catalog', roles: ['ops'],
    summary: 'Read a vendor (secrets are never returned)', params: z.object({ vendorId: lookupId }), response: vendorView,
  },
  listVendors: {
    method: 'GET', path: '/vendors', group: 'catalog', roles: ['ops'],
    summary: 'List vendors by id', query: listQuery, response: listResponse(vendorView),
  },
  putProduct: {
    method: 'PUT', path: '/products/{sku}', group: 'catalog', roles: ['ops'],
    summary: 'Create or replace a product and its dropship sources (201 created, 200 replaced)',
    params: z.object({ sku }), body: productInput, response: productView,
  },
  getProduct: {
    method: 'GET', path: '/products/{sku}', group: 'catalog', roles: ['ops'],
    summary: 'Read a product', params: z.object({ sku: lookupId }), response: productView,
  },
  listProducts: {
    method: 'GET', path: '/products', group: 'catalog', roles: ['ops'],
    summary: 'List products by SKU', query: listQuery, response: listResponse(productView),
  },
  placeOrder: {
    method: 'POST', path: '/orders', group: 'orders', roles: ['storefront'],
    summary: 'Place an order (idempotent on the Idempotency-Key header: 201 created, 200 replayed)',
    headers: { 'Idempotency-Key': 'Required. 1-255 characters; the same key and body return the same order.' },
    body: placeOrderInput, response: orderView, successStatus: 201,
  },
  getOrder: {
    method: 'GET', path: '/orders/{orderId}', group: 'orders', roles: ['storefront', 'ops'],
    summary: 'Read an order with its lines, purchase orders and their status history',
    params: z.object({ orderId: lookupId }), response: orderView,
  },
  listDropshipOrders: {
    method: 'GET', path: '/dropship/orders', group: 'dropship', roles: ['ops'],
    summary: 'The Dropship tab: purchase orders newest first, by status and/or vendor',
    query: dropshipQuery, response: listResponse(dropshipRow),
  },
  listVendorPurchaseOrders: {
    method: 'GET', path: '/vendor/purchase-orders', group: 'vendorPortal', roles: ['vendor'],
    summary: "The calling vendor's purchase orders, newest first, optionally by status",
    query: poStatusFilter, response: listResponse(purchaseOrderView),
  },
  getVendorPurchaseOrder: {
    method: 'GET', path: '/vendor/purchase-orders/{poNumber}', group: 'vendorPortal', roles: ['vendor'],
    summary: 'One of the calling vendor\'s purchase orders (404 for any other vendor\'s)',
    params: z.object({ poNumber: lookupId }), response: purchaseOrderView,
  },
  createApiKey: {
    method: 'POST', path: '/api-keys', group: 'apiKeys', roles: ['ops'],
    summary: 'Create an API key; its secret is in this answer only', body: createApiKeyInput,
    response: apiKeyView.extend({ secret: z.string() }), successStatus: 201,
  },
  listApiKeys: {
    method: 'GET', path: '/api-keys', group: 'apiKeys', roles: ['ops'],
    summary: 'List API keys (never their secrets)', query: listQuery, response: listResponse(apiKeyView),
  },
  revokeApiKey: {
    method: 'DELETE', path: '/api-keys/{keyId}', group: 'apiKeys', roles: ['ops'],
    summary: 'Revoke an API key (takes effect within the authorizer cache time)', params: z.object({ keyId: lookupId }), response: apiKeyView,
  },
} as const satisfies Record<string, RouteDefinition>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;

export const routeList = (): [OperationId, RouteDefinition][] =>
  Object.entries(routes) as [OperationId, RouteDefinition][];

/** The route serving a method and API Gateway resource path, if any. */
export const findRoute = (method: string, resource: string): [OperationId, RouteDefinition] | undefined =>
  routeList().find(([, route]) => route.method === method && route.path === resource);
