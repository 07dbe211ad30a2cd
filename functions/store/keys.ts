/**
 * Key builders, one per entity: the only place a key string is spelled. Each comment names
 * the access pattern of ../../../shared/ARCHITECTURE.md (numbered there) that the key serves.
 */
import type { ExceptionRecord, ExceptionType } from '../domain/exceptions';
import type { PurchaseOrder } from '../domain/orders';
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
  /** The PO's list entry: a small item in its partition that carries the list index keys. */
  summary: (poNumber: string): ItemKey => ({ PK: `PO#${poNumber}`, SK: 'SUMMARY' }),
  /**
   * On the PO item: the due indexes (keys only), which the checks read. Pattern 7: a PO sits in
   * the SLA index only while a stage is still to fall due, keyed by when (domain/sla-checks says
   * when), so the check reads exactly the POs due now and its cost follows them, not the order count.
   */
  dueKeys: (poNumber: string, due: { slaCheckAt?: string; promiseCheckAt?: string }) => ({
    ...(due.slaCheckAt && { GSI5PK: purchaseOrderKeys.slaPartition, GSI5SK: `${due.slaCheckAt}#${poNumber}` }),
    ...(due.promiseCheckAt && { GSI6PK: purchaseOrderKeys.promisePartition, GSI6SK: `${due.promiseCheckAt}#${poNumber}` }),
  }),
  /** On the summary item: patterns 4 and 5, newest first in each list. */
  listKeys: (po: Pick<PurchaseOrder, 'createdAt' | 'poNumber' | 'status' | 'vendorId'>) => {
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
  slaPartition: 'SLA#DUE',
  promisePartition: 'PROMISE#DUE',
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

/**
 * An item listed by vendor and/or one other attribute (an exception's type, a document's outcome)
 * sits in four list-index partitions, one per combination; `listIndexFor` picks the one to read.
 */
function listIndexKeys(sortKey: string, partitionBy: (by: { vendor: boolean; other: boolean }) => string) {
  return {
    GSI1PK: partitionBy({ vendor: false, other: false }),
    GSI1SK: sortKey,
    GSI2PK: partitionBy({ vendor: false, other: true }),
    GSI2SK: sortKey,
    GSI3PK: partitionBy({ vendor: true, other: false }),
    GSI3SK: sortKey,
    GSI4PK: partitionBy({ vendor: true, other: true }),
    GSI4SK: sortKey,
  };
}

/**
 * Pattern 6: exceptions live beside their PO; the Exceptions tab reads them by status, and by type
 * and/or vendor, newest first (open ones by when they opened, resolved ones by when they closed).
 */
export const exceptionKeys = {
  item: (poNumber: string, type: ExceptionType, openedAt: string): ItemKey => ({ PK: `PO#${poNumber}`, SK: `EXCEPTION#${type}#${openedAt}` }),
  indexKeys: (record: ExceptionRecord) =>
    listIndexKeys(`${record.status === 'OPEN' ? record.openedAt : (record.resolvedAt ?? record.openedAt)}#${record.exceptionId}`, (by) =>
      exceptionKeys.partition({ status: record.status, ...(by.other && { type: record.type }), ...(by.vendor && { vendorId: record.vendorId }) }),
    ),
  partition: (filter: { status: 'OPEN' | 'RESOLVED'; type?: string; vendorId?: string }) =>
    `EXCEPTIONS#${filter.status}${filter.vendorId ? `#VENDOR#${filter.vendorId}` : ''}${filter.type ? `#TYPE#${filter.type}` : ''}`,
};

/** Pattern 8: per-vendor counters, one item per UTC day, and the open-exception counts. */
export const analyticsKeys = {
  day: (vendorId: string, day: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: `STATS#DAY#${day}` }),
  dayPrefix: 'STATS#DAY#',
  openExceptions: (vendorId: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: 'STATS#OPEN' }),
  /** What the vendor's handling really takes (domain/delivery-learning), read with its sources for a promise. */
  learnedHandling: (vendorId: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: 'STATS#LEARN#HANDLING' }),
  /** What transit from the vendor to one destination region really takes. */
  learnedTransit: (vendorId: string, region: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: `STATS#LEARN#TRANSIT#${region}` }),
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

/**
 * The EDI log (ops' `GET /edi/documents`, a vendor's `GET /vendor/edi/inbound`): one summary item
 * per document exchanged, listed newest first in index partitions for all documents, by outcome,
 * by vendor, and by vendor and outcome; its raw X12 and answer sit beside it, read with it in one
 * Query. Pointers from our outbound control numbers find the document a partner's 997 answers.
 */
export const ediLogKeys = {
  summary: (documentId: string): ItemKey => ({ PK: `EDIDOC#${documentId}`, SK: 'EDIDOC' }),
  raw: (documentId: string): ItemKey => ({ PK: `EDIDOC#${documentId}`, SK: 'EDIDOC#RAW' }),
  indexKeys: (entry: { vendorId: string; at: string; documentId: string; accepted: boolean }) =>
    listIndexKeys(`${entry.at}#${entry.documentId}`, (by) => ediLogKeys.partition({ ...(by.other && { accepted: entry.accepted }), ...(by.vendor && { vendorId: entry.vendorId }) })),
  partition: (filter: { vendorId?: string; accepted?: boolean }) =>
    `EDILOG${filter.vendorId ? `#VENDOR#${filter.vendorId}` : ''}${filter.accepted === undefined ? '' : `#ACCEPTED#${filter.accepted}`}`,
  outboundControl: (vendorId: string, controlNumber: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: `EDI#SENT#${Number(controlNumber)}` }),
};

/**
 * Vendor portal sign-in: a one-time token by its SHA-256 (single use: deleted as it is exchanged;
 * DynamoDB's TTL removes the unused), and a vendor's contact email → its id (the sign-in link's lookup).
 */
export const signInKeys = {
  token: (tokenHash: string): ItemKey => ({ PK: `SIGNIN#${tokenHash}`, SK: 'SIGNIN' }),
  vendorByEmail: (email: string): ItemKey => ({ PK: `VENDOREMAIL#${email.trim().toLowerCase()}`, SK: 'VENDOR' }),
};

/** A tracking number → the POs carrying it (a carrier event's lookup: one Query of the partition). */
export const trackingKeys = {
  item: (trackingNumber: string, poNumber: string): ItemKey => ({ PK: trackingKeys.partition(trackingNumber), SK: `PO#${poNumber}` }),
  partition: (trackingNumber: string) => `TRACKING#${trackingNumber}`,
};

/**
 * A vendor-wide exception (EDI_REJECTED): at most one open per vendor and type, kept at a fixed key
 * while open so each refusal updates it; resolving moves it to a key of its own.
 */
export const vendorExceptionKeys = {
  open: (vendorId: string, type: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: `EXCEPTION#${type}#OPEN` }),
  resolved: (vendorId: string, type: string, openedAt: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: `EXCEPTION#${type}#${openedAt}` }),
};

/**
 * Pattern 9: a vendor's stock of one vendor SKU. Every vendor's stock for one SKU is a BatchGet of
 * the keys its product's sources name, so no index is needed.
 */
export const stockKeys = {
  item: (vendorId: string, vendorSku: string): ItemKey => ({ PK: `VENDOR#${vendorId}`, SK: `${stockKeys.prefix}${vendorSku}` }),
  /** A vendor's figures, for its inventory page: the STOCK# items of its partition. */
  prefix: 'STOCK#',
};

/**
 * A customer notification lives beside its order (pattern 1: the order's notifications are one
 * Query of its partition), one item per notice and channel: the item is the at-most-once claim.
 * A failed one also enters a sparse GSI1 partition, the ops list of failed notifications.
 */
export const notificationKeys = {
  item: (orderId: string, noticeKey: string, channel: string): ItemKey => ({ PK: notificationKeys.orderPartition(orderId), SK: `${notificationKeys.prefix}${noticeKey}#${channel}` }),
  orderPartition: (orderId: string) => orderKeys.item(orderId).PK,
  prefix: 'NOTIFY#',
  failed: (record: { orderId: string; noticeKey: string; channel: string }, failedAt: string) => ({
    GSI1PK: notificationKeys.failedPartition,
    GSI1SK: `${failedAt}#${record.orderId}#${record.noticeKey}#${record.channel}`,
  }),
  failedPartition: 'NOTIFICATIONS#FAILED',
  /**
   * A claim's lease while SENDING: in the keys-only due index (GSI5) under its lease's end, removed
   * when the outcome is recorded. What is still there past its end was claimed by a sender that never
   * said how it ended: the SLA check lists it as UNCERTAIN (its cost follows those, not all notifications).
   */
  lease: (record: { orderId: string; noticeKey: string; channel: string }, leaseEndsAt: string) => ({
    GSI5PK: notificationKeys.leasePartition,
    GSI5SK: `${leaseEndsAt}#${record.orderId}#${record.noticeKey}#${record.channel}`,
  }),
  leasePartition: 'NOTIFY#LEASE',
  /** The ops list of uncertain claims (GSI1), newest first by when they were found. */
  uncertainSortKey: (at: string, pk: string, sk: string) => `${at}#${pk}#${sk}`,
  uncertainPartition: 'NOTIFICATIONS#UNCERTAIN',
};

/**
 * Pattern 11 (a PO's history), for EDI: every document exchanged about a PO (850/860 out; 855/856
 * in, with the 997 that answered them) is kept in the PO's own partition, so the PO, its
 * exceptions and its documents are one Query.
 */
export const poDocumentKeys = {
  item: (poNumber: string, at: string, documentId: string): ItemKey => ({ PK: purchaseOrderKeys.item(poNumber).PK, SK: `${poDocumentKeys.prefix}${at}#${documentId}` }),
  prefix: 'DOC#',
};

/**
 * A vendor's certification runs, in the vendor's partition, newest last: the latest is one Query
 * (descending, limit 1) and its test POs one BatchGet.
 */
export const certificationKeys = {
  run: (vendorId: string, startedAt: string, runId: string): ItemKey => ({ PK: vendorKeys.item(vendorId).PK, SK: `${certificationKeys.prefix}${startedAt}#${runId}` }),
  prefix: 'CERT#',
};

/** The compliance rules ops set: one item, read whole with each charges report. */
export const complianceKeys = {
  rules: (): ItemKey => ({ PK: 'COMPLIANCE', SK: 'RULES' }),
};

export const routingKeys = {
  rules: (): ItemKey => ({ PK: 'ROUTING', SK: 'RULES' }),
};

/**
 * Pattern 12: EDI connections, and the vendors on each by ISA sender (ISA05/ISA06), in the
 * connection's partition: routing an inbound interchange is one Query of it. Files moved through
 * the connection sit there too, newest last, for its page.
 */
export const connectionKeys = {
  item: (connectionId: string): ItemKey => ({ PK: connectionKeys.partition(connectionId), SK: 'CONNECTION' }),
  partition: (connectionId: string) => `CONNECTION#${connectionId}`,
  /** GET /edi/connections, ordered by id. */
  collection: (connectionId: string) => ({ GSI1PK: 'CONNECTIONS', GSI1SK: connectionId }),
  collectionPartition: 'CONNECTIONS',
  sender: (connectionId: string, qualifier: string, senderId: string): ItemKey => ({ PK: connectionKeys.partition(connectionId), SK: `${connectionKeys.senderPrefix}${qualifier}#${senderId}` }),
  senderPrefix: 'SENDER#',
  file: (connectionId: string, at: string, fileName: string): ItemKey => ({ PK: connectionKeys.partition(connectionId), SK: `${connectionKeys.filePrefix}${at}#${fileName}` }),
  filePrefix: 'FILE#',
  /** An AS2 file we sent, by name: the MDN event that names it finds its document. */
  sentFile: (connectionId: string, fileName: string): ItemKey => ({ PK: connectionKeys.partition(connectionId), SK: `SENT#${fileName}` }),
  /** Our own AS2 identity (id and certificate; the private key never sits in the table). */
  as2Profile: (): ItemKey => ({ PK: 'AS2', SK: 'PROFILE' }),
};

/**
 * Vendor invoices, one item per vendor and invoice number (the current revision; earlier ones kept
 * beside it); the Invoices tab and payables read them by status and/or vendor, newest first.
 */
export const invoiceKeys = {
  item: (vendorId: string, invoiceNumber: string): ItemKey => ({ PK: `INVOICE#${vendorId}#${invoiceNumber}`, SK: 'INVOICE' }),
  revision: (vendorId: string, invoiceNumber: string, revision: number): ItemKey => ({ PK: `INVOICE#${vendorId}#${invoiceNumber}`, SK: `REV#${String(revision).padStart(3, '0')}` }),
  indexKeys: (invoice: { vendorId: string; invoiceNumber: string; status: string; receivedAt: string }) =>
    listIndexKeys(`${invoice.receivedAt}#${invoice.invoiceNumber}`, (by) =>
      invoiceKeys.partition({ ...(by.other && { status: invoice.status }), ...(by.vendor && { vendorId: invoice.vendorId }) }),
    ),
  partition: (filter: { status?: string; vendorId?: string }) => `INVOICES${filter.vendorId ? `#VENDOR#${filter.vendorId}` : ''}${filter.status ? `#STATUS#${filter.status}` : ''}`,
  rules: (): ItemKey => ({ PK: 'INVOICING', SK: 'RULES' }),
};

/** Payments to vendors, by vendor and reference (idempotent by it); a vendor's newest first. */
export const remittanceKeys = {
  item: (vendorId: string, reference: string): ItemKey => ({ PK: `REMITTANCE#${vendorId}#${reference}`, SK: 'REMITTANCE' }),
  indexKeys: (remittance: { vendorId: string; reference: string; paymentDate: string }) =>
    listIndexKeys(`${remittance.paymentDate}#${remittance.reference}`, (by) => remittanceKeys.partition(by.vendor ? remittance.vendorId : undefined)),
  partition: (vendorId?: string) => `REMITTANCES${vendorId ? `#VENDOR#${vendorId}` : ''}`,
};

/** Customer returns, one item per RMA; the Returns view by status and/or vendor, newest first; a storefront's request by its idempotency key. */
export const returnKeys = {
  item: (rmaId: string): ItemKey => ({ PK: `RETURN#${rmaId}`, SK: 'RETURN' }),
  indexKeys: (record: { vendorId: string; status: string; requestedAt: string; rmaId: string }) =>
    listIndexKeys(`${record.requestedAt}#${record.rmaId}`, (by) =>
      returnKeys.partition({ ...(by.other && { status: record.status }), ...(by.vendor && { vendorId: record.vendorId }) }),
    ),
  partition: (filter: { status?: string; vendorId?: string }) => `RETURNS${filter.vendorId ? `#VENDOR#${filter.vendorId}` : ''}${filter.status ? `#STATUS#${filter.status}` : ''}`,
  request: (storefrontId: string, idempotencyKey: string): ItemKey => ({ PK: `RETURNREQUEST#${storefrontId}#${idempotencyKey}`, SK: 'RETURNREQUEST' }),
  /** A message about a return sent once (the storefront's webhook per event, the portal vendor's email): the marker claimed before the send. */
  told: (rmaId: string, what: string): ItemKey => ({ PK: `RETURN#${rmaId}`, SK: `TOLD#${what}` }),
};

/** A storefront's own settings: where it hears of its customers' returns. */
export const storefrontKeys = {
  webhook: (storefrontId: string): ItemKey => ({ PK: `STOREFRONT#${storefrontId}`, SK: 'WEBHOOK' }),
};
