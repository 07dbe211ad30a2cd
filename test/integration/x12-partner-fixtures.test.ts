import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { upsNumber } from '../../local/demo-history';
import { sentPurchaseOrder } from '../support/sent-purchase-order';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { parseAnswers, parseX12, segmentsOf, type ParsedSegment } from '../support/x12';

/**
 * Inbound X12 in the styles real partners' translators write (test/fixtures/x12, one style a
 * file), each sent through the offline API for POs of its own: where it was applied, or why it was
 * refused, and the 997 or TA1 it got back.
 */
let client: ApiClient;
const acme = { key: demoKeys.vendor('acme') };
const ops = { key: demoKeys.ops };

beforeAll(async () => {
  client = await startSeededApi();
  await client.call('PUT', '/vendor/inventory', {
    ...acme,
    body: { feedId: 'fixtures', items: [{ vendorSku: 'AC-100', available: 10_000, restockDate: null }, { vendorSku: 'AC-400', available: 10_000, restockDate: null }] },
  });
  // Desks go to globex first while it has stock; these POs are all acme's.
  await client.call('PUT', '/vendor/inventory', { key: demoKeys.vendor('globex'), body: { feedId: 'fixtures', items: [{ vendorSku: 'GX-400', available: 0, restockDate: null }] } });
});
afterAll(() => client.close());

/** Two lamps (line 1, AC-100) and a desk (line 2, AC-400) unless told otherwise. */
const lampsAndDesk: [string, number][] = [['LAMP-001', 2], ['DESK-004', 1]];
let serial = 0;
const upsFor = (_poNumber: string) => upsNumber(70_000 + ++serial);

const fixture = (name: string, values: Record<string, string>) =>
  Object.entries(values).reduce((text, [key, value]) => text.replaceAll(`{{${key}}}`, value), readFileSync(join(import.meta.dirname, '../fixtures/x12', name), 'utf8'));

const purchaseOrder = async (poNumber: string): Promise<JsonBody> => (await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body;
const lineStates = (po: JsonBody) => po.lines.map((l: JsonBody) => [l.lineNumber, l.status, l.acceptedQuantity ?? l.quantity, l.shippedQuantity ?? 0]);
const packagesOf = (po: JsonBody) => po.shipments.flatMap((s: JsonBody) => s.packages.map((p: JsonBody) => [p.trackingNumber, p.lines.map((l: JsonBody) => `${l.lineNumber}x${l.quantity}`).join(' ')]));
const ak5 = (set: ParsedSegment[] | undefined) => segmentsOf(set, 'AK5').map((e) => e[0]);

interface Sent {
  po: string;
  po2: string;
  rmaIds: string[];
  otherRma: string;
  status: number;
  body: JsonBody;
  answers: ReturnType<typeof parseAnswers>;
}

interface Case {
  file: string;
  lines?: [string, number][];
  /** Both POs shipped whole (by the JSON API) before the document is sent: an 810 bills what shipped. */
  shipped?: boolean;
  /** A customer return of the two lamps on the first PO (`{{RMA}}`), as the 180 finds it: requested, already approved, or two returns of one lamp each. */
  returned?: 'REQUESTED' | 'APPROVED' | 'TWO';
  /** `{{OTHER_RMA}}`: a return of globex's, which acme's 180 must not touch. */
  otherVendorsReturn?: boolean;
  check: (sent: Sent) => Promise<void> | void;
}

/** The reasons the EDI log gives for this PO's documents. */
async function reasonsFor(poNumber: string): Promise<string[]> {
  const { body } = await client.call('GET', `/dropship/orders/${poNumber}`, ops);
  return body.documents.filter((d: JsonBody) => d.direction === 'IN').flatMap((d: JsonBody) => d.reasons ?? []);
}

/** The invoice the vendor reads back: its status and, when disputed, the reasons' codes. */
const invoice = async (number: string): Promise<JsonBody> => (await client.call('GET', `/vendor/invoices/${number}`, acme)).body;
const outcomeOf = async (number: string) => {
  const found = await invoice(number);
  return [found.status, found.match?.disputes.map((d: JsonBody) => d.code) ?? []];
};

const customerReturn = async (rmaId: string): Promise<JsonBody> => (await client.call('GET', `/returns/${rmaId}`, ops)).body;

const cases: Case[] = [
  { file: '180-logicbroker-approve-po-only.edi', shipped: true, returned: 'REQUESTED', check: async ({ rmaIds: [rma], answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    expect(await customerReturn(rma ?? '')).toMatchObject({
      status: 'APPROVED', vendorRma: 'ACME-RA-5521', returnAddress: 'ACME RETURNS CENTER, 400 DOCK ROAD BAY 7, RENO, NV 89502, US', label: { carrier: 'UPSN', trackingNumber: upsNumber(79_001) },
    });
  } },
  { file: '180-lowes-deny-bgn06-backslash.edi', shipped: true, returned: 'REQUESTED', check: async ({ rmaIds: [rma], answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    expect(await customerReturn(rma ?? '')).toMatchObject({ status: 'REJECTED', rejection: 'return time limit exceeded or beyond warranty; SOLD AS FINAL SALE; PLEASE CONTACT THE RETAILER' });
  } },
  { file: '180-easi-receipt-one-damaged.edi', shipped: true, returned: 'APPROVED', check: async ({ rmaIds: [rma] }) => {
    const found = await customerReturn(rma ?? '');
    expect([found.status, found.lines.map((l: JsonBody) => l.received), found.credit.amount]).toEqual(['CREDITED', [{ quantity: 1, condition: 'DAMAGED' }], 1200]);
  } },
  { file: '180-x12types-keep-upc.edi', shipped: true, returned: 'REQUESTED', check: async ({ rmaIds: [rma] }) => {
    expect(await customerReturn(rma ?? '')).toMatchObject({ status: 'CREDITED', returnless: true, vendorRma: 'AUTH-9913', credit: { amount: 2400 } });
  } },
  { file: '180-other-vendors-rma.edi', shipped: true, returned: 'REQUESTED', otherVendorsReturn: true, check: async ({ rmaIds: [rma], otherRma, answers }) => {
    const [set] = answers[0]?.sets ?? [];
    expect(ak5(set)).toEqual(['R']);
    expect(segmentsOf(set, 'AK4')[0]?.[3]).toBe(otherRma);
    expect((await customerReturn(otherRma)).status).toBe('REQUESTED');
    expect((await customerReturn(rma ?? '')).status).toBe('REQUESTED');
  } },
  { file: '180-two-open-returns-no-rma.edi', shipped: true, returned: 'TWO', check: async ({ po, rmaIds, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['R']);
    expect(await reasonsFor(po)).toContainEqual(expect.stringContaining(`has 2 open returns (${[...rmaIds].sort().join(', ')})`));
    expect(await Promise.all(rmaIds.map(async (r) => (await customerReturn(r)).status))).toEqual(['REQUESTED', 'REQUESTED']);
  } },
  { file: '180-partly-authorised.edi', shipped: true, returned: 'REQUESTED', check: async ({ rmaIds: [rma], answers }) => {
    expect(segmentsOf(answers[0]?.sets[0], 'AK4')[0]?.slice(0, 4)).toEqual(['1', '', '7', 'PA']);
    expect((await customerReturn(rma ?? '')).status).toBe('REQUESTED');
  } },
  { file: '810-4010-baseline.edi', shipped: true, check: async ({ po, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    expect(await invoice(`INV-${po}`)).toMatchObject({ status: 'APPROVED', source: 'EDI', total: 23400, approvedAmount: 23400, lines: [{ lineNumber: 1, quantity: 2, unitCost: 1200 }, { lineNumber: 2, quantity: 1, unitCost: 21000 }] });
  } },
  { file: '810-5010-gtin-only.edi', shipped: true, check: async ({ po, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    expect(await outcomeOf(`G-${po}`)).toEqual(['APPROVED', []]);
  } },
  { file: '810-pipe-sac-freight-and-allowance.edi', shipped: true, check: async ({ po, answers }) => {
    // Well formed, so a 997 A; freight the rules do not allow makes it a dispute, said in words.
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    const found = await invoice(`F-${po}`);
    expect(found.charges).toEqual([{ type: 'FREIGHT', amount: 995, description: 'FREIGHT PREPAID AND ADD' }, { type: 'ALLOWANCE', amount: 1000, description: 'PROMOTIONAL ALLOWANCE' }]);
    expect([found.status, found.match.computedTotal]).toEqual(['DISPUTED', 23395]);
    expect(found.match.disputes).toEqual([expect.objectContaining({ code: 'CHARGE_NOT_ALLOWED', message: expect.stringContaining('freight of USD 9.95') })]);
    expect(await reasonsFor(po)).toContainEqual(expect.stringContaining('disputed: freight of USD 9.95'));
  } },
  { file: '810-tds-explicit-decimal.edi', shipped: true, check: async ({ po }) => {
    expect(await invoice(`D-${po}`)).toMatchObject({ status: 'APPROVED', total: 23400, lines: [{ unitCost: 1200 }, { unitCost: 21000 }] });
  } },
  { file: '810-two-invoices-one-group.edi', shipped: true, check: async ({ po, answers }) => {
    // One 997 for the group, an AK5 for each invoice.
    expect(answers[0]?.sets).toHaveLength(1);
    expect(ak5(answers[0]?.sets[0])).toEqual(['A', 'A']);
    expect([await outcomeOf(`A-${po}`), await outcomeOf(`B-${po}`)]).toEqual([['APPROVED', []], ['APPROVED', []]]);
  } },
  { file: '810-crlf-trailing-spaces.edi', shipped: true, check: async ({ po }) => {
    expect(await outcomeOf(`W-${po}`)).toEqual(['APPROVED', []]);
  } },
  { file: '810-big04-empty-ref-po-terms.edi', shipped: true, check: async ({ po }) => {
    expect(await invoice(`T-${po}`)).toMatchObject({ status: 'APPROVED', poNumber: po, invoiceDate: '2026-11-27', terms: { netDays: 30, discountPercent: 2, discountDays: 10, text: '2% 10 NET 30' } });
  } },
  { file: '810-price-over-with-txi-tax.edi', shipped: true, check: async ({ po }) => {
    const found = await invoice(`P-${po}`);
    expect(found.charges).toEqual([{ type: 'TAX', amount: 1872, description: 'TXI ST' }]);
    expect(found.match.disputes).toEqual([expect.objectContaining({ code: 'PRICE_BEYOND_TOLERANCE', lineNumber: 1, message: 'line 1 (LAMP-001): unit cost USD 12.50 against the PO\'s USD 12.00, beyond the USD 0.01 tolerance' })]);
  } },
  { file: '810-credit-memo.edi', shipped: true, check: async ({ po, answers }) => {
    const [set] = answers[0]?.sets ?? [];
    expect(ak5(set)).toEqual(['R']);
    expect(segmentsOf(set, 'AK4')[0]?.slice(0, 1)).toEqual(['7']);
    expect(await reasonsFor(po)).toContainEqual(expect.stringContaining('BIG07 CR: a credit memo is not taken yet'));
    expect((await client.call('GET', `/vendor/invoices/CM-${po}`, acme)).status).toBe(404);
  } },
  { file: '810-sub-cent-price.edi', shipped: true, check: async ({ po, answers }) => {
    const [set] = answers[0]?.sets ?? [];
    expect(segmentsOf(set, 'AK4')[0]).toEqual(['4', '', '7', '12.005']);
    expect((await client.call('GET', `/vendor/invoices/S-${po}`, acme)).status).toBe(404);
  } },
  { file: '855-4010-baseline.edi', check: async ({ po, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    expect(await purchaseOrder(po)).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-02', shipDateSource: 'VENDOR' });
  } },
  { file: '855-no-ship-date.edi', check: async ({ po, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    const after = await purchaseOrder(po);
    expect(after).toMatchObject({ status: 'ACKNOWLEDGED', shipDateSource: 'SLA' });
    expect(after.estimatedShipDate).toBe(after.shipDueAt.slice(0, 10));
  } },
  { file: '855-bak-ad-po1-without-ack.edi', check: async ({ po }) => {
    const after = await purchaseOrder(po);
    expect(after).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-03' });
    expect(lineStates(after)).toEqual([[1, 'ACCEPTED', 2, 0], [2, 'ACCEPTED', 1, 0]]);
  } },
  { file: '855-bak-ak-no-detail.edi', check: async ({ po }) => {
    const after = await purchaseOrder(po);
    expect(after).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-06' });
    expect(lineStates(after)).toEqual([[1, 'ACCEPTED', 2, 0], [2, 'ACCEPTED', 1, 0]]);
  } },
  { file: '855-po1-empty-line-number.edi', check: async ({ po }) => expect(lineStates(await purchaseOrder(po))).toEqual([[1, 'ACCEPTED', 2, 0], [2, 'ACCEPTED', 1, 0]]) },
  { file: '855-po1-alphanumeric-buyer-part.edi', check: async ({ po }) => expect(await purchaseOrder(po)).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-05' }) },
  { file: '855-po1-numbered-100-200.edi', check: async ({ po }) => expect(lineStates(await purchaseOrder(po))).toEqual([[1, 'ACCEPTED', 2, 0], [2, 'ACCEPTED', 1, 0]]) },
  { file: '855-po1-zero-padded.edi', check: async ({ po }) => expect(await purchaseOrder(po)).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-04' }) },
  { file: '855-gtin-only.edi', check: async ({ po }) => expect(lineStates(await purchaseOrder(po))).toEqual([[1, 'ACCEPTED', 2, 0], [2, 'ACCEPTED', 1, 0]]) },
  { file: '855-dtm-017-only.edi', check: async ({ po }) => expect(await purchaseOrder(po)).toMatchObject({ estimatedShipDate: '2026-12-09', shipDateSource: 'VENDOR' }) },
  { file: '855-sch-ship-date.edi', check: async ({ po }) => expect(await purchaseOrder(po)).toMatchObject({ estimatedShipDate: '2026-12-10' }) },
  { file: '855-yymmdd-3060.edi', check: async ({ po }) => expect(await purchaseOrder(po)).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-11' }) },
  { file: '855-5010-dropship.edi', check: async ({ po, answers }) => {
    // ISA14 = 1 asks for a TA1; the 997 follows it in the same interchange.
    expect(answers[0]?.ta1?.slice(0, 5)).toEqual(['000001013', '261125', '0930', 'A', '000']);
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    expect(await purchaseOrder(po)).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-12' });
  } },
  { file: '855-bom-crlf-indented.edi', check: async ({ po }) => expect(await purchaseOrder(po)).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-02' }) },
  { file: '855-pipe-separators-newline-terminator.edi', check: async ({ po }) => expect(await purchaseOrder(po)).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-02' }) },
  { file: '855-control-character-separators.edi', check: async ({ po }) => expect(await purchaseOrder(po)).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-02' }) },
  { file: '855-backorder-ib-with-date.edi', check: async ({ po }) => {
    const after = await purchaseOrder(po);
    expect(after).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-20' });
    expect(after.lines[1]).toMatchObject({ status: 'BACKORDERED', backorderDate: '2026-12-20' });
  } },
  { file: '855-reject-line-r2.edi', check: async ({ po }) => {
    const after = await purchaseOrder(po);
    expect(lineStates(after)).toEqual([[1, 'ACCEPTED', 2, 0], [2, 'REJECTED', 0, 0]]);
    expect(after.lines[1].reason).toMatch(/R2 rejected, invalid item product number/);
  } },
  { file: '855-rejected-rj-no-detail.edi', check: async ({ po }) => expect((await purchaseOrder(po)).status).toBe('REJECTED') },
  { file: '855-unknown-vendor-part.edi', check: async ({ po, answers }) => {
    const [set] = answers[0]?.sets ?? [];
    expect(ak5(set)).toEqual(['R']);
    expect(segmentsOf(set, 'AK3')).toEqual([['PO1', '3', 'PO1', '8']]);
    expect(segmentsOf(set, 'AK4')).toEqual([['7', '', '7', 'AC-999']]);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
    expect(await reasonsFor(po)).toEqual(['PO1 loop 1: no line has vendor part AC-999']);
  } },
  { file: '855-ambiguous-same-part-twice.edi', lines: [['LAMP-001', 2], ['LAMP-001', 3]], check: async ({ po, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['R']);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
    expect(await reasonsFor(po)).toEqual(['PO1 loop 1: vendor part AC-100 matches lines 1 and 2; send our line number to say which']);
  } },
  { file: '855-backorder-without-date.edi', check: async ({ po, answers }) => {
    // Applied as backordered with the date unknown, the estimate on the SLA, and ops asked to get the date.
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    const after = await purchaseOrder(po);
    expect(after).toMatchObject({ status: 'ACKNOWLEDGED', shipDateSource: 'SLA' });
    expect(after.lines[1]).toMatchObject({ status: 'BACKORDERED', reason: '855 IB backordered, date unknown' });
    expect(after.lines[1].backorderDate).toBeUndefined();
    const { body } = await client.call('GET', `/exceptions?type=BACKORDER_DATE_MISSING&vendorId=acme`, ops);
    expect(body.items.find((e: JsonBody) => e.poNumber === po)).toMatchObject({ detail: expect.stringContaining('line 2 (DESK-004) backordered without a date') });
  } },
  { file: '855-isa-00200-old-translator.edi', check: async ({ po, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    expect((await purchaseOrder(po)).status).toBe('ACKNOWLEDGED');
  } },
  { file: '856-hl02-empty-sopi.edi', check: async ({ po }) => {
    // Each HL's parent is the nearest level above it before it, as a partner that omits HL02 means.
    expect(packagesOf(await purchaseOrder(po))).toEqual([['1Z999AA10123456784', '1x2'], ['1Z999AA10123456793', '2x1']]);
  } },
  { file: '856-man-2i-usps-book-distributor.edi', check: async ({ po, answers }) => {
    // MAN*2I holds a USPS number; N1 ids with lower case, #, / and @ are read, not refused.
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    expect((await purchaseOrder(po)).shipments[0]).toMatchObject({ carrier: 'USPS', packages: [{ trackingNumber: '9400111899223972361544' }] });
  } },
  { file: '846-unusable-qualifiers.edi', check: async ({ answers }) => {
    // The item with a quantity we read applies; the other is refused naming the qualifiers it sent.
    expect(ak5(answers[0]?.sets[0])).toEqual(['E']);
    const stock = (await client.call('GET', '/vendors/acme/inventory?limit=100', ops)).body.items;
    expect(stock.find((s: JsonBody) => s.vendorSku === 'AC-100')).toMatchObject({ available: 480 });
    const { body } = await client.call('GET', '/edi/documents?vendorId=acme&type=846&limit=1', ops);
    expect(body.items[0].reasons).toEqual(['item 2: no quantity we can read as stock: it sent QTY 63 (on order), 02 (cumulative); send QTY*33 (available for sale) or QTY*17 (on hand)']);
  } },
  { file: '855-unknown-ack-code.edi', check: async ({ po, answers }) => {
    expect(segmentsOf(answers[0]?.sets[0], 'AK4')).toEqual([['1', '', '7', 'XX']]);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
  } },
  { file: '855-test-interchange.edi', check: async ({ po, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['R']);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
    expect((await reasonsFor(po))[0]).toMatch(/ISA15 is T \(test\)/);
  } },
  { file: 'batch-855-and-846.edi', check: async ({ po, answers }) => {
    expect(answers).toHaveLength(2);
    expect(answers.map((a) => ak5(a.sets[0]))).toEqual([['A'], ['A']]);
    expect((await purchaseOrder(po)).status).toBe('ACKNOWLEDGED');
    const stock = (await client.call('GET', '/vendors/acme/inventory?limit=100', ops)).body.items;
    expect(stock.find((s: JsonBody) => s.vendorSku === 'AC-400')).toMatchObject({ available: 35, restockDate: '2026-12-15' });
  } },
  { file: '855-two-groups-two-pos.edi', check: async ({ po, po2, answers }) => {
    // One 997 per group, in one answer.
    expect(answers[0]?.sets.map((set) => segmentsOf(set, 'AK1')[0]?.[1])).toEqual(['10271', '10272']);
    expect([(await purchaseOrder(po)).status, (await purchaseOrder(po2)).status]).toEqual(['ACKNOWLEDGED', 'ACKNOWLEDGED']);
  } },
  { file: '856-sopi-two-packages.edi', check: async ({ po }) => {
    const after = await purchaseOrder(po);
    expect(after.status).toBe('DISPATCHED');
    expect(packagesOf(after)).toEqual([['1Z999AA10123456784', '1x2'], ['1Z999AA10123456793', '2x1']]);
  } },
  { file: '856-multi-po.edi', check: async ({ po, po2, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['A']);
    // Each order level's items go to its own PO, never all to the first.
    expect(packagesOf(await purchaseOrder(po))).toEqual([['1Z999AA10123456784', '1x2']]);
    expect(packagesOf(await purchaseOrder(po2))).toEqual([['1Z999AA10123456793', '1x2 2x1']]);
    expect((await purchaseOrder(po2)).status).toBe('DISPATCHED');
  } },
  { file: '856-lin-without-line-number.edi', check: async ({ po }) => expect(packagesOf(await purchaseOrder(po))).toEqual([['1Z999AA10123456784', '2x1 1x2']]) },
  { file: '856-no-td5.edi', check: async ({ po }) => expect((await purchaseOrder(po)).shipments[0]).toMatchObject({ carrier: 'UPS', packages: [{ trackingNumber: '1Z999AA10123456784' }] }) },
  { file: '856-td5-name-not-scac.edi', check: async ({ po }) => expect((await purchaseOrder(po)).shipments[0]).toMatchObject({ carrier: 'FEDEX', service: 'FEDEX GROUND' }) },
  { file: '856-yymmdd-3060.edi', check: async ({ po }) => expect((await purchaseOrder(po)).shipments[0]).toMatchObject({ shipDate: '2026-11-25', carrier: 'UPS' }) },
  { file: '856-s-i-prf-at-item.edi', check: async ({ po }) => expect((await purchaseOrder(po)).shipments[0]).toMatchObject({ carrier: 'USPS', packages: [{ trackingNumber: '9400111899223972361544' }] }) },
  { file: '856-sotpi-pick-pack.edi', check: async ({ po }) => expect(packagesOf(await purchaseOrder(po))).toEqual([['1Z999AA10123456784', '1x2'], ['1Z999AA10123456793', '2x1']]) },
  { file: '856-ref-2i-tracking.edi', check: async ({ po }) => expect((await purchaseOrder(po)).status).toBe('DISPATCHED') },
  { file: '856-sn1-decimal-quantities.edi', check: async ({ po }) => expect(lineStates(await purchaseOrder(po))).toEqual([[1, 'ACCEPTED', 2, 2], [2, 'ACCEPTED', 1, 1]]) },
  { file: '856-two-tracking-numbers-unpacked.edi', check: async ({ po, answers }) => {
    expect(ak5(answers[0]?.sets[0])).toEqual(['R']);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
  } },
  { file: '856-multi-po-one-unknown.edi', check: async ({ po, answers }) => {
    // The known PO's part is applied; the other is named in the 997 (AK5 E) and nothing guessed.
    const [set] = answers[0]?.sets ?? [];
    expect(ak5(set)).toEqual(['E']);
    expect(segmentsOf(set, 'AK3')[0]?.[0]).toBe('PRF');
    expect(segmentsOf(set, 'AK4')[0]?.[3]).toBe('PO-NOT-OURS');
    expect((await purchaseOrder(po)).status).toBe('DISPATCHED');
  } },
  { file: '856-fractional-quantity.edi', check: async ({ po, answers }) => {
    expect(segmentsOf(answers[0]?.sets[0], 'AK4')).toEqual([['2', '', '7', '1.5']]);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
  } },
  { file: '846-on-hand-qty17-tab-indented.edi', check: async () => {
    const stock = (await client.call('GET', '/vendors/acme/inventory?limit=100', ops)).body.items;
    expect(stock.find((s: JsonBody) => s.vendorSku === 'AC-400')).toMatchObject({ available: 12, restockDate: '2026-12-18' });
  } },
  { file: '997-for-our-850.edi', check: async ({ po, status, body }) => {
    // A 997 is never answered with a 997; it is kept beside the PO it acknowledges.
    expect([status, body]).toEqual([200, '']);
    const { body: detail } = await client.call('GET', `/dropship/orders/${po}`, ops);
    expect(detail.documents.find((d: JsonBody) => d.type === '997' && d.direction === 'IN')).toMatchObject({ accepted: true });
  } },
  { file: 'broken-se-count.edi', check: async ({ po, answers }) => {
    const [set] = answers[0]?.sets ?? [];
    expect(segmentsOf(set, 'AK5')).toEqual([['R', '4']]);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
  } },
  { file: 'broken-ge-count.edi', check: async ({ po, answers }) => {
    expect(segmentsOf(answers[0]?.sets[0], 'AK9')).toEqual([['R', '1', '1', '0', '5']]);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
  } },
  { file: 'broken-iea-control-number.edi', check: async ({ po, answers }) => {
    expect(answers[0]?.ta1?.slice(3)).toEqual(['R', '001']);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
  } },
  { file: 'broken-missing-gs.edi', check: async ({ po, answers }) => {
    expect(answers[0]?.ta1?.slice(3)).toEqual(['R', '024']);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
  } },
  { file: 'broken-iea-group-count.edi', check: async ({ po, answers }) => {
    expect(answers[0]?.ta1?.slice(3)).toEqual(['R', '021']);
    expect((await purchaseOrder(po)).status).toBe('SENT_TO_VENDOR');
  } },
];

async function shipWhole(poNumber: string, who: { key: string }, lines: [number, number][]): Promise<void> {
  const shipment = { shipDate: '2026-11-26', carrier: 'UPS', packages: [{ trackingNumber: upsFor(poNumber), lines: lines.map(([lineNumber, quantity]) => ({ lineNumber, quantity })) }] };
  expect((await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...who, body: shipment })).status).toBe(201);
}

/** The customer sends the two lamps of the PO's order back: one return, approved by JSON if asked, or two returns of one lamp. */
async function returnsOfLamps(poNumber: string, state: NonNullable<Case['returned']>): Promise<string[]> {
  const { orderId } = (await client.call('GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder;
  const ask = async (quantity: number, n: number) =>
    (await client.call('POST', `/orders/${orderId}/returns`, { key: demoKeys.storefront, body: { lines: [{ lineNumber: 1, quantity }], reason: 'DAMAGED' }, headers: { 'Idempotency-Key': `fixture-${poNumber}-${n}` } })).body.returns[0].rmaId as string;
  const rmaIds = state === 'TWO' ? [await ask(1, 1), await ask(1, 2)] : [await ask(2, 1)];
  if (state === 'APPROVED') expect((await client.call('POST', `/vendor/returns/${rmaIds[0]}/answer`, { ...acme, body: { approve: true, vendorRma: 'ACME-RA-1' } })).status).toBe(200);
  return rmaIds;
}

/** A return of a chair globex shipped. */
async function globexReturn(): Promise<string> {
  const globex = { key: demoKeys.vendor('globex') };
  const poNumber = await sentPurchaseOrder(client, [['CHAIR-002', 1]], 'globex');
  await shipWhole(poNumber, globex, [[1, 1]]);
  const { orderId } = (await client.call('GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder;
  return (await client.call('POST', `/orders/${orderId}/returns`, { key: demoKeys.storefront, body: { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'DEFECTIVE' }, headers: { 'Idempotency-Key': `fixture-${poNumber}` } })).body.returns[0].rmaId;
}

/** Our 850 for a PO, from the documents acme has not collected (oldest first, a page at a time). */
async function our850For(poNumber: string): Promise<JsonBody> {
  let cursor = '';
  for (;;) {
    const { body } = await client.call('GET', `/vendor/edi/outbound?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, acme);
    const found = body.documents.find((d: JsonBody) => d.poNumber === poNumber && d.type === '850');
    if (found || !body.nextCursor) return found;
    cursor = body.nextCursor;
  }
}

describe('inbound X12 in real partners\' styles (test/fixtures/x12)', () => {
  it.each(cases)('$file', async ({ file, lines, check, shipped, returned, otherVendorsReturn }) => {
    const po = await sentPurchaseOrder(client, lines ?? lampsAndDesk);
    const po2 = await sentPurchaseOrder(client, lines ?? lampsAndDesk);
    for (const poNumber of shipped ? [po, po2] : []) await shipWhole(poNumber, acme, [[1, 2], [2, 1]]);
    const rmaIds = returned ? await returnsOfLamps(po, returned) : [];
    const otherRma = otherVendorsReturn ? await globexReturn() : '';
    const outbound = await our850For(po);
    const our850 = parseX12(outbound.x12);
    const text = fixture(file, { PO: po, PO2: po2, OUR850: our850.gs[5] ?? '', OUR850_ST: our850.sets[0]?.[0]?.elements[1] ?? '', RMA: rmaIds[0] ?? '', OTHER_RMA: otherRma, LABEL: upsNumber(79_001) });
    const { status, body } = await client.call('POST', '/vendor/edi', { ...acme, body: text });
    await check({ po, po2, rmaIds, otherRma, status, body, answers: status === 200 && body ? parseAnswers(body) : [] });
  });

  it('has at least 30 partner styles on file, each one tested here', () => {
    const files = readFileSync(join(import.meta.dirname, '../fixtures/x12/README.md'), 'utf8').match(/`[^`]+\.edi`/g) ?? [];
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(files.map((f) => f.slice(1, -1)))).toEqual(new Set(cases.map((c) => c.file)));
  });
});
