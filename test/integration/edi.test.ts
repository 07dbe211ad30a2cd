import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { parseX12, segmentsOf, vendorInterchange } from '../support/x12';
import { workflowsParked } from '../support/sent-purchase-order';

let client: ApiClient;
const acme = { key: demoKeys.vendor('acme') };
let control = 100;

beforeAll(async () => {
  client = await startSeededApi();
  // Every test here orders lamps; the demo stock of 25 would run out.
  await client.call('PUT', '/vendor/inventory', { ...acme, body: { feedId: 'edi-tests', items: [{ vendorSku: 'AC-100', available: 10_000, restockDate: null }] } });
});
afterAll(() => client.close());

async function sentPurchaseOrder(quantities: number[] = [2]) {
  const body = anOrder({ skus: quantities.map(() => 'LAMP-001') });
  body.lines = body.lines.map((line, i) => ({ ...line, quantity: quantities[i] ?? 1 }));
  body.customer.name = 'Zoë Ångström-Núñez';
  const order = await client.call('POST', '/orders', { key: demoKeys.storefront, body, headers: { 'Idempotency-Key': `edi-${++control}` } });
  const poNumber: string = order.body.purchaseOrders[0].poNumber;
  await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body.status).toBe('SENT_TO_VENDOR'));
  await workflowsParked(client);
  return { order: order.body as JsonBody, poNumber };
}

const outbound850 = async (poNumber: string) => {
  const { body } = await client.call('GET', '/vendor/edi/outbound?limit=100', acme);
  return body.documents.find((d: { poNumber: string; type: string }) => d.poNumber === poNumber && d.type === '850');
};

const ack855 = (poNumber: string, lines: string[][], n = ++control) =>
  vendorInterchange({ setId: '855', functionalId: 'PR', control: n, segments: [`BAK*00*AC*${poNumber}*20261124`, ...lines.flat(), `CTT*${lines.length}`] });

const ship856 = (poNumber: string, items: [number, number][], tracking = '1Z999AA10123456784', n = ++control) =>
  vendorInterchange({
    setId: '856',
    functionalId: 'SH',
    control: n,
    segments: [
      `BSN*00*SHIP-${n}*20261125*1400*0001`,
      'HL*1**S', 'TD5*B*2*UPSN*M*GROUND', `REF*CN*${tracking}`, 'DTM*011*20261125',
      'HL*2*1*O', `PRF*${poNumber}`,
      ...items.flatMap(([line, qty], i) => [`HL*${3 + i}*2*I`, `LIN*${line}*VP*AC-100`, `SN1**${qty}*EA`]),
      `CTT*${items.length}`,
    ],
  });

const postX12 = (x12: string) => client.call('POST', '/vendor/edi', { ...acme, body: x12 });

describe('outbound 850', () => {
  it('parses with node-x12 and carries the PO, ship-to and lines', async () => {
    const { poNumber, order } = await sentPurchaseOrder([2, 3]);
    const document = await outbound850(poNumber);
    const { isa, gs, sets } = parseX12(document.x12);
    expect([isa[5]?.trim(), isa[7]?.trim(), gs[0]]).toEqual(['DROPSHIPOMS', 'ACMESUPPLY', 'PO']);
    const [set] = sets;
    expect(segmentsOf(set, 'BEG')).toEqual([['00', 'DS', poNumber, '', expect.stringMatching(/^\d{8}$/)]]);
    expect(segmentsOf(set, 'REF')).toEqual([['CO', order.orderId]]);
    expect(segmentsOf(set, 'N1')).toEqual([['BY', 'Dropship OMS Demo Store', '92', 'DROPSHIPOMS'], ['ST', 'Zoe Angstrom-Nunez']]);
    expect(segmentsOf(set, 'N4')).toEqual([['Springfield', 'IL', '62701', 'US']]);
    expect(segmentsOf(set, 'PO1')).toEqual([
      ['1', '2', 'EA', '12.00', '', 'VP', 'AC-100', 'BP', 'LAMP-001', 'UP', '036000291452'],
      ['2', '3', 'EA', '12.00', '', 'VP', 'AC-100', 'BP', 'LAMP-001', 'UP', '036000291452'],
    ]);
    expect(segmentsOf(set, 'CTT')).toEqual([['2', '5']]);
    expect(segmentsOf(set, 'TD5')).toEqual([]);
  });

  it("carries the customer's ship method (TD5, per line when it differs) and packing-slip message (MSG)", async () => {
    const body = anOrder({ skus: ['LAMP-001', 'LAMP-001'] });
    body.shipMethod = { carrier: 'UPS', service: 'GROUND' };
    body.packingSlipMessage = 'Happy birthday, Sam! Love, Jo';
    body.lines = body.lines.map((line, i) => (i === 1 ? { ...line, shipMethod: { carrier: 'FedEx', service: '2DAY' } } : line));
    const order = await client.call('POST', '/orders', { key: demoKeys.storefront, body, headers: { 'Idempotency-Key': `edi-${++control}` } });
    const poNumber: string = order.body.purchaseOrders[0].poNumber;
    await eventually(async () => expect(await outbound850(poNumber)).toBeDefined());
    const [set] = parseX12((await outbound850(poNumber)).x12).sets;
    expect(segmentsOf(set, 'MSG')).toEqual([['Happy birthday, Sam! Love, Jo']]);
    expect(segmentsOf(set, 'TD5')).toEqual([['', '2', 'UPSN', '', 'UPS GROUND'], ['', '2', 'FDEG', '', 'FedEx 2DAY']]);
  });

  it('gives every document a vendor its own control numbers', async () => {
    const first = await sentPurchaseOrder();
    const second = await sentPurchaseOrder();
    const numbers = await Promise.all([first, second].map(async ({ poNumber }) => parseX12((await outbound850(poNumber)).x12).isa[12]));
    expect(new Set(numbers).size).toBe(2);
  });

  it('leaves the pending list once the vendor marks it collected', async () => {
    const { poNumber } = await sentPurchaseOrder();
    const document = await outbound850(poNumber);
    const marked = await client.call('POST', `/vendor/edi/outbound/${document.id}/received`, acme);
    expect(marked.body).toEqual({ id: document.id, collectedAt: expect.any(String) });
    expect(await outbound850(poNumber)).toBeUndefined();
    expect((await client.call('POST', '/vendor/edi/outbound/850-PO-NOPE/received', acme)).status).toBe(404);
  });
});

describe('inbound 855 and 856, answered with a 997', () => {
  it('applies an 855 and accepts it in the 997', async () => {
    const { poNumber } = await sentPurchaseOrder([2, 1]);
    const answer = await postX12(ack855(poNumber, [['PO1*1*2*EA', 'ACK*IA*2*EA*068*20261201'], ['PO1*2*1*EA', 'ACK*IB*1*EA*068*20261215']]));
    expect(answer.status).toBe(200);
    const [set] = parseX12(answer.body).sets;
    expect(segmentsOf(set, 'AK1')).toEqual([['PR', String(control)]]);
    expect(segmentsOf(set, 'AK5')).toEqual([['A']]);
    expect(segmentsOf(set, 'AK9')).toEqual([['A', '1', '1', '1']]);
    const po = (await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body;
    expect(po).toMatchObject({ status: 'ACKNOWLEDGED', estimatedShipDate: '2026-12-15' });
    expect(po.lines.map((l: { status: string; backorderDate?: string }) => [l.status, l.backorderDate])).toEqual([['ACCEPTED', undefined], ['BACKORDERED', '2026-12-15']]);
  });

  it('answers a repeated interchange with the same 997 and applies nothing again', async () => {
    const { poNumber } = await sentPurchaseOrder();
    const document = ack855(poNumber, [['PO1*1*2*EA', 'ACK*IA*2*EA*068*20261201']]);
    const first = await postX12(document);
    const before = (await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body;
    const second = await postX12(document);
    expect(second.body).toBe(first.body);
    expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body.version).toBe(before.version);
  });

  it('rejects a set whose SE count is wrong, naming SE, and changes nothing', async () => {
    const { poNumber } = await sentPurchaseOrder();
    const broken = ack855(poNumber, [['PO1*1*2*EA', 'ACK*IA*2*EA*068*20261201']]).replace(/SE\*\d+\*/, 'SE*99*');
    const answer = await postX12(broken);
    const [set] = parseX12(answer.body).sets;
    expect(segmentsOf(set, 'AK3')[0]?.[0]).toBe('SE');
    expect(segmentsOf(set, 'AK5')[0]?.[0]).toBe('R');
    expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body.status).toBe('SENT_TO_VENDOR');
  });

  it('rejects an 855 for a PO that is not this vendor\'s at its BAK segment', async () => {
    const answer = await postX12(ack855('PO-UNKNOWN', [['PO1*1*2*EA', 'ACK*IA*2*EA*068*20261201']]));
    const [set] = parseX12(answer.body).sets;
    expect(segmentsOf(set, 'AK3')).toEqual([['BAK', '2', '', '8']]);
    expect(segmentsOf(set, 'AK9')[0]?.[0]).toBe('R');
  });

  it('applies an 856 with its tracking number and dispatches the PO', async () => {
    const { poNumber } = await sentPurchaseOrder([2]);
    await postX12(ack855(poNumber, [['PO1*1*2*EA', 'ACK*IA*2*EA*068*20261201']]));
    const answer = await postX12(ship856(poNumber, [[1, 2]]));
    expect(segmentsOf(parseX12(answer.body).sets[0], 'AK5')).toEqual([['A']]);
    const po = (await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body;
    expect(po).toMatchObject({ status: 'DISPATCHED', shipments: [{ carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '1Z999AA10123456784' }] }] });
  });

  it('rejects an 856 whose tracking number fails its check digit, and ships nothing', async () => {
    const { poNumber } = await sentPurchaseOrder([2]);
    const answer = await postX12(ship856(poNumber, [[1, 2]], '1Z999AA10123456785'));
    expect(segmentsOf(parseX12(answer.body).sets[0], 'AK5')[0]?.[0]).toBe('R');
    expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body.status).toBe('SENT_TO_VENDOR');
  });

  it('refuses a document that is not X12 with a 400 naming the ISA', async () => {
    const { status, body } = await postX12('hello, this is not EDI');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID_X12', details: [{ rule: 'ISA' }] });
  });

  it("refuses an interchange sent under another vendor's ISA id", async () => {
    const { status } = await postX12(vendorInterchange({ setId: '855', functionalId: 'PR', control: ++control, sender: 'GLOBEX', segments: ['BAK*00*AC*PO-X*20261124'] }));
    expect(status).toBe(400);
  });
});

describe('malformed X12: a 997 or TA1 rejection or a 4xx, and nothing applied', () => {
  const good = (poNumber: string) => ack855(poNumber, [['PO1*1*2*EA', 'ACK*IA*2*EA*068*20261201']]);
  const cases: [string, (x12: string) => string][] = [
    ['element separator other than the ISA declares', (x) => x.replace(/^ISA\*/, 'ISA|')],
    ['segment terminator changed midway', (x) => x.replace('~\nBAK', '!\nBAK')],
    ['no GS', (x) => x.replace(/GS\*[^~]*~\n/, '')],
    ['no ST', (x) => x.replace(/ST\*[^~]*~\n/, '')],
    ['no BAK', (x) => x.replace(/BAK\*[^~]*~\n/, '').replace(/SE\*(\d+)\*/, (_m, n: string) => `SE*${Number(n) - 1}*`)],
    ['a wrong GE count', (x) => x.replace(/GE\*1\*/, 'GE*3*')],
    ['a wrong IEA count', (x) => x.replace(/IEA\*1\*/, 'IEA*2*')],
    ['an IEA control number that does not match the ISA', (x) => x.replace(/IEA\*1\*\d+/, 'IEA*1*999999999')],
    ['a truncated interchange', (x) => x.slice(0, Math.floor(x.length * 0.6))],
    ['non-ASCII in the data', (x) => x.replace('*EA~', '*ÉÅ€~')],
    ['a huge document (50,000 ACK segments, one count wrong)', (x) => x.replace(/ACK\*IA[^~]*~/, `${'ACK*IA*2*EA*068*20261201~\n'.repeat(50_000)}`)],
  ];

  it.each(cases)('%s', async (_name, breakIt) => {
    const { poNumber } = await sentPurchaseOrder();
    const before = (await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body;
    const answer = await postX12(breakIt(good(poNumber)));
    if (answer.status === 200) {
      const { ta1, sets } = parseX12(answer.body);
      const [set] = sets;
      expect(ta1?.[3] ?? segmentsOf(set, 'AK9')[0]?.[0] ?? segmentsOf(set, 'AK5')[0]?.[0]).toBe('R');
    } else {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.error.code).toMatch(/INVALID_X12|VALIDATION_FAILED|PAYLOAD_TOO_LARGE/);
    }
    const after = (await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body;
    expect(after).toMatchObject({ status: 'SENT_TO_VENDOR', version: before.version });
  });
});

