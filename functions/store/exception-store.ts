import { exceptionKeys } from './keys';

export type ExceptionType = 'TRANSMISSION_FAILED' | 'VENDOR_REJECTED';

export interface ExceptionRecord {
  poNumber: string;
  orderId: string;
  vendorId: string;
  type: ExceptionType;
  status: 'OPEN' | 'RESOLVED';
  detail: string;
  openedAt: string;
  resolvedAt?: string;
}

/** An open exception as a table item, written in the same transaction as the PO change that opens it. */
export const exceptionToItem = (record: ExceptionRecord) => ({
  ...exceptionKeys.item(record.poNumber, record.type),
  entity: 'Exception',
  ...record,
});
