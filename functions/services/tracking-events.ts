import type { Dependencies } from '../dependencies';
import { applyCarrierEvent, normalizeTrackingNumber, type CarrierEvent } from '../domain/package-tracking';
import { logger } from '../logger';
import { trackedBy } from '../store/tracking-store';
import { trackReturn } from './returns';
import { changeAndWake } from './change-purchase-order';

export interface EventResult {
  index: number;
  trackingNumber: string;
  outcome: 'APPLIED' | 'DUPLICATE' | 'UNKNOWN_TRACKING_NUMBER';
  poNumbers: string[];
  rmaIds?: string[];
}

/** Tracking numbers worked on at once; a number's own events go one after another. */
const concurrency = 8;

/**
 * Applies carrier events: each number's POs are found with one Query, then each event is applied to
 * each of them in one conditional write. Applying is idempotent (the same status at the same time
 * is the same event), so retries and resent histories change nothing; an unknown number is
 * reported per event, not a failure of the batch.
 */
export async function applyCarrierEvents(dependencies: Pick<Dependencies, 'table' | 'workflow' | 'now' | 'alerts'>, events: readonly CarrierEvent[], source: string): Promise<EventResult[]> {
  const byNumber = new Map<string, number[]>();
  events.forEach((event, index) => {
    const number = normalizeTrackingNumber(event.trackingNumber);
    byNumber.set(number, [...(byNumber.get(number) ?? []), index]);
  });
  const results: EventResult[] = [];
  const work = async ([trackingNumber, indexes]: [string, number[]]) => {
    const { poNumbers, rmaIds } = await trackedBy(dependencies.table, trackingNumber);
    for (const index of indexes) {
      const event = events[index];
      if (!event) continue;
      if (poNumbers.length === 0 && rmaIds.length === 0) {
        results.push({ index, trackingNumber, outcome: 'UNKNOWN_TRACKING_NUMBER', poNumbers });
        continue;
      }
      let applied = false;
      for (const poNumber of poNumbers) {
        const change = await changeAndWake(dependencies, poNumber, (po) => {
          const next = applyCarrierEvent(po, event, { by: source, at: dependencies.now() });
          return next === po ? { response: false } : { next, response: true };
        });
        applied ||= change.response;
      }
      // A customer's parcel back, on the return label the vendor gave.
      for (const rmaId of rmaIds) {
        applied = (await trackReturn(dependencies, rmaId, { status: event.status, at: new Date(event.at).toISOString(), ...(event.location && { location: event.location }) }, source)) || applied;
      }
      results.push({ index, trackingNumber, outcome: applied ? 'APPLIED' : 'DUPLICATE', poNumbers, ...(rmaIds.length > 0 && { rmaIds }) });
    }
  };
  const queue = [...byNumber];
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await work(next);
  }));
  results.sort((a, b) => a.index - b.index);
  logger.info('Carrier events applied', {
    source,
    events: events.length,
    applied: results.filter((r) => r.outcome === 'APPLIED').length,
    unknown: results.filter((r) => r.outcome === 'UNKNOWN_TRACKING_NUMBER').length,
  });
  return results;
}
