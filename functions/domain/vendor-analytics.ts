import { deliveryEstimate } from './delivery-estimate';
import { daysBetween } from './delivery-learning';
import { percentileOf, sampleSize, type Histogram } from './delivery-histogram';
import { endOfDate } from './sla-calendar';
import type { PurchaseOrder } from './orders';
import { vendorDay } from './vendor-day';

/**
 * Per-vendor counters, kept per day of the vendor's own calendar (its SLA's time zone) and updated
 * in the same write as each PO change, so a report reads one item per day whatever the order
 * volume. `ackQ_<n>` / `shipQ_<n>` count POs acknowledged / dispatched n quarter-hours after they
 * were sent (a histogram for percentiles).
 */
export type DayCounters = Record<string, number>;

/**
 * The compliance violations of a day, as sets on the same item (so a retried change adds nothing):
 * what a charge lists. `LATE_SHIPMENT`: POs; `VENDOR_CANCELLATION`: `PO#line`;
 * `TRACKING_REFUSED`: POs; `ASN_LATE`: `PO#shipment#hours` (hours after the end of the ship date);
 * `NO_CARRIER_SCAN`: `PO#tracking number`.
 */
export type DayViolations = Partial<Record<'LATE_SHIPMENT' | 'VENDOR_CANCELLATION' | 'TRACKING_REFUSED' | 'ASN_LATE' | 'NO_CARRIER_SCAN', string[]>>;

export interface DayDeltas {
  day: string;
  counters: DayCounters;
  violations: DayViolations;
}


const quarterHours = (from: string | undefined, to: string) =>
  from === undefined ? undefined : Math.max(1, Math.ceil((Date.parse(to) - Date.parse(from)) / 900_000));

const newly = <T>(before: T | undefined, after: T | undefined) => before === undefined && after !== undefined;
const late = (due: string | undefined, at: string) => due !== undefined && Date.parse(at) > Date.parse(due);

const closedStatuses = new Set(['REJECTED', 'CANCELLED', 'DISPATCHED']);

/** The day counter of one SKU's shipped units: `shipped_LAMP-001`. */
export const shippedSkuPrefix = 'shipped_';

/** The counters and violations a PO change adds to its vendor's day (the day the change happened, in the vendor's zone). */
export function counterDeltas(before: PurchaseOrder, after: PurchaseOrder): DayDeltas | undefined {
  const at = after.updatedAt;
  const counters: DayCounters = {};
  const violations: DayViolations = {};
  const add = (name: string, value = 1) => {
    if (value !== 0) counters[name] = (counters[name] ?? 0) + value;
  };
  const violation = (type: keyof DayViolations, item: string) => (violations[type] ??= []).push(item);
  const byVendorLines = after.lines.filter((l) => {
    const was = before.lines.find((b) => b.lineNumber === l.lineNumber)?.status;
    const byVendor = l.status === 'REJECTED' || (l.status === 'CANCELLED' && after.history.at(-1)?.by.startsWith('sla'));
    return byVendor && was !== l.status;
  });
  for (const line of byVendorLines) violation('VENDOR_CANCELLATION', `${after.poNumber}#${line.lineNumber}`);
  if (before.status !== 'DISPATCHED' && after.status === 'DISPATCHED' && after.dispatchedAt && late(after.shipDueAt, after.dispatchedAt)) violation('LATE_SHIPMENT', after.poNumber);
  for (const shipment of after.shipments.slice(before.shipments.length)) {
    const hours = Math.ceil((Date.parse(shipment.receivedAt) - endOfDate(shipment.shipDate, after.sla?.timeZone ?? 'UTC').getTime()) / 3_600_000);
    if (hours > 0) violation('ASN_LATE', `${after.poNumber}#${shipment.shipmentId}#${hours}`);
  }
  if (after.openExceptions?.NO_CARRIER_SCAN && before.openExceptions?.NO_CARRIER_SCAN?.exceptionId !== after.openExceptions.NO_CARRIER_SCAN.exceptionId) {
    violation('NO_CARRIER_SCAN', after.poNumber);
  }
  if (newly(before.transmittedAt, after.transmittedAt)) {
    add('sent');
    add('linesSent', after.lines.filter((l) => l.status !== 'CANCELLED').length);
    add('unitsOrdered', after.lines.filter((l) => l.status !== 'CANCELLED').reduce((total, l) => total + l.quantity, 0));
  }
  // Lines the vendor dropped, once decided: moved to another source (the customer never saw it), or lost.
  for (const line of after.lines) {
    const was = before.lines.find((b) => b.lineNumber === line.lineNumber)?.reroute;
    if (line.reroute && !was) add('linesDropped');
    if (line.reroute?.outcome === 'REROUTED' && was?.outcome !== 'REROUTED') add('linesReroutedAway');
  }
  if (newly(before.acknowledgedAt, after.acknowledgedAt) && after.acknowledgedAt) {
    add('acked');
    if (!late(after.ackDueAt, after.acknowledgedAt)) add('ackedOnTime');
    if (after.shipDateSource === 'SLA') add('ackedWithoutShipDate');
    const q = quarterHours(after.transmittedAt, after.acknowledgedAt);
    if (q !== undefined) add(`ackQ_${q}`);
  }
  if (before.status !== after.status && closedStatuses.has(after.status)) {
    // The fill rate counts closed POs only (an open one has not had its chance to ship); a customer's
    // cancellation is not the vendor's, so its units count on neither side.
    const byCustomer = after.status === 'CANCELLED' && !after.history.at(-1)?.by.startsWith('sla');
    if (!byCustomer) {
      const lines = after.status === 'DISPATCHED' ? after.lines.filter((l) => l.status !== 'CANCELLED') : after.lines;
      add('closedUnitsOrdered', lines.reduce((total, l) => total + l.quantity, 0));
      add('closedUnitsShipped', lines.reduce((total, l) => total + l.shippedQuantity, 0));
    }
  }
  if (before.status !== after.status) {
    if (after.status === 'REJECTED') {
      add('closed');
      add('cancelledByVendor');
    }
    if (after.status === 'CANCELLED') {
      add('closed');
      add(after.history.at(-1)?.by.startsWith('sla') ? 'cancelledByVendor' : 'cancelledByCustomer');
    }
    if (after.status === 'DISPATCHED' && after.dispatchedAt) {
      add('closed');
      add('dispatched');
      if (!late(after.shipDueAt, after.dispatchedAt)) add('dispatchedOnTime');
      const q = quarterHours(after.transmittedAt, after.dispatchedAt);
      if (q !== undefined) add(`shipQ_${q}`);
    }
  }
  // Units shipped by SKU (unitsShipped counts them all): what a SKU's return rate is counted against.
  for (const line of after.lines) {
    const more = line.shippedQuantity - (before.lines.find((b) => b.lineNumber === line.lineNumber)?.shippedQuantity ?? 0);
    if (more > 0) add(`${shippedSkuPrefix}${line.sku}`, more);
  }
  const shipments = after.shipments.slice(before.shipments.length);
  add('shipments', shipments.length);
  const newPackages = shipments.flatMap((s) => s.packages);
  add('packages', newPackages.length);
  add('packagesUnverified', newPackages.filter((p) => p.verification === 'UNVERIFIED').length);
  // The parcel after dispatch: first scans (on time against the package's window) and deliveries against the promise.
  const was = new Map(before.shipments.flatMap((s) => s.packages.map((p) => [`${s.shipmentId}#${p.trackingNumber}`, p.tracking] as const)));
  for (const shipment of after.shipments) {
    for (const pkg of shipment.packages) {
      const first = pkg.tracking?.firstScanAt;
      if (!first || was.get(`${shipment.shipmentId}#${pkg.trackingNumber}`)?.firstScanAt) continue;
      add('packagesScanned');
      if (!late(pkg.tracking?.scanDueAt, first)) add('packagesScannedOnTime');
    }
  }
  if (before.status !== 'DELIVERED' && after.status === 'DELIVERED' && after.deliveredAt) {
    add('delivered');
    const promised = deliveryEstimate(after).estimatedDeliveryDate;
    if (promised && after.deliveredAt.slice(0, 10) <= promised) add('deliveredOnTime');
    if (promised) add('deliveryPromised');
    // Against the promise made at the order (what the customer saw), with the window it gave.
    const window = after.promise?.deliveryWindow;
    if (window) {
      const day = vendorDay(after.deliveredAt, after.sla?.timeZone);
      add('promiseMade');
      if (day <= window.latest) add('promiseKept');
      if (day >= window.earliest && day <= window.latest) add('promiseInWindow');
      const early = daysBetween(day, window.latest);
      add(early >= 0 ? `promiseEarly_${early}` : `promiseLate_${-early}`);
      add(`promiseWidth_${daysBetween(window.earliest, window.latest)}`);
    }
  }
  add('unitsShipped', shipments.flatMap((s) => s.packages.flatMap((p) => p.lines)).reduce((total, l) => total + l.quantity, 0));
  if (!before.late && after.late) add('late');
  return Object.keys(counters).length > 0 || Object.keys(violations).length > 0 ? { day: vendorDay(at, after.sla?.timeZone), counters, violations } : undefined;
}

/** Open exceptions per type for the vendor: +1 when one opens, -1 when it closes. */
export function openExceptionDeltas(before: PurchaseOrder, after: PurchaseOrder): DayCounters {
  const deltas: DayCounters = {};
  const was = before.openExceptions ?? {};
  const now = after.openExceptions ?? {};
  for (const e of Object.values(now)) if (was[e.type]?.exceptionId !== e.exceptionId) deltas[`open_${e.type}`] = (deltas[`open_${e.type}`] ?? 0) + 1;
  for (const e of Object.values(was)) if (now[e.type]?.exceptionId !== e.exceptionId) deltas[`open_${e.type}`] = (deltas[`open_${e.type}`] ?? 0) - 1;
  return deltas;
}

export interface ScoreWeights {
  onTimeShip: number;
  fillRate: number;
  noCancellation: number;
}

/**
 * The composite score's default weights, as dropship marketplaces grade: ship time most, then the
 * share actually shipped, then cancellations. Override with the `weights` query parameter.
 */
export const defaultWeights: ScoreWeights = { onTimeShip: 0.5, fillRate: 0.3, noCancellation: 0.2 };

export const tiers = ['GOLD', 'SILVER', 'BRONZE', 'AT_RISK'] as const;
export type Tier = (typeof tiers)[number];

/** How a score is judged: the closed POs it needs, and the lowest score of gold, silver and bronze (below: at risk). */
export interface ScorePolicy {
  weights: ScoreWeights;
  minClosed: number;
  tierBounds: { GOLD: number; SILVER: number; BRONZE: number };
}

export const defaultPolicy: ScorePolicy = { weights: defaultWeights, minClosed: 5, tierBounds: { GOLD: 95, SILVER: 85, BRONZE: 70 } };

/** The tier of a score (inclusive lower bounds); no score, no tier. */
export function tierOf(score: number | null, bounds: ScorePolicy['tierBounds'] = defaultPolicy.tierBounds): Tier | null {
  if (score === null) return null;
  return score >= bounds.GOLD ? 'GOLD' : score >= bounds.SILVER ? 'SILVER' : score >= bounds.BRONZE ? 'BRONZE' : 'AT_RISK';
}

/** UP, DOWN or SAME against the previous period's tier; null when either period has none. */
export function tierChange(previous: Tier | null, current: Tier | null): 'UP' | 'DOWN' | 'SAME' | null {
  if (previous === null || current === null) return null;
  const rank = (tier: Tier) => tiers.indexOf(tier);
  return rank(current) < rank(previous) ? 'UP' : rank(current) > rank(previous) ? 'DOWN' : 'SAME';
}

/** Industry thresholds a vendor is flagged against. */
export const thresholds = { onTimeShipRate: 0.98, cancellationRate: 0.02, validTrackingRate: 0.98 } as const;

/** A share to four decimals (0.1268), or null with nothing to count against. */
export const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function percentile(histogram: Map<number, number>, share: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(total * share);
  let seen = 0;
  for (const [bucket, count] of [...histogram].sort((a, b) => a[0] - b[0])) {
    seen += count;
    if (seen >= rank) return bucket / 4;
  }
  return null;
}

/** Across vendors: lines dropped, those another source took (rescued), and the drop rate customers saw. */
export function reroutingTotals(reports: readonly Pick<VendorReport, 'rerouting'>[]) {
  const total = (name: 'linesSent' | 'linesDropped' | 'linesReroutedAway') => reports.reduce((sum, report) => sum + report.rerouting[name], 0);
  return {
    linesSent: total('linesSent'),
    linesDropped: total('linesDropped'),
    linesRescued: total('linesReroutedAway'),
    dropRateSeenByCustomers: ratio(total('linesDropped') - total('linesReroutedAway'), total('linesSent')),
  };
}

/**
 * How the delivery promises made at the order held (the customer's view): adherence (delivered on or
 * before the promised latest day), inside the window, median calendar days early (among those on
 * time) and late (among those late), and the median window width; with each distribution, so
 * vendors' figures add up to the program's.
 */
export interface PromiseAccuracy {
  delivered: number;
  kept: number;
  inWindow: number;
  adherence: number | null;
  insideWindow: number | null;
  medianDaysEarly: number | null;
  medianDaysLate: number | null;
  medianWindowDays: number | null;
  distribution: { daysEarly: Histogram; daysLate: Histogram; windowDays: Histogram };
}

export function promiseAccuracyOf(counters: DayCounters): PromiseAccuracy {
  const histogram = (prefix: string): Histogram =>
    Object.fromEntries(Object.entries(counters).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [Number(k.slice(prefix.length)), v]));
  const median = (h: Histogram) => (sampleSize(h) > 0 ? percentileOf(h, 0.5) : null);
  const distribution = { daysEarly: histogram('promiseEarly_'), daysLate: histogram('promiseLate_'), windowDays: histogram('promiseWidth_') };
  const delivered = counters.promiseMade ?? 0;
  return {
    delivered,
    kept: counters.promiseKept ?? 0,
    inWindow: counters.promiseInWindow ?? 0,
    adherence: ratio(counters.promiseKept ?? 0, delivered),
    insideWindow: ratio(counters.promiseInWindow ?? 0, delivered),
    medianDaysEarly: median(distribution.daysEarly),
    medianDaysLate: median(distribution.daysLate),
    medianWindowDays: median(distribution.windowDays),
    distribution,
  };
}

/** The program's promise accuracy: the vendors' distributions added up. */
export function promiseAccuracyTotals(reports: readonly Pick<VendorReport, 'promiseAccuracy'>[]): PromiseAccuracy {
  const sum: DayCounters = {};
  const add = (name: string, value: number) => (sum[name] = (sum[name] ?? 0) + value);
  for (const { promiseAccuracy: a } of reports) {
    add('promiseMade', a.delivered);
    add('promiseKept', a.kept);
    add('promiseInWindow', a.inWindow);
    for (const [prefix, h] of [['promiseEarly_', a.distribution.daysEarly], ['promiseLate_', a.distribution.daysLate], ['promiseWidth_', a.distribution.windowDays]] as const) {
      for (const [days, count] of Object.entries(h)) add(`${prefix}${days}`, count);
    }
  }
  return promiseAccuracyOf(sum);
}

export interface VendorReport {
  posSent: number;
  closed: number;
  successRate: number | null;
  delayFrequency: number | null;
  cancellationRate: { byVendor: number | null; byCustomer: number | null };
  /**
   * Lines the vendor dropped (rejected, or let time out), of the lines sent to it; those re-routed to
   * another source; and the drop rate customers saw, counting only the lines no other source took.
   */
  rerouting: { linesSent: number; linesDropped: number; linesReroutedAway: number; dropRate: number | null; dropRateSeenByCustomers: number | null };
  onTimeAckRate: number | null;
  acksWithoutShipDate: number;
  onTimeShipRate: number | null;
  hoursToAck: { median: number | null; p90: number | null };
  hoursToShip: { median: number | null; p90: number | null };
  fillRate: number | null;
  validTrackingRate: number | null;
  /** Packages first scanned within their window, of those scanned. */
  firstScanOnTimeRate: number | null;
  /** POs delivered by the promised delivery date, of those delivered with a promise. */
  deliveredOnTimeRate: number | null;
  promiseAccuracy: PromiseAccuracy;
  inventoryFeedScore: number | null;
  score: number | null;
  tier: Tier | null;
  /** Why each metric that is null is null ("no closed POs in the period"): no data is not zero. */
  reasons: Record<string, string>;
  flags: string[];
}

/**
 * The report for one vendor over the days given (`periodDays` long, counted from the vendor's first
 * day; days without activity may be missing from `days`): sums the day counters, then derives the
 * rates. A rate whose denominator is 0 is null with its reason, never 0; the composite score needs
 * `policy.minClosed` closed POs.
 */
export function vendorReport(days: readonly DayCounters[], policy: Partial<ScorePolicy> = {}, periodDays = days.length): VendorReport {
  const { weights, minClosed, tierBounds } = { ...defaultPolicy, ...policy };
  const sum: DayCounters = {};
  for (const day of days) for (const [name, value] of Object.entries(day)) sum[name] = (sum[name] ?? 0) + value;
  const n = (name: string) => sum[name] ?? 0;
  const histogram = (prefix: string) =>
    new Map(Object.entries(sum).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [Number(k.slice(prefix.length)), v]));
  const reasons: Record<string, string> = {};
  /** A rate, or null with the reason when there is nothing to divide by. */
  const rate = (metric: string, part: number, whole: number, none: string) => {
    if (whole === 0) reasons[metric] = none;
    return ratio(part, whole);
  };
  const noClosed = 'no closed POs in the period';

  const onTimeShipRate = rate('onTimeShipRate', n('dispatchedOnTime'), n('dispatched'), 'no POs dispatched in the period');
  const byVendor = rate('cancellationRate.byVendor', n('cancelledByVendor'), n('closed'), noClosed);
  const fillRate = rate('fillRate', n('closedUnitsShipped'), n('closedUnitsOrdered'), noClosed);
  // Valid tracking: packages whose number passed its carrier's check, of all packages sent (UNVERIFIED
  // ones and refused numbers count against it); days before package counters existed count shipments.
  const validTrackingRate = n('packages') > 0
    ? ratio(n('packages') - n('packagesUnverified'), n('packages') + n('trackingRefused'))
    : rate('validTrackingRate', n('shipments'), n('shipments') + n('trackingRefused'), 'no packages shipped in the period');
  const flags = [
    ...(onTimeShipRate !== null && onTimeShipRate < thresholds.onTimeShipRate ? [`on-time ship rate below ${thresholds.onTimeShipRate * 100}%`] : []),
    ...(byVendor !== null && byVendor > thresholds.cancellationRate ? [`vendor cancellation rate above ${thresholds.cancellationRate * 100}%`] : []),
    ...(validTrackingRate !== null && validTrackingRate < thresholds.validTrackingRate ? [`valid tracking rate below ${thresholds.validTrackingRate * 100}%`] : []),
  ];
  const parts: [number | null, number][] = [
    [onTimeShipRate, weights.onTimeShip],
    [fillRate, weights.fillRate],
    [byVendor === null ? null : 1 - byVendor, weights.noCancellation],
  ];
  const weighed = parts.filter((p): p is [number, number] => p[0] !== null);
  const weightSum = weighed.reduce((total, [, w]) => total + w, 0);
  const closed = n('closed');
  let score: number | null = null;
  if (closed < minClosed) reasons.score = closed === 0 ? noClosed : `${closed} closed PO${closed === 1 ? '' : 's'} in the period; a score needs at least ${minClosed}`;
  else if (weightSum === 0) reasons.score = 'none of the weighted rates has data';
  else score = Math.round((weighed.reduce((total, [v, w]) => total + v * w, 0) / weightSum) * 1000) / 10;
  if (score === null) reasons.tier = reasons.score ?? 'no score';
  const hours = (prefix: string, metric: string, none: string) => {
    const found = { median: percentile(histogram(prefix), 0.5), p90: percentile(histogram(prefix), 0.9) };
    if (found.median === null) reasons[metric] = none;
    return found;
  };
  return {
    posSent: n('sent'),
    closed,
    successRate: rate('successRate', n('dispatchedOnTime'), closed, noClosed),
    delayFrequency: rate('delayFrequency', n('late'), n('sent'), 'no POs sent in the period'),
    cancellationRate: { byVendor, byCustomer: rate('cancellationRate.byCustomer', n('cancelledByCustomer'), closed, noClosed) },
    rerouting: {
      linesSent: n('linesSent'),
      linesDropped: n('linesDropped'),
      linesReroutedAway: n('linesReroutedAway'),
      dropRate: rate('rerouting.dropRate', n('linesDropped'), n('linesSent'), 'no lines counted as sent in the period'),
      dropRateSeenByCustomers: rate('rerouting.dropRateSeenByCustomers', n('linesDropped') - n('linesReroutedAway'), n('linesSent'), 'no lines counted as sent in the period'),
    },
    onTimeAckRate: rate('onTimeAckRate', n('ackedOnTime'), n('acked'), 'no POs acknowledged in the period'),
    // Acknowledgments that named no ship date (the SLA's ship-by stood in): a vendor habit ops want to see.
    acksWithoutShipDate: n('ackedWithoutShipDate'),
    onTimeShipRate,
    hoursToAck: hours('ackQ_', 'hoursToAck', 'no POs acknowledged in the period'),
    hoursToShip: hours('shipQ_', 'hoursToShip', 'no POs dispatched in the period'),
    fillRate,
    validTrackingRate,
    firstScanOnTimeRate: rate('firstScanOnTimeRate', n('packagesScannedOnTime'), n('packagesScanned'), 'no package scanned by its carrier in the period'),
    deliveredOnTimeRate: rate('deliveredOnTimeRate', n('deliveredOnTime'), n('deliveryPromised'), 'no package delivered against a promised date in the period'),
    promiseAccuracy: promiseAccuracyOf(sum),
    // The share of the vendor's days in the period with at least one inventory feed; null for a vendor that sent none.
    inventoryFeedScore: n('feeds') === 0 ? rate('inventoryFeedScore', 0, 0, 'no inventory feed in the period') : ratio(days.filter((d) => (d.feeds ?? 0) > 0).length, Math.max(periodDays, 1)),
    score,
    tier: tierOf(score, tierBounds),
    reasons,
    flags,
  };
}
