import { applyInventoryFeed } from '../functions/services/inventory-feeds';
import { connectTable } from '../functions/store/table';
import { ensureTable } from '../local/dynamodb-local';
import { round } from './support';

export interface FeedIngestion {
  feeds: number;
  rowsPerFeed: number;
  rejectedPerFeed: number;
  rowsPerSecond: number;
  slowestFeedMs: number;
}

/** Inventory feeds of 5,000 rows (1 % malformed) applied one after another, as a vendor would send them. */
export async function feedIngestion(endpoint: string, feeds = 5): Promise<FeedIngestion> {
  await ensureTable(endpoint, 'bench-feeds');
  const table = connectTable({ tableName: 'bench-feeds', region: 'us-east-1', endpoint });
  const rowsPerFeed = 5_000;
  let totalMs = 0;
  let slowest = 0;
  let rejected = 0;
  for (let f = 1; f <= feeds; f++) {
    const rows = Array.from({ length: rowsPerFeed }, (_, i) => (i % 100 === 99 ? { vendorSku: `V-${i}`, available: -1 } : { vendorSku: `V-${i}`, available: (i * f) % 50, restockDate: null }));
    const started = performance.now();
    const result = await applyInventoryFeed({ table, now: () => new Date() }, 'bench-vendor', `F-${f}`, rows);
    const ms = performance.now() - started;
    totalMs += ms;
    slowest = Math.max(slowest, ms);
    rejected = result.rejected.length;
  }
  return { feeds, rowsPerFeed, rejectedPerFeed: rejected, rowsPerSecond: Math.round((feeds * rowsPerFeed) / (totalMs / 1000)), slowestFeedMs: round(slowest, 0) };
}
