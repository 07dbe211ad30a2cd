import type { PurchaseOrder } from '../orders';
import type { ItemCondition, ReturnAnswer, ReturnRecord } from '../returns';
import { detectCarrier } from '../tracking-numbers';
import { elementErrors } from './codes';
import { interchange, segment, x12Date, x12Text, type EnvelopeSettings } from './envelope';
import { matchLine } from './line-match';
import type { InboundSet, Segment } from './read-interchange';
import { idPairs, valueAt, valuesAt, walk, type SetMap } from './set-map';
import { problemAt, X12Refusal, type SetProblem } from './set-problem';
import { x12Amount } from './remittance-820';

/** Our reasons as X12 return request reason codes (RDR02, element 1293). */
const reasonCodes: Record<ReturnRecord['reason'], string> = {
  DAMAGED: 'DA', DEFECTIVE: 'DR', WRONG_ITEM: 'WG', NOT_AS_DESCRIBED: 'NA', NO_LONGER_NEEDED: 'CO', ARRIVED_LATE: 'SP', OTHER: '',
};

/** Text in NTE02's 80 characters a segment, cut between words (an address is never cut short). */
function noteLines(text: string): string[] {
  const lines: string[] = [];
  for (const word of x12Text(text, 1000).split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= 80) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word.slice(0, 80));
  }
  return lines;
}

/**
 * The X12 180 asking a vendor to authorise a customer's return, in the shape dropship networks
 * use: BGN (our RMA, the date), RDR*CR (a consumer return to the vendor, with the reason), PRF (the
 * PO it came on), the customer's comment in NTE (and NTE*DEL when the parcel goes to the retailer's
 * desk), then per line a BLI (the vendor's part, quantity,
 * unit cost, our SKU), N9*LI (the PO line) and RDR with the reason.
 */
export function returnRequest180(record: ReturnRecord, envelope: Omit<EnvelopeSettings, 'functionalId'>): string {
  const reason = reasonCodes[record.reason];
  const rdr = (disposition: string) => segment('RDR', disposition, reason, '', reason ? '' : x12Text(record.comment ?? 'other', 80));
  return interchange(
    { ...envelope, functionalId: 'AN' },
    {
      id: '180',
      segments: [
        segment('BGN', '00', x12Text(record.rmaId, 30), x12Date(new Date(record.requestedAt))),
        rdr('CR'),
        segment('PRF', x12Text(record.poNumber, 22)),
        ...(record.comment ? noteLines(record.comment).map((text) => segment('NTE', 'GEN', text)) : []),
        // A return to the retailer's desk: the vendor approves it, the parcel goes to the desk.
        ...(record.returnTo === 'RETAILER' ? noteLines(`RETURNS GO TO THE RETAILER${record.returnAddress ? `: ${record.returnAddress}` : ''}`).map((text) => segment('NTE', 'DEL', text)) : []),
        ...record.lines.flatMap((line) => [
          segment('BLI', 'VP', x12Text(line.vendorSku, 40), line.quantity, 'EA', 'UCP', x12Amount(line.unitCost), '', 'BP', x12Text(line.sku, 40)),
          segment('N9', 'LI', line.lineNumber),
          rdr(''),
        ]),
      ],
    },
  );
}

/** The 180 as data: a header, then one BLI loop per line. */
export const map180 = {
  set: { id: '180', name: 'Return Merchandise Authorization and Notification', anchor: 'BGN', loops: [{ id: 'BLI', starts: 'BLI' }] } satisfies SetMap,
  /** Where partners write the return's numbers: BGN02 (the sender's own), BGN06 (the original's), N9 or REF. */
  references: [{ tag: 'BGN', element: 2 }, { tag: 'BGN', element: 6 }],
  /** A returned-goods authorisation number: RZ (returned goods authorisation), QJ (return), RA (as x12-types writes it). */
  authorization: ['RZ', 'QJ', 'RA'],
  poNumber: [{ tag: 'PRF', element: 1 }, { tag: 'N9', element: 2, qualifier: { element: 1, values: ['PO'] } }, { tag: 'REF', element: 2, qualifier: { element: 1, values: ['PO'] } }],
} as const;

/** RDR01 dispositions: which authorise the return, which keep it with the customer (nothing comes back), which deny it. */
const approving = new Set(['RA', 'RN', 'CR', 'KR', 'MW', 'RF', 'RT']);
const keeping = new Set(['KA', 'DI', 'SC', 'SD']);
/** RDR02 reasons a receipt gives for a line that came back damaged (damaged product, in transit, its packaging, worn); a defect is why it came back, not how. */
const damagedCodes = new Set(['DA', 'DT', 'DP', 'EW']);
/** RDR03 response codes in words, for the customer and ops. */
const responseWords: Record<string, string> = {
  EW: 'excessive wear and tear', FR: 'freight or retailer damage', IN: 'item not defective', IO: 'item as ordered', MI: 'more information requested',
  NR: 'no record of the original sale', OS: 'out of season or discontinued', PC: 'pricing or cost difference', PR: 'picture requested', QD: 'quantity difference',
  RR: 'repair or refurbish', RT: 'return time limit exceeded or beyond warranty', SR: 'sample requested', UI: 'unidentifiable item',
};
/** TD5/N9 and REF qualifiers a return label's tracking number comes under. */
const trackingQualifiers = ['2I', 'CN', 'BM', 'AW'];

/** What a vendor's 180 says, before it is put to one of our returns. */
export interface Return180 {
  /** Values that may name our RMA, with where they sit. */
  references: { value: string; segment: Segment; element: number }[];
  poNumber?: { value: string; segment: Segment };
  vendorRma?: string;
  disposition?: { kind: 'APPROVE' | 'KEEP' | 'REJECT' | 'PENDING'; segment: Segment; code: string };
  rejection?: string;
  returnAddress?: string;
  label?: { carrier: string; trackingNumber: string };
  /** A DTM*050 (received) says the parcel came back: a receipt. */
  received: boolean;
  lines: { segment: Segment; ids: { qualifier: string; value: string }[]; lineNumber?: string; quantity?: number; condition?: ItemCondition }[];
}

const rdrKind = (code: string): NonNullable<Return180['disposition']>['kind'] | undefined =>
  approving.has(code) ? 'APPROVE' : keeping.has(code) ? 'KEEP' : code === 'RD' ? 'REJECT' : code === 'RP' ? 'PENDING' : undefined;

/** An N1 loop as one line of address: name, N2, N3, N4 (city, state, postal code, country). */
function addressOf(segments: readonly Segment[], qualifiers: readonly string[]): string | undefined {
  const start = segments.findIndex((s) => s.tag === 'N1' && qualifiers.includes(s.elements[0]?.trim() ?? ''));
  const n1 = segments[start];
  if (!n1) return undefined;
  const parts = [n1.elements[1]];
  for (const s of segments.slice(start + 1)) {
    if (!['N2', 'N3', 'N4'].includes(s.tag)) break;
    parts.push(s.tag === 'N4' ? [s.elements[0], [s.elements[1], s.elements[2]].filter((e) => e?.trim()).join(' '), s.elements[3]].filter((e) => e?.trim()).join(', ') : s.elements.filter((e) => e?.trim()).join(' '));
  }
  return parts.map((p) => p?.trim()).filter(Boolean).join(', ') || undefined;
}

/**
 * Reads a vendor's 180: which return it is about (our RMA wherever the partner put it, else the PO
 * in PRF), the vendor's decision (RDR01 at the head, else the lines' RDRs when they agree), its own
 * RMA number, the address to send the parcel to (N1*ST loop), a prepaid label (TD5 carrier and a
 * tracking reference), and, for a receipt, each line's quantity and condition.
 */
export function read180(set: InboundSet): Return180 {
  const { header, loops } = walk(set.segments, map180.set);
  const problems: SetProblem[] = [];
  const references = [
    ...map180.references.flatMap((ref) => valuesAt(header, ref).map((v) => ({ ...v, element: ref.element }))),
    ...header.filter((s) => s.tag === 'N9' || s.tag === 'REF').flatMap((s) => (s.elements[1]?.trim() ? [{ value: s.elements[1].trim(), segment: s, element: 2 }] : [])),
  ];
  const poNumber = map180.poNumber.map((ref) => valueAt(header, ref)).find(Boolean) ?? loops.map((l) => valueAt(l.segments, map180.poNumber[0])).find(Boolean);
  // Their authorisation number, by qualifier (RZ first), header then lines (Lowe's writes N9*RZ per line); never our own RMA.
  const refs = [...header, ...loops.flatMap((l) => l.segments)].filter((s) => (s.tag === 'N9' || s.tag === 'REF') && s.elements[1]?.trim() && !looksLikeOurRma(s.elements[1]));
  const authorization = map180.authorization.map((q) => refs.find((s) => s.elements[0]?.trim() === q)).find(Boolean);
  const headRdr = header.find((s) => s.tag === 'RDR' && s.elements[0]?.trim());
  const lineRdrs = loops.flatMap((l) => l.segments.filter((s) => s.tag === 'RDR' && s.elements[0]?.trim()));
  const codes = headRdr ? [headRdr] : lineRdrs;
  const kinds = new Set(codes.map((s) => rdrKind(s.elements[0]?.trim() ?? '')));
  let disposition: Return180['disposition'];
  if (codes.length) {
    const first = codes[0] as Segment;
    const code = first.elements[0]?.trim() ?? '';
    const kind = rdrKind(code);
    if (code === 'PA' || kinds.size > 1) problems.push(problemAt(first, 'RDR', 'partly authorised (RDR01 PA, or lines that disagree): approve (RA) or deny (RD) the whole return', { element: 1, elementCode: elementErrors.invalidCode, badData: code }));
    else if (!kind) problems.push(problemAt(first, 'RDR', `RDR01 ${code} is not a disposition we act on: RA (approved, with your RMA), RN (approved), KA or DI (customer keeps it), RD (denied), RP (pending)`, { element: 1, elementCode: elementErrors.invalidCode, badData: code }));
    else disposition = { kind, segment: first, code };
  }
  const responses = [...(headRdr ? [headRdr] : []), ...lineRdrs].flatMap((s) => [responseWords[s.elements[2]?.trim() ?? ''], s.elements[3]?.trim()]).filter((w): w is string => Boolean(w));
  const notes = set.segments.filter((s) => s.tag === 'NTE').map((s) => s.elements[1]?.trim()).filter((w): w is string => Boolean(w));
  const td5 = header.find((s) => s.tag === 'TD5');
  // The label is the return's, at the head: a line's N9*CN is a carrier reference of that line (Lowe's), not a label.
  const tracking = header.find((s) => (s.tag === 'N9' || s.tag === 'REF') && trackingQualifiers.includes(s.elements[0]?.trim() ?? '') && s.elements[1]?.trim());
  const trackingNumber = tracking?.elements[1]?.trim();
  const carrier = (td5 && (td5.elements[2]?.trim() || td5.elements[4]?.trim())) || (trackingNumber && detectCarrier(trackingNumber)?.code);
  const lines = loops.map((loop) => {
    const bli = loop.segments[0] as Segment;
    const quantityText = bli.elements[2]?.trim();
    const quantity = quantityText ? Number(quantityText) : undefined;
    if (quantity !== undefined && !(Number.isInteger(quantity) && quantity >= 0)) problems.push(problemAt(bli, 'BLI', `BLI03 ${quantityText} is not a whole number of units`, { element: 3, elementCode: elementErrors.invalidCode, badData: quantityText ?? '', loopId: 'BLI' }));
    const reason = loop.segments.find((s) => s.tag === 'RDR')?.elements[1]?.trim() ?? '';
    const lineNumber = valueAt(loop.segments, { tag: 'N9', element: 2, qualifier: { element: 1, values: ['LI'] } });
    return {
      segment: bli,
      ids: [{ qualifier: bli.elements[0]?.trim().toUpperCase() ?? '', value: bli.elements[1]?.trim() ?? '' }, ...idPairs([bli], { tag: 'BLI', from: 8 })],
      ...(lineNumber && { lineNumber: lineNumber.value }),
      ...(quantity !== undefined && { quantity }),
      condition: (quantity === 0 ? 'MISSING' : damagedCodes.has(reason) ? 'DAMAGED' : 'AS_NEW') as ItemCondition,
    };
  });
  if (problems.length) throw new X12Refusal(problems);
  const address = addressOf(header, ['ST', 'RL', 'RT']);
  return {
    references,
    ...(poNumber && { poNumber }),
    ...(authorization?.elements[1] && { vendorRma: authorization.elements[1].trim() }),
    ...(disposition && { disposition }),
    ...((responses.length || notes.length) && { rejection: [...responses, ...notes].join('; ') }),
    ...(address && { returnAddress: address }),
    ...(trackingNumber && { label: { carrier: carrier || 'UNKNOWN', trackingNumber } }),
    received: set.segments.some((s) => s.tag === 'DTM' && s.elements[0]?.trim() === '050'),
    lines,
  };
}

/** A 180 that could name one of our RMAs, by our numbering. */
export const looksLikeOurRma = (value: string) => /^RMA-[A-Z0-9]+$/i.test(value.trim());

/** What the 180 does to the return it names: answer it, or confirm what came back (with an approval first when it was never answered). */
export type Return180Action =
  | { kind: 'ANSWER'; answer: ReturnAnswer }
  | { kind: 'RECEIPT'; lines: { lineNumber: number; quantity: number; condition: ItemCondition }[] }
  | { kind: 'PENDING' };

/**
 * Puts a read 180 to the return it is about. A receipt (DTM*050, or a 180 for a return already
 * approved) names its lines by N9*LI or the BLI's ids, matched like an 855's; a line it leaves out
 * did not come back. Throws X12Refusal naming every problem.
 */
export function actionOf180(reading: Return180, record: ReturnRecord, po: PurchaseOrder): Return180Action {
  const receipt = reading.received || (record.status === 'APPROVED' && reading.disposition?.kind !== 'REJECT');
  if (!receipt) {
    const kind = reading.disposition?.kind ?? (reading.vendorRma ? 'APPROVE' : undefined);
    if (!kind) throw new X12Refusal([problemAt(undefined, 'RDR', `no RDR01 and no N9*RZ: say RA with your RMA number in N9*RZ to approve ${record.rmaId}, or RD to deny it`)]);
    if (kind === 'PENDING') return { kind: 'PENDING' };
    if (kind === 'REJECT') return { kind: 'ANSWER', answer: { approve: false, reason: reading.rejection ?? 'denied by the vendor (RDR01 RD)' } };
    return {
      kind: 'ANSWER',
      answer: { approve: true, ...(reading.vendorRma && { vendorRma: reading.vendorRma }), ...(reading.returnAddress && { returnAddress: reading.returnAddress }), ...(reading.label && { label: reading.label }), ...(kind === 'KEEP' && { keep: true }) },
    };
  }
  const onReturn = po.lines.filter((l) => record.lines.some((r) => r.lineNumber === l.lineNumber));
  const problems: SetProblem[] = [];
  const lines = reading.lines.flatMap((line) => {
    const match = matchLine(onReturn, { lineNumber: line.lineNumber ?? '', ids: line.ids });
    if ('reason' in match) {
      problems.push(problemAt(line.segment, 'BLI', `${record.rmaId} has no such line: ${match.reason}`, { element: 2, elementCode: elementErrors.invalidCode, badData: line.ids[0]?.value ?? '', loopId: 'BLI' }));
      return [];
    }
    const asked = record.lines.find((r) => r.lineNumber === match.line.lineNumber)?.quantity ?? 0;
    return [{ lineNumber: match.line.lineNumber, quantity: line.quantity ?? asked, condition: line.condition ?? 'AS_NEW' }];
  });
  if (problems.length) throw new X12Refusal(problems);
  if (lines.length === 0) throw new X12Refusal([problemAt(undefined, 'BLI', `a receipt names what came back: one BLI per line of ${record.rmaId}, with the quantity received`)]);
  return { kind: 'RECEIPT', lines };
}
