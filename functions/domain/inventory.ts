/** A vendor's stock of one of its SKUs, as its last inventory feed said (less what orders reserved since). */
export interface StockLevel {
  vendorId: string;
  vendorSku: string;
  available: number;
  restockDate: string | null;
  /** When a feed last set this figure: the freshness clock. */
  updatedAt: string;
  feedId: string;
}

/** How a vendor's stale or missing stock figures are treated. */
export interface InventoryPolicy {
  /** A figure older than this counts as unknown. */
  freshForHours: number;
  /** Unknown stock: take the order and flag the line, or refuse the source. */
  whenStale: 'ACCEPT_AND_FLAG' | 'REFUSE';
}

export const defaultInventoryPolicy: InventoryPolicy = { freshForHours: 24, whenStale: 'ACCEPT_AND_FLAG' };

export const stockKeyOf = (vendorId: string, vendorSku: string) => `${vendorId}|${vendorSku}`;

export type StockState = { state: 'FRESH'; available: number } | { state: 'UNKNOWN'; reason: string };

/** Whether a stock figure can be trusted at `now` under the vendor's policy. */
export function stockStateOf(level: StockLevel | undefined, policy: InventoryPolicy, now: Date): StockState {
  if (!level) return { state: 'UNKNOWN', reason: 'no inventory feed yet' };
  const ageHours = (now.getTime() - Date.parse(level.updatedAt)) / 3_600_000;
  if (ageHours > policy.freshForHours) return { state: 'UNKNOWN', reason: `feed ${Math.floor(ageHours)} h old (fresh for ${policy.freshForHours} h)` };
  return { state: 'FRESH', available: level.available };
}

export interface FeedRow {
  vendorSku: string;
  available: number;
  restockDate: string | null;
}

export interface RejectedRow {
  index: number;
  vendorSku?: string;
  reason: string;
}

/**
 * Splits a feed into rows to apply and rows refused (with their index and why), so good rows apply
 * even when some are malformed. A SKU listed twice keeps its last row.
 */
export function sortFeedRows(rows: readonly unknown[]): { accepted: FeedRow[]; rejected: RejectedRow[] } {
  const accepted = new Map<string, FeedRow>();
  const rejected: RejectedRow[] = [];
  rows.forEach((raw, index) => {
    const row = (raw ?? {}) as Record<string, unknown>;
    const vendorSku = typeof row.vendorSku === 'string' ? row.vendorSku.trim() : '';
    const restockDate = row.restockDate ?? null;
    if (!vendorSku || vendorSku.length > 64) return rejected.push({ index, reason: 'vendorSku must be 1-64 characters' });
    // A reader's own words for what is wrong with the row (an 846 item with no quantity qualifier we read).
    if (typeof row.problem === 'string') return rejected.push({ index, vendorSku, reason: row.problem });
    if (typeof row.available !== 'number' || !Number.isInteger(row.available) || row.available < 0 || row.available > 10_000_000) {
      return rejected.push({ index, vendorSku, reason: 'available must be a whole number from 0' });
    }
    if (restockDate !== null && (typeof restockDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(restockDate) || Number.isNaN(Date.parse(restockDate)))) {
      return rejected.push({ index, vendorSku, reason: 'restockDate must be YYYY-MM-DD or null' });
    }
    accepted.set(vendorSku, { vendorSku, available: row.available, restockDate });
  });
  return { accepted: [...accepted.values()], rejected };
}
