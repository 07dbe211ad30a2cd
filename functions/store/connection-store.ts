import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Connection, ConnectionSender } from '../domain/edi-connections';
import { connectionKeys } from './keys';
import { queryPage, type Page } from './list-query';
import { indexes } from './table-definition';
import { getItem, withoutKeys, type Table } from './table';

export function getConnection(table: Table, connectionId: string): Promise<Connection | undefined> {
  return getItem<Connection>(table, connectionKeys.item(connectionId));
}

export async function putConnection(table: Table, connection: Connection): Promise<void> {
  await table.db.send(
    new PutCommand({
      TableName: table.name,
      Item: { ...connectionKeys.item(connection.connectionId), ...connectionKeys.collection(connection.connectionId), entity: 'Connection', ...connection },
    }),
  );
}

export async function deleteConnectionItem(table: Table, connectionId: string): Promise<void> {
  await table.db.send(new DeleteCommand({ TableName: table.name, Key: connectionKeys.item(connectionId) }));
}

export function listConnections(table: Table, page: { limit: number; cursor?: string }): Promise<Page<Connection>> {
  return queryPage<Connection>(table, { index: indexes.byCollection, partition: connectionKeys.collectionPartition, ...page });
}

/** The items of one kind in a connection's partition (its sort-key prefix), one Query. */
async function connectionItems<T>(table: Table, connectionId: string, prefix: string, options: { newestFirst?: boolean; limit?: number; consistent?: boolean } = {}): Promise<T[]> {
  const { Items = [] } = await table.db.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': connectionKeys.partition(connectionId), ':prefix': prefix },
      ...(options.consistent && { ConsistentRead: true }),
      ...(options.newestFirst && { ScanIndexForward: false }),
      ...(options.limit && { Limit: options.limit }),
    }),
  );
  return Items.map((item) => withoutKeys<T>(item));
}

/** The vendors on a connection by ISA sender: one Query of its partition. */
export function listConnectionSenders(table: Table, connectionId: string): Promise<ConnectionSender[]> {
  return connectionItems<ConnectionSender>(table, connectionId, connectionKeys.senderPrefix, { consistent: true });
}

/**
 * Puts a vendor on a connection under its sender id; refused (false) when another vendor there
 * already has that sender, which would make routing a guess.
 */
export async function putConnectionSender(table: Table, sender: ConnectionSender): Promise<boolean> {
  try {
    await table.db.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...connectionKeys.sender(sender.connectionId, sender.qualifier, sender.senderId), entity: 'ConnectionSender', ...sender },
        ConditionExpression: 'attribute_not_exists(PK) OR vendorId = :vendorId',
        ExpressionAttributeValues: { ':vendorId': sender.vendorId },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Takes a vendor off a connection (only its own sender entry: another vendor's stays). */
export async function removeConnectionSender(table: Table, sender: Pick<ConnectionSender, 'connectionId' | 'qualifier' | 'senderId' | 'vendorId'>): Promise<void> {
  try {
    await table.db.send(
      new DeleteCommand({
        TableName: table.name,
        Key: connectionKeys.sender(sender.connectionId, sender.qualifier, sender.senderId),
        ConditionExpression: 'vendorId = :vendorId',
        ExpressionAttributeValues: { ':vendorId': sender.vendorId },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** One file that moved through a connection, as its page lists it. */
export interface TransferRecord {
  at: string;
  direction: 'IN' | 'OUT';
  fileName: string;
  vendorIds: string[];
  outcome: 'PROCESSED' | 'REJECTED' | 'WRITTEN' | 'SENT' | 'MDN_OK' | 'MDN_FAILED';
  reason?: string;
  messageId?: string;
  mdn?: string;
}

export async function recordTransfer(table: Table, connectionId: string, record: TransferRecord): Promise<void> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...connectionKeys.file(connectionId, record.at, record.fileName), entity: 'ConnectionFile', connectionId, ...record } }));
}

/** The connection's latest files, newest first. */
export async function recentTransfers(table: Table, connectionId: string, limit = 20): Promise<TransferRecord[]> {
  const items = await connectionItems<TransferRecord & { connectionId: string }>(table, connectionId, connectionKeys.filePrefix, { newestFirst: true, limit });
  return items.map(({ connectionId: _id, ...record }) => record);
}

/** An AS2 file we sent: which document it is, and how often it was sent. */
export interface SentFile {
  fileName: string;
  vendorId: string;
  documentId: string;
  poNumber: string;
  attempts: number;
}

/** Counts one more send of a file; returns the record after. */
export async function countSend(table: Table, connectionId: string, file: Omit<SentFile, 'attempts'>): Promise<SentFile> {
  const result = await table.db.send(
    new UpdateCommand({
      TableName: table.name,
      Key: connectionKeys.sentFile(connectionId, file.fileName),
      UpdateExpression: 'SET entity = :entity, fileName = :fileName, vendorId = :vendorId, documentId = :documentId, poNumber = :poNumber ADD attempts :one',
      ExpressionAttributeValues: { ':entity': 'SentFile', ':fileName': file.fileName, ':vendorId': file.vendorId, ':documentId': file.documentId, ':poNumber': file.poNumber, ':one': 1 },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return withoutKeys<SentFile>(result.Attributes ?? {});
}

export function getSentFile(table: Table, connectionId: string, fileName: string): Promise<SentFile | undefined> {
  return getItem<SentFile>(table, connectionKeys.sentFile(connectionId, fileName));
}
