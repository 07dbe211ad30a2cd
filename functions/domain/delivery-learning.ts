import { DateTime } from 'luxon';
import type { VendorSla } from './catalog';
import type { PurchaseOrder, PurchaseOrderSla } from './orders';
import { addBusinessDaysToDate, businessDaysBetween, orderBusinessDay } from './sla-calendar';
import { carrierNamed } from './tracking-numbers';
import { vendorDay } from './vendor-day';
import { learningWeeks, maxLearnedDays, percentileOf, sampleSize, weekOf, type Histogram } from './delivery-histogram';

export { histogramOf, percentileOf, sampleAttribute, sampleSize, weekOf, type Histogram } from './delivery-histogram';

/**
 * What a vendor and its carriers really take, learned from delivered parcels, and the promise made
 * from it. Two small aggregates per vendor, each a histogram of business days by week:
 * - handling: from the PO sent (its business day, after the cut-off the next one) to the first
 *   carrier scan, in the vendor's calendar, one sample per PO;
 * - transit, per destination region: from the first scan to delivered, business days, one sample
 *   per package, by carrier service.
 * Both are counted in the PO's own write (so a replayed event adds nothing) and read whole for a
 * promise: the weeks of the last 60 days, never the history itself.
 */

/** The learned figures a promise uses: for handling, and for transit to one region. */
export interface LearnedDelivery {
  handling: Histogram;
  transit: Histogram;
}

export const learning = {
  weeks: learningWeeks,
  /** Handling is learned with this many POs behind it; the SLA stands in below. */
  minHandlingSamples: 20,
  /** Transit to a region is learned with this many packages behind it; the vendor's transit setting stands in below. */
  minTransitSamples: 10,
  maxDays: maxLearnedDays,
  /** The promise's high percentile (the window's latest), unless the vendor sets its own. */
  percentile: 0.9,
  /** The window's earliest. */
  lowPercentile: 0.1,
};

/** Where a parcel goes, for transit: a US 3-digit ZIP prefix (`US-627`), else the country. */
export function regionOf(destination: { postalCode: string; country: string }): string {
  return destination.country === 'US' ? `US-${destination.postalCode.trim().slice(0, 3)}` : destination.country.toUpperCase();
}


const clamp = (days: number) => Math.max(0, Math.min(learning.maxDays, days));

/** Business days from the PO's first business day (the cut-off counted) to the first scan's day. */
export function handlingDays(sentAt: string, firstScanAt: string, sla: Pick<VendorSla, 'cutoffTime' | 'timeZone' | 'holidays'>): number {
  const start = orderBusinessDay(new Date(sentAt), sla).toISODate() as string;
  return clamp(businessDaysBetween(start, vendorDay(firstScanAt, sla.timeZone), sla));
}

/** Business days from the first scan's day to the delivery's day (a Saturday delivery after a Friday scan: 0). */
export function transitDays(firstScanAt: string, deliveredAt: string, sla: Pick<VendorSla, 'timeZone' | 'holidays'>): number {
  return clamp(businessDaysBetween(vendorDay(firstScanAt, sla.timeZone), vendorDay(deliveredAt, sla.timeZone), sla));
}

export interface LearningSample {
  week: number;
  days: number;
}

export interface LearningDeltas {
  handling?: LearningSample;
  /** Per region: the packages delivered in this change, each with its carrier service. */
  transit: Map<string, (LearningSample & { service: string })[]>;
}

/** The samples a PO change adds: its first carrier scan (handling), each package newly delivered (transit). */
export function learningDeltas(before: PurchaseOrder, after: PurchaseOrder): LearningDeltas | undefined {
  const sla = after.sla;
  if (!sla || !after.transmittedAt || after.test) return undefined;
  const packages = (po: PurchaseOrder) => po.shipments.flatMap((s) => s.packages.map((p) => ({ shipment: s, pkg: p, key: `${s.shipmentId}#${p.trackingNumber}` })));
  const firstScan = (po: PurchaseOrder) => packages(po).map((p) => p.pkg.tracking?.firstScanAt).filter((d): d is string => Boolean(d)).sort()[0];
  const deltas: LearningDeltas = { transit: new Map() };
  const scannedAt = firstScan(after);
  if (scannedAt && !firstScan(before)) deltas.handling = { week: weekOf(vendorDay(scannedAt, sla.timeZone)), days: handlingDays(after.transmittedAt, scannedAt, sla) };
  const wasDelivered = new Set(packages(before).filter((p) => p.pkg.tracking?.deliveredAt).map((p) => p.key));
  const region = regionOf(after.shipTo);
  for (const { shipment, pkg, key } of packages(after)) {
    const { firstScanAt, deliveredAt } = pkg.tracking ?? {};
    if (!deliveredAt || !firstScanAt || wasDelivered.has(key)) continue;
    const service = `${carrierNamed(shipment.carrier)?.code ?? shipment.carrier.toUpperCase().replace(/[^A-Z0-9]/g, '')}:${shipment.service.toUpperCase().replace(/[^A-Z0-9_]/g, '')}`;
    deltas.transit.set(region, [...(deltas.transit.get(region) ?? []), { week: weekOf(vendorDay(deliveredAt, sla.timeZone)), days: transitDays(firstScanAt, deliveredAt, sla), service }]);
  }
  return deltas.handling || deltas.transit.size > 0 ? deltas : undefined;
}





/** The distribution of the sum of two independent times: each pair of buckets, weighted by both counts. */
export function convolve(a: Histogram, b: Histogram): Histogram {
  const sum: Histogram = {};
  for (const [x, n] of Object.entries(a)) for (const [y, m] of Object.entries(b)) sum[Number(x) + Number(y)] = (sum[Number(x) + Number(y)] ?? 0) + n * m;
  return sum;
}

/**
 * The promise for an order placed at `at`, by a vendor, to a region, counted in business days from
 * the day the order counts from (the cut-off considered). `LEARNED` where the history backs it:
 * shipped by the high percentile of handling (p90 unless the vendor sets its own), delivered between
 * the low (p10) and high percentiles of handling plus transit (the two distributions convolved: a
 * sum of two p90s would promise later than 90 % of orders need). `SLA` otherwise: the SLA's ship-by
 * day, and the vendor's transit setting (`*`). Transit is learned or not on its own, per region.
 */
export interface DeliveryPromise {
  shipBy: string;
  deliveryWindow?: { earliest: string; latest: string };
  basis: 'LEARNED' | 'SLA';
  /** POs behind the handling time (0 on the SLA basis). */
  sampleSize: number;
  transit?: { low: number; high: number; basis: 'LEARNED' | 'SLA'; sampleSize: number };
  region: string;
}

export function promiseDelivery(
  at: Date,
  sla: Pick<VendorSla, 'cutoffTime' | 'timeZone' | 'holidays' | 'shipWithinBusinessDays' | 'transitBusinessDays'> & { promisePercentile?: number },
  region: string,
  learned?: LearnedDelivery,
): DeliveryPromise {
  const p = (sla.promisePercentile ?? learning.percentile * 100) / 100;
  const start = orderBusinessDay(at, sla).toISODate() as string;
  const handlingSamples = sampleSize(learned?.handling ?? {});
  const handlingLearned = learned && handlingSamples >= learning.minHandlingSamples;
  const shipBy = addBusinessDaysToDate(start, handlingLearned ? percentileOf(learned.handling, p) : sla.shipWithinBusinessDays, sla);
  const transitSamples = sampleSize(learned?.transit ?? {});
  const slaTransit = sla.transitBusinessDays?.['*'];
  const transit = learned && transitSamples >= learning.minTransitSamples
    ? { low: percentileOf(learned.transit, learning.lowPercentile), high: percentileOf(learned.transit, p), basis: 'LEARNED' as const, sampleSize: transitSamples }
    : slaTransit === undefined ? undefined : { low: slaTransit, high: slaTransit, basis: 'SLA' as const, sampleSize: 0 };
  // Order to door is handling plus transit: their sum's distribution where both are learned, else
  // the known parts added (a handling of 0 to the SLA's ship-by day, the transit setting).
  const learnedHandling = handlingLearned ? learned.handling : undefined;
  const total = learnedHandling && transit?.basis === 'LEARNED' ? convolve(learnedHandling, (learned as LearnedDelivery).transit) : undefined;
  const window = total
    ? { earliest: addBusinessDaysToDate(start, percentileOf(total, learning.lowPercentile), sla), latest: addBusinessDaysToDate(start, percentileOf(total, p), sla) }
    : transit && {
        earliest: addBusinessDaysToDate(start, (learnedHandling ? percentileOf(learnedHandling, learning.lowPercentile) : 0) + transit.low, sla),
        latest: addBusinessDaysToDate(shipBy, transit.high, sla),
      };
  return {
    shipBy,
    ...(window && { deliveryWindow: window }),
    basis: handlingLearned ? 'LEARNED' : 'SLA',
    sampleSize: handlingLearned ? handlingSamples : 0,
    ...(transit && { transit }),
    region,
  };
}

/**
 * The promise moved by what is now known: the vendor's ship date (acknowledged with one) or the
 * shipment's, plus the transit the promise was made with. Unchanged before either is known.
 */
export function movedPromise(po: Pick<PurchaseOrder, 'promise' | 'shipments' | 'estimatedShipDate' | 'shipDateSource'>, sla: Pick<PurchaseOrderSla, 'timeZone' | 'holidays'>): { earliest: string; latest: string } | undefined {
  const promise = po.promise;
  if (!promise?.deliveryWindow || !promise.transit) return promise?.deliveryWindow;
  const shipDate = po.shipments.at(-1)?.shipDate ?? (po.shipDateSource === 'VENDOR' ? po.estimatedShipDate : undefined);
  if (!shipDate) return promise.deliveryWindow;
  return { earliest: addBusinessDaysToDate(shipDate, promise.transit.low, sla), latest: addBusinessDaysToDate(shipDate, promise.transit.high, sla) };
}

/** Calendar days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round(DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days);
