import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys';
import { withoutKeys, type Table } from './table';

/** BatchGetItem takes at most 100 keys per request. */
const maxKeysPerRequest = 100;
const maxAttempts = 6;

/**
 * Reads many items by key with strongly consistent reads, in as few requests as DynamoDB allows,
 * retrying unprocessed keys with exponential backoff. Returns the found items keyed by `PK|SK`.
 */
export async function batchGet(table: Table, keys: readonly ItemKey[]): Promise<Map<string, Record<string, unknown>>> {
  const unique = [...new Map(keys.map((key) => [keyId(key), key])).values()];
  const found = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < unique.length; start += maxKeysPerRequest) {
    let pending: Record<string, unknown>[] = unique.slice(start, start + maxKeysPerRequest).map((k) => ({ ...k }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= maxAttempts) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${maxAttempts} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const result = await table.db.send(
        new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[table.name] ?? []) found.set(keyId(item as ItemKey), item);
      pending = result.UnprocessedKeys?.[table.name]?.Keys ?? [];
    }
  }
  return found;
}

export const keyId = (key: ItemKey): string => `${key.PK}|${key.SK}`;

/** The items found for `keys`, in the keys' order, without their keys; keys with no item are left out. */
export async function batchGetFound<T>(table: Table, keys: readonly ItemKey[]): Promise<T[]> {
  const items = await batchGet(table, keys);
  return keys.flatMap((key) => {
    const item = items.get(keyId(key));
    return item ? [withoutKeys<T>(item)] : [];
  });
}
