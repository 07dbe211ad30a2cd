import { describe, expect, it } from 'vitest';
import { noticesFor } from '../../functions/domain/notifications';
import type { PurchaseOrder } from '../../functions/domain/orders';
import { applyCarrierEvent, trackPackage, type CarrierEvent } from '../../functions/domain/package-tracking';
import { applyDelayCheck } from '../../functions/domain/sla-checks';
import { vendorReport, counterDeltas } from '../../functions/domain/vendor-analytics';
import { fateOf, plannedEvents } from '../../local/carrier-simulator';
import { aPurchaseOrder } from '../support/builders';

const actor = { by: 'carrier:test', at: new Date('2026-11-28T12:00:00Z') };
const sla = { shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'America/Chicago', holidays: [], transitBusinessDays: { '*': 3 }, firstScanWithinBusinessHours: 24, stuckAfterDays: 4 };

/** A dispatched PO: two packages, one verified, one on a freight carrier we cannot check. */
function dispatched(): PurchaseOrder {
  const po = aPurchaseOrder({ status: 'DISPATCHED', lineCount: 2, quantity: 1, sla, estimatedShipDate: '2026-11-25', acknowledgedAt: '2026-11-24T16:00:00Z' });
  return {
    ...po,
    lines: po.lines.map((l) => ({ ...l, status: 'ACCEPTED', shippedQuantity: 1 })),
    shipments: [{
      shipmentId: 'S-1', carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', receivedAt: '2026-11-25T18:00:00Z', source: 'API',
      packages: [
        { trackingNumber: '1Z1', carrier: 'UPS', verification: 'VERIFIED', trackingUrl: 'https://ups.example/1Z1', lines: [{ lineNumber: 1, quantity: 1 }], tracking: { status: 'LABEL_CREATED', scanDueAt: '2026-11-27T05:59:59.999Z', events: [] } },
        { trackingNumber: 'PRO-2', carrier: 'ODFL', verification: 'UNVERIFIED', lines: [{ lineNumber: 2, quantity: 1 }], tracking: { status: 'LABEL_CREATED', scanDueAt: '2026-11-27T05:59:59.999Z', events: [] } },
      ],
    }],
  };
}
const event = (trackingNumber: string, status: CarrierEvent['status'], at: string, description?: string): CarrierEvent => ({ trackingNumber, status, at, ...(description && { description }) });

describe("a package's journey", () => {
  it('takes its status from the latest event by time, stays delivered, and ignores a repeat', () => {
    let tracking = trackPackage(undefined, { status: 'OUT_FOR_DELIVERY', at: '2026-11-28T12:00:00.000Z' });
    tracking = trackPackage(tracking, { status: 'IN_TRANSIT', at: '2026-11-27T12:00:00.000Z' });
    expect(tracking).toMatchObject({ status: 'OUT_FOR_DELIVERY', firstScanAt: '2026-11-27T12:00:00.000Z' });
    tracking = trackPackage(tracking, { status: 'DELIVERED', at: '2026-11-28T18:00:00.000Z' });
    tracking = trackPackage(tracking, { status: 'IN_TRANSIT', at: '2026-11-29T01:00:00.000Z' });
    expect(tracking.status).toBe('DELIVERED');
    expect(trackPackage(tracking, { status: 'DELIVERED', at: '2026-11-28T18:00:00.000Z' })).toBe(tracking);
  });

  it('delivers the PO with its last package, and returns it unchanged for a number not on it', () => {
    let po = applyCarrierEvent(dispatched(), event('1z1', 'DELIVERED', '2026-11-28T15:00:00Z'), actor);
    expect(po.status).toBe('DISPATCHED');
    po = applyCarrierEvent(po, event('PRO-2', 'DELIVERED', '2026-11-29T15:00:00Z'), actor);
    expect(po).toMatchObject({ status: 'DELIVERED', deliveredAt: '2026-11-29T15:00:00.000Z' });
    expect(applyCarrierEvent(po, event('9999', 'DELIVERED', '2026-11-29T15:00:00Z'), actor)).toBe(po);
  });
});

describe('customer milestones after dispatch', () => {
  it('tells of out for delivery, delivered and an exception in the carrier’s words, once per package', () => {
    const before = dispatched();
    const out = applyCarrierEvent(before, event('1Z1', 'OUT_FOR_DELIVERY', '2026-11-28T08:00:00Z'), actor);
    expect(noticesFor(before, out).map((n) => [n.milestone, n.key])).toEqual([['OUT_FOR_DELIVERY', `OUT_FOR_DELIVERY#${before.poNumber}#1Z1`]]);
    const problem = applyCarrierEvent(out, event('PRO-2', 'EXCEPTION', '2026-11-28T09:00:00Z', 'Consignee closed'), actor);
    expect(noticesFor(out, problem)).toMatchObject([{ milestone: 'DELIVERY_EXCEPTION', package: { trackingNumber: 'PRO-2', carrier: 'ODFL', description: 'Consignee closed' } }]);
    // An older event arriving late leaves the status where it was: nothing new to tell.
    const late = applyCarrierEvent(problem, event('1Z1', 'IN_TRANSIT', '2026-11-27T08:00:00Z'), actor);
    expect(noticesFor(problem, late)).toEqual([]);
  });
});

describe('the parcel checks', () => {
  it('opens NO_CARRIER_SCAN after the scan window and STUCK_IN_TRANSIT after the silent days, once each', () => {
    const missed = applyDelayCheck(dispatched(), new Date('2026-11-27T06:00:00Z'));
    expect(missed?.openExceptions?.NO_CARRIER_SCAN?.detail).toBe('no carrier scan by 2026-11-27T05:59:59.999Z for 1Z1, PRO-2');
    const scanned = applyCarrierEvent(dispatched(), event('1Z1', 'IN_TRANSIT', '2026-11-26T10:00:00Z'), actor);
    const both = applyCarrierEvent(scanned, event('PRO-2', 'IN_TRANSIT', '2026-11-26T11:00:00Z'), actor);
    expect(applyDelayCheck(both, new Date('2026-11-30T09:00:00Z'))).toBeUndefined();
    const stuck = applyDelayCheck(both, new Date('2026-11-30T10:30:00Z'));
    expect(stuck?.openExceptions?.STUCK_IN_TRANSIT?.detail).toBe('1Z1 last seen 2026-11-26T10:00:00.000Z (in transit)');
    expect(stuck && applyDelayCheck(stuck, new Date('2026-12-01T00:00:00Z'))).toBeUndefined();
    const moved = stuck && applyCarrierEvent(stuck, event('1Z1', 'OUT_FOR_DELIVERY', '2026-11-30T11:00:00Z'), actor);
    expect(moved?.openExceptions?.STUCK_IN_TRANSIT).toBeUndefined();
  });
});

describe('the scorecard after dispatch', () => {
  it('counts UNVERIFIED numbers against valid tracking, first scans against their window, deliveries against the promise', () => {
    const sent = aPurchaseOrder({ status: 'ACKNOWLEDGED', lineCount: 2, quantity: 1, sla });
    const shipped = dispatched();
    const scannedLate = applyCarrierEvent(shipped, event('1Z1', 'IN_TRANSIT', '2026-11-27T09:00:00Z'), actor);
    const days = [counterDeltas(sent, shipped), counterDeltas(shipped, scannedLate)].map((d) => d?.counters ?? {});
    expect(vendorReport(days)).toMatchObject({ validTrackingRate: 0.5, firstScanOnTimeRate: 0 });
  });
});

describe('the offline carrier simulator', () => {
  it('gives each number the same path every time, and a few per hundred never a scan', () => {
    expect(plannedEvents('1Z999AA10123456784', '2026-11-25T18:00:00Z')).toEqual(plannedEvents('1Z999AA10123456784', '2026-11-25T18:00:00Z'));
    const numbers = Array.from({ length: 2000 }, (_, i) => `1Z999AA1${String(i).padStart(8, '0')}`);
    const never = numbers.filter((n) => fateOf(n) === 'NEVER_SCANNED').length / numbers.length;
    expect(never).toBeGreaterThan(0.01);
    expect(never).toBeLessThan(0.06);
    const delivered = plannedEvents(numbers.find((n) => fateOf(n) === 'DELIVERED') ?? '', '2026-11-25T18:00:00Z');
    expect(delivered.map((e) => e.status)).toEqual(['IN_TRANSIT', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
  });
});
