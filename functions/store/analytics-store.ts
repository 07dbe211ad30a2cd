import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DayCounters, DayViolations } from '../domain/vendor-analytics';
import { learningWeeks, maxLearnedDays, sampleAttribute } from '../domain/delivery-histogram';
import type { LearningDeltas, LearningSample } from '../domain/delivery-learning';
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

/**
 * The updates a PO change makes to its vendor's learned handling and transit: an `ADD` of each new
 * sample's week-and-days counter, and a `REMOVE` of the counters of the two weeks that have just left
 * the window (for the same services), so an aggregate holds about nine weeks of a bounded set of
 * buckets whatever the vendor's volume. In the PO's transaction, like the day counters.
 */
export function learningUpdates(tableName: string, vendorId: string, deltas: LearningDeltas) {
  const update = (key: ItemKey, samples: (LearningSample & { service?: string })[]) => {
    const added = new Map<string, number>();
    for (const sample of samples) added.set(sampleAttribute(sample), (added.get(sampleAttribute(sample)) ?? 0) + 1);
    const stale = new Set(
      samples.flatMap((sample) =>
        [learningWeeks, learningWeeks + 1].flatMap((back) => Array.from({ length: maxLearnedDays + 1 }, (_, days) => sampleAttribute({ ...sample, week: sample.week - back, days }))),
      ),
    );
    const names = [...added.keys()];
    const removed = [...stale].filter((name) => !added.has(name));
    return {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `ADD ${names.map((_, i) => `#a${i} :a${i}`).join(', ')} REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries([...names.map((name, i) => [`#a${i}`, name]), ...removed.map((name, i) => [`#r${i}`, name])]),
        ExpressionAttributeValues: Object.fromEntries([...added.values()].map((value, i) => [`:a${i}`, value])),
      },
    };
  };
  return [
    ...(deltas.handling ? [update(analyticsKeys.learnedHandling(vendorId), [deltas.handling])] : []),
    ...[...deltas.transit].map(([region, samples]) => update(analyticsKeys.learnedTransit(vendorId, region), samples)),
  ];
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
