import { vendorDay } from './vendor-day';
import { addBusinessDaysToDate } from './sla-calendar';
import type { VendorSla } from './catalog';
import { deliveryEstimate, slaPromise } from './delivery-estimate';
import type { Order, PackageStatus, PurchaseOrder, PurchaseOrderLine } from './orders';
import type { Milestone } from './notification-kinds';
import { statusReached, type ReturnRecord } from './returns';
import { trackingLink } from './tracking-numbers';

export { channels, milestones, vendorMilestones, type Channel, type Milestone } from './notification-kinds';

export interface NoticeLine {
  sku: string;
  quantity: number;
  reason?: string;
  backorderDate?: string;
}

export interface NoticePackage {
  trackingNumber: string;
  trackingUrl?: string;
  items: NoticeLine[];
}

/**
 * One thing to tell the customer. `key` names it uniquely within the order (milestone, PO and,
 * for shipments and closed lines, which ones), so it is claimed, and sent, once per channel.
 */
export interface Notice {
  milestone: Milestone;
  key: string;
  poNumber?: string;
  estimatedShipDate?: string;
  estimatedDeliveryDate?: string;
  lines?: NoticeLine[];
  shipment?: { carrier: string; service: string; shipDate: string; packages: NoticePackage[] };
  /** Vendor messages: when the acknowledgment is due. */
  ackDueAt?: string;
  /** A package's own milestone (out for delivery, delivered, exception): which one, and the carrier's words. */
  package?: NoticePackage & { carrier: string; at: string; location?: string; description?: string };
  /** A return's milestone: its number, where the parcel goes and on which label, why it was rejected, the refund. */
  customerReturn?: { rmaId: string; returnless: boolean; returnAddress?: string; label?: { carrier: string; trackingNumber: string; trackingUrl?: string }; rejection?: string; refund?: string };
}

/**
 * What a customer hears of a return's change, each once (keys name the RMA): approved with where to
 * send it and the label (or that nothing need go back), rejected with the vendor's reason, received,
 * and the refund due once the vendor credits it.
 */
export function returnNoticesFor(before: ReturnRecord | undefined, after: ReturnRecord): Notice[] {
  const reached = (status: ReturnRecord['status']) => statusReached(before, after, status);
  const labelUrl = after.label && trackingLink(after.label.trackingNumber);
  const lines = after.lines.map((l) => ({ sku: l.sku, quantity: l.received?.quantity ?? l.quantity, ...(l.received && l.received.condition !== 'AS_NEW' && { reason: l.received.condition.toLowerCase().replace('_', ' ') }) }));
  const about = {
    rmaId: after.rmaId,
    returnless: after.returnless,
    ...(after.returnAddress && { returnAddress: after.returnAddress }),
    ...(after.label && { label: { ...after.label, ...(labelUrl && { trackingUrl: labelUrl }) } }),
    ...(after.rejection && { rejection: after.rejection }),
    ...(after.credit && { refund: money(after.credit.amount, after.currency) }),
  };
  const notice = (milestone: Milestone): Notice => ({ milestone, key: `${milestone}#${after.rmaId}`, poNumber: after.poNumber, lines, customerReturn: about });
  return [
    ...(reached('APPROVED') ? [notice('RETURN_APPROVED')] : []),
    ...(reached('REJECTED') ? [notice('RETURN_REJECTED')] : []),
    ...(reached('RECEIVED') ? [notice('RETURN_RECEIVED')] : []),
    ...(reached('CREDITED') && after.credit && after.credit.amount > 0 ? [notice('REFUND_DUE')] : []),
  ];
}

/** Package statuses the customer hears about, each once per package. */
const packageMilestones: Partial<Record<PackageStatus, Milestone>> = { OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY', DELIVERED: 'DELIVERED', EXCEPTION: 'DELIVERY_EXCEPTION' };

const latest = (dates: readonly (string | undefined)[]) => dates.filter((d): d is string => Boolean(d)).sort().at(-1);

/**
 * The order-received notice, with the promise made at the order (`promisedShipBy`/`promisedDeliveryBy`:
 * the latest of its POs', learned or from the SLA, as `POST /delivery-estimates` answered). An order
 * placed before promises were kept uses its vendors' SLAs (`slas`). A warehouse-only order has none.
 */
export function orderReceivedNotice(order: Pick<Order, 'createdAt' | 'promisedShipBy' | 'promisedDeliveryBy'>, slas: readonly VendorSla[]): Notice {
  const promises = order.promisedShipBy ? [] : slas.map((sla) => slaPromise(new Date(order.createdAt), sla));
  const estimatedShipDate = order.promisedShipBy ?? latest(promises.map((p) => p.shipBy));
  const estimatedDeliveryDate = order.promisedShipBy ? order.promisedDeliveryBy : promises.every((p) => p.deliverBy) ? latest(promises.map((p) => p.deliverBy)) : undefined;
  return {
    milestone: 'ORDER_RECEIVED',
    key: 'ORDER_RECEIVED',
    ...(estimatedShipDate && { estimatedShipDate }),
    ...(estimatedDeliveryDate && { estimatedDeliveryDate }),
  };
}

/**
 * A delayed PO's new delivery date: the promised transit after the new ship date (a backorder's), or
 * after the next business day when nobody has named one yet. Only for a PO promised with a transit.
 */
function delayedDelivery(po: PurchaseOrder, newShipDate: string | undefined): { estimatedDeliveryDate?: string } {
  const transit = po.promise?.transit;
  if (!transit || !po.sla) return {};
  const from = newShipDate ?? addBusinessDaysToDate(vendorDay(po.openExceptions?.DELAYED?.openedAt ?? po.updatedAt, po.sla.timeZone), 1, po.sla);
  return { estimatedDeliveryDate: addBusinessDaysToDate(from, transit.high, po.sla) };
}

const lineNumbersOf = (lines: readonly { lineNumber: number }[]) => lines.map((l) => l.lineNumber).join('.');

/**
 * The customer milestones a PO change reaches: acknowledged (with the ship date and any backorder
 * dates), each new shipment with its packages, delayed, lines cancelled, lines the vendor rejected.
 * Pure: it compares the PO before and after the change, so a change that is replayed (the same
 * before and after) yields the same keys, and a change that reaches nothing new yields none.
 */
export function noticesFor(before: PurchaseOrder | undefined, after: PurchaseOrder): Notice[] {
  const notices: Notice[] = [];
  const base = { poNumber: after.poNumber };
  const promise = deliveryEstimate(after);
  const skuOf = (lineNumber: number) => after.lines.find((l) => l.lineNumber === lineNumber)?.sku ?? `line ${lineNumber}`;

  const acknowledgedNow = after.status === 'ACKNOWLEDGED' && (before === undefined || ['PENDING', 'SENT_TO_VENDOR'].includes(before.status));
  if (acknowledgedNow) {
    const backordered = after.lines.filter((l) => l.status === 'BACKORDERED');
    notices.push({
      ...base,
      milestone: 'ACKNOWLEDGED',
      key: `ACKNOWLEDGED#${after.poNumber}`,
      ...promise,
      ...(backordered.length > 0 && { lines: backordered.map((l) => ({ sku: l.sku, quantity: l.acceptedQuantity, ...(l.backorderDate && { backorderDate: l.backorderDate }) })) }),
    });
  }

  for (const shipment of after.shipments.slice(before?.shipments.length ?? 0)) {
    notices.push({
      ...base,
      milestone: 'SHIPPED',
      key: `SHIPPED#${after.poNumber}#${shipment.shipmentId}`,
      ...promise,
      shipment: {
        carrier: shipment.carrier,
        service: shipment.service,
        shipDate: shipment.shipDate,
        packages: shipment.packages.map((p) => ({
          trackingNumber: p.trackingNumber,
          trackingUrl: p.trackingUrl,
          items: p.lines.map((l) => ({ sku: skuOf(l.lineNumber), quantity: l.quantity })),
        })),
      },
    });
  }

  if (after.openExceptions?.DELAYED && !before?.openExceptions?.DELAYED) {
    // The only new date anyone knows is a backorder date; otherwise the customer hears when it ships.
    const newShipDate = latest(after.lines.filter((l) => l.status === 'BACKORDERED').map((l) => l.backorderDate));
    notices.push({ ...base, milestone: 'DELAYED', key: `DELAYED#${after.poNumber}`, ...(newShipDate && { estimatedShipDate: newShipDate }), ...delayedDelivery(after, newShipDate) });
  }

  // A package's milestones: each once per package (its key names the package), with the carrier's words.
  const wasTracked = new Map((before?.shipments ?? []).flatMap((s) => s.packages.map((p) => [`${s.shipmentId}#${p.trackingNumber}`, p.tracking?.status] as const)));
  for (const shipment of after.shipments) {
    for (const pkg of shipment.packages) {
      const status = pkg.tracking?.status;
      const milestone = status && packageMilestones[status];
      if (!milestone || wasTracked.get(`${shipment.shipmentId}#${pkg.trackingNumber}`) === status) continue;
      const event = pkg.tracking?.events.filter((e) => e.status === status).at(-1);
      notices.push({
        ...base,
        milestone,
        key: `${milestone}#${after.poNumber}#${pkg.trackingNumber}`,
        package: {
          trackingNumber: pkg.trackingNumber,
          ...(pkg.trackingUrl && { trackingUrl: pkg.trackingUrl }),
          carrier: pkg.carrier ?? shipment.carrier,
          at: event?.at ?? after.updatedAt,
          ...(event?.location && { location: event.location }),
          ...(event?.description && { description: event.description }),
          items: pkg.lines.map((l) => ({ sku: skuOf(l.lineNumber), quantity: l.quantity })),
        },
      });
    }
  }

  // Lines that will not arrive: what is left of them (a cancelled line may have partly shipped), and why.
  // A line the vendor dropped waits for its re-routing decision: re-routed, the customer hears that
  // it moves to another supplier instead; not, that it will not arrive, with the reason.
  const closedFor = (line: PurchaseOrderLine | undefined, status: string) =>
    line?.status === status && !(line.dropped && (!line.reroute || line.reroute.outcome === 'AWAITING_APPROVAL')) && line.reroute?.outcome !== 'REROUTED';
  const closings = [['CANCELLED', 'CANCELLED'], ['REJECTED', 'LINE_REJECTED']] as const;
  for (const [status, milestone] of closings) {
    const closed = after.lines.filter((l) => closedFor(l, status) && !closedFor(before?.lines.find((b) => b.lineNumber === l.lineNumber), status));
    if (closed.length === 0) continue;
    notices.push({
      ...base,
      milestone,
      key: `${milestone}#${after.poNumber}#${lineNumbersOf(closed)}`,
      lines: closed.map((l) => {
        const reason = l.reroute?.outcome === 'NOT_REROUTED' ? `${l.reason ?? 'unavailable'}; ${l.reroute.reason}` : l.reason;
        return { sku: l.sku, quantity: l.quantity - l.shippedQuantity, ...(reason && { reason }) };
      }),
    });
  }
  const moved = after.lines.filter((l) => l.reroute?.outcome === 'REROUTED' && before?.lines.find((b) => b.lineNumber === l.lineNumber)?.reroute?.outcome !== 'REROUTED');
  if (moved.length > 0) {
    // The new promise: the latest of the new sources' (each line's move carries its own).
    const promised = moved.map((l) => (l.reroute?.outcome === 'REROUTED' ? l.reroute : undefined));
    const estimatedShipDate = latest(promised.map((p) => p?.estimatedShipDate));
    const estimatedDeliveryDate = latest(promised.map((p) => p?.estimatedDeliveryDate));
    notices.push({
      ...base,
      milestone: 'LINE_REROUTED',
      key: `LINE_REROUTED#${after.poNumber}#${lineNumbersOf(moved)}`,
      lines: moved.map((l) => ({ sku: l.sku, quantity: l.quantity - l.shippedQuantity })),
      ...(estimatedShipDate && { estimatedShipDate }),
      ...(estimatedDeliveryDate && { estimatedDeliveryDate }),
    });
  }
  return notices;
}

export interface MessageItem extends NoticeLine {
  /** The product's name as the order recorded it, else the SKU. */
  name: string;
  /** The order-received message: what the line costs the customer, formatted in the order's currency. */
  price?: string;
}

/** Who the customer bought from, and where its order page is (configuration, like RETAILER_NAME). */
export interface Storefront {
  retailerName: string;
  logoUrl?: string;
  /** `https://shop.example/orders/{storefrontOrderId}`: `{storefrontOrderId}` and `{orderId}` are filled in. */
  orderUrlTemplate?: string;
}

/** An amount in minor units as a customer or vendor reads it: `$12.00`, `12,00 €`. */
export const money = (minor: number, currency: string) => {
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 10 ** digits);
};

/** What a template is rendered with: the notice, the customer's first name, and named items. */
export interface MessageData extends Omit<Notice, 'lines' | 'shipment' | 'package'> {
  /** Vendor messages: whom they greet, and the PO's page in the vendor portal. */
  vendorName?: string;
  poUrl?: string;
  customerName: string;
  storefrontOrderId: string;
  items: MessageItem[];
  retailerName?: string;
  logoUrl?: string;
  orderUrl?: string;
  /** The order-received message: the total of its lines, and where they go. */
  total?: string;
  shipTo?: { name: string; lines: string[] };
  shipment?: Omit<NonNullable<Notice['shipment']>, 'packages'> & { packages: (Omit<NoticePackage, 'items'> & { items: MessageItem[] })[] };
  package?: Omit<NonNullable<Notice['package']>, 'items'> & { items: MessageItem[] };
}

/**
 * Joins a notice to its order: product names for every SKU; for the order-received message every
 * line with its price, the total and the shipping address; the retailer and the order's page.
 */
export function messageData(
  order: Pick<Order, 'customer' | 'storefrontOrderId' | 'lines'> & Partial<Pick<Order, 'orderId' | 'currency' | 'shippingAddress'>>,
  notice: Notice,
  storefront?: Storefront,
): MessageData {
  const names = new Map(order.lines.map((l) => [l.sku, l.name ?? l.sku]));
  const named = (line: NoticeLine): MessageItem => ({ ...line, name: names.get(line.sku) ?? line.sku });
  const { lines, shipment, package: pkg, ...rest } = notice;
  const received = notice.milestone === 'ORDER_RECEIVED';
  const priced = received && order.currency;
  const items: MessageItem[] = lines
    ? lines.map(named)
    : received
      ? order.lines.map((l) => ({ ...named({ sku: l.sku, quantity: l.quantity }), ...(priced && order.currency && { price: money(l.unitPrice * l.quantity, order.currency) }) }))
      : [];
  const address = order.shippingAddress;
  const orderUrl = storefront?.orderUrlTemplate?.replaceAll('{storefrontOrderId}', encodeURIComponent(order.storefrontOrderId)).replaceAll('{orderId}', encodeURIComponent(order.orderId ?? ''));
  return {
    ...rest,
    customerName: order.customer.name,
    storefrontOrderId: order.storefrontOrderId,
    items,
    ...(storefront && { retailerName: storefront.retailerName, ...(storefront.logoUrl && { logoUrl: storefront.logoUrl }) }),
    ...(orderUrl && { orderUrl }),
    ...(priced && order.currency && { total: money(order.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0), order.currency) }),
    ...(received && address && {
      shipTo: { name: order.customer.name, lines: [address.line1, address.line2, [address.city, address.region, address.postalCode].filter(Boolean).join(' '), address.country].filter((l): l is string => Boolean(l)) },
    }),
    ...(shipment && { shipment: { ...shipment, packages: shipment.packages.map((p) => ({ ...p, items: p.items.map(named) })) } }),
    ...(pkg && { package: { ...pkg, items: pkg.items.map(named) } }),
  };
}

/**
 * What a portal vendor (no EDI, no API) must hear of a PO change, by email with a link to the PO in
 * the vendor portal: a new PO when it reaches the vendor, the reminder when the SLA check sends one,
 * lines the retailer cancelled while the vendor had them. Keys name the PO (and the lines), so each
 * is sent once.
 */
export function vendorNoticesFor(before: PurchaseOrder | undefined, after: PurchaseOrder): Notice[] {
  const notices: Notice[] = [];
  const base = { poNumber: after.poNumber, ...(after.ackDueAt && { ackDueAt: after.ackDueAt }) };
  const open = after.lines.filter((l) => l.status !== 'CANCELLED');
  if (after.transmittedAt && !before?.transmittedAt) {
    notices.push({ ...base, milestone: 'VENDOR_NEW_PO', key: `VENDOR_NEW_PO#${after.poNumber}`, lines: open.map((l) => ({ sku: l.sku, quantity: l.quantity })) });
  }
  if (after.reminderSentAt && !before?.reminderSentAt && after.status === 'SENT_TO_VENDOR') {
    notices.push({ ...base, milestone: 'VENDOR_REMINDER', key: `VENDOR_REMINDER#${after.poNumber}` });
  }
  const cancelled = after.lines.filter((l) => l.status === 'CANCELLED' && before?.lines.find((b) => b.lineNumber === l.lineNumber)?.status !== 'CANCELLED');
  if (cancelled.length > 0 && before?.transmittedAt) {
    notices.push({ ...base, milestone: 'VENDOR_CANCELLATION', key: `VENDOR_CANCELLATION#${after.poNumber}#${cancelled.map((l) => l.lineNumber).join('.')}`, lines: cancelled.map((l) => ({ sku: l.sku, quantity: l.quantity, ...(l.reason && { reason: l.reason }) })) });
  }
  return notices;
}
