import { parseExceptionId, type ExceptionRecord, type ExceptionType, type PoExceptionRecord } from '../domain/exceptions';
import { exceptionKeys } from './keys';
import { queryPage, type Page } from './list-query';
import { listIndexFor } from './table-definition';
import { getItem, type Table } from './table';
import { getVendorException } from './vendor-exception-store';

/** An exception as a table item, written in the same transaction as the PO change that opens or closes it. */
export const exceptionToItem = (record: PoExceptionRecord) => ({
  ...exceptionKeys.item(record.poNumber, record.type, record.openedAt),
  ...exceptionKeys.indexKeys(record),
  entity: 'Exception',
  ...record,
});

export async function getException(table: Table, exceptionId: string): Promise<ExceptionRecord | undefined> {
  const key = parseExceptionId(exceptionId);
  if (!key) return undefined;
  if ('vendorId' in key) return getVendorException(table, exceptionId);
  return getItem<ExceptionRecord>(table, exceptionKeys.item(key.poNumber, key.type, key.openedAt));
}

export interface ExceptionFilter {
  status: 'OPEN' | 'RESOLVED';
  type?: ExceptionType;
  vendorId?: string;
}

/** The Exceptions tab: one Query on the index partition for the filter combination, newest first. */
export function listExceptions(table: Table, filter: ExceptionFilter, page: { limit: number; cursor?: string }): Promise<Page<ExceptionRecord>> {
  const index = listIndexFor({ vendor: Boolean(filter.vendorId), other: Boolean(filter.type) });
  return queryPage<ExceptionRecord>(table, { index, partition: exceptionKeys.partition(filter), newestFirst: true, ...page });
}
