import { describe, expect, it } from 'vitest';
import { sortFeedRows, stockStateOf } from '../../functions/domain/inventory';

describe('inventory feed rows', () => {
  it('applies good rows and names bad ones by index with the reason', () => {
    const { accepted, rejected } = sortFeedRows([
      { vendorSku: 'V-1', available: 10, restockDate: null },
      { vendorSku: '', available: 3 },
      { vendorSku: 'V-2', available: -1 },
      { vendorSku: 'V-3', available: 2.5 },
      { vendorSku: 'V-4', available: 0, restockDate: '2026-13-45' },
      'not a row',
      { vendorSku: 'V-5', available: 0, restockDate: '2026-12-20' },
    ]);
    expect(accepted.map((r) => r.vendorSku)).toEqual(['V-1', 'V-5']);
    expect(rejected.map((r) => [r.index, r.reason.split(' ')[0]])).toEqual([
      [1, 'vendorSku'], [2, 'available'], [3, 'available'], [4, 'restockDate'], [5, 'vendorSku'],
    ]);
  });

  it('keeps the last row for a SKU listed twice', () => {
    expect(sortFeedRows([{ vendorSku: 'V', available: 1 }, { vendorSku: 'V', available: 7 }]).accepted).toEqual([{ vendorSku: 'V', available: 7, restockDate: null }]);
  });

  it('treats a figure older than the vendor freshness limit as unknown', () => {
    const level = { vendorId: 'a', vendorSku: 'V', available: 3, restockDate: null, feedId: 'F', updatedAt: '2026-11-23T00:00:00Z' };
    const policy = { freshForHours: 24, whenStale: 'ACCEPT_AND_FLAG' as const };
    expect(stockStateOf(level, policy, new Date('2026-11-23T23:00:00Z'))).toEqual({ state: 'FRESH', available: 3 });
    expect(stockStateOf(level, policy, new Date('2026-11-24T01:00:00Z')).state).toBe('UNKNOWN');
    expect(stockStateOf(undefined, policy, new Date()).state).toBe('UNKNOWN');
  });
});
