/**
 * The one route table. The CDK stack makes an API Gateway method and a Lambda per group from it;
 * the local server serves the same routes with the same handlers; the OpenAPI document is generated
 * from it. Each route's method, path, group and roles live in route-access.ts, which the authorizer
 * reads for its policies; this table adds the schemas and must cover every operation there.
 */
import * as z from 'zod';
import { apiKeyView, createApiKeyInput } from './contracts/api-keys';
import { certificationInput, certificationReportView, productInput, productView, vendorInput, vendorView } from './contracts/catalog';
import { listQuery, listResponse, lookupId, sku, vendorId } from './contracts/common';
import { dropshipQuery, dropshipRow, dropshipSummary, orderView, placeOrderInput, purchaseOrderDetail, purchaseOrderView } from './contracts/orders';
import { acknowledgmentInput, cancelOrderInput, ediDocumentView, ediLogEntry, ediLogQuery, outboundDocumentsView, shipmentInput, x12Body } from './contracts/vendor-events';
import { inventoryFeedInput, inventoryFeedResult, skuInventoryView, vendorStockView } from './contracts/inventory';
import { analyticsQuery, complianceQuery, complianceRulesInput, complianceRulesView, exceptionsQuery, exceptionView, resolveExceptionInput, vendorChargesView, vendorScorecard } from './contracts/exceptions';
import { notificationsQuery, notificationView } from './contracts/notifications';
import { carrierEventsInput, carrierEventsResult, webhookBody } from './contracts/tracking';
import { signInLinkInput, signInLinkResult, vendorSessionInput, vendorSessionView } from './contracts/vendor-sign-in';
import { purchaseOrderStatuses } from './domain/purchase-order-status';
import { routeAccess, type RouteAccess } from './route-access';

/** DynamoDB actions a function may be granted; each group names only those it uses. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:BatchWriteItem';

export type WorkflowAction = 'states:StartExecution' | 'states:SendTaskSuccess';

export interface FunctionGroup {
  /** Source file, relative to the repository root, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly tableActions: readonly TableAction[];
  /** Whether the function reads the table's indexes (grants `<table>/index/*`). */
  readonly readsIndexes: boolean;
  /** What the function may do to the purchase-order state machine. */
  readonly workflowActions?: readonly WorkflowAction[];
  /** Whether it opens exceptions, and so publishes to the alerts topic. */
  readonly publishesAlerts?: boolean;
  /** Whether it emails (SES) and texts (SNS SMS) customers: only the notifier does. */
  readonly sendsCustomerMessages?: boolean;
  /** Whether it emails vendors directly (sign-in links, which must not sit in the table for the notifier). */
  readonly sendsVendorMail?: boolean;
}

const poWrites = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const satisfies readonly TableAction[];

export const functionGroups = {
  catalog: {
    entry: 'functions/api/catalog.ts',
    description: 'Vendors, their certification runs and products (ops)',
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
    readsIndexes: true,
    workflowActions: ['states:StartExecution'],
  },
  orders: {
    entry: 'functions/api/orders.ts',
    description: 'Order placement, status and cancellation (storefront)',
    tableActions: ['dynamodb:BatchGetItem', 'dynamodb:Query', ...poWrites],
    readsIndexes: false,
    workflowActions: ['states:StartExecution', 'states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  dropship: {
    entry: 'functions/api/dropship.ts',
    description: 'The Dropship tab, PO actions and the EDI log (ops)',
    tableActions: ['dynamodb:Query', ...poWrites],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  vendorPortal: {
    entry: 'functions/api/vendor-portal.ts',
    description: "A vendor's purchase orders, acknowledgments, shipments and certification report (vendor, JSON)",
    tableActions: ['dynamodb:Query', 'dynamodb:BatchGetItem', ...poWrites],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  vendorEdi: {
    entry: 'functions/api/vendor-edi.ts',
    description: "A vendor's X12: outbound documents, inbound 855/856/846/997 answered with 997/999/TA1, its EDI log (vendor)",
    tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem'],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  apiKeys: {
    entry: 'functions/api/api-keys.ts',
    description: 'API key administration (ops)',
    tableActions: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    readsIndexes: true,
  },
  inventory: {
    entry: 'functions/api/inventory.ts',
    description: 'Vendor inventory feeds and stock by SKU',
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem'],
    readsIndexes: false,
  },
  exceptions: {
    entry: 'functions/api/exceptions.ts',
    description: 'The Exceptions tab and its actions (ops)',
    tableActions: ['dynamodb:Query', 'dynamodb:DeleteItem', ...poWrites],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  vendorSignIn: {
    entry: 'functions/api/vendor-sign-in.ts',
    description: 'Vendor portal sign-in: one-time links by email, exchanged for session keys (keyless)',
    tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    readsIndexes: false,
    sendsVendorMail: true,
  },
  tracking: {
    entry: 'functions/api/tracking.ts',
    description: 'Carrier events (carrier key) and the tracking aggregator webhook (signed): the parcel after dispatch',
    tableActions: ['dynamodb:Query', ...poWrites],
    readsIndexes: false,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  analytics: {
    entry: 'functions/api/analytics.ts',
    description: 'Vendor scorecards and compliance charges (ops)',
    tableActions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
    readsIndexes: true,
  },
  slaCheck: {
    entry: 'functions/schedules/sla-check.ts',
    description: 'Schedule: SLA check (reminders, ACK_OVERDUE, SHIP_OVERDUE, auto-cancel)',
    tableActions: ['dynamodb:Query', ...poWrites],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  delayCheck: {
    entry: 'functions/schedules/delay-check.ts',
    description: 'Schedule: delay check (DELAYED, BACKORDER_OVERDUE)',
    tableActions: ['dynamodb:Query', ...poWrites],
    readsIndexes: true,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  notifier: {
    entry: 'functions/notifications/notifier.ts',
    description: 'Table stream consumer: customer emails (SES) and SMS (SNS) at each milestone, at most once',
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    readsIndexes: false,
    publishesAlerts: true,
    sendsCustomerMessages: true,
  },
  authorizer: {
    entry: 'functions/api/authorizer.ts',
    description: 'API key authorizer',
    tableActions: ['dynamodb:GetItem'],
    readsIndexes: false,
  },
  transmit: {
    entry: 'functions/workflow/transmit.ts',
    description: 'Workflow task: send a PO to its vendor (X12 850 or webhook)',
    tableActions: [...poWrites, 'dynamodb:BatchWriteItem'],
    readsIndexes: false,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  park: {
    entry: 'functions/workflow/park.ts',
    description: "Workflow task: keep the execution's task token on the PO while it waits",
    tableActions: poWrites,
    readsIndexes: false,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
  notifyVendor: {
    entry: 'functions/workflow/notify-vendor.ts',
    description: 'Workflow task: tell the vendor about cancelled lines (X12 860 or webhook)',
    tableActions: [...poWrites, 'dynamodb:BatchWriteItem'],
    readsIndexes: false,
    workflowActions: ['states:SendTaskSuccess'],
    publishesAlerts: true,
  },
} as const satisfies Record<string, FunctionGroup>;

export type FunctionName = keyof typeof functionGroups;
export const workflowTaskNames = ['transmit', 'park', 'notifyVendor'] as const satisfies readonly FunctionName[];
export type WorkflowTaskName = (typeof workflowTaskNames)[number];
export const scheduleNames = ['slaCheck', 'delayCheck'] as const satisfies readonly FunctionName[];
export type ScheduleName = (typeof scheduleNames)[number];
export type GroupName = Exclude<FunctionName, 'authorizer' | 'notifier' | WorkflowTaskName | ScheduleName>;

export interface RouteDefinition extends RouteAccess {
  readonly summary: string;
  readonly params?: z.ZodType;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly headers?: Readonly<Record<string, string>>;
  readonly response: z.ZodType;
  readonly successStatus?: number;
  /** `x12`: raw X12 text (application/edi-x12); `text`: the body as received (a signed webhook): both passed as a string. */
  readonly bodyFormat?: 'json' | 'x12' | 'text';
}

const poStatusFilter = z.object({ status: z.enum(purchaseOrderStatuses).optional() }).extend(listQuery.shape);

export const routes = {
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
  listDropshipOrders: {
    ...routeAccess.listDropshipOrders,
    summary: 'The Dropship tab: purchase orders newest first, by status and/or vendor',
    query: dropshipQuery, response: listResponse(dropshipRow),
  },
  getDropshipSummary: {
    ...routeAccess.getDropshipSummary,
    summary: 'The Dropship tab badges: POs per status (each counted up to 1,000), optionally of one vendor',
    query: z.object({ vendorId: z.string().max(40).optional() }), response: dropshipSummary,
  },
  getDropshipOrder: {
    ...routeAccess.getDropshipOrder,
    summary: 'One PO for ops: lines, ship-to, due times, history, shipments, exceptions, EDI documents exchanged, customer notifications',
    params: z.object({ poNumber: lookupId }), response: purchaseOrderDetail,
  },
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
  cancelOrder: {
    ...routeAccess.cancelOrder,
    summary: 'Cancel the whole order or some lines before dispatch; the vendors are told (409 once dispatched)',
    params: z.object({ orderId: lookupId }), body: cancelOrderInput, response: orderView,
  },
  retryTransmission: {
    ...routeAccess.retryTransmission,
    summary: 'Send a PO whose transmission failed to its vendor again', params: z.object({ poNumber: lookupId }), response: purchaseOrderView,
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
  listOutboundDocuments: {
    ...routeAccess.listOutboundDocuments,
    summary: 'X12 documents (850, 860) waiting for the calling vendor to collect, oldest first',
    query: listQuery, response: outboundDocumentsView,
  },
  markDocumentReceived: {
    ...routeAccess.markDocumentReceived,
    summary: 'Mark an outbound document collected', params: z.object({ documentId: lookupId }),
    response: z.object({ id: z.string(), collectedAt: z.string() }),
  },
  receiveX12: {
    ...routeAccess.receiveX12,
    summary: 'Send X12 (one or more interchanges of 855, 856, 846, 997, 999); the answer is X12: a 997 or 999 per group, a TA1 when asked (ISA14 1) or when the envelope is at fault',
    body: x12Body, bodyFormat: 'x12', response: z.string(),
  },
  listInboundDocuments: {
    ...routeAccess.listInboundDocuments,
    summary: 'The calling vendor\'s own inbound X12, newest first: each set with its outcome and the reasons for any refusal',
    query: ediLogQuery.omit({ vendorId: true, direction: true }), response: listResponse(ediLogEntry),
  },
  listEdiDocuments: {
    ...routeAccess.listEdiDocuments,
    summary: 'The EDI log: every X12 document exchanged, newest first, by vendor, type, direction and whether it was accepted',
    query: ediLogQuery, response: listResponse(ediLogEntry),
  },
  getEdiDocument: {
    ...routeAccess.getEdiDocument,
    summary: 'One EDI document with its raw X12 and the answer we gave (997/999/TA1)', params: z.object({ documentId: lookupId }), response: ediDocumentView,
  },
  requestSignInLink: {
    ...routeAccess.requestSignInLink,
    summary: "Email a one-time sign-in link to a vendor's contact address (always 202: it does not say whether the address is known)",
    body: signInLinkInput, response: signInLinkResult, successStatus: 202,
  },
  startVendorSession: {
    ...routeAccess.startVendorSession,
    summary: "Exchange a sign-in link's token (once, within 15 minutes) for a session key scoped to the vendor, valid 12 hours",
    body: vendorSessionInput, response: vendorSessionView, successStatus: 201,
  },
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
  listExceptions: {
    ...routeAccess.listExceptions,
    summary: 'The Exceptions tab: open or resolved exceptions, newest first, by type and/or vendor',
    query: exceptionsQuery, response: listResponse(exceptionView),
  },
  listFailedNotifications: {
    ...routeAccess.listFailedNotifications,
    summary: 'Customer emails and SMS that could not be sent after retries, newest first (each is also on its order)',
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
  vendorAnalytics: {
    ...routeAccess.vendorAnalytics,
    summary: 'Scorecards of every vendor for a period (default: the last 30 days), best score first',
    query: analyticsQuery, response: z.object({ items: z.array(vendorScorecard) }),
  },
  vendorAnalyticsOne: {
    ...routeAccess.vendorAnalyticsOne,
    summary: "One vendor's scorecard, with its change against the previous period of the same length",
    params: z.object({ vendorId: lookupId }), query: analyticsQuery, response: vendorScorecard,
  },
  getComplianceRules: {
    ...routeAccess.getComplianceRules,
    summary: 'The compliance rules: per late shipment, vendor cancellation (per line), invalid or late ship notice, missed carrier scan: an amount beyond an allowance', response: complianceRulesView,
  },
  putComplianceRules: {
    ...routeAccess.putComplianceRules,
    summary: 'Replace the compliance rules (a rule left out is off)', body: complianceRulesInput, response: complianceRulesView,
  },
  listComplianceCharges: {
    ...routeAccess.listComplianceCharges,
    summary: "Each vendor's compliance charges for a period (default: the last 30 days; days in the vendor's own time zone), each listing the POs behind it; format=csv for the export",
    query: complianceQuery, response: z.object({ items: z.array(vendorChargesView) }),
  },
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
} as const satisfies Record<keyof typeof routeAccess, RouteDefinition>;

export type Routes = typeof routes;
export type OperationId = keyof Routes;

export const routeList = (): [OperationId, RouteDefinition][] =>
  Object.entries(routes) as [OperationId, RouteDefinition][];

/** The route serving a method and API Gateway resource path, if any. */
export const findRoute = (method: string, resource: string): [OperationId, RouteDefinition] | undefined =>
  routeList().find(([, route]) => route.method === method && route.path === resource);
