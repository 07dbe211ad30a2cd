import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { sentPurchaseOrder } from '../support/sent-purchase-order';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { parseX12, segmentsOf, vendorInterchange } from '../support/x12';

/** How refusals reach the people who fix them: the 999 for 005010 partners, the EDI log, one exception per vendor. */
let client: ApiClient;
const acme = { key: demoKeys.vendor('acme') };
const ops = { key: demoKeys.ops };
let control = 5000;

beforeAll(async () => {
  client = await startSeededApi();
  await client.call('PUT', '/vendor/inventory', { ...acme, body: { feedId: 'answers', items: [{ vendorSku: 'AC-100', available: 10_000, restockDate: null }] } });
});
afterAll(() => client.close());

const aLamp = () => sentPurchaseOrder(client, [['LAMP-001', 1]]);

const unknownPart = (poNumber: string) =>
  vendorInterchange({ setId: '855', functionalId: 'PR', control: ++control, segments: [`BAK*00*AC*${poNumber}*20261124`, 'PO1**1*EA***VP*AC-999', 'ACK*IA*1*EA*068*20261201', 'CTT*1'] });
const postX12 = (x12: string, key = acme) => client.call('POST', '/vendor/edi', { ...key, body: x12 });

async function setAcmeEdi(edi: Record<string, string>) {
  const { body: vendor } = await client.call('GET', '/vendors/acme', ops);
  const { updatedAt: _u, ...input } = vendor;
  expect((await client.call('PUT', '/vendors/acme', { ...ops, body: { ...input, edi: { ...vendor.edi, ...edi } } })).status).toBe(200);
}

describe('answers in the vendor settings', () => {
  it('answers a partner set to 999 with IK3, IK4 and the reason in CTX', async () => {
    await setAcmeEdi({ functionalAck: '999', version: '005010' });
    try {
      const poNumber = await aLamp();
      const { isa, gs, sets } = parseX12((await postX12(unknownPart(poNumber))).body);
      expect([isa[11], isa[10], gs[7]]).toEqual(['00501', '^', '005010X231A1']);
      const [set] = sets;
      expect(set?.[0]?.elements).toEqual(['999', expect.any(String), '005010X231A1']);
      expect(segmentsOf(set, 'IK3')).toEqual([['PO1', '3', 'PO1', '8']]);
      const context = segmentsOf(set, 'CTX').map((c) => c[0] ?? '');
      expect(context.every((c) => c.startsWith('REASON>') && c.length <= 'REASON>'.length + 35)).toBe(true);
      expect(context.map((c) => c.slice('REASON>'.length)).join(' ')).toBe('PO1 loop 1: no line has vendor part AC-999');
      expect(segmentsOf(set, 'IK4')).toEqual([['7', '', '7', 'AC-999']]);
      expect(segmentsOf(set, 'IK5')).toEqual([['R', '5']]);
    } finally {
      await setAcmeEdi({ functionalAck: '997', version: '004010' });
    }
  });

  it('writes 005010 to a partner set to it: ISA12 00501 with a repetition separator, GS08 005010', async () => {
    await setAcmeEdi({ version: '005010' });
    try {
      const poNumber = await aLamp();
      const documents = (await client.call('GET', '/vendor/edi/outbound?limit=100', acme)).body.documents;
      const { isa, gs } = parseX12(documents.find((d: JsonBody) => d.poNumber === poNumber).x12);
      expect([isa[10], isa[11], gs[7]]).toEqual(['^', '00501', '005010']);
    } finally {
      await setAcmeEdi({ version: '004010' });
    }
  });
});

describe('documents resent under a new envelope', () => {
  it('accepts an 855 and an 856 sent again with new control numbers, and changes nothing the second time', async () => {
    const poNumber = await aLamp();
    const ack = (n: number) => vendorInterchange({ setId: '855', functionalId: 'PR', control: n, segments: [`BAK*00*AC*${poNumber}*20261124`, 'PO1*1*1*EA', 'ACK*IA*1*EA*068*20261201', 'CTT*1'] });
    const ship = (n: number) => vendorInterchange({ setId: '856', functionalId: 'SH', control: n, segments: ['BSN*00*SHIP-R1*20261125*1400', 'HL*1**S', 'TD5**2*UPSN', 'REF*CN*1Z999AA10123456784', 'HL*2*1*O', `PRF*${poNumber}`, 'HL*3*2*I', 'LIN*1*VP*AC-100', 'SN1**1*EA', 'CTT*3'] });
    for (const document of [ack, ship]) {
      expect(segmentsOf(parseX12((await postX12(document(++control))).body).sets[0], 'AK5')).toEqual([['A']]);
      const before = (await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body;
      expect(segmentsOf(parseX12((await postX12(document(++control))).body).sets[0], 'AK5')).toEqual([['A']]);
      expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body.version).toBe(before.version);
    }
    expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, acme)).body).toMatchObject({ status: 'DISPATCHED', shipments: [{ shipmentId: 'SHIP-R1' }] });
  });
});

describe('where refusals show', () => {
  it('keeps one EDI_REJECTED exception per vendor, updated with the latest reasons, until ops resolve it', async () => {
    for (const earlier of (await client.call('GET', '/exceptions?type=EDI_REJECTED', ops)).body.items) {
      await client.call('POST', `/exceptions/${earlier.exceptionId}/resolve`, { ...ops, body: { note: 'from an earlier test' } });
    }
    const first = await aLamp();
    await postX12(unknownPart(first));
    const second = await aLamp();
    await postX12(vendorInterchange({ setId: '856', functionalId: 'SH', control: ++control, segments: ['BSN*00*S1*20261125*1400', 'HL*1**S', 'HL*2*1*O', `PRF*${second}`, 'HL*3*2*I', 'LIN*1*VP*AC-100', 'SN1**1*EA', 'CTT*3'] }));
    const open = (await client.call('GET', '/exceptions?type=EDI_REJECTED', ops)).body.items;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ vendorId: 'acme', occurrences: 2, detail: expect.stringContaining('no tracking number') });
    expect(open[0].poNumber).toBeUndefined();

    const resolved = await client.call('POST', `/exceptions/${open[0].exceptionId}/resolve`, { ...ops, body: { note: 'Acme fixed its map' } });
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', resolution: { note: 'Acme fixed its map' } });
    expect((await client.call('GET', '/exceptions?type=EDI_REJECTED', ops)).body.items).toEqual([]);
    expect((await client.call('POST', `/exceptions/${open[0].exceptionId}/resolve`, { ...ops, body: { note: 'again' } })).status).toBe(409);

    await postX12(unknownPart(await aLamp()));
    const reopened = (await client.call('GET', '/exceptions?type=EDI_REJECTED', ops)).body.items;
    expect(reopened).toMatchObject([{ occurrences: 1 }]);
    expect(reopened[0].exceptionId).not.toBe(open[0].exceptionId);
  });

  it('lists documents in the EDI log by vendor, type, direction and outcome, and shows one with our answer', async () => {
    const poNumber = await aLamp();
    await postX12(unknownPart(poNumber));
    const refused = (await client.call('GET', '/edi/documents?vendorId=acme&accepted=false&type=855&limit=100', ops)).body.items;
    const entry = refused.find((d: JsonBody) => d.poNumbers.includes(poNumber));
    expect(entry).toMatchObject({ direction: 'IN', outcome: 'REJECTED', reasons: ['PO1 loop 1: no line has vendor part AC-999'] });
    expect(refused.every((d: JsonBody) => d.type === '855' && !d.accepted)).toBe(true);

    const sent = (await client.call('GET', '/edi/documents?direction=OUT&limit=100', ops)).body.items;
    expect(sent.find((d: JsonBody) => d.poNumbers.includes(poNumber))).toMatchObject({ type: '850', outcome: 'SENT' });

    const { body: document } = await client.call('GET', `/edi/documents/${entry.documentId}`, ops);
    expect(document.x12).toContain('VP*AC-999');
    expect(segmentsOf(parseX12(document.answer).sets[0], 'AK4')).toEqual([['7', '', '7', 'AC-999']]);
    expect((await client.call('GET', '/edi/documents/IN-nope', ops)).status).toBe(404);
  });

  it("shows a vendor its own inbound documents only, and keeps ops' log from vendor keys", async () => {
    await postX12(unknownPart(await aLamp()));
    const own = (await client.call('GET', '/vendor/edi/inbound?limit=100', acme)).body.items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((d: JsonBody) => d.vendorId === 'acme' && d.direction === 'IN')).toBe(true);
    expect((await client.call('GET', '/vendor/edi/inbound', { key: demoKeys.vendor('globex') })).status).toBe(403);
    expect((await client.call('GET', '/edi/documents', acme)).status).toBe(403);
  });

  it('shows the reason on the PO page beside the document', async () => {
    const poNumber = await aLamp();
    await postX12(unknownPart(poNumber));
    const { body } = await client.call('GET', `/dropship/orders/${poNumber}`, ops);
    expect(body.documents.find((d: JsonBody) => d.type === '855')).toMatchObject({ accepted: false, reasons: ['PO1 loop 1: no line has vendor part AC-999'] });
  });
});
