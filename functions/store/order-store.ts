import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Product } from '../domain/catalog';
import type { Vendor } from '../domain/catalog';
import { nextPromiseCheckAt, nextSlaCheckAt } from '../domain/check-due';
import { stockKeyOf, type StockLevel } from '../domain/inventory';
import type { Placement, Reservation } from '../domain/order-placement';
import type { Order, PurchaseOrder } from '../domain/orders';
import { histogramOf } from '../domain/delivery-histogram';
import type { LearnedDelivery } from '../domain/delivery-learning';
import { batchGet, batchGetFound, keyId } from './batch-get';
import { reservationUpdate } from './inventory-store';
import { analyticsKeys, idempotencyKeys, orderKeys, productKeys, purchaseOrderKeys, stockKeys, vendorKeys, type ItemKey } from './keys';
import { notificationsFrom, type NotificationRecord } from './notification-store';
import { purchaseOrderSummary } from '../domain/purchase-order-summary';
import { getItem, queryAll, withoutKeys, type Table } from './table';

export interface IdempotencyRecord {
  storefrontId: string;
  idempotencyKey: string;
  requestHash: string;
  orderId: string;
  createdAt: string;
}

export const orderToItem = (order: Order) => ({ ...orderKeys.item(order.orderId), entity: 'Order', ...order });

export const purchaseOrderToItem = (po: PurchaseOrder) => ({
  ...purchaseOrderKeys.item(po.poNumber),
  ...purchaseOrderKeys.dueKeys(po.poNumber, { slaCheckAt: nextSlaCheckAt(po), promiseCheckAt: nextPromiseCheckAt(po) }),
  entity: 'PurchaseOrder',
  ...po,
});

/** A PO's list entry; `poVersion` is the PO version it shows, so an older one never replaces a newer one. */
export const purchaseOrderSummaryToItem = (po: PurchaseOrder) => ({
  ...purchaseOrderKeys.summary(po.poNumber),
  ...purchaseOrderKeys.listKeys(po),
  entity: 'PurchaseOrderSummary',
  poVersion: po.version,
  ...purchaseOrderSummary(po),
});

/** A new PO as the table keeps it: the PO, and its list entry. */
export const purchaseOrderItems = (po: PurchaseOrder) => [purchaseOrderToItem(po), purchaseOrderSummaryToItem(po)];

/**
 * Everything order placement must read, in one BatchGet where it fits: an earlier use of the
 * idempotency key and the products of every SKU.
 */
export async function readForPlacement(
  table: Table,
  request: { storefrontId: string; idempotencyKey: string; skus: readonly string[] },
): Promise<{ previous?: IdempotencyRecord; products: Map<string, Product> }> {
  const idempotencyKey = idempotencyKeys.item(request.storefrontId, request.idempotencyKey);
  const items = await batchGet(table, [idempotencyKey, ...request.skus.map(productKeys.item)]);
  const previous = items.get(keyId(idempotencyKey));
  const products = new Map<string, Product>();
  for (const sku of request.skus) {
    const item = items.get(keyId(productKeys.item(sku)));
    if (item) products.set(sku, withoutKeys<Product>(item));
  }
  return { previous: previous && withoutKeys<IdempotencyRecord>(previous), products };
}

export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('The idempotency key was used by a concurrent request');
  }
}

/** Another order took the stock between our read and our write: these reservations could not be made. */
export class StockTaken extends Error {
  constructor(readonly reservations: Reservation[]) {
    super('Stock was taken by a concurrent order');
  }
}

/**
 * The vendors and stock figures for every active source of the products: one BatchGet (two when
 * more than 100 keys), strongly consistent.
 */
/**
 * The vendors and stock of the products' active sources, in one BatchGet; with a destination region,
 * each vendor's learned handling and transit to that region in the same request (for its promise).
 */
export async function readSources(
  table: Table,
  products: Iterable<Product>,
  region?: string,
  now = new Date(),
): Promise<{ vendors: Map<string, Vendor>; stock: Map<string, StockLevel>; learned: Map<string, LearnedDelivery> }> {
  const sources = [...products].flatMap((p) => p.sources.filter((s) => s.active));
  const vendorIds = [...new Set(sources.map((s) => s.vendorId))];
  const learnedKeys = region ? vendorIds.flatMap((id) => [analyticsKeys.learnedHandling(id), analyticsKeys.learnedTransit(id, region)]) : [];
  const items = await batchGet(table, [...vendorIds.map(vendorKeys.item), ...sources.map((s) => stockKeys.item(s.vendorId, s.vendorSku)), ...learnedKeys]);
  const vendors = new Map<string, Vendor>();
  const stock = new Map<string, StockLevel>();
  for (const item of items.values()) {
    if (item.entity === 'Vendor') {
      const vendor = withoutKeys<Vendor>(item);
      vendors.set(vendor.vendorId, vendor);
    } else if (item.entity === 'Stock') {
      const level = withoutKeys<StockLevel>(item);
      stock.set(stockKeyOf(level.vendorId, level.vendorSku), level);
    }
  }
  const learned = new Map<string, LearnedDelivery>();
  if (region) {
    const item = (key: ItemKey) => items.get(keyId(key));
    for (const id of vendorIds) {
      learned.set(id, { handling: histogramOf(item(analyticsKeys.learnedHandling(id)), now), transit: histogramOf(item(analyticsKeys.learnedTransit(id, region)), now) });
    }
  }
  return { vendors, stock, learned };
}

const maxConflictRetries = 5;

/**
 * Writes the order, its purchase orders, the idempotency record and the stock reservations in one
 * transaction: either all happen or none does, and no reservation takes stock below zero.
 */
export async function createOrder(table: Table, placement: Placement, record: IdempotencyRecord): Promise<void> {
  const put = (Item: Record<string, unknown>) => ({
    Put: { TableName: table.name, Item, ConditionExpression: 'attribute_not_exists(PK)' },
  });
  const fixed = 2 + 2 * placement.purchaseOrders.length;
  const items = [
    put({ ...idempotencyKeys.item(record.storefrontId, record.idempotencyKey), entity: 'Idempotency', ...record }),
    put(orderToItem(placement.order)),
    ...placement.purchaseOrders.flatMap((po) => purchaseOrderItems(po).map(put)),
    ...placement.reservations.map((reservation) => reservationUpdate(table.name, reservation)),
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      await table.db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      // The idempotency record is the first item: its condition failing means another request with the same key won.
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new IdempotencyKeyTaken();
      const short = placement.reservations.filter((_, i) => reasons[fixed + i]?.Code === 'ConditionalCheckFailed');
      if (short.length > 0) throw new StockTaken(short);
      // Concurrent transactions on the same stock item conflict; nothing was written, so try again.
      if (reasons.some((r) => r.Code === 'TransactionConflict') && attempt < maxConflictRetries) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 30 * attempt));
        continue;
      }
      throw error;
    }
  }
}

export async function getIdempotencyRecord(
  table: Table,
  storefrontId: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  return getItem<IdempotencyRecord>(table, idempotencyKeys.item(storefrontId, key));
}

export interface OrderWithPurchaseOrders {
  order: Order;
  purchaseOrders: PurchaseOrder[];
  notifications: NotificationRecord[];
}

/**
 * Pattern 1: the order with its customer notifications (one strongly consistent Query of the
 * order's partition) and its purchase orders (one BatchGet by the PO numbers the order lists).
 */
export async function getOrderWithPurchaseOrders(table: Table, orderId: string): Promise<OrderWithPurchaseOrders | undefined> {
  const items = await queryAll(table, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': orderKeys.item(orderId).PK }, ConsistentRead: true });
  const orderItem = items.find((item) => item.entity === 'Order');
  if (!orderItem) return undefined;
  const order = withoutKeys<Order>(orderItem);
  const purchaseOrders = await batchGetFound<PurchaseOrder>(table, order.poNumbers.map(purchaseOrderKeys.item));
  return { order, purchaseOrders, notifications: notificationsFrom(items) };
}

export const getOrder = (table: Table, orderId: string) => getItem<Order>(table, orderKeys.item(orderId));
