import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Dependencies } from '../dependencies';
import { sortFeedRows, type RejectedRow } from '../domain/inventory';
import { logger } from '../logger';
import { businessMetrics, count } from '../observability';
import { addToDay } from '../store/analytics-store';
import { applyFeedRows } from '../store/inventory-store';
import { batchGet, keyId } from '../store/batch-get';
import { messageKeys, vendorKeys } from '../store/keys';
import { getItem } from '../store/table';
import type { Vendor } from '../domain/catalog';
import { vendorDay } from '../domain/vendor-day';

export interface FeedResult {
  feedId: string;
  applied: number;
  rejected: RejectedRow[];
  receivedAt: string;
}

/**
 * Applies an inventory feed (JSON or X12 846) once: good rows replace the vendor's figures and
 * restart their freshness clock, bad rows come back by index with the reason, and a feed id seen
 * before gets its first answer without touching stock again.
 */
export async function applyInventoryFeed(dependencies: Pick<Dependencies, 'table' | 'now'>, vendorId: string, feedId: string, rows: readonly unknown[]): Promise<FeedResult> {
  const { table } = dependencies;
  const key = messageKeys.item(vendorId, `FEED#${feedId}`);
  // The feed's message record and the vendor (whose time zone names the feed's day), in one request.
  const found = await batchGet(table, [key, vendorKeys.item(vendorId)]);
  const earlier = found.get(keyId(key)) as { response: FeedResult } | undefined;
  if (earlier) return earlier.response;
  const timeZone = (found.get(keyId(vendorKeys.item(vendorId))) as Vendor | undefined)?.sla?.timeZone;

  const receivedAt = dependencies.now().toISOString();
  const { accepted, rejected } = sortFeedRows(rows);
  await applyFeedRows(table, vendorId, feedId, accepted, receivedAt);
  const result: FeedResult = { feedId, applied: accepted.length, rejected, receivedAt };
  try {
    await table.db.send(new PutCommand({ TableName: table.name, Item: { ...key, entity: 'Message', response: result, receivedAt }, ConditionExpression: 'attribute_not_exists(PK)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await getItem<{ response: FeedResult }>(table, key))?.response ?? result;
  }
  // One feed a day (the vendor's day, as its PO counters) makes a day count towards its inventory feed score.
  await addToDay(table, vendorId, vendorDay(receivedAt, timeZone), { feeds: 1 });
  count(businessMetrics.inventoryRowsApplied, result.applied);
  logger.info('Inventory feed applied', { vendorId, feedId, applied: result.applied, rejected: rejected.length });
  return result;
}
