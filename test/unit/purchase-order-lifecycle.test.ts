import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  cancelLines,
  markTransmitted,
  recordShipment,
  wakeOutput,
  type ShipmentNotice,
} from '../../functions/domain/purchase-order-lifecycle';
import { refusal } from '../support/refusal';
import type { PurchaseOrder } from '../../functions/domain/orders';
import { aPurchaseOrder } from '../support/builders';

const vendor = { by: 'vendor:acme', at: new Date('2026-11-24T16:00:00.000Z') };
const workflow = { by: 'workflow', at: new Date('2026-11-24T15:01:00.000Z') };

const sent = (overrides: Partial<PurchaseOrder> = {}) => markTransmitted(aPurchaseOrder(overrides), [1, 2], workflow);

const shipment = (lines: { lineNumber: number; quantity: number }[], trackingNumber = '1Z999AA10123456784'): ShipmentNotice => ({
  shipmentId: 'SH-1',
  carrier: 'UPS',
  service: 'GROUND',
  shipDate: '2026-11-25',
  packages: [{ trackingNumber, lines }],
  source: 'API',
});


describe('purchase order lifecycle', () => {
  it('goes PENDING → SENT_TO_VENDOR when transmitted, bumping the version and recording who did it', () => {
    const po = sent();
    expect(po).toMatchObject({ status: 'SENT_TO_VENDOR', version: 2, transmittedAt: workflow.at.toISOString() });
    expect(po.history.at(-1)).toEqual({ at: workflow.at.toISOString(), status: 'SENT_TO_VENDOR', by: 'workflow' });
  });

  it('acknowledges with the estimated ship date, keeping each line decision', () => {
    const po = acknowledge(
      sent(),
      {
        estimatedShipDate: '2026-12-01',
        lines: [
          { lineNumber: 1, status: 'ACCEPTED' },
          { lineNumber: 2, status: 'BACKORDERED', backorderDate: '2026-12-20' },
        ],
      },
      vendor,
    );
    expect(po).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-01', version: 3 });
    expect(po.lines.map((l) => [l.status, l.backorderDate])).toEqual([['ACCEPTED', undefined], ['BACKORDERED', '2026-12-20']]);
  });

  it('becomes REJECTED when the vendor rejects every line', () => {
    const po = acknowledge(sent(), { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'discontinued' }, { lineNumber: 2, status: 'REJECTED', reason: 'discontinued' }] }, vendor);
    expect(po.status).toBe('REJECTED');
    expect(po.lines.every((l) => l.reason === 'discontinued' && l.acceptedQuantity === 0)).toBe(true);
  });

  it('refuses an acknowledgment that leaves a line unanswered or accepts without a ship date', () => {
    const error = refusal(() => acknowledge(sent(), { lines: [{ lineNumber: 1, status: 'ACCEPTED' }, { lineNumber: 9, status: 'ACCEPTED' }] }, vendor));
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.details.map((d) => d.rule).sort()).toEqual(['every_line', 'known_line', 'required']);
  });

  it('refuses an acknowledgment in any status but SENT_TO_VENDOR with a 409 naming the status', () => {
    const error = refusal(() => acknowledge(aPurchaseOrder(), { lines: [] }, vendor));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toContain('PENDING');
  });

  it('moves to PARTIALLY_DISPATCHED and then DISPATCHED as quantities ship', () => {
    const acked = acknowledge(sent(), { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }, { lineNumber: 2, status: 'ACCEPTED' }] }, vendor);
    const partial = recordShipment(acked, shipment([{ lineNumber: 1, quantity: 2 }, { lineNumber: 2, quantity: 1 }]), vendor);
    expect(partial.status).toBe('PARTIALLY_DISPATCHED');
    const done = recordShipment(partial, { ...shipment([{ lineNumber: 2, quantity: 1 }], '1Z999AA10123456784'), shipmentId: 'SH-2' }, vendor);
    expect(done.status).toBe('DISPATCHED');
    expect(done.shipments.map((s) => s.packages[0]?.trackingUrl)).toEqual([
      'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    ]);
  });

  it('counts a shipment before any acknowledgment as an implicit acknowledgment', () => {
    const po = recordShipment(sent(), shipment([{ lineNumber: 1, quantity: 2 }, { lineNumber: 2, quantity: 2 }]), vendor);
    expect(po.status).toBe('DISPATCHED');
    expect(po.acknowledgedAt).toBe(vendor.at.toISOString());
    expect(po.history.at(-1)?.note).toContain('implicit acknowledgment');
  });

  it('refuses to ship more than was accepted, or a rejected line', () => {
    const acked = acknowledge(sent(), { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED', quantity: 1 }, { lineNumber: 2, status: 'REJECTED', reason: 'gone' }] }, vendor);
    const error = refusal(() => recordShipment(acked, shipment([{ lineNumber: 1, quantity: 2 }, { lineNumber: 2, quantity: 1 }]), vendor));
    expect(error.details.map((d) => d.rule).sort()).toEqual(['max_quantity', 'shippable_line']);
  });

  it('refuses a tracking number that fails its carrier check digit', () => {
    const error = refusal(() => recordShipment(sent(), shipment([{ lineNumber: 1, quantity: 1 }], '1Z999AA10123456785'), vendor));
    expect(error.code).toBe('INVALID_TRACKING_NUMBER');
    expect(error.details[0]?.field).toBe('packages.0.trackingNumber');
  });

  it('cancels every open line, tells a vendor that has the PO, and wakes the workflow', () => {
    const before = { ...sent(), taskToken: 'token-1' };
    const po = cancelLines(before, 'ALL', 'customer changed their mind', { by: 'storefront:shop', at: vendor.at });
    expect(po.status).toBe('CANCELLED');
    expect(po.vendorNotice).toEqual({ type: 'CANCELLATION', lineNumbers: [1, 2], reason: 'customer changed their mind' });
    expect(po.taskToken).toBeUndefined();
    expect(wakeOutput(po)).toEqual({ poNumber: po.poNumber, status: 'CANCELLED', notifyVendor: true });
  });

  it('cancels one line and keeps the PO open, still telling the vendor', () => {
    const po = cancelLines(sent(), [2], 'out of budget', vendor);
    expect(po.status).toBe('SENT_TO_VENDOR');
    expect(po.lines.map((l) => l.status)).toEqual(['OPEN', 'CANCELLED']);
    expect(po.vendorNotice?.lineNumbers).toEqual([2]);
  });

  it('keeps the task token when a partial shipment leaves the status where it was', () => {
    const acked = acknowledge(sent(), { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }, { lineNumber: 2, status: 'ACCEPTED' }] }, vendor);
    const partial = { ...recordShipment(acked, shipment([{ lineNumber: 1, quantity: 1 }]), vendor), taskToken: 'token-2' };
    expect(recordShipment(partial, shipment([{ lineNumber: 1, quantity: 1 }]), vendor).taskToken).toBe('token-2');
  });

  it('refuses to cancel after dispatch has begun', () => {
    const shipped = recordShipment(sent(), shipment([{ lineNumber: 1, quantity: 1 }]), vendor);
    expect(refusal(() => cancelLines(shipped, 'ALL', 'late', vendor)).code).toBe('INVALID_TRANSITION');
  });

  it('turns lines cancelled while the PO was in flight into a vendor notice', () => {
    const pending = cancelLines(aPurchaseOrder(), [1], 'changed mind', vendor);
    expect(pending.vendorNotice).toBeUndefined();
    const transmitted = markTransmitted(pending, [1, 2], workflow);
    expect(transmitted.status).toBe('SENT_TO_VENDOR');
    expect(transmitted.vendorNotice?.lineNumbers).toEqual([1]);
  });
});
