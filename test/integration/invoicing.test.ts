import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { upsNumber } from '../../local/demo-history';
import { sentPurchaseOrder } from '../support/sent-purchase-order';
import { eventually } from '../support/eventually';
import { inbox } from '../support/ses-inbox';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { parseX12, segmentsOf } from '../support/x12';

/**
 * Vendors get paid: invoices by JSON matched three ways against their PO, every dispute reason,
 * a corrected revision, ops' decision, payables net of compliance charges, and remittances over
 * each channel (an 820 acme collects, a webhook, the portal), through the offline API.
 */
let client: ApiClient;
const acme = { key: demoKeys.vendor('acme') };
const globex = { key: demoKeys.vendor('globex') };
const ops = { key: demoKeys.ops };

beforeAll(async () => {
  client = await startSeededApi({ notifications: true });
  await client.call('PUT', '/vendor/inventory', { ...acme, body: { feedId: 'invoicing', items: [{ vendorSku: 'AC-100', available: 10_000, restockDate: null }, { vendorSku: 'AC-400', available: 10_000, restockDate: null }] } });
  await client.call('PUT', '/vendor/inventory', { ...globex, body: { feedId: 'invoicing', items: [{ vendorSku: 'GX-400', available: 0, restockDate: null }] } });
});
afterAll(() => client.close());

let serial = 0;
/** An acme PO of two lamps (line 1, 12.00 each) and a desk (line 2, 210.00), shipped as told. */
async function shippedPo(shipped: { line1: number; line2: number } = { line1: 2, line2: 1 }): Promise<string> {
  const po = await sentPurchaseOrder(client, [['LAMP-001', 2], ['DESK-004', 1]]);
  const lines = [{ lineNumber: 1, quantity: shipped.line1 }, { lineNumber: 2, quantity: shipped.line2 }].filter((l) => l.quantity > 0);
  const shipment = { shipDate: '2026-11-26', carrier: 'UPS', packages: [{ trackingNumber: upsNumber(80_000 + ++serial), lines }] };
  expect((await client.call('POST', `/vendor/purchase-orders/${po}/shipments`, { ...acme, body: shipment })).status).toBe(201);
  return po;
}

const invoiceFor = (po: string, number: string, overrides: Record<string, unknown> = {}) => ({
  invoiceNumber: number,
  poNumber: po,
  invoiceDate: '2026-11-27',
  lines: [{ lineNumber: 1, quantity: 2, unitCost: 1200 }, { lineNumber: 2, quantity: 1, unitCost: 21000 }],
  total: 23400,
  ...overrides,
});
const send = (body: unknown, who = acme) => client.call('POST', '/vendor/invoices', { ...who, body });
const codes = (invoice: JsonBody) => invoice.match.disputes.map((d: JsonBody) => d.code);

describe('invoices in, matched three ways', () => {
  it('approves an invoice that matches, answers a retry as the first time, and refuses its number again', async () => {
    const po = await shippedPo();
    const first = await send(invoiceFor(po, `M-${po}`, { terms: { netDays: 30 } }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'APPROVED', approvedAmount: 23400, source: 'API', revision: 1, match: { linesTotal: 23400, computedTotal: 23400, disputes: [] } });
    expect(first.body.match.lines).toEqual([
      { lineNumber: 1, sku: 'LAMP-001', ordered: 2, shipped: 2, invoicedBefore: 0, invoiced: 2, poUnitCost: 1200, unitCost: 1200, amount: 2400 },
      { lineNumber: 2, sku: 'DESK-004', ordered: 1, shipped: 1, invoicedBefore: 0, invoiced: 1, poUnitCost: 21000, unitCost: 21000, amount: 21000 },
    ]);
    const again = await send(invoiceFor(po, `M-${po}`, { terms: { netDays: 30 } }));
    expect([again.status, again.body.receivedAt]).toEqual([200, first.body.receivedAt]);
    // The same number with other content: approved invoices are not replaced.
    const changed = await send(invoiceFor(po, `M-${po}`, { total: 23300, lines: [{ lineNumber: 1, quantity: 2, unitCost: 1150 }, { lineNumber: 2, quantity: 1, unitCost: 21000 }] }));
    expect(changed.status).toBe(409);
    expect(changed.body.error).toMatchObject({ code: 'DUPLICATE_INVOICE', details: [{ field: 'invoiceNumber', rule: 'unique_per_vendor' }] });
    // Nothing shipped is left to bill: a second invoice for the same units is disputed, and counts nothing.
    const twice = await send(invoiceFor(po, `M2-${po}`));
    expect(codes(twice.body)).toEqual(['QUANTITY_OVER_SHIPPED', 'QUANTITY_OVER_SHIPPED']);
    expect(twice.body.match.disputes[0].message).toBe('line 1 (LAMP-001): 2 invoiced, but 2 shipped and 2 already invoiced, so at most 0');
    // The PO's timeline says so.
    const { body: detail } = await client.call('GET', `/dropship/orders/${po}`, ops);
    expect(detail.purchaseOrder.history.map((h: JsonBody) => h.note).filter(Boolean)).toEqual(expect.arrayContaining([`invoice M-${po} approved`, `invoice M2-${po} disputed: QUANTITY_OVER_SHIPPED, QUANTITY_OVER_SHIPPED`]));
  });

  it('disputes each way an invoice can be wrong, in words, and takes the corrected revision', async () => {
    // One lamp shipped of two; the desk cancelled by the customer before it shipped.
    const po = await sentPurchaseOrder(client, [['LAMP-001', 2], ['DESK-004', 1]]);
    const { body: order } = await client.call('GET', `/vendor/purchase-orders/${po}`, acme);
    await client.call('POST', `/orders/${order.orderId}/cancel`, { key: demoKeys.storefront, body: { lines: [2] } });
    await client.call('POST', `/vendor/purchase-orders/${po}/shipments`, { ...acme, body: { shipDate: '2026-11-26', carrier: 'UPS', packages: [{ trackingNumber: upsNumber(81_000), lines: [{ lineNumber: 1, quantity: 1 }] }] } });

    const wrong = await send(invoiceFor(po, `X-${po}`, {
      lines: [{ lineNumber: 1, quantity: 2, unitCost: 1300 }, { lineNumber: 2, quantity: 1, unitCost: 21000 }],
      charges: [{ type: 'FREIGHT', amount: 995 }],
      total: 20000,
    }));
    expect(wrong.status).toBe(201);
    expect(wrong.body.status).toBe('DISPUTED');
    expect(wrong.body.match.disputes.map((d: JsonBody) => d.message)).toEqual([
      'line 1 (LAMP-001): 2 invoiced, but 1 shipped, so at most 1',
      "line 1 (LAMP-001): unit cost USD 13.00 against the PO's USD 12.00, beyond the USD 0.01 tolerance",
      'line 2 (DESK-004) was cancelled and never shipped: nothing is owed for it',
      "freight of USD 9.95 is charged, and the retailer's rules allow no freight charge",
      'the total is USD 200.00, but the lines (USD 236.00) and charges (USD 9.95) come to USD 245.95',
    ]);
    expect(codes(wrong.body)).toEqual(['QUANTITY_OVER_SHIPPED', 'PRICE_BEYOND_TOLERANCE', 'CANCELLED_LINE', 'CHARGE_NOT_ALLOWED', 'TOTAL_MISMATCH']);
    // The vendor sees it in its list of disputed invoices; ops in theirs.
    expect((await client.call('GET', '/vendor/invoices?status=DISPUTED', acme)).body.items.map((i: JsonBody) => i.invoiceNumber)).toContain(`X-${po}`);
    expect((await client.call('GET', '/invoices?status=DISPUTED&vendorId=acme', ops)).body.items.map((i: JsonBody) => i.invoiceNumber)).toContain(`X-${po}`);

    // The corrected invoice under the same number: revision 2, matched.
    const corrected = await send(invoiceFor(po, `X-${po}`, { lines: [{ lineNumber: 1, quantity: 1, unitCost: 1200 }], total: 1200 }));
    expect(corrected.body).toMatchObject({ status: 'APPROVED', revision: 2, approvedAmount: 1200 });
    const { body: both } = await client.call('GET', `/invoices/acme/X-${po}`, ops);
    expect(both.revisions.map((r: JsonBody) => [r.revision, r.status])).toEqual([[1, 'DISPUTED'], [2, 'APPROVED']]);
  });

  it("refuses another vendor's PO as not found, and lets ops approve a disputed invoice with a reason or reject one", async () => {
    const po = await shippedPo();
    const stranger = await send(invoiceFor(po, `S-${po}`), globex);
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const pricey = await send(invoiceFor(po, `O-${po}`, { lines: [{ lineNumber: 1, quantity: 2, unitCost: 1250 }], total: 2500 }));
    expect(pricey.body.status).toBe('DISPUTED');
    const approved = await client.call('POST', `/invoices/acme/O-${po}/decision`, { ...ops, body: { action: 'APPROVE', reason: 'price rise agreed by the buyer on 20 Nov' } });
    expect(approved.body).toMatchObject({ status: 'APPROVED', approvedAmount: 2500, decision: { action: 'APPROVE', reason: 'price rise agreed by the buyer on 20 Nov' } });
    // Approved, its two lamps are billed: the next invoice may bill only the desk.
    const next = await send(invoiceFor(po, `O2-${po}`));
    expect(next.body.match.lines[0]).toMatchObject({ invoicedBefore: 2, invoiced: 2 });
    const rejected = await client.call('POST', `/invoices/acme/O2-${po}/decision`, { ...ops, body: { action: 'REJECT', reason: 'the lamps were billed on O' } });
    expect(rejected.body.status).toBe('REJECTED');
    const decidedTwice = await client.call('POST', `/invoices/acme/O2-${po}/decision`, { ...ops, body: { action: 'APPROVE', reason: 'changed my mind' } });
    expect(decidedTwice.status).toBe(409);
    // Vendors may not decide, storefronts may not see.
    expect((await client.call('POST', `/invoices/acme/O-${po}/decision`, { ...acme, body: { action: 'APPROVE', reason: 'self-approval' } })).status).toBe(403);
    expect((await client.call('GET', '/invoices', { key: demoKeys.storefront })).status).toBe(403);
  });
});

describe('payables and remittances', () => {
  it('pays the approved invoices less the period’s compliance charges, once, and sends acme an 820', async () => {
    await client.call('PUT', '/compliance/rules', { ...ops, body: { currency: 'USD', rules: { LATE_SHIPMENT: { amount: 500, allowance: 0 } } } });
    const { body: payables } = await client.call('GET', '/payables?vendorId=acme&from=2026-11-01&to=2026-12-31', ops);
    const approved = (await client.call('GET', '/invoices?vendorId=acme&status=APPROVED&limit=100', ops)).body.items as JsonBody[];
    expect(payables.invoices.map((i: JsonBody) => i.invoiceNumber).sort()).toEqual(approved.map((i) => i.invoiceNumber).sort());
    expect(payables.invoicesTotal).toBe(approved.reduce((sum, i) => sum + i.approvedAmount, 0));
    expect(payables.net).toBe(Math.max(0, payables.invoicesTotal - payables.deductionsTotal));

    const csv = await client.call('GET', '/payables?vendorId=acme&from=2026-11-01&to=2026-12-31&format=csv', ops);
    expect(String(csv.body).split(/\r?\n/)[0]).toBe('vendorId,kind,reference,poNumbers,date,description,amount,currency');

    const request = { vendorId: 'acme', reference: 'ACH-20261201-1', paymentDate: '2026-12-01', from: '2026-11-01', to: '2026-12-31' };
    const paid = await client.call('POST', '/remittances', { ...ops, body: request });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ reference: 'ACH-20261201-1', amount: payables.net, delivery: { channel: 'EDI', status: 'SENT' } });
    // The same request again: the same payment, nothing paid twice; the reference for another period is refused.
    const again = await client.call('POST', '/remittances', { ...ops, body: request });
    expect([again.status, again.body.createdAt]).toEqual([200, paid.body.createdAt]);
    expect((await client.call('POST', '/remittances', { ...ops, body: { ...request, from: '2027-01-01', to: '2027-01-31' } })).status).toBe(409);
    // A period overlapping the last payment would take its charges twice.
    const overlap = await client.call('POST', '/remittances', { ...ops, body: { ...request, reference: 'ACH-2', from: '2026-12-15' } });
    expect([overlap.status, overlap.body.error.details[0].field]).toEqual([409, 'from']);
    for (const invoice of approved) expect((await client.call('GET', `/vendor/invoices/${invoice.invoiceNumber}`, acme)).body).toMatchObject({ status: 'PAID', paidBy: { reference: 'ACH-20261201-1' } });
    expect((await client.call('GET', '/payables?vendorId=acme&from=2027-01-01&to=2027-01-31', ops)).body.invoices).toEqual([]);

    // acme collects the 820: it parses strictly, and its invoices and deductions add up to the payment.
    const documents = [];
    for (let cursor = ''; ;) {
      const { body } = await client.call('GET', `/vendor/edi/outbound?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, acme);
      documents.push(...body.documents);
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    const x820 = documents.find((d: JsonBody) => d.type === '820' && d.id === '820-ACH-20261201-1');
    const parsed = parseX12(x820.x12);
    expect(parsed.gs[0]).toBe('RA');
    const [set] = parsed.sets;
    expect(segmentsOf(set, 'BPR')[0]?.[1]).toBe((paid.body.amount / 100).toFixed(2));
    expect(segmentsOf(set, 'TRN')[0]).toEqual(['1', 'ACH-20261201-1']);
    expect(segmentsOf(set, 'RMR').map((e) => e[1]).sort()).toEqual(approved.map((i) => i.invoiceNumber).sort());
    const cents = (v: string | undefined) => Math.round(Number(v) * 100);
    const remitted = segmentsOf(set, 'RMR').reduce((sum, e) => sum + cents(e[3]), 0) + segmentsOf(set, 'ADX').reduce((sum, e) => sum + cents(e[0]), 0);
    expect(remitted).toBe(paid.body.amount);
    expect((await client.call('GET', '/vendor/remittances', acme)).body.items.map((r: JsonBody) => r.reference)).toEqual(['ACH-20261201-1']);

    // On acme's scorecard: of its five invoices (M, M2, X, O, O2) only M matched as sent.
    const today = new Date().toISOString().slice(0, 10);
    const { body: card } = await client.call('GET', `/analytics/vendors/acme?from=2026-11-01&to=${today}`, ops);
    expect(card.invoicing).toMatchObject({ invoices: 5, matchedFirstTime: 0.2, medianDaysShipmentToInvoice: expect.any(Number) });
  });

  it('never pays below zero: charges beyond the invoices carry to the next payment', async () => {
    await client.call('PUT', '/compliance/rules', { ...ops, body: { currency: 'USD', rules: { VENDOR_CANCELLATION: { amount: 100_000, allowance: 0 } } } });
    // globex rejects a chair: a vendor cancellation charge far beyond anything it has invoiced.
    const chair = await sentPurchaseOrder(client, [['CHAIR-002', 1]], 'globex');
    await client.call('POST', `/vendor/purchase-orders/${chair}/acknowledgment`, { ...globex, body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'discontinued' }] } });
    const request = { vendorId: 'globex', reference: 'CHK-1001', paymentDate: '2026-12-01', from: '2026-11-01', to: '2026-12-31' };
    const first = await client.call('POST', '/remittances', { ...ops, body: request });
    expect(first.body).toMatchObject({ amount: 0, net: 0, invoicesTotal: 0 });
    expect(first.body.carryForward).toBe(first.body.deductionsTotal);
    expect(first.body.carryForward).toBeGreaterThanOrEqual(100_000);
    const next = (await client.call('GET', '/payables?vendorId=globex&from=2027-01-01&to=2027-01-31', ops)).body;
    expect(next.deductions[0]).toMatchObject({ rule: 'CARRIED_FORWARD', amount: first.body.carryForward, fromReference: 'CHK-1001' });
  });
});

describe('paid on shipment', () => {
  it('makes exactly one invoice for each shipment at PO cost, even when the ship notice is sent again', async () => {
    const hooli = { key: demoKeys.vendor('hooli') };
    const { body: vendor } = await client.call('GET', '/vendors/hooli', ops);
    const { updatedAt: _u, statusHistory: _h, api: _a, ...rest } = vendor;
    expect((await client.call('PUT', '/vendors/hooli', { ...ops, body: { ...rest, invoicing: { mode: 'PAY_ON_SHIPMENT' } } })).status).toBe(200);
    const po = await sentPurchaseOrder(client, [['RUG-005', 3]], 'hooli');
    const ship = (messageId: string, quantity: number, serialNumber: number) =>
      client.call('POST', `/vendor/purchase-orders/${po}/shipments`, { ...hooli, body: { messageId, shipDate: '2026-11-26', carrier: 'UPS', packages: [{ trackingNumber: upsNumber(serialNumber), lines: [{ lineNumber: 1, quantity }] }] } });
    expect((await ship('rug-part-1', 1, 82_001)).status).toBe(201);
    expect((await ship('rug-part-1', 1, 82_001)).status).toBe(200);
    expect((await ship('rug-part-2', 2, 82_002)).status).toBe(201);
    expect((await ship('rug-part-2', 2, 82_002)).status).toBe(200);
    const invoices = (await client.call('GET', '/vendor/invoices?limit=100', hooli)).body.items.filter((i: JsonBody) => i.poNumber === po) as JsonBody[];
    expect(invoices.map((i) => [i.source, i.status, i.lines[0].quantity, i.total]).sort()).toEqual([
      ['PAY_ON_SHIPMENT', 'APPROVED', 1, 7400],
      ['PAY_ON_SHIPMENT', 'APPROVED', 2, 14_800],
    ]);
    // The vendor sending its own invoice for the same units is disputed: they are billed.
    const own = await send(invoiceFor(po, `OWN-${po}`, { lines: [{ lineNumber: 1, quantity: 1, unitCost: 7400 }], total: 7400 }), hooli);
    expect(codes(own.body)).toEqual(['QUANTITY_OVER_SHIPPED']);

    // Paid, hooli (no integration) hears by email, once, with each invoice, and sees it in the portal.
    const paid = await client.call('POST', '/remittances', { ...ops, body: { vendorId: 'hooli', reference: 'ACH-HOOLI-1', paymentDate: '2026-12-01', from: '2026-11-01', to: '2026-12-31' } });
    expect(paid.body).toMatchObject({ amount: 22_200, delivery: { channel: 'PORTAL', status: 'SENT' } });
    const emails = await eventually(async () => {
      const found = (await inbox(client.sesEndpoint, 'orders@hooli.example')).filter((e) => e.subject.startsWith('Payment ACH-HOOLI-1'));
      expect(found).toHaveLength(1);
      return found;
    });
    expect(emails[0]?.subject).toBe('Payment ACH-HOOLI-1: $222.00');
    expect(emails[0]?.body.text).toContain(`Invoice ${invoices[0]?.invoiceNumber} (PO ${po})`);
    expect((await client.call('GET', '/vendor/remittances', hooli)).body.items.map((r: JsonBody) => r.reference)).toEqual(['ACH-HOOLI-1']);
  });
});
