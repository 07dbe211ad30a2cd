import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Role } from '../contracts/api-keys';
import { apiKeyKeys } from './keys';
import { queryPage, type Page } from './list-query';
import { indexes } from './table-definition';
import { getItem, withoutKeys, type Table } from './table';

/** An API key as stored: never the secret, only its SHA-256. */
export interface ApiKeyRecord {
  keyId: string;
  secretHash: string;
  role: Role;
  vendorId?: string;
  storefrontId?: string;
  description?: string;
  createdAt: string;
  revokedAt?: string;
  /** A vendor portal session: valid until then (and deleted by DynamoDB's TTL after). */
  expiresAt?: string;
  expiresAtEpoch?: number;
}

export function getApiKeyByHash(table: Table, secretHash: string): Promise<ApiKeyRecord | undefined> {
  return getItem<ApiKeyRecord>(table, apiKeyKeys.item(secretHash));
}

/** Stores a key; a key with the same secret hash already there is kept as it is. */
export async function putApiKey(table: Table, key: ApiKeyRecord, options: { overwrite: boolean }): Promise<void> {
  try {
    await table.db.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...apiKeyKeys.item(key.secretHash), ...apiKeyKeys.collection(key.keyId), entity: 'ApiKey', ...key },
        ConditionExpression: options.overwrite ? undefined : 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export async function listApiKeys(table: Table, page: { limit: number; cursor?: string }): Promise<Page<ApiKeyRecord>> {
  return queryPage<ApiKeyRecord>(table, { index: indexes.byCollection, partition: apiKeyKeys.collectionPartition, ...page });
}

/** Finds a key by its public id through the collection index: one Query of one item. */
export async function findApiKey(table: Table, keyId: string): Promise<ApiKeyRecord | undefined> {
  const { Items } = await table.db.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: indexes.byCollection.indexName,
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :id',
      ExpressionAttributeValues: { ':pk': apiKeyKeys.collectionPartition, ':id': keyId },
    }),
  );
  const item = Items?.[0];
  return item && withoutKeys<ApiKeyRecord>(item);
}

/** Marks a key revoked; revoking twice keeps the first time. */
export async function revokeApiKey(table: Table, key: ApiKeyRecord, at: string): Promise<ApiKeyRecord> {
  const result = await table.db.send(
    new UpdateCommand({
      TableName: table.name,
      Key: apiKeyKeys.item(key.secretHash),
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': at },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return withoutKeys<ApiKeyRecord>(result.Attributes ?? {});
}
