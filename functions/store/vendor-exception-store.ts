import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { exceptionIdOf, parseExceptionId, vendorSubject, type ExceptionRecord, type ExceptionType, type Resolution } from '../domain/exceptions';
import { counterUpdate } from './analytics-store';
import { analyticsKeys, exceptionKeys, vendorExceptionKeys } from './keys';
import { getItem, type Table } from './table';

const toItem = (key: { PK: string; SK: string }, record: ExceptionRecord) => ({ ...key, ...exceptionKeys.indexKeys(record), entity: 'Exception', ...record });

/**
 * Opens a vendor-wide exception, or, when one of the type is open, updates it with the latest
 * detail and counts the occurrence. Returns the record when this call opened it (to announce).
 */
export async function raiseVendorException(table: Table, vendorId: string, type: ExceptionType, detail: string, at: Date): Promise<ExceptionRecord | undefined> {
  const key = vendorExceptionKeys.open(vendorId, type);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await table.db.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key,
          UpdateExpression: 'SET detail = :detail, lastAt = :at ADD occurrences :one',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':detail': detail, ':at': at.toISOString(), ':one': 1 },
        }),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const openedAt = at.toISOString();
    const record: ExceptionRecord = { exceptionId: exceptionIdOf(vendorSubject(vendorId), type, openedAt), type, vendorId, status: 'OPEN', openedAt, detail, occurrences: 1, lastAt: openedAt };
    try {
      await table.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table.name, Item: toItem(key, record), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Update: counterUpdate(table.name, analyticsKeys.openExceptions(vendorId), { [`open_${type}`]: 1 }) },
          ],
        }),
      );
      return record;
    } catch (error) {
      // Another refusal opened it first: update that one instead.
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  return undefined;
}

/** A vendor-wide exception by id: the open one at its fixed key, or a resolved one at its own. */
export async function getVendorException(table: Table, exceptionId: string): Promise<ExceptionRecord | undefined> {
  const key = parseExceptionId(exceptionId);
  if (!key || !('vendorId' in key)) return undefined;
  const open = await getItem<ExceptionRecord>(table, vendorExceptionKeys.open(key.vendorId, key.type));
  if (open?.exceptionId === exceptionId) return open;
  return getItem<ExceptionRecord>(table, vendorExceptionKeys.resolved(key.vendorId, key.type, key.openedAt));
}

/** Resolves an open vendor-wide exception; false when it was no longer open. */
export async function resolveVendorException(table: Table, record: ExceptionRecord, resolution: Resolution, at: Date): Promise<boolean> {
  const resolved: ExceptionRecord = {
    ...record,
    status: 'RESOLVED',
    resolvedAt: at.toISOString(),
    openSeconds: Math.max(0, Math.round((at.getTime() - Date.parse(record.openedAt)) / 1000)),
    resolution,
  };
  try {
    await table.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: table.name, Key: vendorExceptionKeys.open(record.vendorId, record.type), ConditionExpression: 'exceptionId = :id', ExpressionAttributeValues: { ':id': record.exceptionId } } },
          { Put: { TableName: table.name, Item: toItem(vendorExceptionKeys.resolved(record.vendorId, record.type, record.openedAt), resolved) } },
          { Update: counterUpdate(table.name, analyticsKeys.openExceptions(record.vendorId), { [`open_${record.type}`]: -1 }) },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}
