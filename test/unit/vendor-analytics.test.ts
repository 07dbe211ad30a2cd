import { describe, expect, it } from 'vitest';
import { acknowledge, cancelLines, markTransmitted, recordShipment, type ShipmentNotice } from '../../functions/domain/purchase-order-lifecycle';
import { counterDeltas, tierChange, tierOf, vendorReport, type DayCounters } from '../../functions/domain/vendor-analytics';
import type { PurchaseOrder } from '../../functions/domain/orders';
import { vendorDay } from '../../functions/domain/vendor-day';
import { aPurchaseOrder, aVendor } from '../support/builders';

const t0 = new Date('2026-11-16T16:00:00Z'); // Monday 10:00 Chicago; ship due end of Wednesday (+62 h)
const at = (hours: number) => ({ by: 'vendor:acme', at: new Date(t0.getTime() + hours * 3_600_000) });
const sla = { ...aVendor().sla, ackWithinHours: 24 };
const ship = (quantity: number): ShipmentNotice => ({
  shipmentId: `S${quantity}`, carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-17', source: 'API',
  packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity }] }],
});
const accept = { estimatedShipDate: '2026-11-18', lines: [{ lineNumber: 1, status: 'ACCEPTED' as const }] };

/** Runs a PO through its events, collecting the counters each change adds, as the store would. */
function lifecycle(...steps: ((po: PurchaseOrder) => PurchaseOrder)[]): DayCounters[] {
  let po = markTransmitted(aPurchaseOrder({ lineCount: 1, quantity: 2, createdAt: t0.toISOString() }), [1], at(0), sla);
  const days = [counterDeltas(aPurchaseOrder({ lineCount: 1, quantity: 2 }), po)?.counters ?? {}];
  for (const step of steps) {
    const next = step(po);
    days.push(counterDeltas(po, next)?.counters ?? {});
    po = next;
  }
  return days;
}

describe('vendor analytics against a hand-computed fixture', () => {
  // A: acked in 2 h, dispatched on time at 20 h. B: acked late at 30 h, dispatched late at 70 h.
  // C: every line rejected at 1 h. D: cancelled by the customer. E: acked at 4 h, 1 of 2 units shipped.
  const days = [
    ...lifecycle((po) => acknowledge(po, accept, at(2)), (po) => recordShipment(po, ship(2), at(20))),
    ...lifecycle((po) => acknowledge(po, accept, at(30)), (po) => recordShipment(po, ship(2), at(70))),
    ...lifecycle((po) => acknowledge(po, { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'discontinued' }] }, at(1))),
    ...lifecycle((po) => cancelLines(po, 'ALL', 'changed mind', { by: 'storefront:shop', at: at(3).at })),
    ...lifecycle((po) => acknowledge(po, accept, at(4)), (po) => recordShipment(po, ship(1), at(10))),
    { trackingRefused: 1 },
  ];
  // Four closed POs: below the default minimum of five for a score, so the fixture lowers it.
  const report = vendorReport(days, { minClosed: 4 });

  it('counts POs sent and closed', () => {
    expect([report.posSent, report.closed]).toEqual([5, 4]);
  });

  it('computes success, delay, cancellation, on-time and fill rates', () => {
    expect(report).toMatchObject({
      successRate: 0.25,
      delayFrequency: 0.2,
      cancellationRate: { byVendor: 0.25, byCustomer: 0.25 },
      onTimeAckRate: 0.75,
      onTimeShipRate: 0.5,
      // Of the closed POs (A, B, C; D was the customer's cancellation): 4 of 6 units shipped. E is still open.
      fillRate: 0.6667,
      validTrackingRate: 0.75,
    });
  });

  it('computes median and p90 hours to acknowledge and to ship', () => {
    expect(report.hoursToAck).toEqual({ median: 2, p90: 30 });
    expect(report.hoursToShip).toEqual({ median: 20, p90: 70 });
  });

  it('weighs the composite score 50/30/20 by default and flags the thresholds missed', () => {
    // 0.5 × 0.5 + 0.3 × 0.6667 + 0.2 × (1 − 0.25) = 0.6
    expect(report.score).toBe(60);
    expect(report.tier).toBe('AT_RISK');
    expect(report.flags).toHaveLength(3);
  });

  it('takes other weights', () => {
    expect(vendorReport(days, { weights: { onTimeShip: 1, fillRate: 0, noCancellation: 0 }, minClosed: 4 }).score).toBe(50);
  });

  it('gives no score below the minimum sample, saying how many closed POs there were', () => {
    const below = vendorReport(days);
    expect([below.score, below.tier, below.reasons.score]).toEqual([null, null, '4 closed POs in the period; a score needs at least 5']);
    // The rates themselves are still shown.
    expect(below.onTimeShipRate).toBe(0.5);
  });

  it('scores inventory feeds as the share of the period\'s days that had one, and not at all for a vendor that sends none', () => {
    expect(vendorReport([{ feeds: 2 }, { feeds: 1 }, { sent: 1 }], undefined, 10).inventoryFeedScore).toBe(0.2);
    expect(vendorReport([{ sent: 1 }], undefined, 10).inventoryFeedScore).toBeNull();
  });

  it('reports nothing as a rate when nothing happened, each null with its reason', () => {
    const empty = vendorReport([]);
    expect(empty).toMatchObject({ posSent: 0, successRate: null, fillRate: null, onTimeShipRate: null, score: null, tier: null, flags: [] });
    expect(empty.reasons).toMatchObject({
      score: 'no closed POs in the period',
      successRate: 'no closed POs in the period',
      fillRate: 'no closed POs in the period',
      onTimeShipRate: 'no POs dispatched in the period',
      onTimeAckRate: 'no POs acknowledged in the period',
      'cancellationRate.byVendor': 'no closed POs in the period',
      validTrackingRate: 'no packages shipped in the period',
      inventoryFeedScore: 'no inventory feed in the period',
    });
  });

  it('does not score a vendor whose POs were sent but none has closed: no data is not zero', () => {
    const open = vendorReport([...lifecycle(), ...lifecycle((po) => acknowledge(po, accept, at(2)))]);
    expect([open.posSent, open.closed, open.fillRate, open.score]).toEqual([2, 0, null, null]);
    expect(open.onTimeAckRate).toBe(1);
  });
});

describe('tiers', () => {
  it('puts a score exactly on a bound in the higher tier', () => {
    expect([95, 94.9, 85, 84.9, 70, 69.9, null].map((score) => tierOf(score))).toEqual(['GOLD', 'SILVER', 'SILVER', 'BRONZE', 'BRONZE', 'AT_RISK', null]);
    expect(tierOf(90, { GOLD: 90, SILVER: 80, BRONZE: 60 })).toBe('GOLD');
  });

  it('says whether the tier went up or down against the previous period', () => {
    expect([tierChange('SILVER', 'GOLD'), tierChange('GOLD', 'BRONZE'), tierChange('AT_RISK', 'AT_RISK'), tierChange(null, 'GOLD')]).toEqual(['UP', 'DOWN', 'SAME', null]);
  });

  it('grades a period of five on-time POs gold and one with two late of five bronze', () => {
    const onTime = () => lifecycle((po) => acknowledge(po, accept, at(2)), (po) => recordShipment(po, ship(2), at(20)));
    const late = () => lifecycle((po) => acknowledge(po, accept, at(2)), (po) => recordShipment(po, ship(2), at(70)));
    const good = vendorReport([...onTime(), ...onTime(), ...onTime(), ...onTime(), ...onTime()]);
    const worse = vendorReport([...onTime(), ...onTime(), ...onTime(), ...late(), ...late()]);
    // 0.5 × 1 + 0.3 × 1 + 0.2 × 1 = 100; 0.5 × 0.6 + 0.3 + 0.2 = 80.
    expect([good.score, good.tier, worse.score, worse.tier]).toEqual([100, 'GOLD', 80, 'BRONZE']);
    expect(tierChange(good.tier, worse.tier)).toBe('DOWN');
  });
});

describe("a vendor's day", () => {
  it("is the calendar day in the vendor's own zone, across midnight and daylight saving", () => {
    expect(vendorDay('2026-11-27T03:00:00Z', 'America/Los_Angeles')).toBe('2026-11-26');
    expect(vendorDay('2026-11-27T08:00:00Z', 'America/Los_Angeles')).toBe('2026-11-27');
    expect(vendorDay('2026-11-26T23:30:00Z', 'Europe/Berlin')).toBe('2026-11-27');
    // US clocks went back on 2026-11-01: 05:30Z is 00:30 that day in Chicago (CDT, UTC−5), but a day later 23:30 (CST, UTC−6).
    expect(vendorDay('2026-11-01T05:30:00Z', 'America/Chicago')).toBe('2026-11-01');
    expect(vendorDay('2026-11-02T05:30:00Z', 'America/Chicago')).toBe('2026-11-01');
    expect(vendorDay('2026-11-27T03:00:00Z')).toBe('2026-11-27');
  });
});
