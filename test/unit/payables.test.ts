import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VendorCharges } from '../../functions/domain/compliance';
import { defaultInvoicingRules, invoiceOnPo, receiveInvoice, type Invoice } from '../../functions/domain/invoices';
import type { PurchaseOrder } from '../../functions/domain/orders';
import { payablesOf, remittanceOf, type Remittance } from '../../functions/domain/payables';
import { remittance820 } from '../../functions/domain/x12/remittance-820';
import { aPurchaseOrder } from '../support/builders';
import { parseX12, segmentsOf } from '../support/x12';

type Step =
  | { kind: 'ship'; line: number; quantity: number }
  | { kind: 'invoice'; lines: { line: number; quantity: number; overPrice: boolean }[]; freight: number }
  | { kind: 'charge'; amount: number }
  | { kind: 'remit' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('ship' as const), line: fc.integer({ min: 1, max: 3 }), quantity: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('invoice' as const),
    lines: fc.array(fc.record({ line: fc.integer({ min: 1, max: 3 }), quantity: fc.integer({ min: 1, max: 4 }), overPrice: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    freight: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 })),
  }),
  fc.record({ kind: fc.constant('charge' as const), amount: fc.integer({ min: 1, max: 30_000 }) }),
  fc.record({ kind: fc.constant('remit' as const) }),
);

/** A period a month long, the n-th after November 2026. */
const periodOf = (n: number) => {
  const start = new Date(Date.UTC(2026, 10 + n, 1));
  const end = new Date(Date.UTC(2026, 11 + n, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
};

const chargesOf = (amounts: number[], period: { from: string; to: string }): VendorCharges =>
  ({ vendorId: 'acme', period, currency: 'USD', posSent: 10, total: amounts.reduce((a, b) => a + b, 0), charges: amounts.map((amount) => ({ rule: 'LATE_SHIPMENT', violations: 1, allowed: 0, charged: 1, unitAmount: amount, amount, poNumbers: ['PO-1'] })) }) as unknown as VendorCharges;

describe('payables and remittances, for any sequence', () => {
  it('pay plus payable equals approved less deductions; no invoice paid twice; no unit billed beyond what shipped', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        let po: PurchaseOrder = { ...aPurchaseOrder({ lineCount: 3, quantity: 10 }), vendorId: 'acme' };
        const invoices = new Map<string, Invoice>();
        const remittances: Remittance[] = [];
        let period = 0;
        let pendingCharges: number[] = [];
        const allCharges: number[] = [];
        let n = 0;
        const at = '2026-11-27T12:00:00.000Z';
        for (const s of steps) {
          if (s.kind === 'ship') {
            po = { ...po, lines: po.lines.map((l) => (l.lineNumber === s.line ? { ...l, shippedQuantity: Math.min(l.quantity, l.shippedQuantity + s.quantity) } : l)) };
          } else if (s.kind === 'invoice') {
            const lines = s.lines.map((l) => ({ lineNumber: l.line, quantity: l.quantity, unitCost: (po.lines[l.line - 1]?.unitCost ?? 0) + (l.overPrice ? 50 : 0) }));
            const charges = s.freight ? [{ type: 'FREIGHT' as const, amount: s.freight }] : [];
            const total = lines.reduce((sum, l) => sum + l.quantity * l.unitCost, 0) + s.freight;
            const invoice = receiveInvoice({ invoiceNumber: `INV-${++n}`, poNumber: po.poNumber, invoiceDate: periodOf(period).from, lines, charges, total }, { po, vendorId: 'acme', rules: defaultInvoicingRules, source: 'API', at });
            invoices.set(invoice.invoiceNumber, invoice);
            po = { ...po, invoices: { ...po.invoices, [invoice.invoiceNumber]: invoiceOnPo(invoice) } };
          } else if (s.kind === 'charge') {
            pendingCharges.push(s.amount);
            allCharges.push(s.amount);
          } else {
            const approved = [...invoices.values()].filter((i) => i.status === 'APPROVED');
            const payables = payablesOf({ vendorId: 'acme', currency: 'USD', period: periodOf(period), approved, charges: chargesOf(pendingCharges, periodOf(period)), ...(remittances.at(-1) && { last: remittances.at(-1) }) });
            const remittance = remittanceOf(payables, { reference: `R-${period}`, paymentDate: periodOf(period).to, at, by: 'ops' }, remittances.at(-1));
            for (const paid of remittance.invoices) invoices.set(paid.invoiceNumber, { ...(invoices.get(paid.invoiceNumber) as Invoice), status: 'PAID' });
            remittances.push(remittance);
            pendingCharges = [];
            period++;
          }
        }
        const approvedNow = [...invoices.values()].filter((i) => i.status === 'APPROVED');
        const payable = payablesOf({ vendorId: 'acme', currency: 'USD', period: periodOf(period), approved: approvedNow, charges: chargesOf(pendingCharges, periodOf(period)), ...(remittances.at(-1) && { last: remittances.at(-1) }) });

        const paidNumbers = remittances.flatMap((r) => r.invoices.map((i) => i.invoiceNumber));
        expect(new Set(paidNumbers).size).toBe(paidNumbers.length);
        const everApproved = [...invoices.values()].filter((i) => i.status === 'APPROVED' || i.status === 'PAID');
        const approvedTotal = everApproved.reduce((sum, i) => sum + (i.approvedAmount ?? 0), 0);
        const deductionsTaken = allCharges.reduce((a, b) => a + b, 0) - payable.carryForward;
        expect(remittances.reduce((sum, r) => sum + r.amount, 0) + payable.net).toBe(approvedTotal - deductionsTaken);
        for (const r of [...remittances, payable]) expect(r.net).toBeGreaterThanOrEqual(0);
        for (const line of po.lines) {
          const billed = everApproved.flatMap((i) => i.lines).filter((l) => l.lineNumber === line.lineNumber).reduce((sum, l) => sum + l.quantity, 0);
          expect(billed).toBeLessThanOrEqual(line.shippedQuantity);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes an 820 that node-x12 parses strictly, whose remittance and adjustment amounts add up to the payment', () => {
    const approved = [1, 2].map((k) =>
      receiveInvoice({ invoiceNumber: `INV-${k}`, poNumber: `PO-${k}`, invoiceDate: '2026-11-20', lines: [{ lineNumber: 1, quantity: k, unitCost: 12_345 }], charges: [], total: 12_345 * k }, {
        po: { ...aPurchaseOrder({ poNumber: `PO-${k}`, lineCount: 1, quantity: 2 }), lines: [{ ...aPurchaseOrder({ lineCount: 1 }).lines[0], unitCost: 12_345, shippedQuantity: 2 } as PurchaseOrder['lines'][number]] },
        vendorId: 'acme', rules: defaultInvoicingRules, source: 'EDI', at: '2026-11-21T00:00:00Z',
      }),
    );
    const payables = payablesOf({ vendorId: 'acme', currency: 'USD', period: { from: '2026-11-01', to: '2026-11-30' }, approved, charges: chargesOf([500, 2_000], { from: '2026-11-01', to: '2026-11-30' }), last: { reference: 'R-0', carryForward: 150 } });
    const remittance = remittanceOf(payables, { reference: 'ACH-77', paymentDate: '2026-12-01', at: '2026-12-01T00:00:00Z', by: 'ops' });
    const x12 = remittance820(remittance, { payer: 'Retailer*Inc', payee: 'Acme Supply' }, { sender: { qualifier: 'ZZ', id: 'DROPSHIPOMS' }, receiver: { qualifier: 'ZZ', id: 'ACMESUPPLY' }, controlNumber: 42, at: new Date('2026-12-01T10:00:00Z'), usage: 'P' });
    const [set] = parseX12(x12).sets;
    expect(segmentsOf(set, 'BPR')[0]?.slice(0, 4)).toEqual(['I', '343.85', 'C', 'ACH']);
    const cents = (v: string | undefined) => Math.round(Number(v) * 100);
    const sum = segmentsOf(set, 'RMR').reduce((t, e) => t + cents(e[3]), 0) + segmentsOf(set, 'ADX').reduce((t, e) => t + cents(e[0]), 0);
    expect(sum).toBe(remittance.amount);
    expect(segmentsOf(set, 'N1')[0]).toEqual(['PR', 'Retailer Inc']);
    expect(segmentsOf(set, 'ADX').map((e) => e[3])).toEqual(['CARRIED_FORWARD', 'LATE_SHIPMENT PO-1', 'LATE_SHIPMENT PO-1']);
  });
});
