import { describe, expect, it } from 'vitest';
import { handlingDays, histogramOf, learningDeltas, percentileOf, promiseDelivery, regionOf, sampleAttribute, transitDays, weekOf, type LearnedDelivery } from '../../functions/domain/delivery-learning';
import { calendarHolidays } from '../../functions/domain/holiday-calendar';
import { applyCarrierEvent } from '../../functions/domain/package-tracking';
import { markTransmitted, recordShipment } from '../../functions/domain/purchase-order-lifecycle';
import { withPublicHolidays } from '../../functions/domain/sla-calendar';
import { aPurchaseOrder, aVendor } from '../support/builders';

const newYork = { ...aVendor().sla, cutoffTime: '14:00', timeZone: 'America/New_York', holidays: [] as string[], shipWithinBusinessDays: 3, transitBusinessDays: { '*': 6 } };
/** A history of `n` samples at `days`, and `m` at `more`. */
const spread = (n: number, days: number, m = 0, more = days + 1) => ({ [days]: n, ...(m > 0 && { [more]: m }) });
const learned = (handling: Record<number, number>, transit: Record<number, number>): LearnedDelivery => ({ handling, transit });

describe('what a vendor really takes', () => {
  it('counts handling from the business day the PO counts from: after the cut-off, or at a weekend, the next', () => {
    // Tuesday 1 Dec 15:00 in New York, after the 14:00 cut-off: counts from Wednesday, so a Wednesday scan took 0 days.
    expect(handlingDays('2026-12-01T20:00:00Z', '2026-12-02T22:00:00Z', newYork)).toBe(0);
    // Before the cut-off, the same scan took 1 day.
    expect(handlingDays('2026-12-01T15:00:00Z', '2026-12-02T22:00:00Z', newYork)).toBe(1);
    // Sent Friday evening, scanned Monday: 0 business days; scanned Tuesday: 1.
    expect(handlingDays('2026-12-04T21:00:00Z', '2026-12-07T22:00:00Z', newYork)).toBe(0);
    expect(handlingDays('2026-12-04T21:00:00Z', '2026-12-08T22:00:00Z', newYork)).toBe(1);
  });

  it('counts transit in business days in the vendor calendar: a Saturday delivery after a Friday scan took none, a holiday is skipped', () => {
    expect(transitDays('2026-12-04T22:00:00Z', '2026-12-05T17:00:00Z', newYork)).toBe(0);
    expect(transitDays('2026-12-04T22:00:00Z', '2026-12-08T17:00:00Z', newYork)).toBe(2);
    // Wednesday 25 Nov to Friday 27th over Thanksgiving: 1 business day.
    const us = withPublicHolidays({ ...newYork, calendarHolidays: calendarHolidays('US', new Date('2026-11-01')) });
    expect(transitDays('2026-11-25T22:00:00Z', '2026-11-27T17:00:00Z', us)).toBe(1);
  });

  it('learns a sample once: the first scan of a PO, each package delivered', () => {
    const sent = markTransmitted(aPurchaseOrder({ lineCount: 1, quantity: 1, shipTo: { name: 'A', line1: '1 Pike', line2: null, city: 'Seattle', region: 'WA', postalCode: '98101', country: 'US' } }), [1], { by: 'test', at: new Date('2026-12-01T15:00:00Z') }, newYork);
    const shipped = recordShipment(sent, { shipmentId: 'S1', carrier: 'UPS', service: 'GROUND', shipDate: '2026-12-02', source: 'API', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 1 }] }] }, { by: 'v', at: new Date('2026-12-02T14:00:00Z') });
    const scanned = applyCarrierEvent(shipped, { trackingNumber: '1Z999AA10123456784', status: 'IN_TRANSIT', at: '2026-12-02T22:00:00Z' }, { by: 'c', at: new Date() });
    const delivered = applyCarrierEvent(scanned, { trackingNumber: '1Z999AA10123456784', status: 'DELIVERED', at: '2026-12-07T19:00:00Z' }, { by: 'c', at: new Date() });
    expect(learningDeltas(shipped, scanned)).toEqual({ handling: { week: weekOf('2026-12-02'), days: 1 }, transit: new Map() });
    expect(learningDeltas(scanned, delivered)).toEqual({ transit: new Map([['US-981', [{ week: weekOf('2026-12-07'), days: 3, service: 'UPS:GROUND' }]]]) });
    // The same change replayed, or one that moves nothing learned, adds nothing.
    expect(learningDeltas(delivered, delivered)).toBeUndefined();
    expect(learningDeltas({ ...scanned, test: { runId: 'r', step: 'ACKNOWLEDGE' } } as never, { ...delivered, test: { runId: 'r', step: 'ACKNOWLEDGE' } } as never)).toBeUndefined();
  });

  it('reads the last nine weeks of an aggregate, every service together, and nothing older', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const week = weekOf('2026-12-01');
    const item = {
      PK: 'VENDOR#v', SK: 'STATS#LEARN#TRANSIT#US-981',
      [sampleAttribute({ week, days: 3, service: 'UPS:GROUND' })]: 4,
      [sampleAttribute({ week: week - 8, days: 3, service: 'FEDEX:HOME_DELIVERY' })]: 2,
      [sampleAttribute({ week: week - 9, days: 9, service: 'UPS:GROUND' })]: 50,
    };
    expect(histogramOf(item, now)).toEqual({ 3: 6 });
    expect(percentileOf({ 1: 9, 2: 1 }, 0.9)).toBe(1);
    expect(percentileOf({ 1: 8, 2: 2 }, 0.9)).toBe(2);
    expect(regionOf({ country: 'US', postalCode: '02134-1234' })).toBe('US-021');
    expect(regionOf({ country: 'CA', postalCode: 'K1A 0B1' })).toBe('CA');
  });
});

describe('the promise', () => {
  it('skips a public holiday in the learned handling and transit', () => {
    const us = withPublicHolidays({ ...newYork, calendarHolidays: calendarHolidays('US', new Date('2026-11-01')) });
    // Wednesday 25 Nov 10:00: handling 1 day skips Thanksgiving (Thu 26) → Friday 27th; 2 days in transit → Tuesday 1 Dec.
    const promise = promiseDelivery(new Date('2026-11-25T15:00:00Z'), us, 'US-981', learned(spread(30, 1), spread(12, 2)));
    expect(promise).toMatchObject({ basis: 'LEARNED', sampleSize: 30, shipBy: '2026-11-27', deliveryWindow: { earliest: '2026-12-01', latest: '2026-12-01' } });
    // Without the calendar, Thursday would count.
    expect(promiseDelivery(new Date('2026-11-25T15:00:00Z'), newYork, 'US-981', learned(spread(30, 1), spread(12, 2))).shipBy).toBe('2026-11-26');
  });

  it("keeps the cut-off in the vendor's own zone across the change from daylight time", () => {
    // 18:30 UTC is 14:30 EDT on Friday 30 Oct (after the cut-off: counts from Monday 2 Nov)…
    const history = learned(spread(25, 0), spread(10, 1));
    expect(promiseDelivery(new Date('2026-10-30T18:30:00Z'), newYork, 'US-100', history).shipBy).toBe('2026-11-02');
    // …and 13:30 EST on Monday 2 Nov, after the clocks went back (before it: counts that day).
    expect(promiseDelivery(new Date('2026-11-02T18:30:00Z'), newYork, 'US-100', history).shipBy).toBe('2026-11-02');
    // A Chicago vendor at the same instant on Friday is an hour earlier, 13:30 CDT: before its cut-off.
    expect(promiseDelivery(new Date('2026-10-30T18:30:00Z'), { ...newYork, timeZone: 'America/Chicago' }, 'US-100', history).shipBy).toBe('2026-10-30');
  });

  it("uses the vendor's percentile: a median promise is earlier and riskier", () => {
    const history = learned(spread(15, 1, 10, 3), spread(10, 2, 5, 4));
    const at = new Date('2026-12-01T15:00:00Z');
    expect(promiseDelivery(at, newYork, 'US-100', history).deliveryWindow).toEqual({ earliest: '2026-12-04', latest: '2026-12-10' });
    // Handling 1 or 3 days, transit 2 or 4: order to door 3 (40 %), 5 (47 %) or 7 days (13 %).
    expect(promiseDelivery(at, { ...newYork, promisePercentile: 50 }, 'US-100', history).deliveryWindow).toEqual({ earliest: '2026-12-04', latest: '2026-12-08' });
  });

  it('falls back to the SLA below 20 POs, and has no window without a transit time or history', () => {
    const at = new Date('2026-12-01T15:00:00Z');
    expect(promiseDelivery(at, newYork, 'US-100', learned(spread(19, 0), {}))).toMatchObject({ basis: 'SLA', sampleSize: 0, shipBy: '2026-12-04', deliveryWindow: { earliest: '2026-12-09', latest: '2026-12-14' } });
    expect(promiseDelivery(at, { ...newYork, transitBusinessDays: {} }, 'US-100')).toEqual({ shipBy: '2026-12-04', basis: 'SLA', sampleSize: 0, region: 'US-100' });
  });
});
