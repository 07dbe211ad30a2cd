import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { upsNumber } from '../../local/demo-history';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { workflowsParked } from '../support/sent-purchase-order';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { parseAnswers, parseX12, segmentsOf, vendorInterchange } from '../support/x12';

const ak5Of = (answer: string) => parseAnswers(answer).flatMap((a) => a.sets.flatMap((set) => segmentsOf(set, 'AK5').map((e) => e[0])));

/**
 * Customer returns of dropship items through the offline API: requested by the storefront, answered
 * and received by the vendor (JSON, and the 180 an EDI vendor collects), credited at PO cost and
 * taken from the vendor's next payment; every refusal a clear 4xx that changes nothing.
 */
let client: ApiClient;
const shop = { key: demoKeys.storefront };
const ops = { key: demoKeys.ops };
const acme = { key: demoKeys.vendor('acme') };
const globex = { key: demoKeys.vendor('globex') };

beforeAll(async () => {
  client = await startSeededApi();
  await client.call('PUT', '/vendor/inventory', { ...acme, body: { feedId: 'returns', items: [{ vendorSku: 'AC-100', available: 10_000, restockDate: null }] } });
});
afterAll(() => client.close());

let serial = 0;
/** An order of two lamps (acme, line 1) and a chair (globex, line 2), both shipped today. */
async function shippedOrder(): Promise<{ orderId: string; lampPo: string; chairPo: string }> {
  const body = anOrder({ skus: ['LAMP-001', 'CHAIR-002'] });
  body.lines = body.lines.map((l, i) => ({ ...l, quantity: i === 0 ? 2 : 1 }));
  const order = (await client.call('POST', '/orders', { ...shop, body, headers: { 'Idempotency-Key': `returns-${++serial}-${Date.now()}` } })).body;
  const poOf = (vendorId: string) => order.purchaseOrders.find((po: JsonBody) => po.vendorId === vendorId).poNumber as string;
  const [lampPo, chairPo] = [poOf('acme'), poOf('globex')];
  for (const [po, who, quantity] of [[lampPo, acme, 2], [chairPo, globex, 1]] as const) {
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${po}`, who)).body.status).toBe('SENT_TO_VENDOR'));
    const shipment = { shipDate: new Date().toISOString().slice(0, 10), carrier: 'UPS', packages: [{ trackingNumber: upsNumber(90_000 + ++serial), lines: [{ lineNumber: 1, quantity }] }] };
    expect((await client.call('POST', `/vendor/purchase-orders/${po}/shipments`, { ...who, body: shipment })).status).toBe(201);
  }
  await workflowsParked(client);
  return { orderId: order.orderId, lampPo, chairPo };
}

const ask = (orderId: string, body: unknown, key = 'r-1', who = shop) => client.call('POST', `/orders/${orderId}/returns`, { ...who, body, headers: { 'Idempotency-Key': key } });

describe('customer returns', () => {
  it('makes one return per vendor, answers a repeat as the first time, and refuses what cannot be returned, changing nothing', async () => {
    const { orderId, lampPo, chairPo } = await shippedOrder();
    const request = { lines: [{ lineNumber: 1, quantity: 1 }, { lineNumber: 2, quantity: 1 }], reason: 'DAMAGED', comment: 'box crushed' };
    const first = await ask(orderId, request, `split-${orderId}`);
    expect(first.status).toBe(201);
    expect(first.body.returns.map((r: JsonBody) => [r.vendorId, r.poNumber, r.status, r.lines.map((l: JsonBody) => [l.sku, l.quantity, l.unitCost])])).toEqual([
      ['acme', lampPo, 'REQUESTED', [['LAMP-001', 1, 1200]]],
      ['globex', chairPo, 'REQUESTED', [['CHAIR-002', 1, 8900]]],
    ]);
    const again = await ask(orderId, request, `split-${orderId}`);
    expect([again.status, again.body.returns.map((r: JsonBody) => r.rmaId)]).toEqual([200, first.body.returns.map((r: JsonBody) => r.rmaId)]);
    expect((await ask(orderId, { ...request, reason: 'OTHER' }, `split-${orderId}`)).status).toBe(409);

    // Over-return (one lamp left of two, the chair already on its way back), a warehouse line, another storefront's order.
    const over = await ask(orderId, { lines: [{ lineNumber: 1, quantity: 2 }, { lineNumber: 2, quantity: 1 }], reason: 'NO_LONGER_NEEDED' }, `over-${orderId}`);
    expect(over.status).toBe(400);
    expect(over.body.error.details).toEqual([
      expect.objectContaining({ field: 'lines.0.quantity', rule: 'returnable', message: 'line 1 (LAMP-001): 2 asked, but 2 shipped and 1 already on a return, so at most 1' }),
      expect.objectContaining({ field: 'lines.1.quantity', rule: 'returnable' }),
    ]);
    expect((await client.call('POST', `/orders/${orderId}/returns`, { key: 'sk_local_storefront_other', body: request, headers: { 'Idempotency-Key': 'x' } })).status).toBeGreaterThanOrEqual(401);
    const { body: order } = await client.call('GET', `/orders/${orderId}`, shop);
    expect(order.returns.map((r: JsonBody) => r.rmaId).sort()).toEqual(first.body.returns.map((r: JsonBody) => r.rmaId).sort());
  });

  it('refuses an undelivered (unshipped) line and one outside the window', async () => {
    const body = anOrder({ skus: ['LAMP-001'] });
    const order = (await client.call('POST', '/orders', { ...shop, body, headers: { 'Idempotency-Key': `unshipped-${Date.now()}` } })).body;
    const refused = await ask(order.orderId, { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'DEFECTIVE' }, `unshipped-${order.orderId}`);
    expect([refused.status, refused.body.error.details[0]]).toEqual([400, expect.objectContaining({ field: 'lines.0.lineNumber', rule: 'shipped' })]);
    // acme takes returns for 0 days: the window closed the day it shipped.
    const { body: vendor } = await client.call('GET', '/vendors/acme', ops);
    const { updatedAt: _u, statusHistory: _h, api: _a, ...rest } = vendor;
    await client.call('PUT', '/vendors/acme', { ...ops, body: { ...rest, returns: { windowDays: 0 } } });
    try {
      const { orderId } = await shippedOrder();
      await client.call('POST', '/_local/clock', { ...ops, body: { advanceHours: 26 } });
      const late = await ask(orderId, { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'NO_LONGER_NEEDED' }, `late-${orderId}`);
      expect([late.status, late.body.error.details[0].rule]).toEqual([400, 'return_window']);
    } finally {
      await client.call('POST', '/_local/clock', { ...ops, body: { reset: true } });
      await client.call('PUT', '/vendors/acme', { ...ops, body: { ...rest, returns: { windowDays: 30 } } });
    }
  });

  it('goes the whole way with an API vendor: approved with its RMA and label, received with a damaged line, credited and taken from its next payment', async () => {
    const { orderId, chairPo } = await shippedOrder();
    const [chairReturn] = (await ask(orderId, { lines: [{ lineNumber: 2, quantity: 1 }], reason: 'NOT_AS_DESCRIBED' }, `whole-${orderId}`)).body.returns;
    // Another vendor cannot answer it; globex can.
    expect((await client.call('POST', `/vendor/returns/${chairReturn.rmaId}/answer`, { ...acme, body: { approve: true } })).status).toBe(404);
    expect((await client.call('GET', '/vendor/returns?status=REQUESTED', globex)).body.items.map((r: JsonBody) => r.rmaId)).toContain(chairReturn.rmaId);
    const approved = await client.call('POST', `/vendor/returns/${chairReturn.rmaId}/answer`, { ...globex, body: { approve: true, vendorRma: 'GX-RMA-77', returnAddress: 'Globex Returns, 1 Dock Rd, Newark NJ 07114', label: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } } });
    expect(approved.body).toMatchObject({ status: 'APPROVED', vendorRma: 'GX-RMA-77', label: { carrier: 'UPS' } });
    expect((await client.call('POST', `/vendor/returns/${chairReturn.rmaId}/answer`, { ...globex, body: { approve: false, reason: 'changed our mind' } })).status).toBe(409);
    const received = await client.call('POST', `/vendor/returns/${chairReturn.rmaId}/receipt`, { ...globex, body: { lines: [{ lineNumber: 1, quantity: 1, condition: 'DAMAGED' }] } });
    expect(received.body).toMatchObject({ status: 'CREDITED', credit: { amount: 8900, lines: [{ lineNumber: 1, quantity: 1, amount: 8900 }] }, lines: [{ received: { quantity: 1, condition: 'DAMAGED' } }] });
    // The storefront learns the refund it may give; the PO's timeline tells the story.
    const { body: order } = await client.call('GET', `/orders/${orderId}`, shop);
    expect(order.returns.find((r: JsonBody) => r.rmaId === chairReturn.rmaId).credit.amount).toBe(8900);
    const { body: detail } = await client.call('GET', `/dropship/orders/${chairPo}`, ops);
    expect(detail.purchaseOrder.history.map((h: JsonBody) => h.note).filter((n: string | undefined) => n?.startsWith('return'))).toEqual([
      `return ${chairReturn.rmaId} requested`, `return ${chairReturn.rmaId} approved: vendor RMA GX-RMA-77`, expect.stringMatching(new RegExp(`^return ${chairReturn.rmaId} credited`)),
    ]);
    // The credit is a deduction on globex's payables, taken once by the payment.
    const payables = (await client.call('GET', '/payables?vendorId=globex', ops)).body;
    expect(payables.deductions).toContainEqual({ rule: 'RETURN', description: `customer return ${chairReturn.rmaId}, credited at PO cost`, amount: 8900, poNumbers: [chairPo], fromReference: chairReturn.rmaId });
    const paid = await client.call('POST', '/remittances', { ...ops, body: { vendorId: 'globex', reference: `RET-${chairReturn.rmaId}`, paymentDate: new Date().toISOString().slice(0, 10), from: '2026-01-01', to: new Date().toISOString().slice(0, 10) } });
    expect(paid.status).toBe(201);
    expect((await client.call('GET', `/returns/${chairReturn.rmaId}`, ops)).body).toMatchObject({ status: 'SETTLED', deductedBy: `RET-${chairReturn.rmaId}` });
    expect((await client.call('GET', '/payables?vendorId=globex', ops)).body.deductions.filter((d: JsonBody) => d.rule === 'RETURN')).toEqual([]);
  });

  it('asks an EDI vendor with a 180, and credits at once a return below the returnless threshold', async () => {
    const { orderId } = await shippedOrder();
    const [lampReturn] = (await ask(orderId, { lines: [{ lineNumber: 1, quantity: 2 }], reason: 'WRONG_ITEM' }, `edi-${orderId}`)).body.returns;
    const documents: JsonBody[] = [];
    for (let cursor = ''; ;) {
      const { body } = await client.call('GET', `/vendor/edi/outbound?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, acme);
      documents.push(...body.documents);
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    const x180 = documents.find((d) => d.type === '180' && d.id === `180-${lampReturn.rmaId}`);
    const [set] = parseX12(x180.x12).sets;
    expect(segmentsOf(set, 'BGN')[0]?.slice(0, 2)).toEqual(['00', lampReturn.rmaId]);
    expect(segmentsOf(set, 'PRF')[0]).toEqual([lampReturn.poNumber]);
    expect(segmentsOf(set, 'BLI')[0]).toEqual(['VP', 'AC-100', '2', 'EA', 'UCP', '12.00', '', 'BP', 'LAMP-001']);
    expect(segmentsOf(set, 'N9')[0]).toEqual(['LI', '1']);
    expect(segmentsOf(set, 'RDR').map((e) => e.slice(0, 2))).toEqual([['CR', 'WG'], ['', 'WG']]);

    // acme approves by 180; the same interchange again changes nothing; a second answer is refused in the 997, saying why.
    const approval = (control: number, rdr: string) => vendorInterchange({ setId: '180', functionalId: 'AN', control, segments: [`BGN*00*AC-R-${control}*20261128`, rdr, `N9*QJ*${lampReturn.rmaId}`, 'N9*RZ*AC-RA-1'] });
    for (let copy = 0; copy < 2; copy++) expect(ak5Of((await client.call('POST', '/vendor/edi', { ...acme, body: approval(18_001, 'RDR*RA') })).body)).toEqual(['A']);
    expect((await client.call('GET', `/returns/${lampReturn.rmaId}`, ops)).body).toMatchObject({ status: 'APPROVED', vendorRma: 'AC-RA-1' });
    const second = (await client.call('POST', '/vendor/edi', { ...acme, body: approval(18_002, 'RDR*RD**IN') })).body;
    expect(ak5Of(second)).toEqual(['R']);
    const { body: log } = await client.call('GET', `/dropship/orders/${lampReturn.poNumber}`, ops);
    expect(log.documents.filter((d: JsonBody) => d.type === '180' && d.direction === 'IN').flatMap((d: JsonBody) => d.reasons)).toContainEqual(expect.stringContaining(`${lampReturn.rmaId}: ${lampReturn.rmaId} is approved: it can be answered only when requested`));
    expect((await client.call('GET', `/returns/${lampReturn.rmaId}`, ops)).body.history.map((h: JsonBody) => h.status)).toEqual(['REQUESTED', 'APPROVED']);

    // hooli refunds a rug without taking it back (below 100.00).
    const { body: vendor } = await client.call('GET', '/vendors/hooli', ops);
    const { updatedAt: _u, statusHistory: _h, api: _a, ...rest } = vendor;
    await client.call('PUT', '/vendors/hooli', { ...ops, body: { ...rest, returns: { returnlessBelow: 10_000 } } });
    const rug = (await client.call('POST', '/orders', { ...shop, body: anOrder({ skus: ['RUG-005'] }), headers: { 'Idempotency-Key': `rug-${Date.now()}` } })).body;
    const rugPo = rug.purchaseOrders[0].poNumber;
    await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${rugPo}`, { key: demoKeys.vendor('hooli') })).body.status).toBe('SENT_TO_VENDOR'));
    await client.call('POST', `/vendor/purchase-orders/${rugPo}/shipments`, { key: demoKeys.vendor('hooli'), body: { shipDate: new Date().toISOString().slice(0, 10), carrier: 'UPS', packages: [{ trackingNumber: upsNumber(95_001), lines: [{ lineNumber: 1, quantity: 1 }] }] } });
    const returnless = (await ask(rug.orderId, { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'DEFECTIVE' }, `rug-${rug.orderId}`)).body.returns[0];
    expect(returnless).toMatchObject({ status: 'CREDITED', returnless: true, credit: { amount: 7400 } });
  });

  it('sends a return to the retailer\'s desk when the policy says so: approved at once with the desk\'s address, received by ops, not by the vendor', async () => {
    const { body: vendor } = await client.call('GET', '/vendors/globex', ops);
    const { updatedAt: _u, statusHistory: _h, api, ...rest } = vendor;
    const settings = { ...rest, api: { webhookUrl: api.webhookUrl } };
    const desk = 'Returns desk, Dropship OMS Demo Store, 100 Warehouse Way, Springfield, IL 62701';
    const saved = await client.call('PUT', '/vendors/globex', { ...ops, body: { ...settings, returns: { returnTo: 'RETAILER', requiresApproval: false, returnAddress: desk } } });
    expect([saved.status, saved.body.returns?.returnTo], JSON.stringify(saved.body)).toEqual([200, 'RETAILER']);
    try {
      const { orderId } = await shippedOrder();
      const [chair] = (await ask(orderId, { lines: [{ lineNumber: 2, quantity: 1 }], reason: 'NOT_AS_DESCRIBED' }, `desk-${orderId}`)).body.returns;
      expect(chair).toMatchObject({ status: 'APPROVED', returnTo: 'RETAILER', returnAddress: desk });
      // With approval asked, the vendor's answer cannot send the parcel elsewhere.
      await client.call('PUT', '/vendors/globex', { ...ops, body: { ...settings, returns: { returnTo: 'RETAILER', returnAddress: desk } } });
      const { orderId: second } = await shippedOrder();
      const [asked] = (await ask(second, { lines: [{ lineNumber: 2, quantity: 1 }], reason: 'DEFECTIVE' }, `desk-${second}`)).body.returns;
      const answered = await client.call('POST', `/vendor/returns/${asked.rmaId}/answer`, { ...globex, body: { approve: true, vendorRma: 'GX-9', returnAddress: 'Globex dock, Reno' } });
      expect(answered.body).toMatchObject({ status: 'APPROVED', vendorRma: 'GX-9', returnAddress: desk });
      const receipt = { lines: [{ lineNumber: 1, quantity: 1, condition: 'AS_NEW' }] };
      const byVendor = await client.call('POST', `/vendor/returns/${chair.rmaId}/receipt`, { ...globex, body: receipt });
      expect([byVendor.status, byVendor.body.error.message]).toEqual([409, `${chair.rmaId} goes back to the retailer's returns desk: the retailer confirms its receipt`]);
      expect((await client.call('POST', `/returns/${chair.rmaId}/receipt`, { ...globex, body: receipt })).status).toBe(403);
      const byDesk = await client.call('POST', `/returns/${chair.rmaId}/receipt`, { ...ops, body: receipt });
      expect(byDesk.body).toMatchObject({ status: 'CREDITED', credit: { amount: 8900 } });
      expect(byDesk.body.history.at(-1).by).toMatch(/^ops:/);
    } finally {
      await client.call('PUT', '/vendors/globex', { ...ops, body: { ...settings, returns: {} } });
    }
  });
});
