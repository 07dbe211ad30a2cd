/**
 * Key builders, one per entity: the only place a key string is spelled. Each comment names
 * the access pattern of ../../../shared/ARCHITECTURE.md (numbered there) that the key serves.
 */
import type { PurchaseOrderStatus } from '../domain/purchase-order-status';

export interface ItemKey {
  PK: string;
  SK: string;
}

/** Pattern 3 (BatchGet of the vendors an order's products name) and vendor admin. */
export const vendorKeys = {
  item: (vendorId: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: 'VENDOR' }),
  /** GET /vendors, ordered by vendor id. */
  collection: (vendorId: string) => ({ GSI1PK: 'VENDORS', GSI1SK: vendorId }),
  collectionPartition: 'VENDORS',
};

/** Pattern 3: product → dropship sources for every SKU of an order, one BatchGet. */
export const productKeys = {
  item: (sku: string): ItemKey => ({ PK: `PRODUCT#${sku}`, SK: 'PRODUCT' }),
  /** GET /products, ordered by SKU. */
  collection: (sku: string) => ({ GSI1PK: 'PRODUCTS', GSI1SK: sku }),
  collectionPartition: 'PRODUCTS',
};

/** Pattern 1: the order by id; its POs are listed on it and fetched by key. */
export const orderKeys = {
  item: (orderId: string): ItemKey => ({ PK: `ORDER#${orderId}`, SK: 'ORDER' }),
};

/**
 * Pattern 2: an order by the storefront's idempotency key, scoped to the storefront so two
 * storefronts may use the same key.
 */
export const idempotencyKeys = {
  item: (storefrontId: string, key: string): ItemKey => ({
    PK: `IDEMPOTENCY#${storefrontId}#${key}`,
    SK: 'IDEMPOTENCY',
  }),
};

/**
 * Pattern 5 (a PO by PO number) and 11 (its history, kept on the item and appended in the same
 * conditional write as each status change). Patterns 4 and 5 (lists) through the PO indexes;
 * the sort key `createdAt#poNumber` gives newest first with a unique tiebreak.
 */
export const purchaseOrderKeys = {
  item: (poNumber: string): ItemKey => ({ PK: `PO#${poNumber}`, SK: 'PO' }),
  indexKeys: (po: { poNumber: string; vendorId: string; status: PurchaseOrderStatus; createdAt: string }) => {
    const sortKey = `${po.createdAt}#${po.poNumber}`;
    return {
      GSI1PK: purchaseOrderKeys.allPartition,
      GSI1SK: sortKey,
      GSI2PK: purchaseOrderKeys.statusPartition(po.status),
      GSI2SK: sortKey,
      GSI3PK: purchaseOrderKeys.vendorPartition(po.vendorId),
      GSI3SK: sortKey,
      GSI4PK: purchaseOrderKeys.vendorStatusPartition(po.vendorId, po.status),
      GSI4SK: sortKey,
    };
  },
  allPartition: 'POS',
  statusPartition: (status: PurchaseOrderStatus) => `POS#STATUS#${status}`,
  vendorPartition: (vendorId: string) => `POS#VENDOR#${vendorId}`,
  vendorStatusPartition: (vendorId: string, status: PurchaseOrderStatus) =>
    `POS#VENDOR#${vendorId}#STATUS#${status}`,
};

/** The authorizer's lookup: one Get by the SHA-256 of the presented secret. */
export const apiKeyKeys = {
  item: (secretHash: string): ItemKey => ({ PK: `APIKEY#${secretHash}`, SK: 'APIKEY' }),
  /** GET /api-keys and DELETE /api-keys/{id} find a key by its public id. */
  collection: (keyId: string) => ({ GSI1PK: 'APIKEYS', GSI1SK: keyId }),
  collectionPartition: 'APIKEYS',
};

/**
 * Pattern 10: inbound message de-duplication. One item per vendor message (API `messageId` or
 * body fingerprint, X12 interchange control number) holding the answer first given.
 */
export const messageKeys = {
  item: (vendorId: string, messageKey: string): ItemKey => ({ PK: `MESSAGE#${vendorId}#${messageKey}`, SK: 'MESSAGE' }),
};

/** Exceptions live beside their PO (one per PO and type); the Exceptions tab's indexes come later. */
export const exceptionKeys = {
  item: (poNumber: string, type: string): ItemKey => ({ PK: `PO#${poNumber}`, SK: `EXCEPTION#${type}` }),
};

/**
 * EDI per vendor: the control-number counter, and outbound documents. A document waiting for the
 * vendor to collect it carries GSI1 keys (a sparse index entry), removed once it is collected.
 */
export const ediKeys = {
  controlCounter: (vendorId: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: 'EDI#CONTROL' }),
  outbound: (vendorId: string, documentId: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: `EDI#OUTBOUND#${documentId}` }),
  pending: (vendorId: string, createdAt: string, documentId: string) => ({
    GSI1PK: ediKeys.pendingPartition(vendorId),
    GSI1SK: `${createdAt}#${documentId}`,
  }),
  pendingPartition: (vendorId: string) => `EDI#PENDING#${vendorId}`,
};
