import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Product } from '../domain/catalog';
import type { Order, Placement, PurchaseOrder } from '../domain/order-placement';
import { batchGet, keyId } from './batch-get';
import { idempotencyKeys, orderKeys, productKeys, purchaseOrderKeys } from './keys';
import { getItem, withoutKeys, type Table } from './table';

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
  ...purchaseOrderKeys.indexKeys(po),
  entity: 'PurchaseOrder',
  ...po,
});

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

/**
 * Writes the order, its purchase orders and the idempotency record in one transaction, each
 * conditioned on not existing: either all exist afterwards or none does.
 */
export async function createOrder(table: Table, placement: Placement, record: IdempotencyRecord): Promise<void> {
  const put = (Item: Record<string, unknown>) => ({
    Put: { TableName: table.name, Item, ConditionExpression: 'attribute_not_exists(PK)' },
  });
  try {
    await table.db.send(
      new TransactWriteCommand({
        TransactItems: [
          put({ ...idempotencyKeys.item(record.storefrontId, record.idempotencyKey), entity: 'Idempotency', ...record }),
          put(orderToItem(placement.order)),
          ...placement.purchaseOrders.map((po) => put(purchaseOrderToItem(po))),
        ],
      }),
    );
  } catch (error) {
    // The idempotency record is the first item: a failed condition there means another request
    // with the same key won the race.
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      throw new IdempotencyKeyTaken();
    }
    throw error;
  }
}

export async function getIdempotencyRecord(
  table: Table,
  storefrontId: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  return getItem<IdempotencyRecord>(table, idempotencyKeys.item(storefrontId, key));
}

/** Pattern 1: the order and its purchase orders, by key, strongly consistent: two requests. */
export async function getOrderWithPurchaseOrders(
  table: Table,
  orderId: string,
): Promise<{ order: Order; purchaseOrders: PurchaseOrder[] } | undefined> {
  const order = await getItem<Order>(table, orderKeys.item(orderId));
  if (!order) return undefined;
  const poItems = await batchGet(table, order.poNumbers.map(purchaseOrderKeys.item));
  const purchaseOrders = order.poNumbers.flatMap((poNumber) => {
    const item = poItems.get(keyId(purchaseOrderKeys.item(poNumber)));
    return item ? [withoutKeys<PurchaseOrder>(item)] : [];
  });
  return { order, purchaseOrders };
}
