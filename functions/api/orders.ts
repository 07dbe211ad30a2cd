import { createHash } from 'node:crypto';
import type { PlaceOrderInput } from '../contracts/orders';
import type { Dependencies } from '../dependencies';
import { DomainError, notFound } from '../domain/errors';
import { placeOrder, skusOf, vendorIdsOf } from '../domain/order-placement';
import type { Principal } from '../contracts/api-keys';
import { getVendors } from '../store/catalog-store';
import {
  createOrder,
  getIdempotencyRecord,
  getOrderWithPurchaseOrders,
  IdempotencyKeyTaken,
  readForPlacement,
  type IdempotencyRecord,
} from '../store/order-store';
import { createApiHandler, type OperationResult, type Operations } from './http/api-handler';
import { logger } from './http/logger';
import { toOrderView } from './order-views';

/** Storefront keys without a storefront id share this one. */
const defaultStorefront = 'default';

const storefrontOf = (principal: Principal) => principal.storefrontId ?? defaultStorefront;

/** Key order does not change a body's fingerprint: the same order re-serialized is the same order. */
const canonicalJson = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonicalJson).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
          .join(',')}}`
      : JSON.stringify(value);

const fingerprint = (body: PlaceOrderInput) => createHash('sha256').update(canonicalJson(body)).digest('hex');

function idempotencyKeyOf(headers: Record<string, string | undefined>): string {
  const key = headers['idempotency-key']?.trim();
  if (!key || key.length > 255) {
    throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (1-255 characters) with every order', [
      { field: 'header.Idempotency-Key', rule: 'required', message: 'must be 1-255 characters, unique per order' },
    ]);
  }
  return key;
}

/** A second request with a used key: the same body gets the order again, another body a 409. */
async function replay(record: IdempotencyRecord, requestHash: string, dependencies: Dependencies): Promise<OperationResult> {
  if (record.requestHash !== requestHash) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key ${record.idempotencyKey} was already used for order ${record.orderId} with a different body`,
      [{ field: 'header.Idempotency-Key', rule: 'unique_per_body', message: 'use a new key for a different order' }],
    );
  }
  const found = await getOrderWithPurchaseOrders(dependencies.table, record.orderId);
  if (!found) throw notFound('Order', record.orderId);
  return { status: 200, body: toOrderView(found.order, found.purchaseOrders) };
}

export const operations: Operations<'orders'> = {
  async placeOrder({ body, headers, principal }, dependencies) {
    const { table, now, ids } = dependencies;
    const idempotencyKey = idempotencyKeyOf(headers);
    const storefrontId = storefrontOf(principal);
    const requestHash = fingerprint(body);

    const { previous, products } = await readForPlacement(table, { storefrontId, idempotencyKey, skus: skusOf(body) });
    if (previous) return replay(previous, requestHash, dependencies);

    const vendors = await getVendors(table, vendorIdsOf(products.values()));
    const at = now();
    const placement = placeOrder(body, {
      orderId: ids.orderId(),
      storefrontId,
      now: at,
      products,
      vendors,
      newPoNumber: ids.poNumber,
    });
    const record = { storefrontId, idempotencyKey, requestHash, orderId: placement.order.orderId, createdAt: at.toISOString() };
    try {
      await createOrder(table, placement, record);
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTaken)) throw error;
      const winner = await getIdempotencyRecord(table, storefrontId, idempotencyKey);
      if (!winner) throw error;
      return replay(winner, requestHash, dependencies);
    }
    logger.info('Order placed', {
      orderId: placement.order.orderId,
      poNumbers: placement.order.poNumbers,
      lineCount: placement.order.lines.length,
    });
    return { status: 201, body: toOrderView(placement.order, placement.purchaseOrders) };
  },

  async getOrder({ params, principal }, { table }) {
    const found = await getOrderWithPurchaseOrders(table, params.orderId);
    // A storefront sees only its own orders; another's is "not found", so ids do not leak.
    if (!found || (principal.role === 'storefront' && found.order.storefrontId !== storefrontOf(principal))) {
      throw notFound('Order', params.orderId);
    }
    return { body: toOrderView(found.order, found.purchaseOrders) };
  },
};

export const handler = createApiHandler(operations);
