import type { Dependencies } from '../functions/dependencies';
import type { Table } from '../functions/store/table';
import { testDependencies } from '../test/support/test-table';

/** DynamoDB requests and consumed capacity, counted through the SDK (not estimated). */
export interface RequestCount {
  requests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

const writes = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/**
 * Counts every request the table's client sends, and asks DynamoDB for the capacity each consumed
 * (ReturnConsumedCapacity: TOTAL; DynamoDB Local answers it like DynamoDB, index writes included).
 */
export function countRequests(table: Table): { count: RequestCount; reset(): RequestCount } {
  const count: RequestCount = { requests: {}, readUnits: 0, writeUnits: 0 };
  table.db.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName).replace(/Command$/, '');
      count.requests[operation] = (count.requests[operation] ?? 0) + 1;
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = [consumed ?? []].flat().reduce((total, c) => total + (c.CapacityUnits ?? 0), 0);
      if (writes.has(operation)) count.writeUnits += units;
      else count.readUnits += units;
      return result;
    },
    { step: 'initialize', name: 'benchCountRequests' },
  );
  return {
    count,
    reset() {
      const snapshot = { requests: { ...count.requests }, readUnits: count.readUnits, writeUnits: count.writeUnits };
      count.requests = {};
      count.readUnits = 0;
      count.writeUnits = 0;
      return snapshot;
    },
  };
}

export const totalRequests = (count: RequestCount) => Object.values(count.requests).reduce((a, b) => a + b, 0);
export const describeRequests = (count: RequestCount) => Object.entries(count.requests).map(([name, n]) => `${n} ${name}`).join(', ');

export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * share) - 1))] ?? NaN;
}

export const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 0.5);
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** What handlers need in a benchmark: the tests' dependencies on `table`, with workflows neither started nor recorded. */
export const benchDependencies = (table: Table): Dependencies =>
  testDependencies(table, { workflow: { start: async () => undefined, wake: async () => undefined } });

/** The npm package a file path lies in (`@scope/name` or `name`), if any. */
export const packageOf = (path: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];

/** A Markdown table; `align` per column. */
export function markdownTable(headers: string[], rows: (string | number)[][], align: ('l' | 'r')[]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
