import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { IndexDefinition } from './table-definition';
import { tableKeys } from './table-definition';
import { decodeCursor, encodeCursor } from './cursor';
import { queryAll, withoutKeys, type Table } from './table';
import { listIndexFor } from './table-definition';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListRequest {
  index: IndexDefinition;
  partition: string;
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
  /** Narrows the partition further (a FilterExpression); pages are read until the page is full. */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
}

/** Query rounds one filtered page may take before it answers with what it has and a cursor. */
const maxFilteredRounds = 10;

/** One page of one index partition, with an opaque cursor for the next. */
export async function queryPage<T>(table: Table, request: ListRequest): Promise<Page<T>> {
  const { index } = request;
  const cursorAttributes = [tableKeys.partitionKey, tableKeys.sortKey, index.partitionKey, index.sortKey];
  const exclusiveStartKey = decodeCursor(request.cursor, {
    attributes: cursorAttributes,
    partition: { name: index.partitionKey, value: request.partition },
  });
  const { filter } = request;
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined = exclusiveStartKey;
  let lastEvaluated: Record<string, unknown> | undefined;
  for (let round = 0; round < (filter ? maxFilteredRounds : 1); round++) {
    const result = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ...(filter && { FilterExpression: filter.expression }),
        ExpressionAttributeNames: { '#pk': index.partitionKey, ...filter?.names },
        ExpressionAttributeValues: { ':pk': request.partition, ...filter?.values },
        ScanIndexForward: !request.newestFirst,
        // One item more than asked tells whether another page exists, so the last page says so
        // (nextCursor null) instead of handing out a cursor to an empty page.
        Limit: request.limit + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(result.Items ?? []));
    lastEvaluated = result.LastEvaluatedKey;
    if (items.length > request.limit || !lastEvaluated) break;
    startKey = lastEvaluated;
  }
  const page = items.slice(0, request.limit);
  const last = page.at(-1);
  const nextKey =
    items.length > request.limit && last
      ? Object.fromEntries(cursorAttributes.map((name) => [name, last[name]]))
      : lastEvaluated; // set when DynamoDB stopped at its 1 MB page size, or a filtered read ran out of rounds
  return { items: page.map((item) => withoutKeys<T>(item)), nextCursor: encodeCursor(nextKey) };
}

/** A list by status and/or vendor (invoices, returns): the index the filter needs, its partition, newest first. */
export function queryStatusVendorPage<T>(
  table: Table,
  partitionOf: (filter: { status?: string; vendorId?: string }) => string,
  filter: { status?: string; vendorId?: string },
  page: { limit: number; cursor?: string },
): Promise<Page<T>> {
  const index = listIndexFor({ vendor: Boolean(filter.vendorId), other: Boolean(filter.status) });
  return queryPage<T>(table, { index, partition: partitionOf(filter), newestFirst: true, ...page });
}

/**
 * Every item of one list-index partition (a filter's, as the list keys spell it), oldest first, as
 * many pages as it takes: a vendor's approved invoices or credited returns for its payables.
 */
export async function queryListPartition<T>(table: Table, by: { vendor: boolean; other: boolean }, partition: string, sortBetween?: { from: string; to: string }): Promise<T[]> {
  const index = listIndexFor(by);
  const items = await queryAll(table, {
    IndexName: index.indexName,
    KeyConditionExpression: `#pk = :pk${sortBetween ? ' AND #sk BETWEEN :from AND :to' : ''}`,
    ExpressionAttributeNames: { '#pk': index.partitionKey, ...(sortBetween && { '#sk': index.sortKey }) },
    ExpressionAttributeValues: { ':pk': partition, ...(sortBetween && { ':from': sortBetween.from, ':to': sortBetween.to }) },
  });
  return items.map((item) => withoutKeys<T>(item));
}
