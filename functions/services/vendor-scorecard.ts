import { DateTime } from 'luxon';
import type { Dependencies } from '../dependencies';
import { defaultWeights, vendorReport, type ScoreWeights } from '../domain/vendor-analytics';
import { readDays, readOpenExceptionCounts } from '../store/analytics-store';

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

/** A vendor's scorecard for a period: one Query of its day counters per period, and its open exceptions. */
export async function scorecard(table: Dependencies['table'], vendorId: string, query: { from?: string; to?: string; weights?: string }, now: Date) {
  const { current, previous } = periods(query, now);
  const weights = weightsOf(query.weights);
  const [days, before, openExceptions] = await Promise.all([
    readDays(table, vendorId, current.from, current.to),
    readDays(table, vendorId, previous.from, previous.to),
    readOpenExceptionCounts(table, vendorId),
  ]);
  const periodDays = DateTime.fromISO(current.to).diff(DateTime.fromISO(current.from), 'days').days + 1;
  const report = vendorReport(days.map((d) => d.counters), weights, periodDays);
  const earlier = vendorReport(before.map((d) => d.counters), weights, periodDays);
  return {
    vendorId,
    period: current,
    ...report,
    // The trend: each day of the period on its own (days without activity are left out).
    daily: days.map((d) => {
      const day = vendorReport([d.counters], weights, 1);
      return { date: d.day, posSent: day.posSent, onTimeShipRate: day.onTimeShipRate, onTimeAckRate: day.onTimeAckRate, fillRate: day.fillRate, delayFrequency: day.delayFrequency };
    }),
    openExceptions: Object.fromEntries(Object.entries(openExceptions).filter(([k, v]) => k.startsWith('open_') && v > 0).map(([k, v]) => [k.slice(5), v])),
    scoreChange: report.score !== null && earlier.score !== null ? Math.round((report.score - earlier.score) * 10) / 10 : null,
  };
}

