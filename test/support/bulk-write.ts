import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../functions/store/table';

/** Writes many items fast (25 per BatchWrite, 16 batches at a time), retrying unprocessed ones: for fixtures and benchmarks. */
export async function writeItems(table: Table, items: readonly Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 16) {
    await Promise.all(
      batches.slice(i, i + 16).map(async (batch) => {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const result = await table.db.send(new BatchWriteCommand({ RequestItems: { [table.name]: pending } }));
          pending = (result.UnprocessedItems?.[table.name] ?? []) as typeof pending;
        }
      }),
    );
  }
}
