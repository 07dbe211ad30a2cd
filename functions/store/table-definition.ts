/**
 * The one table's shape, read by the CDK stack (lib/dropship-table.ts) and by DynamoDB Local
 * (local/dynamodb-local.ts), so the two cannot drift.
 *
 * Generic index attribute names (GSI1PK…) let several entities share an index; which access
 * pattern each index serves is written beside the key builders in ./keys/.
 */
export const tableKeys = { partitionKey: 'PK', sortKey: 'SK' } as const;

/** Items with this attribute (epoch seconds) are deleted by DynamoDB once it has passed: sign-in tokens, portal sessions. */
export const timeToLiveAttribute = 'expiresAtEpoch';

/** The stream feeds the notifier: it needs each change's old and new image to see which milestone passed. */
export const tableStream = 'NEW_AND_OLD_IMAGES' as const;

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /**
   * ALL copies every attribute into the index (lists read whole items from it); KEYS_ONLY copies
   * only the keys, for indexes whose readers fetch the few items they need by key. Every PO write
   * is also written to each index that holds it, in proportion to what is projected.
   */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export const indexes = {
  /** Lists: vendors, products, API keys, every PO newest first, exceptions by status. */
  byCollection: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'ALL' },
  /** POs by status, newest first (Dropship tab filtered by status); exceptions by status and type. */
  poByStatus: { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK', projection: 'ALL' },
  /** POs by vendor, newest first (Dropship tab filtered by vendor); exceptions by status and vendor. */
  poByVendor: { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK', projection: 'ALL' },
  /** POs by vendor and status (filtered by both; a vendor's open POs); exceptions by status, vendor and type. */
  poByVendorStatus: { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK', projection: 'ALL' },
  /**
   * Sparse: POs with an SLA stage still to come, by when it falls due (the SLA check). Nearly every
   * open PO is in it but the check reads only the few due, so keys only: the check fetches those
   * by key, and PO writes do not pay for a second full copy.
   */
  slaDue: { indexName: 'GSI5', partitionKey: 'GSI5PK', sortKey: 'GSI5SK', projection: 'KEYS_ONLY' },
  /** Sparse: acknowledged POs with a promised date still to pass (the delay check). Keys only, as GSI5. */
  promiseDue: { indexName: 'GSI6', partitionKey: 'GSI6PK', sortKey: 'GSI6SK', projection: 'KEYS_ONLY' },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof indexes;

export const allIndexes: readonly IndexDefinition[] = Object.values(indexes);

/** The list index holding the partition for a filter by vendor and/or one other attribute (see keys.ts). */
export const listIndexFor = (by: { vendor: boolean; other: boolean }): IndexDefinition =>
  by.vendor && by.other ? indexes.poByVendorStatus : by.vendor ? indexes.poByVendor : by.other ? indexes.poByStatus : indexes.byCollection;
