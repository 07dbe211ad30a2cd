import { describe, expect, it } from 'vitest';
import { certificationPurchaseOrders, certificationReport, evaluateStep, type CertificationStep } from '../../functions/domain/certification';
import type { PurchaseOrder } from '../../functions/domain/orders';
import { acknowledge, markTransmitted, recordShipment } from '../../functions/domain/purchase-order-lifecycle';
import { upsNumber } from '../support/tracking';

const sla = { ackWithinHours: 24, shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'America/New_York', holidays: [], ackReminderAtShare: 0.5, firstScanWithinBusinessHours: 24, stuckAfterDays: 4, transitBusinessDays: {} };
const sentAt = new Date('2026-11-23T15:00:00Z'); // a Monday
const hours = (n: number) => new Date(sentAt.getTime() + n * 3_600_000);
let serial = 0;

/** The run's test PO for a step, sent to the vendor on Monday. */
function sent(step: CertificationStep): PurchaseOrder {
  let n = 0;
  const { purchaseOrders } = certificationPurchaseOrders({ vendorId: 'zenith', channel: 'API' }, { runId: 'cert_1', orderId: 'ord_1', newPoNumber: () => `PO-T${++n}` }, { vendorSkus: [], currency: 'USD', actor: { by: 'ops:k', at: sentAt } });
  const po = purchaseOrders.find((p) => p.test?.step === step) as PurchaseOrder;
  return markTransmitted(po, po.lines.map((l) => l.lineNumber), { by: 'workflow', at: sentAt }, sla);
}
const vendor = (at: Date) => ({ by: 'vendor:zenith', at });
const acceptAll = (po: PurchaseOrder, at = hours(2)) => acknowledge(po, { estimatedShipDate: '2026-11-24', lines: po.lines.map((l) => ({ lineNumber: l.lineNumber, status: 'ACCEPTED' as const })) }, vendor(at));
const ship = (po: PurchaseOrder, packages: { trackingNumber: string; lines: { lineNumber: number; quantity: number }[] }[], at = hours(20), carrier?: string) =>
  recordShipment(po, { shipmentId: `S${++serial}`, service: 'GROUND', shipDate: at.toISOString().slice(0, 10), packages, source: 'API', ...(carrier && { carrier }) }, vendor(at));
const check = (report: ReturnType<typeof evaluateStep>, name: string) => report.checks.find((c) => c.check === name);

describe('certification steps', () => {
  it('passes a step answered as scripted, in time, with valid tracking and quantities that add up', () => {
    const po = ship(acceptAll(sent('ACCEPT')), [{ trackingNumber: upsNumber(++serial), lines: [{ lineNumber: 1, quantity: 1 }, { lineNumber: 2, quantity: 2 }] }]);
    const report = evaluateStep('ACCEPT', po, [], 'API', hours(30));
    expect(report.checks.map((c) => [c.check, c.status])).toEqual([
      ['answered within the SLA', 'PASSED'], ['every line answered', 'PASSED'], ['answer as scripted', 'PASSED'],
      ['shipped within the SLA', 'PASSED'], ['valid tracking', 'PASSED'], ['quantities add up', 'PASSED'],
    ]);
    expect(report.status).toBe('PASSED');
  });

  it('waits for an answer until it is due, then fails naming the due time', () => {
    const po = sent('REJECT');
    expect(evaluateStep('REJECT', po, [], 'API', hours(23)).status).toBe('WAITING');
    const late = evaluateStep('REJECT', po, [], 'API', hours(25));
    expect(late.status).toBe('FAILED');
    expect(check(late, 'answered within the SLA')?.detail).toBe(`no acknowledgment; it was due by ${po.ackDueAt}`);
  });

  it('fails an answer that is not the one scripted, saying what it was', () => {
    const report = evaluateStep('PARTIAL_ACCEPT', acceptAll(sent('PARTIAL_ACCEPT')), [], 'API', hours(3));
    expect(check(report, 'answer as scripted')).toEqual({ check: 'answer as scripted', status: 'FAILED', detail: 'line 1 should be accepted with fewer units than the 4 ordered: line 1 is ACCEPTED (4 of 4)' });
  });

  it('fails one package where two were asked, and a number its carrier cannot confirm', () => {
    const onePackage = ship(acceptAll(sent('TWO_PACKAGES')), [{ trackingNumber: upsNumber(++serial), lines: [{ lineNumber: 1, quantity: 1 }, { lineNumber: 2, quantity: 1 }] }]);
    expect(check(evaluateStep('TWO_PACKAGES', onePackage, [], 'API', hours(30)), 'valid tracking')?.detail).toBe('1 tracking number; this step needs 2 packages, each with its own');
    const freight = ship(acceptAll(sent('ACCEPT')), [{ trackingNumber: '1234567890', lines: [{ lineNumber: 1, quantity: 1 }, { lineNumber: 2, quantity: 2 }] }], hours(20), 'ODFL');
    expect(check(evaluateStep('ACCEPT', freight, [], 'API', hours(30)), 'valid tracking')).toMatchObject({ status: 'FAILED', detail: expect.stringMatching(/^1234567890 \(ODFL\): a number its carrier's format cannot confirm/) });
  });

  it('fails a shipment after the ship-by time', () => {
    const po = acceptAll(sent('ACCEPT'));
    const late = ship(po, [{ trackingNumber: upsNumber(++serial), lines: [{ lineNumber: 1, quantity: 1 }, { lineNumber: 2, quantity: 2 }] }], hours(24 * 5));
    expect(check(evaluateStep('ACCEPT', late, [], 'API', hours(24 * 6)), 'shipped within the SLA')).toMatchObject({ status: 'FAILED', detail: expect.stringContaining(`after ${po.shipDueAt}`) });
  });

  it("asks an EDI vendor for a clean 997, and names a refused document's reasons", () => {
    const po = acceptAll(sent('CANCELLATION'));
    const report = evaluateStep('CANCELLATION', po, [{ direction: 'IN', type: '997', accepted: true }, { direction: 'IN', type: '856', accepted: false, reasons: ['PRF: purchase order is CANCELLED'] }], 'EDI', hours(3));
    expect(check(report, '997 clean')?.status).toBe('PASSED');
    expect(check(report, 'documents accepted')).toEqual({ check: 'documents accepted', status: 'FAILED', detail: '856 refused: PRF: purchase order is CANCELLED' });
  });

  it('rolls the steps into the run: FAILED on any failure, PASSED only when every step passed', () => {
    const { run, purchaseOrders } = certificationPurchaseOrders({ vendorId: 'zenith', channel: 'API' }, { runId: 'cert_2', orderId: 'ord_2', newPoNumber: (() => { let n = 0; return () => `PO-R${++n}`; })() }, { vendorSkus: ['ZN-1'], currency: 'USD', actor: { by: 'ops:k', at: sentAt } });
    expect(purchaseOrders.every((po) => po.lines.every((l) => l.vendorSku === 'ZN-1' && l.reservedQuantity === undefined))).toBe(true);
    const pos = new Map(purchaseOrders.map((po) => [po.poNumber, markTransmitted(po, [1, 2], { by: 'workflow', at: sentAt }, sla)]));
    expect(certificationReport(run, pos, new Map(), hours(1)).status).toBe('RUNNING');
    expect(certificationReport(run, pos, new Map(), hours(25)).status).toBe('FAILED');
  });
});
