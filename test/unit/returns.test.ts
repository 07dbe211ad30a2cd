import { describe, expect, it } from 'vitest';
import { applyDelayCheck } from '../../functions/domain/sla-checks';
import { nextPromiseCheckAt } from '../../functions/domain/check-due';
import { closeResolvedExceptions } from '../../functions/domain/exceptions';
import type { Order, PurchaseOrder } from '../../functions/domain/orders';
import { answerReturn, receiveReturn, requestReturns, returnFigures, returnOnPo, trackReturnParcel, type ReturnRecord } from '../../functions/domain/returns';
import { actionOf180, read180, returnRequest180 } from '../../functions/domain/x12/return-180';
import { readInterchanges } from '../../functions/domain/x12/read-interchange';
import { X12Refusal } from '../../functions/domain/x12/set-problem';
import { aPurchaseOrder } from '../support/builders';
import { parseX12, segmentsOf, vendorInterchange } from '../support/x12';

const delivered = (): PurchaseOrder => {
  const po = aPurchaseOrder({ lineCount: 1, quantity: 2, status: 'DELIVERED', deliveredAt: '2026-11-20T15:00:00.000Z' });
  return { ...po, lines: po.lines.map((l) => ({ ...l, status: 'ACCEPTED', shippedQuantity: 2 })) };
};
const orderOf = (po: PurchaseOrder) => ({ orderId: po.orderId, storefrontId: 'shop', storefrontOrderId: 'SO-1', lines: [{ lineNumber: 1, sku: 'SKU-1', quantity: 2, unitPrice: 4999, poNumber: po.poNumber, vendorId: 'acme' }] }) as unknown as Order;
const ask = (po: PurchaseOrder, at = '2026-11-22T10:00:00.000Z', quantity = 2) =>
  requestReturns(orderOf(po), [po], { lines: [{ lineNumber: 1, quantity }], reason: 'DAMAGED' }, { policies: new Map(), now: new Date(at), newRmaId: () => 'RMA-UNIT1' })[0] as ReturnRecord;
const onPo = (po: PurchaseOrder, record: ReturnRecord): PurchaseOrder => ({ ...po, returns: { [record.rmaId]: returnOnPo(record) } });

describe('a return\'s deadlines on its PO', () => {
  it('opens RETURN_NOT_ANSWERED once the answer is 48 hours late, keeps the PO due until then, and closes it when answered', () => {
    const po = delivered();
    const record = ask(po);
    const waiting = onPo(po, record);
    expect(nextPromiseCheckAt(waiting)).toBe('2026-11-24T10:00:00.000Z');
    expect(applyDelayCheck(waiting, new Date('2026-11-24T09:00:00.000Z'))).toBeUndefined();
    const late = applyDelayCheck(waiting, new Date('2026-11-24T11:00:00.000Z')) as PurchaseOrder;
    expect(late.openExceptions?.RETURN_NOT_ANSWERED?.detail).toBe('RMA-UNIT1: no answer by 2026-11-24T10:00:00.000Z');
    // Covered by the open exception: the PO is not due again for the same deadline.
    expect(nextPromiseCheckAt(late)).toBeUndefined();
    const answered = answerReturn(record, { approve: true }, 'vendor:acme', '2026-11-25T00:00:00.000Z');
    expect(closeResolvedExceptions(onPo(late, answered)).openExceptions?.RETURN_NOT_ANSWERED).toBeUndefined();
  });

  it('follows the label to the vendor, then opens RETURN_NOT_RECEIVED 5 days after delivery; an event again or an older one changes nothing', () => {
    const po = delivered();
    const approved = answerReturn(ask(po), { approve: true, label: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } }, 'vendor:acme', '2026-11-23T00:00:00.000Z');
    const moving = trackReturnParcel(approved, { status: 'IN_TRANSIT', at: '2026-11-24T08:00:00.000Z' }, '2026-11-24T08:01:00.000Z') as ReturnRecord;
    expect(returnOnPo(moving).receiveDueAt).toBeUndefined();
    const arrived = trackReturnParcel(moving, { status: 'DELIVERED', at: '2026-11-26T12:00:00.000Z', location: 'Reno, NV' }, '2026-11-26T12:01:00.000Z') as ReturnRecord;
    expect(trackReturnParcel(arrived, { status: 'DELIVERED', at: '2026-11-26T12:00:00.000Z' }, '2026-11-27T00:00:00.000Z')).toBeUndefined();
    expect(trackReturnParcel(arrived, { status: 'IN_TRANSIT', at: '2026-11-24T08:00:00.000Z' }, '2026-11-27T00:00:00.000Z')).toBeUndefined();
    expect(returnOnPo(arrived).receiveDueAt).toBe('2026-12-01T12:00:00.000Z');
    const late = applyDelayCheck(onPo(po, arrived), new Date('2026-12-01T13:00:00.000Z')) as PurchaseOrder;
    expect(Object.keys(late.openExceptions ?? {})).toEqual(['RETURN_NOT_RECEIVED']);
    const received = receiveReturn(arrived, [{ lineNumber: 1, quantity: 2, condition: 'AS_NEW' }], 'vendor:acme', '2026-12-02T00:00:00.000Z');
    expect(closeResolvedExceptions(onPo(late, received)).openExceptions).toEqual({});
  });
});

describe('return figures', () => {
  it('counts units returned (not rejected) against units shipped, by SKU, with the reasons and the median days to credit', () => {
    const po = delivered();
    const credited = receiveReturn(answerReturn(ask(po), { approve: true }, 'v', '2026-11-23T10:00:00.000Z'), [{ lineNumber: 1, quantity: 1, condition: 'DAMAGED' }], 'v', '2026-11-26T10:00:00.000Z');
    const rejected = answerReturn(ask(po, '2026-11-22T10:00:00.000Z', 1), { approve: false, reason: 'worn' }, 'v', '2026-11-23T10:00:00.000Z');
    expect(returnFigures([credited, rejected], { units: 40, bySku: { 'SKU-1': 20 } })).toEqual({
      returns: 2, rejected: 1, unitsReturned: 2, unitsShipped: 40, returnRate: 0.05,
      bySku: [{ sku: 'SKU-1', unitsReturned: 2, unitsShipped: 20, returnRate: 0.1 }], reasons: { DAMAGED: 2 }, medianDaysToCredit: 4,
    });
  });
});

describe('a vendor\'s 180', () => {
  const setOf = (segments: string[]) => readInterchanges(vendorInterchange({ setId: '180', functionalId: 'AN', control: 1801, segments }))[0]?.groups[0]?.sets[0] as Parameters<typeof read180>[0];

  it('approves with the vendor\'s RMA in N9*RZ, the return-to address and a label; receives a damaged unit by N9*LI', () => {
    const po = delivered();
    const requested = ask(po);
    const approval = read180(setOf(['BGN*00*VR-1*20261122', 'RDR*RA', 'PRF*' + po.poNumber, 'N9*RZ*VR-AUTH', 'TD5*O*2*UPSN', 'REF*2I*1Z999AA10123456784', 'N1*ST*RETURNS*92*R1', 'N3*1 DOCK RD', 'N4*RENO*NV*89502']));
    expect(actionOf180(approval, requested, po)).toEqual({ kind: 'ANSWER', answer: { approve: true, vendorRma: 'VR-AUTH', returnAddress: 'RETURNS, 1 DOCK RD, RENO, NV 89502', label: { carrier: 'UPSN', trackingNumber: '1Z999AA10123456784' } } });
    const approved = answerReturn(requested, { approve: true }, 'v', '2026-11-23T00:00:00.000Z');
    const receipt = read180(setOf([`BGN*00*${requested.rmaId}*20261128`, 'DTM*050*20261127', 'BLI*ZZ*ANYTHING*1*EA', 'N9*LI*1', 'RDR**DT']));
    expect(actionOf180(receipt, approved, po)).toEqual({ kind: 'RECEIPT', lines: [{ lineNumber: 1, quantity: 1, condition: 'DAMAGED' }] });
  });

  it('refuses what it cannot act on, saying why: a disposition it does not know, lines that disagree, a receipt of a part not on the return', () => {
    const po = delivered();
    const problems = (segments: string[], record = ask(po)) => {
      try {
        actionOf180(read180(setOf(segments)), record, po);
        return [];
      } catch (error) {
        return (error as X12Refusal).problems.map((p) => p.reason);
      }
    };
    expect(problems(['BGN*00*RMA-UNIT1*20261122', 'RDR*XX'])).toEqual([expect.stringContaining('RDR01 XX is not a disposition we act on')]);
    expect(problems(['BGN*00*RMA-UNIT1*20261122', 'BLI*VP*V-1*1*EA', 'RDR*RA', 'BLI*VP*V-2*1*EA', 'RDR*RD'])).toEqual([expect.stringContaining('partly authorised')]);
    expect(problems(['BGN*00*RMA-UNIT1*20261122'])).toEqual([expect.stringContaining('no RDR01 and no N9*RZ')]);
    const approved = answerReturn(ask(po), { approve: true }, 'v', '2026-11-23T00:00:00.000Z');
    expect(problems(['BGN*00*RMA-UNIT1*20261122', 'DTM*050*20261127', 'BLI*VP*NOT-OURS*1*EA'], approved)).toEqual([expect.stringContaining('RMA-UNIT1 has no such line')]);
  });

  it('asks in the shape networks read, and says so when the parcel goes to the retailer\'s desk', () => {
    const po = delivered();
    const record = { ...ask(po), comment: 'box crushed', returnTo: 'RETAILER' as const, returnAddress: 'Returns desk, 100 Warehouse Way, Springfield, IL 62701' };
    const envelope = { sender: { qualifier: 'ZZ', id: 'DROPSHIPOMS' }, receiver: { qualifier: 'ZZ', id: 'ACMESUPPLY' }, controlNumber: 7, at: new Date('2026-11-22T10:00:00Z'), usage: 'P' as const, version: '004010' as const };
    const [set] = parseX12(returnRequest180(record, envelope)).sets;
    expect(segmentsOf(set, 'RDR')).toEqual([['CR', 'DA'], ['', 'DA']]);
    expect(segmentsOf(set, 'NTE')).toEqual([['GEN', 'box crushed'], ['DEL', 'RETURNS GO TO THE RETAILER: Returns desk, 100 Warehouse Way, Springfield, IL'], ['DEL', '62701']]);
    expect(segmentsOf(set, 'BLI')).toEqual([['VP', 'V-1', '2', 'EA', 'UCP', '12.00', '', 'BP', 'SKU-1']]);
  });
});
