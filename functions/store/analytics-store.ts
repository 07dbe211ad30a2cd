import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DayCounters } from '../domain/vendor-analytics';
import { analyticsKeys, type ItemKey } from './keys';
import { getItem, queryAll, withoutKeys, type Table } from './table';

/** An `ADD` of each counter: DynamoDB creates missing counters at zero. */
export function counterUpdate(tableName: string, key: ItemKey, counters: DayCounters) {
  const names = Object.keys(counters);
  return {
    TableName: tableName,
    Key: key,
    UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:c${i}`, counters[name]])),
  };
}

/** Adds to a vendor's counters for a day outside any transaction (events that change no PO). */
export async function addToDay(table: Table, vendorId: string, day: string, counters: DayCounters): Promise<void> {
  await table.db.send(new UpdateCommand(counterUpdate(table.name, analyticsKeys.day(vendorId, day), counters)));
}

/** A vendor's day counters from `from` to `to` (inclusive, YYYY-MM-DD): one Query, O(days). */
export async function readDays(table: Table, vendorId: string, from: string, to: string): Promise<{ day: string; counters: DayCounters }[]> {
  const items = await queryAll(table, {
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': analyticsKeys.day(vendorId, from).PK, ':from': analyticsKeys.day(vendorId, from).SK, ':to': analyticsKeys.day(vendorId, to).SK },
  });
  return items.map((item) => ({ day: String(item.SK).slice(analyticsKeys.dayPrefix.length), counters: withoutKeys<DayCounters>(item) }));
}

export async function readOpenExceptionCounts(table: Table, vendorId: string): Promise<DayCounters> {
  return (await getItem<DayCounters>(table, analyticsKeys.openExceptions(vendorId))) ?? {};
}
