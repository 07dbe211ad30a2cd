import { DateTime } from 'luxon';
import type { Dependencies } from '../dependencies';
import { defaultPolicy, defaultWeights, tierChange, vendorReport, type ScorePolicy, type ScoreWeights } from '../domain/vendor-analytics';
import { loadConfig } from '../config';
import { readDays, readOpenExceptionCounts } from '../store/analytics-store';
import { invoicesReceived } from '../store/invoice-store';
import { invoicingFigures } from '../domain/invoices';
import { returnFigures } from '../domain/returns';
import { returnsRequested } from '../store/return-store';
import { shippedSkuPrefix } from '../domain/vendor-analytics';

/** Units shipped in the period's days, in all and by SKU. */
function shippedIn(days: readonly Record<string, number>[]) {
  const bySku: Record<string, number> = {};
  for (const [name, value] of days.flatMap((d) => Object.entries(d))) {
    if (name.startsWith(shippedSkuPrefix)) bySku[name.slice(shippedSkuPrefix.length)] = (bySku[name.slice(shippedSkuPrefix.length)] ?? 0) + value;
  }
  return { units: days.reduce((t, d) => t + (d.unitsShipped ?? 0), 0), bySku };
}

interface Period {
  from: string;
  to: string;
}

/** The period asked for (default: the last 30 days to today, UTC) and the one of equal length before it. */
function periods(query: { from?: string; to?: string }, now: Date): { current: Period; previous: Period } {
  const to = DateTime.fromISO(query.to ?? now.toISOString().slice(0, 10), { zone: 'utc' });
  const from = query.from ? DateTime.fromISO(query.from, { zone: 'utc' }) : to.minus({ days: 29 });
  const days = Math.max(1, Math.round(to.diff(from, 'days').days) + 1);
  const iso = (d: DateTime) => d.toISODate() ?? '';
  return {
    current: { from: iso(from), to: iso(to) },
    previous: { from: iso(from.minus({ days })), to: iso(from.minus({ days: 1 })) },
  };
}

const weightsOf = (text: string | undefined): ScoreWeights =>
  text ? { ...defaultWeights, ...Object.fromEntries(text.split(',').map((pair) => [pair.split(':')[0], Number(pair.split(':')[1])])) } : defaultWeights;

/** The score policy: the query's, else the deployment's (SCORE_MIN_CLOSED_POS, SCORE_TIER_BOUNDS), else the defaults. */
export function policyOf(query: { weights?: string; minClosed?: number; tiers?: string }): ScorePolicy {
  const config = loadConfig();
  const bounds = (query.tiers ?? config.SCORE_TIER_BOUNDS)?.split(',').map(Number);
  return {
    weights: weightsOf(query.weights),
    minClosed: query.minClosed ?? config.SCORE_MIN_CLOSED_POS ?? defaultPolicy.minClosed,
    tierBounds: bounds && bounds.length === 3 ? { GOLD: bounds[0] as number, SILVER: bounds[1] as number, BRONZE: bounds[2] as number } : defaultPolicy.tierBounds,
  };
}

/** Days from `from` to `to`, both included. */
const daysBetween = (from: string, to: string) => Math.max(0, Math.round(DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days) + 1);

/**
 * A vendor's scorecard for a period: one Query of its day counters per period, and its open
 * exceptions. Per-day rates count from the vendor's first day (`since`: when it was created, else
 * its first counted day), not from before it existed.
 */
export async function scorecard(
  table: Dependencies['table'],
  vendor: { vendorId: string; createdAt?: string },
  query: { from?: string; to?: string; weights?: string; minClosed?: number; tiers?: string },
  now: Date,
) {
  const { vendorId } = vendor;
  const { current, previous } = periods(query, now);
  const policy = policyOf(query);
  const [days, before, openExceptions, invoices, returns] = await Promise.all([
    readDays(table, vendorId, current.from, current.to),
    readDays(table, vendorId, previous.from, previous.to),
    readOpenExceptionCounts(table, vendorId),
    invoicesReceived(table, vendorId, current.from, current.to),
    returnsRequested(table, vendorId, current.from, current.to),
  ]);
  const since = (period: Period, counted: { day: string }[]) => {
    const first = vendor.createdAt?.slice(0, 10) ?? counted[0]?.day ?? period.from;
    return first > period.from ? first : period.from;
  };
  const report = vendorReport(days.map((d) => d.counters), policy, daysBetween(since(current, days), current.to));
  const earlier = vendorReport(before.map((d) => d.counters), policy, daysBetween(since(previous, before), previous.to));
  return {
    vendorId,
    period: current,
    ...report,
    // The trend: each day of the period on its own (days without activity are left out); a day is never scored on its own.
    daily: days.map((d) => {
      const day = vendorReport([d.counters], { ...policy, minClosed: Number.MAX_SAFE_INTEGER }, 1);
      return { date: d.day, posSent: day.posSent, onTimeShipRate: day.onTimeShipRate, onTimeAckRate: day.onTimeAckRate, fillRate: day.fillRate, delayFrequency: day.delayFrequency };
    }),
    openExceptions: Object.fromEntries(Object.entries(openExceptions).filter(([k, v]) => k.startsWith('open_') && v > 0).map(([k, v]) => [k.slice(5), v])),
    scoreChange: report.score !== null && earlier.score !== null ? Math.round((report.score - earlier.score) * 10) / 10 : null,
    previousTier: earlier.tier,
    invoicing: invoicingFigures(invoices),
    returns: returnFigures(returns, shippedIn(days.map((d) => d.counters))),
    tierChange: tierChange(earlier.tier, report.tier),
    // Seeded by `npm start -- --reset`: the console marks it so nobody mistakes it for live data.
    demoData: days.some((d) => (d.counters.demoHistory ?? 0) > 0),
  };
}
