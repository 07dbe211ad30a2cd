import type { Product, Vendor } from './catalog';
import { DomainError } from './errors';
import type { StockLevel } from './inventory';
import { route } from './order-placement';
import { promiseDelivery, regionOf, type DeliveryPromise, type LearnedDelivery } from './delivery-learning';
import { withPublicHolidays } from './sla-calendar';

/**
 * A delivery date a storefront can show before the sale: each line goes to the source placement
 * would choose now (the same `route`), and its dates are the promise placement would make for it
 * (`promiseDelivery`: learned from the vendor's handling and its transit to the destination's region
 * where history backs it, else its SLA). The cart's dates are the latest of its lines', exactly what
 * the order will promise for the same cart at the same time.
 */
export interface LineEstimate {
  sku: string;
  quantity: number;
  fulfillment: 'DROPSHIP' | 'WAREHOUSE';
  /** The vendor the line would go to; null for the retailer's own warehouse stock. */
  vendorId: string | null;
  shipBy: string | null;
  deliveryWindow: { earliest: string; latest: string } | null;
  /** LEARNED: from the vendor's delivered POs (`sampleSize` of them); SLA: history too thin. Null for warehouse lines. */
  basis: DeliveryPromise['basis'] | null;
  sampleSize?: number;
  /** The transit the window uses: learned for the destination's region (packages behind it), or the vendor's setting. */
  transit?: DeliveryPromise['transit'];
  /** Why a date is missing, in words. */
  note?: string;
}

export interface CartEstimate {
  lines: LineEstimate[];
  shipBy: string | null;
  deliveryBy: string | null;
}

export function estimateCart(
  lines: readonly { sku: string; quantity: number }[],
  destination: { postalCode: string; country: string },
  ctx: { products: ReadonlyMap<string, Product>; vendors: ReadonlyMap<string, Vendor>; stock: ReadonlyMap<string, StockLevel>; learned?: ReadonlyMap<string, LearnedDelivery>; now: Date },
): CartEstimate {
  const unknown = lines.flatMap((line, i) => (ctx.products.has(line.sku) ? [] : [{ field: `lines.${i}.sku`, rule: 'known_sku', message: `SKU ${line.sku} is not in the catalog` }]));
  if (unknown.length > 0) throw new DomainError('UNKNOWN_SKU', 'The cart names SKUs the catalog does not have', unknown);
  const remaining = new Map<string, number>();
  const estimates = lines.map((line): LineEstimate => {
    const product = ctx.products.get(line.sku) as Product;
    const routing = route(product, line.quantity, ctx, remaining);
    const base = { sku: line.sku, quantity: line.quantity };
    if ('warehouse' in routing) return { ...base, fulfillment: 'WAREHOUSE', vendorId: null, shipBy: null, deliveryWindow: null, basis: null, note: 'shipped from the retailer’s own warehouse: its dates are the storefront’s' };
    if (!('routed' in routing)) {
      const note = 'short' in routing ? `no source has ${line.quantity} in stock (at most ${routing.short.available})` : 'no active vendor supplies it';
      return { ...base, fulfillment: 'DROPSHIP', vendorId: null, shipBy: null, deliveryWindow: null, basis: null, note };
    }
    const vendor = ctx.vendors.get(routing.routed.source.vendorId) as Vendor;
    const promise = promiseDelivery(ctx.now, withPublicHolidays(vendor.sla), regionOf(destination), ctx.learned?.get(vendor.vendorId));
    return {
      ...base,
      fulfillment: 'DROPSHIP',
      vendorId: vendor.vendorId,
      shipBy: promise.shipBy,
      deliveryWindow: promise.deliveryWindow ?? null,
      basis: promise.basis,
      sampleSize: promise.sampleSize,
      ...(promise.transit && { transit: promise.transit }),
      ...(!promise.deliveryWindow && { note: `${vendor.vendorId} has no transit time set and no deliveries to learn one from` }),
    };
  });
  const latest = (dates: (string | null | undefined)[]) => dates.filter((d): d is string => Boolean(d)).sort().at(-1) ?? null;
  const dropship = estimates.filter((e) => e.vendorId);
  return {
    lines: estimates,
    shipBy: latest(dropship.map((e) => e.shipBy)),
    deliveryBy: dropship.every((e) => e.deliveryWindow) ? latest(dropship.map((e) => e.deliveryWindow?.latest)) : null,
  };
}
