import type { PlaceOrderInput } from '../contracts/orders';
import type { Product, ProductSource, Vendor } from './catalog';
import { DomainError, type FieldIssue } from './errors';
import type { ExceptionType, OpenException } from './exceptions';
import type { PurchaseOrderStatus } from './purchase-order-status';

/**
 * DynamoDB transactions hold at most 100 items; the order and its idempotency record take two,
 * so one order can open at most 98 purchase orders.
 */
export const maxPurchaseOrdersPerOrder = 98;

export type Fulfillment = 'DROPSHIP' | 'WAREHOUSE';

export interface OrderLine {
  lineNumber: number;
  sku: string;
  quantity: number;
  unitPrice: number;
  fulfillment: Fulfillment;
  vendorId?: string;
  poNumber?: string;
}

export interface Order extends Omit<PlaceOrderInput, 'lines'> {
  orderId: string;
  storefrontId: string;
  status: 'RECEIVED';
  lines: OrderLine[];
  poNumbers: string[];
  createdAt: string;
}

export type PurchaseOrderLineStatus = 'OPEN' | 'ACCEPTED' | 'BACKORDERED' | 'REJECTED' | 'CANCELLED';

export interface PurchaseOrderLine {
  /** Numbered from 1; the same number as PO1-01 in the X12 850. */
  lineNumber: number;
  orderLineNumber: number;
  sku: string;
  vendorSku: string;
  quantity: number;
  unitCost: number;
  status: PurchaseOrderLineStatus;
  /** What the vendor agreed to ship; the ordered quantity until it says otherwise. */
  acceptedQuantity: number;
  shippedQuantity: number;
  reason?: string;
  backorderDate?: string;
}

export interface ShipmentPackage {
  trackingNumber: string;
  trackingUrl: string;
  lines: { lineNumber: number; quantity: number }[];
}

export interface Shipment {
  shipmentId: string;
  carrier: string;
  service: string;
  shipDate: string;
  packages: ShipmentPackage[];
  receivedAt: string;
  source: 'API' | 'EDI';
}

export interface PurchaseOrderSla {
  shipWithinBusinessDays: number;
  cutoffTime: string;
  timeZone: string;
  holidays: string[];
  transitBusinessDays: Record<string, number>;
}

/** What the vendor must still be told, sent by the workflow's NotifyVendor step. */
export interface VendorNotice {
  type: 'CANCELLATION';
  lineNumbers: number[];
  reason: string;
}

export interface StatusChange {
  at: string;
  status: PurchaseOrderStatus;
  by: string;
  note?: string;
}

export interface PurchaseOrder {
  poNumber: string;
  orderId: string;
  vendorId: string;
  status: PurchaseOrderStatus;
  version: number;
  currency: string;
  shipTo: PlaceOrderInput['shippingAddress'] & { name: string };
  lines: PurchaseOrderLine[];
  history: StatusChange[];
  shipments: Shipment[];
  estimatedShipDate?: string;
  /** The workflow's task token while it waits on this PO; whoever moves the PO on takes it. */
  taskToken?: string;
  vendorNotice?: VendorNotice;
  transmittedAt?: string;
  acknowledgedAt?: string;
  dispatchedAt?: string;
  /** The vendor's SLA as it stood when the PO was sent: due times are computed from it. */
  sla?: PurchaseOrderSla;
  ackDueAt?: string;
  shipDueAt?: string;
  ackReminderAt?: string;
  autoCancelAt?: string;
  reminderSentAt?: string;
  /** Open exceptions, at most one per type; and every type ever raised, so a check raises each once. */
  openExceptions?: Partial<Record<ExceptionType, OpenException>>;
  raisedExceptions?: ExceptionType[];
  /** Set the first time the PO is late to acknowledge or ship (for the vendor's delay frequency). */
  late?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PlacementContext {
  orderId: string;
  storefrontId: string;
  now: Date;
  products: ReadonlyMap<string, Product>;
  vendors: ReadonlyMap<string, Vendor>;
  newPoNumber: () => string;
}

export interface Placement {
  order: Order;
  purchaseOrders: PurchaseOrder[];
}

/** The SKUs whose products must be read before an order can be classified. */
export const skusOf = (input: Pick<PlaceOrderInput, 'lines'>): string[] => [
  ...new Set(input.lines.map((line) => line.sku)),
];

/** The vendors named by any active source of the given products. */
export const vendorIdsOf = (products: Iterable<Product>): string[] => [
  ...new Set([...products].flatMap((p) => p.sources.filter((s) => s.active).map((s) => s.vendorId))),
];

/**
 * Picks the source for a dropship line: the cheapest active source of an active vendor, then the
 * lowest priority number, then the vendor id so the choice is stable.
 */
const chooseSource = (product: Product, vendors: ReadonlyMap<string, Vendor>): ProductSource | undefined =>
  product.sources
    .filter((source) => source.active && vendors.get(source.vendorId)?.active === true)
    .sort(
      (a, b) => a.unitCost - b.unitCost || a.priority - b.priority || a.vendorId.localeCompare(b.vendorId),
    )[0];

/**
 * Classifies every line as dropship or warehouse and groups the dropship lines into one purchase
 * order per vendor. Refuses the whole order, naming each bad line, when a SKU is unknown or all
 * of a dropship SKU's vendors are inactive.
 */
export function placeOrder(input: PlaceOrderInput, ctx: PlacementContext): Placement {
  const createdAt = ctx.now.toISOString();
  const issues: { code: 'UNKNOWN_SKU' | 'VENDOR_INACTIVE'; issue: FieldIssue }[] = [];
  const chosen = input.lines.map((line, index) => {
    const product = ctx.products.get(line.sku);
    if (!product) {
      issues.push({
        code: 'UNKNOWN_SKU',
        issue: { field: `lines.${index}.sku`, rule: 'known_sku', message: `SKU ${line.sku} is not in the catalog` },
      });
      return undefined;
    }
    if (!product.sources.some((source) => source.active)) return undefined;
    const source = chooseSource(product, ctx.vendors);
    if (!source) {
      const names = product.sources.filter((s) => s.active).map((s) => s.vendorId).join(', ');
      issues.push({
        code: 'VENDOR_INACTIVE',
        issue: {
          field: `lines.${index}.sku`,
          rule: 'active_vendor',
          message: `SKU ${line.sku} is sold only through inactive vendors (${names})`,
        },
      });
    }
    return source;
  });

  if (issues.length > 0) {
    const code = issues.some((i) => i.code === 'UNKNOWN_SKU') ? 'UNKNOWN_SKU' : 'VENDOR_INACTIVE';
    throw new DomainError(
      code,
      code === 'UNKNOWN_SKU' ? 'The order names SKUs that are not in the catalog' : 'The order names SKUs no active vendor can supply',
      issues.map((i) => i.issue),
    );
  }

  const poByVendor = new Map<string, PurchaseOrder>();
  const lines: OrderLine[] = input.lines.map((line, index) => {
    const lineNumber = index + 1;
    const source = chosen[index];
    if (!source) return { lineNumber, ...line, fulfillment: 'WAREHOUSE' };
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
      quantity: line.quantity,
      unitCost: source.unitCost,
      status: 'OPEN',
      acceptedQuantity: line.quantity,
      shippedQuantity: 0,
    });
    return { lineNumber, ...line, fulfillment: 'DROPSHIP', vendorId: source.vendorId, poNumber: po.poNumber };
  });

  const purchaseOrders = [...poByVendor.values()];
  if (purchaseOrders.length > maxPurchaseOrdersPerOrder) {
    throw new DomainError(
      'TOO_MANY_VENDORS',
      `An order can be split across at most ${maxPurchaseOrdersPerOrder} vendors; this one needs ${purchaseOrders.length}`,
      [{ field: 'lines', rule: 'max_vendors', message: `at most ${maxPurchaseOrdersPerOrder} vendors per order` }],
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
      createdAt,
    },
    purchaseOrders,
  };
}
