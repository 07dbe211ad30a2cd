import type { FeedRow, StockLevel } from '../domain/inventory';
import type { Reservation } from '../domain/order-placement';
import type { PurchaseOrder } from '../domain/orders';
import { batchGetFound } from './batch-get';
import { stockKeys } from './keys';
import { withoutKeys, type Table } from './table';
import { writeAll } from './batch-write';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor';
import type { Page } from './list-query';

export const stockToItem = (level: StockLevel) => ({ ...stockKeys.item(level.vendorId, level.vendorSku), entity: 'Stock', ...level });

export async function readStock(table: Table, keys: readonly { vendorId: string; vendorSku: string }[]): Promise<StockLevel[]> {
  return batchGetFound<StockLevel>(table, keys.map((k) => stockKeys.item(k.vendorId, k.vendorSku)));
}

/** A vendor's stock figures, by vendor SKU: its partition's STOCK# items, one Query per page. */
export async function listVendorStock(table: Table, vendorId: string, page: { limit: number; cursor?: string }): Promise<Page<StockLevel>> {
  const { PK } = stockKeys.item(vendorId, '');
  const result = await table.db.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :stock)',
      ExpressionAttributeValues: { ':pk': PK, ':stock': stockKeys.prefix },
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { attributes: ['PK', 'SK'], partition: { name: 'PK', value: PK } }),
    }),
  );
  return { items: (result.Items ?? []).map((item) => withoutKeys<StockLevel>(item)), nextCursor: encodeCursor(result.LastEvaluatedKey) };
}

/** Takes stock for a line inside the order's transaction: refused (and the order with it) if it would go below zero. */
export const reservationUpdate = (tableName: string, reservation: Reservation) => ({
  Update: {
    TableName: tableName,
    Key: stockKeys.item(reservation.vendorId, reservation.vendorSku),
    UpdateExpression: 'SET available = available - :quantity',
    ConditionExpression: 'available >= :quantity',
    ExpressionAttributeValues: { ':quantity': reservation.quantity },
  },
});

/** Stock given back when reserved lines are cancelled or rejected, in the same transaction as the PO change. */
export function releaseUpdates(tableName: string, before: PurchaseOrder, after: PurchaseOrder) {
  return after.lines.flatMap((line) => {
    const was = before.lines.find((l) => l.lineNumber === line.lineNumber);
    const closedNow = (line.status === 'CANCELLED' || line.status === 'REJECTED') && was?.status !== line.status;
    const held = (line.reservedQuantity ?? 0) - line.shippedQuantity;
    if (!closedNow || held <= 0) return [];
    return [
      {
        Update: {
          TableName: tableName,
          Key: stockKeys.item(after.vendorId, line.vendorSku),
          UpdateExpression: 'ADD available :quantity',
          ExpressionAttributeValues: { ':quantity': held },
        },
      },
    ];
  });
}

/** Applies a feed's rows: each replaces the vendor's figure for that SKU and restarts its freshness clock. */
export async function applyFeedRows(table: Table, vendorId: string, feedId: string, rows: readonly FeedRow[], at: string): Promise<void> {
  await writeAll(table, rows.map((row) => stockToItem({ vendorId, vendorSku: row.vendorSku, available: row.available, restockDate: row.restockDate, updatedAt: at, feedId })));
}
