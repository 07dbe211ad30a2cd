import type { PurchaseOrder } from '../orders';
import type { Acknowledgment, LineAcknowledgment } from '../purchase-order-lifecycle';
import { acknowledgmentTypes, elementErrors, lineStatusCodes, shipDateQualifiers, type LineOutcome } from './codes';
import { matchLine } from './line-match';
import type { InboundSet, Segment } from './read-interchange';
import { firstOf, idPairs, valueAt, walk, type ElementRef, type SetMap } from './set-map';
import { problemAt, wholeQuantity, X12Refusal, type SetProblem } from './set-problem';
import { isoDateOf } from './x12-date';

/** The 855 as data: BAK at the head, one PO1 loop per line answered (with its ACK, DTM, SCH). */
export const map855 = {
  set: { id: '855', name: 'Purchase order acknowledgment', anchor: 'BAK', loops: [{ id: 'PO1', starts: 'PO1' }] } satisfies SetMap,
  poNumber: { tag: 'BAK', element: 3 },
  ackType: { tag: 'BAK', element: 2 },
  lineNumber: { tag: 'PO1', element: 1 },
  lineIds: [{ tag: 'PO1', from: 6 }, { tag: 'ACK', from: 7 }],
  lineStatus: { tag: 'ACK', element: 1 },
  lineQuantity: { tag: 'ACK', element: 2 },
  /** Ship dates, best first: the ACK's own date, then DTM, then SCH, by qualifier preference. */
  shipDates: [
    ...shipDateQualifiers.map((q): ElementRef => ({ tag: 'ACK', element: 5, qualifier: { element: 4, values: [q] } })),
    { tag: 'ACK', element: 5, qualifier: { element: 4, values: [], orEmpty: true } },
    ...shipDateQualifiers.map((q): ElementRef => ({ tag: 'DTM', element: 2, qualifier: { element: 1, values: [q] } })),
    ...shipDateQualifiers.map((q): ElementRef => ({ tag: 'SCH', element: 6, qualifier: { element: 5, values: [q] } })),
  ],
} as const;

/** The PO an 855 is about, and the segment that names it. */
export function purchaseOrderOf855(set: InboundSet): { poNumber: string; segment: Segment } {
  const found = valueAt(set.segments, map855.poNumber);
  if (!found) {
    const bak = set.segments.find((s) => s.tag === 'BAK');
    throw new X12Refusal([problemAt(bak, 'BAK', bak ? 'BAK03 (the PO number) is empty' : 'BAK is missing', bak ? { element: 3, elementCode: elementErrors.mandatoryMissing } : {})]);
  }
  return { poNumber: found.value, segment: found.segment };
}

function shipDateIn(segments: readonly Segment[]): { date: string } | { problem: SetProblem } | undefined {
  const found = firstOf(segments, map855.shipDates);
  if (!found) return undefined;
  const date = isoDateOf(found.value);
  if (date) return { date };
  const element = found.segment.tag === 'SCH' ? 6 : found.segment.tag === 'ACK' ? 5 : 2;
  return { problem: problemAt(found.segment, found.segment.tag, `${found.segment.tag}${String(element).padStart(2, '0')} ${found.value} is not a date (CCYYMMDD or YYMMDD)`, { element, elementCode: elementErrors.invalidDate, badData: found.value }) };
}

const worst = (outcomes: LineOutcome[]): LineOutcome =>
  outcomes.every((o) => o === 'REJECTED') ? 'REJECTED' : outcomes.includes('BACKORDERED') ? 'BACKORDERED' : 'ACCEPTED';

/**
 * Reads an 855 against the PO it names into the acknowledgment to apply. Lines are found by PO1-01
 * or by item ids; BAK02 says what lines without detail mean; each ACK01 code maps per the code
 * table; the ship date comes from ACK, DTM or SCH and, when the vendor gives none, from the SLA
 * (`shipDateSource: 'SLA'`). Throws X12Refusal naming every problem; nothing is partly applied.
 */
export function acknowledgmentFrom855(set: InboundSet, po: PurchaseOrder): Acknowledgment {
  const problems: SetProblem[] = [];
  const { header, loops } = walk(set.segments, map855.set);
  const bak = header.find((s) => s.tag === 'BAK');
  const typeCode = bak?.elements[1]?.trim() ?? '';
  const type = acknowledgmentTypes[typeCode];
  if (!type) problems.push(problemAt(bak, 'BAK', `BAK02 ${typeCode || '(empty)'} is not an acknowledgment type (${Object.keys(acknowledgmentTypes).join(', ')})`, { element: 2, elementCode: elementErrors.invalidCode, badData: typeCode }));

  const headerDate = shipDateIn(header);
  if (headerDate && 'problem' in headerDate) problems.push(headerDate.problem);
  const poDate = headerDate && 'date' in headerDate ? headerDate.date : undefined;

  const answers = new Map<number, LineAcknowledgment & { date?: string }>();
  for (const [i, loop] of loops.entries()) {
    const po1 = loop.segments[0];
    const label = `PO1 loop ${i + 1}`;
    const reference = { lineNumber: valueAt(loop.segments, map855.lineNumber)?.value ?? '', ids: map855.lineIds.flatMap((ref) => idPairs(loop.segments, ref)) };
    const match = matchLine(po.lines, reference);
    if ('reason' in match) {
      problems.push(problemAt(po1, 'PO1', `${label}: ${match.reason}`, { loopId: 'PO1', element: reference.lineNumber ? 1 : 7, elementCode: elementErrors.invalidCode, badData: reference.lineNumber || reference.ids[0]?.value || '' }));
      continue;
    }
    const { line } = match;
    if (answers.has(line.lineNumber)) {
      problems.push(problemAt(po1, 'PO1', `${label}: line ${line.lineNumber} is answered twice`, { loopId: 'PO1', element: 1, elementCode: elementErrors.invalidCode, badData: reference.lineNumber }));
      continue;
    }
    const lineDate = shipDateIn(loop.segments);
    if (lineDate && 'problem' in lineDate) problems.push({ ...lineDate.problem, loopId: 'PO1' });
    const date = lineDate && 'date' in lineDate ? lineDate.date : poDate;

    const acks = loop.segments.filter((s) => s.tag === 'ACK');
    const outcomes: { outcome: LineOutcome; code: string; quantity?: number }[] = [];
    for (const ack of acks) {
      const code = ack.elements[0]?.trim() ?? '';
      const status = lineStatusCodes[code];
      if (!status) {
        problems.push(problemAt(ack, 'ACK', `line ${line.lineNumber}: ACK01 ${code || '(empty)'} is not a line status code (IA, IB, IC, ID, IQ, IR, R1 … see the code table)`, { loopId: 'PO1', element: 1, elementCode: elementErrors.invalidCode, badData: code }));
        continue;
      }
      const quantityText = ack.elements[1];
      const quantity = wholeQuantity(quantityText);
      if (quantityText?.trim() && quantity === undefined) {
        problems.push(problemAt(ack, 'ACK', `line ${line.lineNumber}: ACK02 ${quantityText} is not a whole quantity`, { loopId: 'PO1', element: 2, elementCode: elementErrors.invalidCode, badData: quantityText }));
        continue;
      }
      outcomes.push({ outcome: status.outcome, code, ...(quantity !== undefined && { quantity }) });
    }
    if (acks.length === 0 && type?.unlisted === 'MUST_ANSWER') {
      problems.push(problemAt(po1, 'ACK', `line ${line.lineNumber}: BAK02 ${typeCode} needs an ACK for every PO1`, { loopId: 'PO1' }));
      continue;
    }
    const outcome = outcomes.length ? worst(outcomes.map((o) => o.outcome)) : type?.unlisted === 'REJECTED' ? 'REJECTED' : 'ACCEPTED';
    const shipping = outcomes.filter((o) => o.outcome !== 'REJECTED');
    const quantity = shipping.length && shipping.every((o) => o.quantity !== undefined) ? shipping.reduce((sum, o) => sum + (o.quantity ?? 0), 0) : undefined;
    const codes = outcomes.map((o) => `${o.code} ${lineStatusCodes[o.code]?.meaning}`).join(', ');
    answers.set(line.lineNumber, {
      lineNumber: line.lineNumber,
      status: outcome,
      ...(quantity !== undefined && outcome !== 'REJECTED' && quantity !== line.quantity && { quantity }),
      ...(outcome === 'REJECTED' && { reason: `rejected by the vendor (855 ${codes || `BAK02 ${typeCode}`})` }),
      // No date anywhere: applied as backordered with the date unknown (the vendor is asked for it), not refused whole.
      ...(outcome === 'BACKORDERED' && (date ? { backorderDate: date, reason: `855 ${codes}` } : { reason: `855 ${codes}, date unknown` })),
      ...(outcome !== 'REJECTED' && date && { date }),
    });
  }

  for (const line of po.lines) {
    if (line.status === 'CANCELLED' || answers.has(line.lineNumber) || !type) continue;
    if (type.unlisted === 'MUST_ANSWER') problems.push(problemAt(bak, 'BAK', `line ${line.lineNumber} (${line.vendorSku}) has no answer`, { loopId: 'PO1' }));
    else answers.set(line.lineNumber, { lineNumber: line.lineNumber, status: type.unlisted, implied: true, ...(type.unlisted === 'REJECTED' && { reason: `rejected by the vendor (855 BAK02 ${typeCode} ${type.meaning})` }) });
  }
  if (problems.length) throw new X12Refusal(problems);

  const lines = [...answers.values()].map(({ date: _date, ...answer }) => answer);
  const dates = [...answers.values()].flatMap((a) => (a.status !== 'REJECTED' && a.date ? [a.date] : [])).concat(poDate ? [poDate] : []);
  const estimatedShipDate = dates.sort().at(-1);
  return estimatedShipDate ? { estimatedShipDate, lines, shipDateSource: 'VENDOR' } : { lines, shipDateSource: 'SLA' };
}
