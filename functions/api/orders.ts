import { estimateCart } from '../domain/cart-estimate';
import { idempotencyKeyOf } from './http/idempotency';
import { getReturns } from '../store/return-store';
import { regionOf } from '../domain/delivery-learning';
import { getProducts } from '../store/catalog-store';
import { vendorMilestones } from '../domain/notifications';
import type { Dependencies } from '../dependencies';
import { DomainError, notFound } from '../domain/errors';
import { fingerprint } from '../domain/fingerprint';
import { placeOrder, skusOf, type Placement } from '../domain/order-placement';
import { stockKeyOf } from '../domain/inventory';
import { planCancellation } from '../domain/order-cancellation';
import { cancelRemainingLines } from '../domain/purchase-order-lifecycle';
import { changeAndWake } from '../services/change-purchase-order';
import type { Principal } from '../contracts/api-keys';
import {
  createOrder,
  getIdempotencyRecord,
  getOrderWithPurchaseOrders,
  IdempotencyKeyTaken,
  readForPlacement,
  readSources,
  StockTaken,
  type IdempotencyRecord,
} from '../store/order-store';
import { readStock } from '../store/inventory-store';
import { createApiHandler, type OperationResult, operationsOf } from './http/api-handler';
import { ordersRoutes } from './routes/orders';
import { logger } from '../logger';
import { businessMetrics, count } from '../observability';
import { toOrderView } from '../services/order-views';

/** Storefront keys without a storefront id share this one. */
const defaultStorefront = 'default';

const storefrontOf = (principal: Principal) => principal.storefrontId ?? defaultStorefront;

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
  // A replay may follow a first attempt that stored the order but failed to start its workflows.
  await dependencies.workflow.start(found.purchaseOrders.filter((po) => po.status === 'PENDING' && !po.transmittedAt).map((po) => po.poNumber));
  return { status: 200, body: toOrderView(found.order, found.purchaseOrders, found.notifications) };
}

/** The 409 for reservations another order beat us to: each short line with what is left now. */
async function shortOfStock(table: Dependencies['table'], placement: Placement, taken: StockTaken): Promise<DomainError> {
  const levels = new Map((await readStock(table, taken.reservations)).map((l) => [stockKeyOf(l.vendorId, l.vendorSku), l.available]));
  const short = new Set(taken.reservations.map((r) => stockKeyOf(r.vendorId, r.vendorSku)));
  const details = placement.order.lines.flatMap((line, index) => {
    const poLine = placement.purchaseOrders.flatMap((po) => po.lines.map((l) => ({ po, l }))).find(({ l }) => l.orderLineNumber === line.lineNumber);
    const key = poLine && stockKeyOf(poLine.po.vendorId, poLine.l.vendorSku);
    if (!key || !short.has(key)) return [];
    const available = Math.max(0, levels.get(key) ?? 0);
    return [{ field: `lines.${index}.quantity`, rule: 'in_stock', message: `SKU ${line.sku}: ${line.quantity} asked, ${available} available`, sku: line.sku, asked: line.quantity, available }];
  });
  return new DomainError('INSUFFICIENT_STOCK', 'Some lines are short of stock', details);
}

/** A storefront sees only its own orders; another's is "not found", so ids do not leak. */
async function findOwnOrder(table: Dependencies['table'], orderId: string, principal: Principal) {
  const found = await getOrderWithPurchaseOrders(table, orderId);
  if (!found || (principal.role === 'storefront' && found.order.storefrontId !== storefrontOf(principal))) {
    throw notFound('Order', orderId);
  }
  return found;
}

export const operations = operationsOf(ordersRoutes, {
  async estimateDelivery({ body }, { table, now }) {
    const skus = [...new Set(body.lines.map((l) => l.sku))];
    const products = await getProducts(table, skus);
    const at = body.at ? new Date(body.at) : now();
    const { vendors, stock, learned } = await readSources(table, products.values(), regionOf(body.destination), at);
    const estimate = estimateCart(body.lines, body.destination, { products, vendors, stock, learned, now: at });
    // The same cart gives the same dates for minutes: a product page may call this on every view.
    return { body: estimate, headers: { 'cache-control': 'private, max-age=300' } };
  },

  async placeOrder({ body, headers, principal }, dependencies) {
    const { table, now, ids } = dependencies;
    const idempotencyKey = idempotencyKeyOf(headers);
    const storefrontId = storefrontOf(principal);
    const requestHash = fingerprint(body);

    const { previous, products } = await readForPlacement(table, { storefrontId, idempotencyKey, skus: skusOf(body) });
    if (previous) return replay(previous, requestHash, dependencies);

    // With allowSourceFallback, stock another order took between our read and our write sends the
    // line to the next source; without it the order is refused, naming the short lines.
    const attempts = body.allowSourceFallback ? 3 : 1;
    let placement: Placement | undefined;
    for (let attempt = 1; !placement; attempt++) {
      const at = now();
      const { vendors, stock, learned } = await readSources(table, products.values(), regionOf(body.shippingAddress), at);
      const candidate = placeOrder(body, { orderId: ids.orderId(), storefrontId, now: at, products, vendors, stock, learned, newPoNumber: ids.poNumber });
      const record = { storefrontId, idempotencyKey, requestHash, orderId: candidate.order.orderId, createdAt: at.toISOString() };
      try {
        await createOrder(table, candidate, record);
        placement = candidate;
      } catch (error) {
        if (error instanceof IdempotencyKeyTaken) {
          const winner = await getIdempotencyRecord(table, storefrontId, idempotencyKey);
          if (!winner) throw error;
          return replay(winner, requestHash, dependencies);
        }
        if (!(error instanceof StockTaken)) throw error;
        if (attempt >= attempts) {
          count(businessMetrics.ordersRefusedForStock);
          throw await shortOfStock(table, candidate, error);
        }
      }
    }
    await dependencies.workflow.start(placement.order.poNumbers);
    count(businessMetrics.ordersPlaced);
    logger.info('Order placed', {
      orderId: placement.order.orderId,
      poNumbers: placement.order.poNumbers,
      lineCount: placement.order.lines.length,
    });
    return { status: 201, body: toOrderView(placement.order, placement.purchaseOrders) };
  },

  async getOrder({ params, principal }, { table }) {
    const found = await findOwnOrder(table, params.orderId, principal);
    // What the retailer told its vendors is ops' business, not the storefront's.
    const notifications = principal.role === 'ops' ? found.notifications : found.notifications.filter((n) => !vendorMilestones.includes(n.milestone));
    // Its returns (named on its POs), with the refund each allows once credited: one BatchGet, only when there are any.
    const returns = await getReturns(table, found.purchaseOrders.flatMap((po) => Object.keys(po.returns ?? {})));
    return { body: { ...toOrderView(found.order, found.purchaseOrders, notifications), ...(returns.length > 0 && { returns }) } };
  },

  async cancelOrder({ params, body, principal }, dependencies) {
    const { table, now } = dependencies;
    const { order, purchaseOrders } = await findOwnOrder(table, params.orderId, principal);
    const plan = planCancellation(order, purchaseOrders, body.lines);
    const actor = { by: `storefront:${storefrontOf(principal)}`, at: now() };
    for (const [poNumber, lineNumbers] of plan) {
      await changeAndWake(dependencies, poNumber, (po) => ({ next: cancelRemainingLines(po, lineNumbers, body.reason, actor), response: null }));
    }
    logger.info('Order cancelled', { orderId: order.orderId, poNumbers: [...plan.keys()] });
    const after = await findOwnOrder(table, params.orderId, principal);
    return { body: toOrderView(after.order, after.purchaseOrders, after.notifications) };
  },
});

export const handler = createApiHandler(operations);
