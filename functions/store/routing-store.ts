import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { defaultRoutingRules, type RoutingRules } from '../domain/rerouting';
import type { Product } from '../domain/catalog';
import type { Order } from '../domain/orders';
import { batchGet, keyId } from './batch-get';
import { orderKeys, productKeys, routingKeys, type ItemKey } from './keys';
import { getItem, withoutKeys, type Table } from './table';

type Stamped = RoutingRules & { updatedAt?: string; updatedBy?: string };

/** The retailer's re-routing rules; the defaults until ops save some. One GetItem. */
export async function getRoutingRules(table: Table): Promise<Stamped> {
  return (await getItem<Stamped>(table, routingKeys.rules())) ?? defaultRoutingRules;
}

export async function putRoutingRules(table: Table, rules: Stamped): Promise<Stamped> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...routingKeys.rules(), entity: 'RoutingRules', ...rules } }));
  return rules;
}

/**
 * What a re-routing decision reads besides the PO, in one BatchGet: the order, the rules (their
 * defaults when none are saved) and the dropped lines' products.
 */
export async function readForReroute(table: Table, orderId: string, skus: readonly string[]): Promise<{ order?: Order; rules: RoutingRules; products: Map<string, Product> }> {
  const found = await batchGet(table, [orderKeys.item(orderId), routingKeys.rules(), ...skus.map(productKeys.item)]);
  const item = <T>(key: ItemKey) => {
    const raw = found.get(keyId(key));
    return raw ? withoutKeys<T>(raw) : undefined;
  };
  const products = new Map(skus.flatMap((sku) => {
    const product = item<Product>(productKeys.item(sku));
    return product ? [[sku, product] as const] : [];
  }));
  return { order: item<Order>(orderKeys.item(orderId)), rules: item<RoutingRules>(routingKeys.rules()) ?? defaultRoutingRules, products };
}
