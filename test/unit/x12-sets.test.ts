import { describe, expect, it } from 'vitest';
import type { PurchaseOrder, PurchaseOrderLine } from '../../functions/domain/orders';
import { counterDeltas } from '../../functions/domain/vendor-analytics';
import { acknowledge } from '../../functions/domain/purchase-order-lifecycle';
import { acknowledgmentFrom855 } from '../../functions/domain/x12/acknowledgment-855';
import { functionalAck } from '../../functions/domain/x12/functional-acks';
import { matchLine } from '../../functions/domain/x12/line-match';
import { readInterchanges, type InboundSet } from '../../functions/domain/x12/read-interchange';
import { X12Refusal } from '../../functions/domain/x12/set-problem';
import { readShipNotice856, shipmentFor } from '../../functions/domain/x12/ship-notice-856';
import { isoDateOf } from '../../functions/domain/x12/x12-date';
import { aPurchaseOrder } from '../support/builders';

const line = (lineNumber: number, vendorSku: string, sku: string, gtin?: string): PurchaseOrderLine => ({
  lineNumber, orderLineNumber: lineNumber, sku, vendorSku, ...(gtin && { gtin }), quantity: 2, unitCost: 100, status: 'OPEN', acceptedQuantity: 2, shippedQuantity: 0,
});
const lines = [line(1, 'AC-100', 'LAMP-001', '036000291452'), line(2, 'AC-400', 'DESK-004')];

/** A set from segment strings, numbered as a reader would (ST = 1). */
const aSet = (id: string, segments: string[]): InboundSet => ({
  id,
  controlNumber: '0001',
  segments: [`ST*${id}*0001`, ...segments, `SE*${segments.length + 2}*0001`].map((text, i) => {
    const [tag = '', ...elements] = text.split('*');
    return { tag, elements, position: i + 1 };
  }),
});

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof X12Refusal) return error.problems.map((p) => p.reason);
    throw error;
  }
  return [];
};

describe('matching a partner line to ours', () => {
  it('takes the line number when it names one of ours and the ids agree', () => {
    expect(matchLine(lines, { lineNumber: '0002', ids: [{ qualifier: 'VP', value: 'AC-400' }] })).toEqual({ line: lines[1] });
  });

  it('lets the ids decide when the number is the partner’s own (100, item-1)', () => {
    expect(matchLine(lines, { lineNumber: '100', ids: [{ qualifier: 'BP', value: 'desk-004' }] })).toEqual({ line: lines[1] });
  });

  it('matches a UPC-A against the same item’s GTIN-14 and EAN-13', () => {
    expect(matchLine(lines, { ids: [{ qualifier: 'EN', value: '0036000291452' }] })).toEqual({ line: lines[0] });
    expect(matchLine(lines, { ids: [{ qualifier: 'UK', value: '00036000291452' }] })).toEqual({ line: lines[0] });
  });

  it('refuses when two lines match, or none does', () => {
    expect(matchLine([line(1, 'AC-100', 'LAMP-001'), line(2, 'AC-100', 'LAMP-001')], { ids: [{ qualifier: 'VP', value: 'AC-100' }] })).toEqual({
      reason: 'vendor part AC-100 matches lines 1 and 2; send our line number to say which',
    });
    expect(matchLine(lines, { lineNumber: '7', ids: [] })).toEqual({ reason: 'no line 7 on this PO, and no item id (VP, BP, UP …) to find it by' });
  });
});

describe('X12 dates', () => {
  it('reads CCYYMMDD and YYMMDD, and refuses dates that do not exist', () => {
    expect([isoDateOf('20261201'), isoDateOf('261201'), isoDateOf('991231'), isoDateOf('20260230'), isoDateOf('2026-12-01')]).toEqual(['2026-12-01', '2026-12-01', '1999-12-31', undefined, undefined]);
  });
});

describe('an 855 read against its PO', () => {
  const po = aPurchaseOrder({ lines, status: 'SENT_TO_VENDOR' });

  it('stands the SLA ship-by in for a ship date the vendor did not give, and says so on the PO and the scorecard', () => {
    const ack = acknowledgmentFrom855(aSet('855', [`BAK*00*AK*${po.poNumber}*20261124`]), po);
    // BAK02 AK names no line: each is answered by the header, and marked so (certification asks for an answer per line).
    expect(ack).toEqual({ lines: [{ lineNumber: 1, status: 'ACCEPTED', implied: true }, { lineNumber: 2, status: 'ACCEPTED', implied: true }], shipDateSource: 'SLA' });
    const sent = { ...po, sla: { shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'America/Chicago', holidays: [], transitBusinessDays: {} } };
    const after = acknowledge(sent, ack, { by: 'vendor:acme', at: new Date('2026-11-24T15:00:00Z') });
    expect(after).toMatchObject({ status: 'ACKNOWLEDGED', shipDateSource: 'SLA', estimatedShipDate: after.shipDueAt?.slice(0, 10) });
    expect(counterDeltas(sent, after)?.counters).toMatchObject({ acked: 1, ackedWithoutShipDate: 1 });
  });

  it('reads ACK codes from the code table, with the latest date as the estimate', () => {
    const ack = acknowledgmentFrom855(aSet('855', [`BAK*00*AC*${po.poNumber}`, 'PO1*1*2*EA', 'ACK*IQ*1*EA*068*20261203', 'PO1*2*2*EA', 'ACK*IH*2*EA**20261220']), po);
    expect(ack).toEqual({
      estimatedShipDate: '2026-12-20',
      shipDateSource: 'VENDOR',
      lines: [{ lineNumber: 1, status: 'ACCEPTED', quantity: 1 }, { lineNumber: 2, status: 'BACKORDERED', backorderDate: '2026-12-20', reason: '855 IH on hold' }],
    });
  });

  it('names every problem at once, nothing applied', () => {
    expect(refusal(() => acknowledgmentFrom855(aSet('855', [`BAK*00*QQ*${po.poNumber}`, 'PO1**2*EA***VP*NOPE', 'ACK*IA']), po))).toEqual([
      'BAK02 QQ is not an acknowledgment type (AC, AD, AE, AH, AK, AP, AT, NA, RD, RF, RJ, RO, ZZ)',
      'PO1 loop 1: no line has vendor part NOPE',
    ]);
  });
});

describe('an 856 with several order levels', () => {
  it('gives each PO only the items under its own order level', () => {
    const notice = readShipNotice856(aSet('856', [
      'BSN*00*S-1*20261125', 'HL*1**S', 'TD5**2*UPSN', 'HL*2*1*O', 'PRF*PO-A', 'HL*3*2*P', 'REF*CN*1Z999AA10123456784', 'HL*4*3*I', 'LIN**VP*AC-100', 'SN1**2*EA',
      'HL*5*1*O', 'PRF*PO-B', 'HL*6*5*P', 'REF*CN*1Z999AA10123456793', 'HL*7*6*I', 'LIN**VP*AC-400', 'SN1**1*EA',
    ]));
    expect(notice.parts.map((p) => [p.poNumber, p.items.map((i) => i.trackingNumber)])).toEqual([['PO-A', ['1Z999AA10123456784']], ['PO-B', ['1Z999AA10123456793']]]);
    const forB = shipmentFor(notice, notice.parts[1] ?? { poNumber: '', segment: { tag: '', elements: [], position: 0 }, items: [] }, aPurchaseOrder({ lines }));
    expect(forB.packages).toEqual([{ trackingNumber: '1Z999AA10123456793', lines: [{ lineNumber: 2, quantity: 1 }] }]);
    expect(forB.carrier).toBe('UPS');
  });
});

describe('the 997', () => {
  it('says which loop, element and value are at fault, and sums the group up', () => {
    const set = functionalAck('997', {
      functionalId: 'PR', controlNumber: '7', version: '004010',
      sets: [
        { setId: '855', controlNumber: '0001', applied: 'NONE', problems: [{ segment: 'PO1', position: 3, loopId: 'PO1', element: 7, elementCode: '7', badData: 'AC-999', code: '8', reason: 'no line' }] },
        { setId: '855', controlNumber: '0002', applied: 'ALL', problems: [] },
      ],
    });
    expect(set.segments).toEqual(['AK1*PR*7~', 'AK2*855*0001~', 'AK3*PO1*3*PO1*8~', 'AK4*7**7*AC-999~', 'AK5*R*5~', 'AK2*855*0002~', 'AK5*A~', 'AK9*P*2*2*1~']);
  });
});

describe('reading envelopes', () => {
  it('names the set whose SE count is wrong among several', () => {
    const sets = ['ST*855*0001~BAK*00*AC*PO-1~SE*3*0001~', 'ST*855*0002~BAK*00*AC*PO-2~SE*9*0002~'].join('');
    const text = `ISA*00*          *00*          *ZZ*ACMESUPPLY     *ZZ*DROPSHIPOMS    *261125*0930*U*00401*000000001*0*P*>~GS*PR*A*B*20261125*0930*1*X*004010~${sets}GE*2*1~IEA*1*000000001~`;
    expect(readInterchanges(text)[0]?.fault).toMatchObject({ level: 'SET', segment: 'SE', code: '4', setControl: '0002', groupControl: '1' });
  });
});
