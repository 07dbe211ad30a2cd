import type { LineAcknowledgment } from '../purchase-order-lifecycle';
import { segmentErrors } from './functional-ack-997';
import { isoDateOf, setError, type InboundSet } from './inbound';

export interface Acknowledgment855 {
  poNumber: string;
  estimatedShipDate?: string;
  lines: LineAcknowledgment[];
  /** BAK02 RJ without line detail: every line is rejected. */
  rejectAll: boolean;
}

/**
 * Reads an 855: BAK (BAK03 the PO number, BAK02 AC/AD/AT accept, RJ reject), then per line a PO1
 * (PO1-01 the line number) and its ACK: IA accepted, IQ/IC/IS accepted with changes (IQ's ACK02 is
 * the accepted quantity), IR rejected, IB backordered with ACK05 its date (ACK04 068).
 * DTM*068 or the latest accepted ACK date is the estimated ship date.
 */
export function readAcknowledgment855(set: InboundSet): Acknowledgment855 {
  const bak = set.segments.find((s) => s.tag === 'BAK');
  if (!bak) throw setError(undefined, 'BAK', segmentErrors.mandatoryMissing, 'BAK is missing');
  const poNumber = bak.elements[2];
  if (!poNumber) throw setError(bak, 'BAK', segmentErrors.dataElementErrors, 'BAK03 (PO number) is empty');

  const lines: LineAcknowledgment[] = [];
  const shipDates: string[] = [];
  let lineNumber: number | undefined;
  for (const segment of set.segments) {
    if (segment.tag === 'DTM' && segment.elements[0] === '068') {
      const date = isoDateOf(segment.elements[1]);
      if (date) shipDates.push(date);
    }
    if (segment.tag === 'PO1') {
      lineNumber = Number(segment.elements[0]);
      if (!Number.isInteger(lineNumber) || lineNumber < 1) throw setError(segment, 'PO1', segmentErrors.dataElementErrors, 'PO1-01 must be the PO line number');
    }
    if (segment.tag !== 'ACK') continue;
    if (lineNumber === undefined) throw setError(segment, 'ACK', segmentErrors.unexpected, 'ACK must follow a PO1');
    const [code = '', quantity, , dateQualifier, date] = segment.elements;
    const when = isoDateOf(date);
    if (code === 'IA' || code === 'IQ' || code === 'IC' || code === 'IS') {
      if (when && dateQualifier === '068') shipDates.push(when);
      lines.push({ lineNumber, status: 'ACCEPTED', ...(code === 'IQ' && quantity && { quantity: Number(quantity) }) });
    } else if (code === 'IR') {
      lines.push({ lineNumber, status: 'REJECTED', reason: 'rejected by the vendor (855 ACK IR)' });
    } else if (code === 'IB') {
      if (!when) throw setError(segment, 'ACK', segmentErrors.dataElementErrors, 'a backordered line (IB) needs its date in ACK05');
      lines.push({ lineNumber, status: 'BACKORDERED', backorderDate: when });
      shipDates.push(when);
    } else {
      throw setError(segment, 'ACK', segmentErrors.dataElementErrors, `ACK01 ${code} is not one of IA, IQ, IC, IS, IR, IB`);
    }
  }
  const estimatedShipDate = shipDates.sort().at(-1);
  return { poNumber, lines, rejectAll: bak.elements[1] === 'RJ' && lines.length === 0, ...(estimatedShipDate && { estimatedShipDate }) };
}
