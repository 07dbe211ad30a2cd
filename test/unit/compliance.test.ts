import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { chargeRows, vendorCharges, type ComplianceRules } from '../../functions/domain/compliance';
import type { PurchaseOrder } from '../../functions/domain/orders';
import { acknowledge, markTransmitted, recordShipment } from '../../functions/domain/purchase-order-lifecycle';
import { applyDelayCheck } from '../../functions/domain/sla-checks';
import { counterDeltas, type DayCounters, type DayViolations } from '../../functions/domain/vendor-analytics';
import { chargesCsv } from '../../functions/services/compliance-charges';
import { aPurchaseOrder, aVendor } from '../support/builders';
import { upsNumber } from '../support/tracking';

/**
 * Compliance charges against a hand-computed fixture: POs run through the domain's own rules,
 * their counters and violations collected per vendor day as the store keeps them.
 */
const sla = { ...aVendor().sla, ackWithinHours: 24, shipWithinBusinessDays: 2 }; // America/Chicago
const t0 = new Date('2026-11-16T16:00:00Z'); // Monday 10:00 in Chicago: ship-by is the end of Wednesday
const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
const vendor = (hours: number) => ({ by: 'vendor:acme', at: at(hours) });
let serial = 900;

type Day = { counters: DayCounters; violations: DayViolations };
/** Runs a PO through its steps and adds what each change counts to the vendor's days. */
function run(days: Map<string, Day>, ...steps: ((po: PurchaseOrder) => PurchaseOrder)[]) {
  let po = aPurchaseOrder({ lineCount: 2, quantity: 1, createdAt: t0.toISOString() });
  for (const step of [(p: PurchaseOrder) => markTransmitted(p, [1, 2], { by: 'workflow', at: t0 }, sla), ...steps]) {
    const next = step(po);
    const delta = counterDeltas(po, next);
    if (delta) {
      const day = days.get(delta.day) ?? { counters: {}, violations: {} };
      for (const [k, v] of Object.entries(delta.counters)) day.counters[k] = (day.counters[k] ?? 0) + v;
      for (const [k, v] of Object.entries(delta.violations) as [keyof DayViolations, string[]][]) day.violations[k] = [...new Set([...(day.violations[k] ?? []), ...v])];
      days.set(delta.day, day);
    }
    po = next;
  }
  return po;
}
const acceptBoth = (hours: number) => (po: PurchaseOrder) => acknowledge(po, { estimatedShipDate: '2026-11-18', lines: [1, 2].map((n) => ({ lineNumber: n, status: 'ACCEPTED' as const })) }, vendor(hours));
const rejectOne = (hours: number) => (po: PurchaseOrder) => acknowledge(po, { estimatedShipDate: '2026-11-18', lines: [{ lineNumber: 1, status: 'ACCEPTED' }, { lineNumber: 2, status: 'REJECTED', reason: 'discontinued' }] }, vendor(hours));
const shipAll = (hours: number, shipDate = at(hours).toISOString().slice(0, 10)) => (po: PurchaseOrder) =>
  recordShipment(po, { shipmentId: `S${++serial}`, service: 'GROUND', shipDate, source: 'API', packages: [{ trackingNumber: upsNumber(serial), lines: po.lines.filter((l) => l.status === 'ACCEPTED').map((l) => ({ lineNumber: l.lineNumber, quantity: 1 })) }] }, vendor(hours));

const rules: ComplianceRules = {
  currency: 'USD',
  rules: {
    LATE_SHIPMENT: { amount: 500, allowance: 0.1 },
    VENDOR_CANCELLATION: { amount: 300, allowance: 0 },
    INVALID_ASN: { amount: 1000, allowance: 0.1, lateAfterHours: 24 },
  },
};

describe('compliance charges, by hand', () => {
  // Ten POs. Three ship late (Thursday, after Wednesday's ship-by); one ships in time but its notice
  // comes 46 h after its ship date; two reject a line each; four ship on time.
  const days = new Map<string, Day>();
  const late = [0, 1, 2].map(() => run(days, acceptBoth(2), shipAll(70)));
  // Shipped (it says) on Monday, told us Wednesday 22:00 Chicago, in time for the ship-by but 46 h after Monday ended.
  const lateNotice = run(days, acceptBoth(2), shipAll(60, '2026-11-16'));
  const rejecting = [0, 1].map(() => run(days, rejectOne(3), shipAll(20)));
  [0, 1, 2, 3].forEach(() => run(days, acceptBoth(2), shipAll(20)));
  const charges = vendorCharges('acme', { from: '2026-11-16', to: '2026-11-22' }, [...days.values()], rules);
  const rule = (name: string) => charges.charges.find((c) => c.rule === name);

  it('charges late POs beyond the allowance: 3 late of 10 sent, 10 % free (1) → 2 × $5.00', () => {
    expect(charges.posSent).toBe(10);
    expect(rule('LATE_SHIPMENT')).toEqual({ rule: 'LATE_SHIPMENT', violations: 3, allowed: 1, charged: 2, unitAmount: 500, amount: 1000, poNumbers: late.map((po) => po.poNumber).sort() });
  });

  it('charges vendor cancellations per line with no allowance: 2 lines → 2 × $3.00', () => {
    expect(rule('VENDOR_CANCELLATION')).toMatchObject({ violations: 2, allowed: 0, charged: 2, amount: 600, poNumbers: rejecting.map((po) => po.poNumber).sort() });
  });

  it('counts a ship notice sent more than 24 h after its ship date as invalid, inside the allowance here', () => {
    expect(rule('INVALID_ASN')).toMatchObject({ violations: 1, allowed: 1, charged: 0, amount: 0, poNumbers: [lateNotice.poNumber] });
    expect(vendorCharges('acme', charges.period, [...days.values()], { ...rules, rules: { INVALID_ASN: { amount: 1000, allowance: 0, lateAfterHours: 48 } } }).total).toBe(0);
    expect(vendorCharges('acme', charges.period, [...days.values()], { ...rules, rules: { INVALID_ASN: { amount: 1000, allowance: 0, lateAfterHours: 45 } } }).total).toBe(1000);
  });

  it('charges nothing for a rule that is off, and totals the rest', () => {
    expect(rule('NO_CARRIER_SCAN')).toBeUndefined();
    expect(charges.total).toBe(1600);
  });

  it('charges a PO whose package the carrier never scanned in its window, once however often the check runs', () => {
    const scans = new Map<string, Day>();
    // Five POs shipped Monday; two are never scanned by Tuesday night, and the delay check runs twice.
    const missed = [0, 1].map(() => run(scans, acceptBoth(2), shipAll(8), (po) => applyDelayCheck(po, at(60)) ?? po, (po) => applyDelayCheck(po, at(70)) ?? po));
    [0, 1, 2].forEach(() => run(scans, acceptBoth(2), shipAll(8)));
    const noScan = vendorCharges('acme', { from: '2026-11-16', to: '2026-11-22' }, [...scans.values()], { currency: 'USD', rules: { NO_CARRIER_SCAN: { amount: 200, allowance: 0.2 } } });
    // 20 % of 5 POs = 1 free; the other costs $2.00.
    expect(noScan.charges).toEqual([{ rule: 'NO_CARRIER_SCAN', violations: 2, allowed: 1, charged: 1, unitAmount: 200, amount: 200, poNumbers: missed.map((po) => po.poNumber).sort() }]);
  });

  it("puts an event on the vendor's own calendar day: 23:30 in Los Angeles on 31 October is October's", () => {
    const la = { ...sla, timeZone: 'America/Los_Angeles' };
    const po = markTransmitted(aPurchaseOrder({ lineCount: 1, quantity: 1, createdAt: '2026-10-31T20:00:00Z' }), [1], { by: 'workflow', at: new Date('2026-10-31T20:00:00Z') }, la);
    const rejected = acknowledge(po, { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'discontinued' }] }, { by: 'vendor:acme', at: new Date('2026-11-01T06:30:00Z') });
    const delta = counterDeltas(po, rejected);
    expect(delta?.day).toBe('2026-10-31');
    const october = vendorCharges('acme', { from: '2026-10-01', to: '2026-10-31' }, delta ? [{ counters: { sent: 1 }, violations: delta.violations }] : [], rules);
    expect(october.charges.find((c) => c.rule === 'VENDOR_CANCELLATION')?.amount).toBe(300);
  });

  it('exports CSV that a CSV parser reads back to the same rows', () => {
    const csv = chargesCsv([charges]);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, dynamicTyping: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(chargeRows([charges]).map((row) => ({ ...row, poNumbers: row.poNumbers === '' ? null : row.poNumbers })));
    expect(csv.split('\r\n')[0]).toBe('vendorId,from,to,rule,posSent,violations,allowed,charged,unitAmount,amount,currency,poNumbers');
  });
});
