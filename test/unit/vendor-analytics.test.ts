import { describe, expect, it } from 'vitest';
import { acknowledge, cancelLines, markTransmitted, recordShipment, type ShipmentNotice } from '../../functions/domain/purchase-order-lifecycle';
import { counterDeltas, vendorReport, type DayCounters } from '../../functions/domain/vendor-analytics';
import type { PurchaseOrder } from '../../functions/domain/order-placement';
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
  const report = vendorReport(days);

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
      fillRate: 0.5,
      validTrackingRate: 0.75,
    });
  });

  it('computes median and p90 hours to acknowledge and to ship', () => {
    expect(report.hoursToAck).toEqual({ median: 2, p90: 30 });
    expect(report.hoursToShip).toEqual({ median: 20, p90: 70 });
  });

  it('weighs the composite score 50/30/20 by default and flags the thresholds missed', () => {
    expect(report.score).toBe(55);
    expect(report.flags).toHaveLength(3);
  });

  it('takes other weights', () => {
    expect(vendorReport(days, { onTimeShip: 1, fillRate: 0, noCancellation: 0 }).score).toBe(50);
  });

  it('scores inventory feeds as the share of the period\'s days that had one, and not at all for a vendor that sends none', () => {
    expect(vendorReport([{ feeds: 2 }, { feeds: 1 }, { sent: 1 }], undefined, 10).inventoryFeedScore).toBe(0.2);
    expect(vendorReport([{ sent: 1 }], undefined, 10).inventoryFeedScore).toBeNull();
  });

  it('reports nothing as a rate when nothing happened', () => {
    expect(vendorReport([])).toMatchObject({ posSent: 0, successRate: null, score: null, flags: [] });
  });
});
