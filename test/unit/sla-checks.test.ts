import { applyCarrierEvent } from '../../functions/domain/package-tracking';
import { describe, expect, it } from 'vitest';
import { nextPromiseCheckAt, nextSlaCheckAt } from '../../functions/domain/check-due';
import { applyDelayCheck, applySlaCheck } from '../../functions/domain/sla-checks';
import { acknowledge, markTransmitted, recordShipment } from '../../functions/domain/purchase-order-lifecycle';
import { exceptionChanges } from '../../functions/domain/exceptions';
import { aPurchaseOrder, aVendor } from '../support/builders';

const sentAt = new Date('2026-11-16T16:00:00Z'); // Monday 10:00 in Chicago
const hours = (n: number) => new Date(sentAt.getTime() + n * 3_600_000);
const sla = { ...aVendor().sla, ackWithinHours: 24, ackReminderAtShare: 0.5, autoCancelAfterHours: 72 };
const sent = () => markTransmitted(aPurchaseOrder({ lineCount: 1, createdAt: sentAt.toISOString() }), [1], { by: 'workflow', at: sentAt }, sla);
const acked = (po = sent(), estimatedShipDate = '2026-11-18') =>
  acknowledge(po, { estimatedShipDate, lines: [{ lineNumber: 1, status: 'ACCEPTED' }] }, { by: 'vendor:acme', at: hours(2) });

describe('the SLA check', () => {
  it('stamps the ack deadline, the reminder and the hard limit when the PO is sent', () => {
    expect(sent()).toMatchObject({ ackDueAt: hours(24).toISOString(), ackReminderAt: hours(12).toISOString(), autoCancelAt: hours(72).toISOString() });
    expect(nextSlaCheckAt(sent())).toBe(hours(12).toISOString());
  });

  it('does nothing before anything is due', () => {
    expect(applySlaCheck(sent(), hours(11))).toBeUndefined();
  });

  it('reminds the vendor once, halfway through the ack window', () => {
    const outcome = applySlaCheck(sent(), hours(12));
    expect(outcome?.remind).toBe(true);
    expect(applySlaCheck(outcome!.po, hours(13))).toBeUndefined();
    expect(nextSlaCheckAt(outcome!.po)).toBe(hours(24).toISOString());
  });

  it('opens ACK_OVERDUE at the deadline, once, and marks the PO late', () => {
    const outcome = applySlaCheck(sent(), hours(25));
    expect(outcome?.po.openExceptions?.ACK_OVERDUE).toMatchObject({ type: 'ACK_OVERDUE', openedAt: hours(25).toISOString() });
    expect(outcome?.po.late).toBe(true);
    expect(outcome?.remind).toBe(false);
    expect(applySlaCheck(outcome!.po, hours(26))).toBeUndefined();
    expect(nextSlaCheckAt(outcome!.po)).toBe(hours(72).toISOString());
  });

  it('cancels the PO at the hard limit and tells the vendor', () => {
    const overdue = applySlaCheck(sent(), hours(25))!.po;
    const cancelled = applySlaCheck(overdue, hours(72))!.po;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.vendorNotice?.reason).toBe('not acknowledged within 72 hours');
    expect(nextSlaCheckAt(cancelled)).toBeUndefined();
  });

  it('stamps the ship deadline on acknowledgment and opens SHIP_OVERDUE after it', () => {
    const po = acked();
    expect(po.shipDueAt).toBe('2026-11-19T05:59:59.999Z');
    expect(applySlaCheck(po, new Date('2026-11-19T05:59:00Z'))).toBeUndefined();
    expect(applySlaCheck(po, new Date('2026-11-19T06:00:00Z'))?.po.openExceptions?.SHIP_OVERDUE?.type).toBe('SHIP_OVERDUE');
  });

  it('leaves the SLA index once the PO is dispatched, and the delay index once its parcel is delivered', () => {
    const shipped = recordShipment(acked(), { shipmentId: 'S', carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-17', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 2 }] }], source: 'API' }, { by: 'vendor:acme', at: hours(20) });
    expect(nextSlaCheckAt(shipped)).toBeUndefined();
    // Until the carrier scans it: the end of the next business day after the ship date (the first-scan window).
    expect(nextPromiseCheckAt(shipped)).toBe('2026-11-19T05:59:59.999Z');
    const moving = applyCarrierEvent(shipped, { trackingNumber: '1Z999AA10123456784', status: 'IN_TRANSIT', at: '2026-11-18T12:00:00Z' }, { by: 'carrier', at: hours(30) });
    expect(nextPromiseCheckAt(moving)).toBe('2026-11-22T12:00:00.000Z');
    const delivered = applyCarrierEvent(moving, { trackingNumber: '1Z999AA10123456784', status: 'DELIVERED', at: '2026-11-20T12:00:00Z' }, { by: 'carrier', at: hours(60) });
    expect([delivered.status, nextPromiseCheckAt(delivered)]).toEqual(['DELIVERED', undefined]);
  });
});

describe('the delay check', () => {
  it('opens DELAYED once the promised ship date has ended in the vendor time zone', () => {
    const po = acked();
    expect(nextPromiseCheckAt(po)).toBe('2026-11-19T05:59:59.999Z');
    expect(applyDelayCheck(po, new Date('2026-11-19T05:00:00Z'))).toBeUndefined();
    expect(applyDelayCheck(po, new Date('2026-11-19T06:00:00Z'))?.openExceptions?.DELAYED).toBeDefined();
  });

  it('opens BACKORDER_OVERDUE when a backorder date passes', () => {
    const po = acknowledge(sent(), { estimatedShipDate: '2026-12-30', lines: [{ lineNumber: 1, status: 'BACKORDERED', backorderDate: '2026-12-01' }] }, { by: 'vendor:acme', at: hours(2) });
    const next = applyDelayCheck(po, new Date('2026-12-02T12:00:00Z'));
    expect(Object.keys(next?.openExceptions ?? {})).toEqual(['BACKORDER_OVERDUE']);
  });
});

describe('exceptions close themselves', () => {
  it('closes ACK_OVERDUE when the acknowledgment arrives, recording how long it was open', () => {
    const overdue = applySlaCheck(sent(), hours(25))!.po;
    const late = acknowledge(overdue, { estimatedShipDate: '2026-11-20', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] }, { by: 'vendor:acme', at: hours(27) });
    expect(late.openExceptions).toEqual({});
    const [record] = exceptionChanges(overdue, late, hours(27));
    expect(record).toMatchObject({ type: 'ACK_OVERDUE', status: 'RESOLVED', openSeconds: 2 * 3600, resolution: { by: 'system' } });
  });
});
