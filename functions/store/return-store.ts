import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ReturnRecord } from '../domain/returns';
import { batchGetFound } from './batch-get';
import { returnKeys, trackingKeys } from './keys';
import { normalizeTrackingNumber } from '../domain/package-tracking';
import { queryListPartition, queryStatusVendorPage, type Page } from './list-query';
import { getItem, type Table } from './table';

export const returnToItem = (record: ReturnRecord) => ({ ...returnKeys.item(record.rmaId), ...returnKeys.indexKeys(record), entity: 'Return', ...record });

/** The return label's tracking number points at its return (beside outbound parcels' pointers at their POs). */
export const returnTrackingPointer = (rmaId: string, poNumber: string, vendorId: string, labelNumber: string) => {
  const trackingNumber = normalizeTrackingNumber(labelNumber);
  return { PK: trackingKeys.partition(trackingNumber), SK: `RETURN#${rmaId}`, entity: 'TrackingPointer', trackingNumber, poNumber, rmaId, vendorId };
};

export const getReturn = (table: Table, rmaId: string) => getItem<ReturnRecord>(table, returnKeys.item(rmaId));

export const getReturns = (table: Table, rmaIds: readonly string[]) => (rmaIds.length ? batchGetFound<ReturnRecord>(table, rmaIds.map(returnKeys.item)) : Promise.resolve([]));

/** The Returns view: one Query on the partition for the filter, newest first. */
export const listReturns = (table: Table, filter: { status?: string; vendorId?: string }, page: { limit: number; cursor?: string }): Promise<Page<ReturnRecord>> =>
  queryStatusVendorPage<ReturnRecord>(table, returnKeys.partition, filter, page);

/** A vendor's returns in one status (payables: the credited ones not yet deducted). */
export const returnsInStatus = (table: Table, vendorId: string, status: ReturnRecord['status']) =>
  queryListPartition<ReturnRecord>(table, { vendor: true, other: true }, returnKeys.partition({ vendorId, status }));

/** A vendor's returns requested in a period (whole days, UTC): its return figures. */
export const returnsRequested = (table: Table, vendorId: string, from: string, to: string) =>
  queryListPartition<ReturnRecord>(table, { vendor: true, other: false }, returnKeys.partition({ vendorId }), { from, to: `${to}T23:59:59.999Z~` });

export interface ReturnRequestRecord {
  storefrontId: string;
  idempotencyKey: string;
  requestHash: string;
  orderId: string;
  /** The RMA of each vendor's return, decided when the request was first taken. */
  rmaIds: string[];
  createdAt: string;
}

/**
 * Takes an idempotency key for a return request: the first caller's record is kept (conditional
 * put), and a later one, or a retry after a crash, reads it and finishes the same returns.
 */
export async function claimReturnRequest(table: Table, record: ReturnRequestRecord): Promise<ReturnRequestRecord> {
  const key = returnKeys.request(record.storefrontId, record.idempotencyKey);
  try {
    await table.db.send(new PutCommand({ TableName: table.name, Item: { ...key, entity: 'ReturnRequest', ...record }, ConditionExpression: 'attribute_not_exists(PK)' }));
    return record;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await getItem<ReturnRequestRecord>(table, key)) as ReturnRequestRecord;
  }
}

export const getReturnRequest = (table: Table, storefrontId: string, idempotencyKey: string) => getItem<ReturnRequestRecord>(table, returnKeys.request(storefrontId, idempotencyKey));
