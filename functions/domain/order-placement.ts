import type { PlaceOrderInput } from '../contracts/orders';
import { takesOrders, type Product, type ProductSource, type Vendor } from './catalog';
import { defaultInventoryPolicy, stockKeyOf, stockStateOf, type StockLevel } from './inventory';
import { DomainError, type FieldIssue } from './errors';
import type { Order, OrderLine, PurchaseOrder } from './orders';
import { promiseDelivery, regionOf, type LearnedDelivery } from './delivery-learning';
import { withPublicHolidays } from './sla-calendar';

/**
 * DynamoDB transactions hold at most 100 items: the order, its idempotency record, each PO with its
 * list entry, and one stock reservation per vendor SKU. An order that would need more is refused.
 */
export const maxTransactionItems = 100;
export const maxPurchaseOrdersPerOrder = (maxTransactionItems - 2) / 2;

export interface PlacementContext {
  orderId: string;
  storefrontId: string;
  now: Date;
  products: ReadonlyMap<string, Product>;
  vendors: ReadonlyMap<string, Vendor>;
  /** Stock figures by `stockKeyOf(vendorId, vendorSku)`, for every active source. */
  stock: ReadonlyMap<string, StockLevel>;
  newPoNumber: () => string;
  /** What each vendor's history says of handling and of transit to the order's region (none: the SLA's promise). */
  learned?: ReadonlyMap<string, LearnedDelivery>;
}

export interface Reservation {
  vendorId: string;
  vendorSku: string;
  quantity: number;
}

export interface Placement {
  order: Order;
  purchaseOrders: PurchaseOrder[];
  /** Stock to take in the order's transaction, one per vendor SKU. */
  reservations: Reservation[];
}

/** The SKUs whose products must be read before an order can be classified. */
export const skusOf = (input: Pick<PlaceOrderInput, 'lines'>): string[] => [
  ...new Set(input.lines.map((line) => line.sku)),
];

export interface Routed {
  source: ProductSource;
  reason: string;
  reserve: boolean;
}

export type Routing = { routed: Routed } | { short: { available: number } } | { inactive: true } | { warehouse: true };

const byCostThenPriority = (a: ProductSource, b: ProductSource) =>
  a.unitCost - b.unitCost || a.priority - b.priority || a.vendorId.localeCompare(b.vendorId);

/**
 * Routes a dropship line to a source: among active sources of active vendors, those with fresh
 * stock enough for the line first, then (where the vendor's policy accepts it) those whose stock is
 * unknown; within each, the lowest cost, then the lowest priority number. `remaining` holds stock
 * already taken by earlier lines of the same order.
 */
export function route(product: Product, quantity: number, ctx: Pick<PlacementContext, 'vendors' | 'stock' | 'now'>, remaining: Map<string, number>): Routing {
  const active = product.sources.filter((source) => source.active);
  if (active.length === 0) return { warehouse: true };
  const candidates = active
    .filter((source) => { const vendor = ctx.vendors.get(source.vendorId); return vendor !== undefined && takesOrders(vendor); })
    .map((source) => {
      const policy = ctx.vendors.get(source.vendorId)?.inventory ?? defaultInventoryPolicy;
      const key = stockKeyOf(source.vendorId, source.vendorSku);
      const state = stockStateOf(ctx.stock.get(key), policy, ctx.now);
      return { source, key, policy, state, available: state.state === 'FRESH' ? (remaining.get(key) ?? state.available) : undefined };
    });
  if (candidates.length === 0) return { inactive: true };
  const inStock = candidates.filter((c) => c.available !== undefined && c.available >= quantity).sort((a, b) => byCostThenPriority(a.source, b.source));
  const cheapest = [...candidates].sort((a, b) => byCostThenPriority(a.source, b.source))[0];
  const pick = inStock[0];
  if (pick) {
    remaining.set(pick.key, (pick.available ?? 0) - quantity);
    const skipped = cheapest && cheapest !== pick ? `; cheaper ${cheapest.source.vendorId} ${cheapest.available === undefined ? 'has unknown stock' : 'is short'}` : '';
    return { routed: { source: pick.source, reserve: true, reason: `${candidates.length === 1 ? 'only source' : `cheapest in-stock source of ${candidates.length}`}${skipped}` } };
  }
  const unknown = candidates.filter((c) => c.state.state === 'UNKNOWN' && c.policy.whenStale === 'ACCEPT_AND_FLAG').sort((a, b) => byCostThenPriority(a.source, b.source))[0];
  if (unknown && unknown.state.state === 'UNKNOWN') {
    return { routed: { source: unknown.source, reserve: false, reason: `stock unknown (${unknown.state.reason}); accepted by ${unknown.source.vendorId}'s policy and flagged` } };
  }
  return { short: { available: Math.max(0, ...candidates.map((c) => c.available ?? 0)) } };
}

/**
 * Classifies every line as dropship or warehouse and groups the dropship lines into one purchase
 * order per vendor. Refuses the whole order, naming each bad line, when a SKU is unknown or all
 * of a dropship SKU's vendors are inactive.
 */
export function placeOrder(input: PlaceOrderInput, ctx: PlacementContext): Placement {
  const createdAt = ctx.now.toISOString();
  const issues: { code: 'UNKNOWN_SKU' | 'VENDOR_INACTIVE' | 'INSUFFICIENT_STOCK'; issue: FieldIssue }[] = [];
  const remaining = new Map<string, number>();
  const chosen = input.lines.map((line, index): Routed | undefined => {
    const product = ctx.products.get(line.sku);
    if (!product) {
      issues.push({
        code: 'UNKNOWN_SKU',
        issue: { field: `lines.${index}.sku`, rule: 'known_sku', message: `SKU ${line.sku} is not in the catalog` },
      });
      return undefined;
    }
    const routing = route(product, line.quantity, ctx, remaining);
    if ('routed' in routing) return routing.routed;
    if ('inactive' in routing) {
      const names = product.sources.filter((s) => s.active).map((s) => s.vendorId).join(', ');
      issues.push({
        code: 'VENDOR_INACTIVE',
        issue: { field: `lines.${index}.sku`, rule: 'active_vendor', message: `SKU ${line.sku} is sold only through vendors that are inactive or still onboarding (${names})` },
      });
    }
    if ('short' in routing) {
      issues.push({
        code: 'INSUFFICIENT_STOCK',
        issue: {
          field: `lines.${index}.quantity`,
          rule: 'in_stock',
          message: `SKU ${line.sku}: ${line.quantity} asked, ${routing.short.available} available`,
          sku: line.sku,
          asked: line.quantity,
          available: routing.short.available,
        },
      });
    }
    return undefined;
  });

  if (issues.length > 0) {
    const code = (['UNKNOWN_SKU', 'VENDOR_INACTIVE', 'INSUFFICIENT_STOCK'] as const).find((c) => issues.some((i) => i.code === c)) ?? 'UNKNOWN_SKU';
    const messages = {
      UNKNOWN_SKU: 'The order names SKUs that are not in the catalog',
      VENDOR_INACTIVE: 'The order names SKUs no active vendor can supply',
      INSUFFICIENT_STOCK: 'Some lines are short of stock',
    };
    throw new DomainError(code, messages[code], issues.filter((i) => i.code === code).map((i) => i.issue));
  }

  const poByVendor = new Map<string, PurchaseOrder>();
  const reservations = new Map<string, Reservation>();
  const lines: OrderLine[] = input.lines.map((line, index) => {
    const lineNumber = index + 1;
    const routed = chosen[index];
    const product = ctx.products.get(line.sku);
    const name = product?.name;
    if (!routed) return { lineNumber, ...line, ...(name && { name }), fulfillment: 'WAREHOUSE' };
    const { source } = routed;
    if (routed.reserve) {
      const key = stockKeyOf(source.vendorId, source.vendorSku);
      const held = reservations.get(key);
      reservations.set(key, { vendorId: source.vendorId, vendorSku: source.vendorSku, quantity: (held?.quantity ?? 0) + line.quantity });
    }
    let po = poByVendor.get(source.vendorId);
    if (!po) {
      po = {
        poNumber: ctx.newPoNumber(),
        orderId: ctx.orderId,
        vendorId: source.vendorId,
        status: 'PENDING',
        version: 1,
        currency: input.currency,
        shipTo: { name: input.customer.name, ...input.shippingAddress },
        ...(input.shipMethod && { shipMethod: input.shipMethod }),
        ...(input.packingSlipMessage && { packingSlipMessage: input.packingSlipMessage }),
        lines: [],
        history: [{ at: createdAt, status: 'PENDING', by: 'order-placement' }],
        shipments: [],
        createdAt,
        updatedAt: createdAt,
      };
      poByVendor.set(source.vendorId, po);
    }
    po.lines.push({
      lineNumber: po.lines.length + 1,
      orderLineNumber: lineNumber,
      sku: line.sku,
      vendorSku: source.vendorSku,
      ...(product?.gtin && { gtin: product.gtin }),
      ...(line.shipMethod && { shipMethod: line.shipMethod }),
      quantity: line.quantity,
      unitCost: source.unitCost,
      status: 'OPEN',
      acceptedQuantity: line.quantity,
      shippedQuantity: 0,
      reservedQuantity: routed.reserve ? line.quantity : 0,
    });
    return {
      lineNumber,
      ...line,
      ...(name && { name }),
      fulfillment: 'DROPSHIP',
      vendorId: source.vendorId,
      poNumber: po.poNumber,
      routing: { reason: routed.reason, stock: routed.reserve ? 'RESERVED' : 'UNKNOWN' },
    };
  });

  // Each PO's promise, made as a cart's estimate makes it: the order's is the latest of them.
  const region = regionOf(input.shippingAddress);
  const purchaseOrders = [...poByVendor.values()].map((po) => {
    const vendor = ctx.vendors.get(po.vendorId);
    return vendor ? { ...po, promise: promiseDelivery(ctx.now, withPublicHolidays(vendor.sla), region, ctx.learned?.get(po.vendorId)) } : po;
  });
  const promisedShipBy = purchaseOrders.map((po) => po.promise?.shipBy).sort().at(-1);
  const promised = purchaseOrders.map((po) => po.promise?.deliveryWindow?.latest);
  const promisedDeliveryBy = promised.every(Boolean) ? promised.sort().at(-1) : undefined;
  const writes = 2 + 2 * purchaseOrders.length + reservations.size;
  if (writes > maxTransactionItems) {
    throw new DomainError(
      'TOO_MANY_VENDORS',
      `An order is written in one transaction of at most ${maxTransactionItems} items; this one needs ${writes} (${purchaseOrders.length} vendors, ${reservations.size} stock reservations)`,
      [{ field: 'lines', rule: 'max_vendors', message: `split the order: each vendor's PO takes 2 of the transaction's ${maxTransactionItems} items, each reservation 1` }],
    );
  }

  const { lines: _inputLines, ...header } = input;
  return {
    order: {
      ...header,
      orderId: ctx.orderId,
      storefrontId: ctx.storefrontId,
      status: 'RECEIVED',
      lines,
      poNumbers: purchaseOrders.map((po) => po.poNumber),
      ...(promisedShipBy && { promisedShipBy }),
      ...(promisedDeliveryBy && { promisedDeliveryBy }),
      createdAt,
    },
    purchaseOrders,
    reservations: [...reservations.values()],
  };
}
