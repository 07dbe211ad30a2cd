/**
 * Delivery promises on the demo's 60-day history (local/demo-history.ts: four vendors that behave
 * differently, customers in four regions): learn handling and transit from what happened in the
 * first 46 days, promise every order placed in the last 14, and compare with what happened. The
 * same orders promised by the SLA alone (the vendor's ship-by day and its transit setting) beside it.
 * Pure computation on the history, no table: `tsx bench/promise-accuracy.ts` runs it alone.
 */
import { buildDemoHistory } from '../local/demo-history';
import { daysBetween, handlingDays, percentileOf, promiseDelivery, regionOf, transitDays, type DeliveryPromise, type Histogram } from '../functions/domain/delivery-learning';
import type { PurchaseOrder } from '../functions/domain/orders';
import { vendorDay } from '../functions/domain/vendor-day';
import { markdownTable } from './support';
import { businessDaysBetween } from '../functions/domain/sla-calendar';

export interface PromiseRow {
  promise: 'learned' | 'SLA only';
  orders: number;
  adherence: number;
  insideWindow: number;
  medianWindowDays: number;
  medianWindowBusinessDays: number;
  medianPromisedDaysAfterOrder: number;
  medianDaysEarly: number;
}

export interface PromiseAccuracyBench {
  trainingDays: number;
  heldOutDays: number;
  samples: { handling: number; transit: number };
  rows: PromiseRow[];
  /** Median calendar days by which the learned promise's latest date is earlier than the SLA's, per order. */
  medianDaysEarlierThanSla: number;
  perVendor: { vendorId: string; orders: number; learnedAdherence: number; slaAdherence: number; learnedMedianWindowDays: number }[];
}

const median = (values: number[]) => {
  const histogram: Histogram = {};
  for (const v of values) histogram[v] = (histogram[v] ?? 0) + 1;
  return values.length === 0 ? 0 : percentileOf(histogram, 0.5);
};
const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** `now` fixed: the history is relative to it, so the same figures on every run. */
export async function promiseAccuracy(now = new Date('2026-12-02T12:00:00Z'), trainingDays = 46): Promise<PromiseAccuracyBench> {
  const history = await buildDemoHistory(now);
  const pos = history.items.filter((item) => item.entity === 'PurchaseOrder') as unknown as PurchaseOrder[];
  const first = Math.min(...pos.map((po) => Date.parse(po.createdAt)));
  const cut = new Date(first + trainingDays * 86_400_000).toISOString();

  // What was known at the end of day 46: the first scans and deliveries that had happened by then.
  const handling = new Map<string, Histogram>();
  const transit = new Map<string, Histogram>();
  const count = (map: Map<string, Histogram>, key: string, days: number) => {
    const histogram = map.get(key) ?? {};
    histogram[days] = (histogram[days] ?? 0) + 1;
    map.set(key, histogram);
  };
  let samples = { handling: 0, transit: 0 };
  for (const po of pos) {
    if (!po.sla || !po.transmittedAt) continue;
    const packages = po.shipments.flatMap((s) => s.packages);
    const firstScan = packages.map((p) => p.tracking?.firstScanAt).filter((d): d is string => Boolean(d)).sort()[0];
    if (firstScan && firstScan < cut) {
      count(handling, po.vendorId, handlingDays(po.transmittedAt, firstScan, po.sla));
      samples = { ...samples, handling: samples.handling + 1 };
    }
    for (const pkg of packages) {
      const { firstScanAt, deliveredAt } = pkg.tracking ?? {};
      if (!firstScanAt || !deliveredAt || deliveredAt >= cut) continue;
      count(transit, `${po.vendorId}|${regionOf(po.shipTo)}`, transitDays(firstScanAt, deliveredAt, po.sla));
      samples = { ...samples, transit: samples.transit + 1 };
    }
  }

  // Every order of the held-out days that was delivered, promised both ways at the moment it was placed.
  const heldOut = pos.filter((po) => po.createdAt >= cut && po.status === 'DELIVERED' && po.deliveredAt && po.sla && !po.rerouteOf);
  const outcomes = heldOut.map((po) => {
    const sla = po.sla as NonNullable<PurchaseOrder['sla']>;
    const region = regionOf(po.shipTo);
    const at = new Date(po.createdAt);
    const terms = { ...sla, shipWithinBusinessDays: sla.shipWithinBusinessDays };
    const learned = promiseDelivery(at, terms, region, { handling: handling.get(po.vendorId) ?? {}, transit: transit.get(`${po.vendorId}|${region}`) ?? {} });
    const slaOnly = promiseDelivery(at, terms, region);
    const delivered = vendorDay(po.deliveredAt as string, sla.timeZone);
    return { po, delivered, placed: vendorDay(po.createdAt, sla.timeZone), learned, slaOnly };
  });
  const row = (name: PromiseRow['promise'], pick: (o: (typeof outcomes)[number]) => DeliveryPromise): PromiseRow => {
    const windows = outcomes.map((o) => ({ o, window: pick(o).deliveryWindow as { earliest: string; latest: string } }));
    return {
      promise: name,
      orders: windows.length,
      adherence: share(windows.filter(({ o, window }) => o.delivered <= window.latest).length, windows.length),
      insideWindow: share(windows.filter(({ o, window }) => o.delivered >= window.earliest && o.delivered <= window.latest).length, windows.length),
      medianWindowDays: median(windows.map(({ window }) => daysBetween(window.earliest, window.latest))),
      medianWindowBusinessDays: median(windows.map(({ o, window }) => businessDaysBetween(window.earliest, window.latest, o.po.sla as NonNullable<PurchaseOrder['sla']>))),
      medianPromisedDaysAfterOrder: median(windows.map(({ o, window }) => daysBetween(o.placed, window.latest))),
      medianDaysEarly: median(windows.filter(({ o, window }) => o.delivered <= window.latest).map(({ o, window }) => daysBetween(o.delivered, window.latest))),
    };
  };
  const vendors = [...new Set(outcomes.map((o) => o.po.vendorId))].sort();
  return {
    trainingDays,
    heldOutDays: history.days - trainingDays,
    samples,
    rows: [row('learned', (o) => o.learned), row('SLA only', (o) => o.slaOnly)],
    medianDaysEarlierThanSla: median(outcomes.map((o) => daysBetween(o.learned.deliveryWindow?.latest as string, o.slaOnly.deliveryWindow?.latest as string))),
    perVendor: vendors.map((vendorId) => {
      const mine = outcomes.filter((o) => o.po.vendorId === vendorId);
      const kept = (pick: (o: (typeof outcomes)[number]) => DeliveryPromise) => share(mine.filter((o) => o.delivered <= (pick(o).deliveryWindow?.latest ?? '')).length, mine.length);
      return {
        vendorId,
        orders: mine.length,
        learnedAdherence: kept((o) => o.learned),
        slaAdherence: kept((o) => o.slaOnly),
        learnedMedianWindowDays: median(mine.map((o) => daysBetween(o.learned.deliveryWindow?.earliest as string, o.learned.deliveryWindow?.latest as string))),
      };
    }),
  };
}

/** The report's section. */
export function promiseSection(p: PromiseAccuracyBench): string[] {
  return [
    '## Delivery promises: learned against the SLA',
    '',
    `The demo's ${p.trainingDays + p.heldOutDays}-day history (four vendors, customers in four regions): handling and transit learned from the first ${p.trainingDays} days (${p.samples.handling} POs' first scans, ${p.samples.transit} packages delivered), then every order placed in the last ${p.heldOutDays} and delivered, promised as placement would have promised it, and compared with its delivery. Adherence: delivered on or before the window's latest day. Window width in calendar days and in business days (the days a carrier delivers on).`,
    '',
    markdownTable(
      ['promise', 'orders', 'adherence', 'inside the window', 'median window (days)', 'median window (business days)', 'median promised days after the order', 'median days early'],
      p.rows.map((row) => [row.promise, row.orders, `${row.adherence} %`, `${row.insideWindow} %`, row.medianWindowDays, row.medianWindowBusinessDays, row.medianPromisedDaysAfterOrder, row.medianDaysEarly]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Per order, the learned promise's latest day is a median **${p.medianDaysEarlierThanSla} days earlier** than the SLA-only promise's. By vendor: ${p.perVendor.map((v) => `${v.vendorId} ${v.orders} orders, adherence ${v.learnedAdherence} % learned / ${v.slaAdherence} % SLA, median window ${v.learnedMedianWindowDays} days`).join('; ')}.`,
    '',
  ];
}

// Alone: `tsx bench/promise-accuracy.ts` prints the section.
if (import.meta.url === `file://${process.argv[1]}`) console.log(promiseSection(await promiseAccuracy()).join('\n'));

