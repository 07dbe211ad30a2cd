import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './table';

/**
 * Puts many items: 25 per BatchWriteItem (DynamoDB's limit), up to 16 requests at a time,
 * retrying unprocessed items with backoff. For inventory feeds (up to 5,000 rows) and fixtures.
 */
export async function writeAll(table: Table, items: readonly Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 16) {
    await Promise.all(
      batches.slice(i, i + 16).map(async (batch) => {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** Math.min(attempt, 6)));
          const result = await table.db.send(new BatchWriteCommand({ RequestItems: { [table.name]: pending } }));
          pending = (result.UnprocessedItems?.[table.name] ?? []) as typeof pending;
        }
      }),
    );
  }
}
