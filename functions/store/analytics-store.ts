import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DayCounters, DayViolations } from '../domain/vendor-analytics';
import { analyticsKeys, type ItemKey } from './keys';
import { getItem, queryAll, withoutKeys, type Table } from './table';

/** An `ADD` of each counter, and of each violation to its string set: DynamoDB creates missing ones, and a set ignores a repeat. */
export function counterUpdate(tableName: string, key: ItemKey, counters: DayCounters, violations: DayViolations = {}) {
  const sets = Object.entries(violations).filter(([, items]) => items && items.length > 0) as [string, string[]][];
  const names = [...Object.keys(counters), ...sets.map(([type]) => `v_${type}`)];
  const values = [...Object.values(counters), ...sets.map(([, items]) => new Set(items))];
  return {
    TableName: tableName,
    Key: key,
    UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(values.map((value, i) => [`:c${i}`, value])),
  };
}

/** Adds to a vendor's counters (and violations) for a day outside any transaction (events that change no PO). */
export async function addToDay(table: Table, vendorId: string, day: string, counters: DayCounters, violations: DayViolations = {}): Promise<void> {
  await table.db.send(new UpdateCommand(counterUpdate(table.name, analyticsKeys.day(vendorId, day), counters, violations)));
}

export interface VendorDay {
  day: string;
  counters: DayCounters;
  violations: DayViolations;
}

/** A vendor's days from `from` to `to` (inclusive, YYYY-MM-DD, its own calendar): one Query, O(days). */
export async function readDays(table: Table, vendorId: string, from: string, to: string): Promise<VendorDay[]> {
  const items = await queryAll(table, {
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': analyticsKeys.day(vendorId, from).PK, ':from': analyticsKeys.day(vendorId, from).SK, ':to': analyticsKeys.day(vendorId, to).SK },
  });
  return items.map((item) => {
    const counters: DayCounters = {};
    const violations: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(withoutKeys<Record<string, unknown>>(item))) {
      if (typeof value === 'number') counters[name] = value;
      else if (value instanceof Set && name.startsWith('v_')) violations[name.slice(2)] = [...(value as Set<string>)].sort();
    }
    return { day: String(item.SK).slice(analyticsKeys.dayPrefix.length), counters, violations };
  });
}

export async function readOpenExceptionCounts(table: Table, vendorId: string): Promise<DayCounters> {
  return (await getItem<DayCounters>(table, analyticsKeys.openExceptions(vendorId))) ?? {};
}
