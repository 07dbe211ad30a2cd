import type { PurchaseOrder } from '../domain/order-placement';
import type { PurchaseOrderStatus } from '../domain/purchase-order-status';
import { purchaseOrderKeys } from './keys';
import { queryPage, type Page } from './list-query';
import { indexes } from './table-definition';
import { getItem, type Table } from './table';

export function getPurchaseOrder(table: Table, poNumber: string): Promise<PurchaseOrder | undefined> {
  return getItem<PurchaseOrder>(table, purchaseOrderKeys.item(poNumber));
}

export interface PurchaseOrderFilter {
  status?: PurchaseOrderStatus;
  vendorId?: string;
}

/**
 * Patterns 4 and 5: POs newest first, by status and/or vendor. Each filter combination has an
 * index partition of its own, so every page is one Query that reads only matching POs.
 */
export function listPurchaseOrders(
  table: Table,
  filter: PurchaseOrderFilter,
  page: { limit: number; cursor?: string },
): Promise<Page<PurchaseOrder>> {
  const { status, vendorId } = filter;
  const [index, partition] =
    status && vendorId
      ? [indexes.poByVendorStatus, purchaseOrderKeys.vendorStatusPartition(vendorId, status)]
      : status
        ? [indexes.poByStatus, purchaseOrderKeys.statusPartition(status)]
        : vendorId
          ? [indexes.poByVendor, purchaseOrderKeys.vendorPartition(vendorId)]
          : [indexes.byCollection, purchaseOrderKeys.allPartition];
  return queryPage<PurchaseOrder>(table, { index, partition, newestFirst: true, ...page });
}
