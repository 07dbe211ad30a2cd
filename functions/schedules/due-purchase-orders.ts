import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PurchaseOrder } from '../domain/orders';
import type { IndexDefinition } from '../store/table-definition';
import { batchGetFound } from '../store/batch-get';
import type { Table } from '../store/table';

export interface DueReadStats {
  pages: number;
  itemsRead: number;
}

/**
 * Every PO whose entry in a sparse due-time index is at or before `now`, page by page. The key
 * condition stops at `now`, so only due POs are read: the cost follows the number due, never the
 * number of orders. The index holds keys only; each page's POs are fetched in one BatchGet.
 */
export async function* duePurchaseOrders(table: Table, index: IndexDefinition, partition: string, now: Date, stats: DueReadStats): AsyncGenerator<PurchaseOrder> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk <= :now',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        // '~' sorts after every PO number character, so POs due exactly now are included.
        ExpressionAttributeValues: { ':pk': partition, ':now': `${now.toISOString()}#~` },
        ExclusiveStartKey,
      }),
    );
    stats.pages++;
    stats.itemsRead += page.Count ?? 0;
    const keys = (page.Items ?? []).map((item) => ({ PK: String(item.PK), SK: String(item.SK) }));
    yield* await batchGetFound<PurchaseOrder>(table, keys);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}
