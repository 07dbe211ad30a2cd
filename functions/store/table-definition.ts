/**
 * The one table's shape, read by the CDK stack (lib/dropship-table.ts) and by DynamoDB Local
 * (local/dynamodb-local.ts), so the two cannot drift.
 *
 * Generic index attribute names (GSI1PK…) let several entities share an index; which access
 * pattern each index serves is written beside the key builders in ./keys/.
 */
export const tableKeys = { partitionKey: 'PK', sortKey: 'SK' } as const;

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const indexes = {
  /** Lists: vendors, products, API keys, and every PO newest first. */
  byCollection: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** POs by status, newest first (Dropship tab filtered by status). */
  poByStatus: { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /** POs by vendor, newest first (Dropship tab filtered by vendor). */
  poByVendor: { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  /** POs by vendor and status, newest first (filtered by both; a vendor's open POs). */
  poByVendorStatus: { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof indexes;

export const allIndexes: readonly IndexDefinition[] = Object.values(indexes);
