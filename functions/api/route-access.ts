/**
 * Who may call what: each operation's method, API Gateway path, function group and roles. The
 * route table (route-table.ts) adds the schemas; this part stays free of them so the authorizer, which
 * needs only this, loads without zod and every request contract (≈50 ms less of its cold start).
 */
import type { Role } from '../contracts/api-keys';
import type { GroupName } from '../function-groups';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteAccess {
  readonly method: HttpMethod;
  /** API Gateway resource path; `{name}` is a path parameter. */
  readonly path: string;
  readonly group: GroupName;
  readonly roles: readonly Role[];
  /**
   * Public at the gateway: the caller proves itself another way than our key (a tracking
   * aggregator's signature, a vendor's emailed sign-in token), which the operation checks before
   * anything else; once it has, the caller acts as this role.
   */
  readonly keyless?: Role;
}

export const routeAccess = {
  putVendor: { method: 'PUT', path: '/vendors/{vendorId}', group: 'catalog', roles: ['ops'] },
  getVendor: { method: 'GET', path: '/vendors/{vendorId}', group: 'catalog', roles: ['ops'] },
  listVendors: { method: 'GET', path: '/vendors', group: 'catalog', roles: ['ops'] },
  listVendorInventory: { method: 'GET', path: '/vendors/{vendorId}/inventory', group: 'catalog', roles: ['ops'] },
  startCertification: { method: 'POST', path: '/vendors/{vendorId}/certification', group: 'catalog', roles: ['ops'] },
  getCertification: { method: 'GET', path: '/vendors/{vendorId}/certification', group: 'catalog', roles: ['ops'] },
  putProduct: { method: 'PUT', path: '/products/{sku}', group: 'catalog', roles: ['ops'] },
  getProduct: { method: 'GET', path: '/products/{sku}', group: 'catalog', roles: ['ops'] },
  listProducts: { method: 'GET', path: '/products', group: 'catalog', roles: ['ops'] },
  estimateDelivery: { method: 'POST', path: '/delivery-estimates', group: 'orders', roles: ['storefront', 'ops'] },
  placeOrder: { method: 'POST', path: '/orders', group: 'orders', roles: ['storefront'] },
  getOrder: { method: 'GET', path: '/orders/{orderId}', group: 'orders', roles: ['storefront', 'ops'] },
  listDropshipOrders: { method: 'GET', path: '/dropship/orders', group: 'dropship', roles: ['ops'] },
  getDropshipSummary: { method: 'GET', path: '/dropship/summary', group: 'dropship', roles: ['ops'] },
  getDropshipOrder: { method: 'GET', path: '/dropship/orders/{poNumber}', group: 'dropship', roles: ['ops'] },
  listVendorPurchaseOrders: { method: 'GET', path: '/vendor/purchase-orders', group: 'vendorPortal', roles: ['vendor'] },
  getVendorPurchaseOrder: { method: 'GET', path: '/vendor/purchase-orders/{poNumber}', group: 'vendorPortal', roles: ['vendor'] },
  cancelOrder: { method: 'POST', path: '/orders/{orderId}/cancel', group: 'orders', roles: ['storefront'] },
  retryTransmission: { method: 'POST', path: '/dropship/orders/{poNumber}/retry-transmission', group: 'dropship', roles: ['ops'] },
  answerRerouteApproval: { method: 'POST', path: '/dropship/orders/{poNumber}/reroute-approval', group: 'dropship', roles: ['ops'] },
  getOwnScorecard: { method: 'GET', path: '/vendor/scorecard', group: 'vendorPortal', roles: ['vendor'] },
  listOwnExceptions: { method: 'GET', path: '/vendor/exceptions', group: 'vendorPortal', roles: ['vendor'] },
  getOwnCertification: { method: 'GET', path: '/vendor/certification', group: 'vendorPortal', roles: ['vendor'] },
  getOwnComplianceCharges: { method: 'GET', path: '/vendor/compliance/charges', group: 'vendorPortal', roles: ['vendor'] },
  acknowledgePurchaseOrder: { method: 'POST', path: '/vendor/purchase-orders/{poNumber}/acknowledgment', group: 'vendorPortal', roles: ['vendor'] },
  shipPurchaseOrder: { method: 'POST', path: '/vendor/purchase-orders/{poNumber}/shipments', group: 'vendorPortal', roles: ['vendor'] },
  confirmCancellation: { method: 'POST', path: '/vendor/purchase-orders/{poNumber}/cancellation-confirmation', group: 'vendorPortal', roles: ['vendor'] },
  listOutboundDocuments: { method: 'GET', path: '/vendor/edi/outbound', group: 'vendorEdi', roles: ['vendor'] },
  markDocumentReceived: { method: 'POST', path: '/vendor/edi/outbound/{documentId}/received', group: 'vendorEdi', roles: ['vendor'] },
  receiveX12: { method: 'POST', path: '/vendor/edi', group: 'vendorEdi', roles: ['vendor'] },
  listInboundDocuments: { method: 'GET', path: '/vendor/edi/inbound', group: 'vendorEdi', roles: ['vendor'] },
  listEdiDocuments: { method: 'GET', path: '/edi/documents', group: 'dropship', roles: ['ops'] },
  getEdiDocument: { method: 'GET', path: '/edi/documents/{documentId}', group: 'dropship', roles: ['ops'] },
  requestSignInLink: { method: 'POST', path: '/vendor/sign-in-links', group: 'vendorSignIn', roles: [], keyless: 'vendor' },
  startVendorSession: { method: 'POST', path: '/vendor/sessions', group: 'vendorSignIn', roles: [], keyless: 'vendor' },
  putInventory: { method: 'PUT', path: '/vendor/inventory', group: 'inventory', roles: ['vendor'] },
  getInventory: { method: 'GET', path: '/inventory/{sku}', group: 'inventory', roles: ['ops', 'storefront'] },
  postTrackingEvents: { method: 'POST', path: '/tracking/events', group: 'tracking', roles: ['carrier'] },
  receiveTrackingWebhook: { method: 'POST', path: '/tracking/webhooks/{provider}', group: 'tracking', roles: [], keyless: 'carrier' },
  listExceptions: { method: 'GET', path: '/exceptions', group: 'exceptions', roles: ['ops'] },
  listFailedNotifications: { method: 'GET', path: '/notifications', group: 'exceptions', roles: ['ops'] },
  getException: { method: 'GET', path: '/exceptions/{exceptionId}', group: 'exceptions', roles: ['ops'] },
  resolveException: { method: 'POST', path: '/exceptions/{exceptionId}/resolve', group: 'exceptions', roles: ['ops'] },
  vendorAnalytics: { method: 'GET', path: '/analytics/vendors', group: 'analytics', roles: ['ops'] },
  vendorAnalyticsOne: { method: 'GET', path: '/analytics/vendors/{vendorId}', group: 'analytics', roles: ['ops'] },
  getComplianceRules: { method: 'GET', path: '/compliance/rules', group: 'analytics', roles: ['ops'] },
  putComplianceRules: { method: 'PUT', path: '/compliance/rules', group: 'analytics', roles: ['ops'] },
  getRoutingRules: { method: 'GET', path: '/routing/rules', group: 'analytics', roles: ['ops'] },
  putRoutingRules: { method: 'PUT', path: '/routing/rules', group: 'analytics', roles: ['ops'] },
  submitInvoice: { method: 'POST', path: '/vendor/invoices', group: 'invoicing', roles: ['vendor'] },
  listOwnInvoices: { method: 'GET', path: '/vendor/invoices', group: 'invoicing', roles: ['vendor'] },
  getOwnInvoice: { method: 'GET', path: '/vendor/invoices/{invoiceNumber}', group: 'invoicing', roles: ['vendor'] },
  listOwnRemittances: { method: 'GET', path: '/vendor/remittances', group: 'invoicing', roles: ['vendor'] },
  listInvoices: { method: 'GET', path: '/invoices', group: 'invoicing', roles: ['ops'] },
  getInvoice: { method: 'GET', path: '/invoices/{vendorId}/{invoiceNumber}', group: 'invoicing', roles: ['ops'] },
  decideInvoice: { method: 'POST', path: '/invoices/{vendorId}/{invoiceNumber}/decision', group: 'invoicing', roles: ['ops'] },
  getInvoicingRules: { method: 'GET', path: '/invoicing/rules', group: 'invoicing', roles: ['ops'] },
  putInvoicingRules: { method: 'PUT', path: '/invoicing/rules', group: 'invoicing', roles: ['ops'] },
  getPayables: { method: 'GET', path: '/payables', group: 'invoicing', roles: ['ops'] },
  createRemittance: { method: 'POST', path: '/remittances', group: 'invoicing', roles: ['ops'] },
  listRemittances: { method: 'GET', path: '/remittances', group: 'invoicing', roles: ['ops'] },
  requestReturn: { method: 'POST', path: '/orders/{orderId}/returns', group: 'returns', roles: ['storefront', 'ops'] },
  listReturns: { method: 'GET', path: '/returns', group: 'returns', roles: ['ops'] },
  getReturn: { method: 'GET', path: '/returns/{rmaId}', group: 'returns', roles: ['ops'] },
  receiveReturnAtRetailer: { method: 'POST', path: '/returns/{rmaId}/receipt', group: 'returns', roles: ['ops'] },
  listOwnReturns: { method: 'GET', path: '/vendor/returns', group: 'returns', roles: ['vendor'] },
  answerReturn: { method: 'POST', path: '/vendor/returns/{rmaId}/answer', group: 'returns', roles: ['vendor'] },
  receiveReturn: { method: 'POST', path: '/vendor/returns/{rmaId}/receipt', group: 'returns', roles: ['vendor'] },
  putStorefrontWebhook: { method: 'PUT', path: '/storefront/webhook', group: 'returns', roles: ['storefront'] },
  getStorefrontWebhook: { method: 'GET', path: '/storefront/webhook', group: 'returns', roles: ['storefront'] },
  listComplianceCharges: { method: 'GET', path: '/compliance/charges', group: 'analytics', roles: ['ops'] },
  putConnection: { method: 'PUT', path: '/edi/connections/{connectionId}', group: 'ediConnections', roles: ['ops'] },
  getConnection: { method: 'GET', path: '/edi/connections/{connectionId}', group: 'ediConnections', roles: ['ops'] },
  listConnections: { method: 'GET', path: '/edi/connections', group: 'ediConnections', roles: ['ops'] },
  deleteConnection: { method: 'DELETE', path: '/edi/connections/{connectionId}', group: 'ediConnections', roles: ['ops'] },
  getAs2Profile: { method: 'GET', path: '/edi/as2/profile', group: 'ediConnections', roles: ['ops'] },
  putAs2Profile: { method: 'PUT', path: '/edi/as2/profile', group: 'ediConnections', roles: ['ops'] },
  createApiKey: { method: 'POST', path: '/api-keys', group: 'apiKeys', roles: ['ops'] },
  listApiKeys: { method: 'GET', path: '/api-keys', group: 'apiKeys', roles: ['ops'] },
  revokeApiKey: { method: 'DELETE', path: '/api-keys/{keyId}', group: 'apiKeys', roles: ['ops'] },
} as const satisfies Record<string, RouteAccess>;
