import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys';
import { traced } from '../observability';

/** The table a repository works on: a document client and the table's name. */
export interface Table {
  readonly db: DynamoDBDocumentClient;
  readonly name: string;
}

export interface TableSettings {
  tableName: string;
  region: string;
  /** Set offline (DynamoDB Local); unset on AWS. */
  endpoint?: string;
}

export function connectTable(settings: TableSettings): Table {
  const client = new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint && {
      endpoint: settings.endpoint,
      // DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  });
  const db = DynamoDBDocumentClient.from(traced(client), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { db, name: settings.tableName };
}

/** Strips the key and index attributes from an item, leaving the entity. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const entity: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (!/^(PK|SK|GSI\d+PK|GSI\d+SK|entity)$/.test(name)) entity[name] = value;
  }
  return entity as T;
}

/** A strongly consistent Get, returning the entity without its keys. */
export async function getItem<T>(table: Table, key: ItemKey): Promise<T | undefined> {
  const { Item } = await table.db.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }));
  return Item && withoutKeys<T>(Item);
}

/** Every item a Query matches, page after page (for partitions read whole: an order's, a PO's, a vendor's days). */
export async function queryAll(table: Table, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(new QueryCommand({ ...input, TableName: table.name, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
