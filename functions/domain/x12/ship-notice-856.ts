import type { PurchaseOrder } from '../orders';
import type { ShipmentNotice } from '../purchase-order-lifecycle';
import { carrierNamed, detectCarrier } from '../tracking-numbers';
import { elementErrors } from './codes';
import { matchLine, type LineReference } from './line-match';
import type { InboundSet, Segment } from './read-interchange';
import { firstOf, idPairs, valueAt, valuesAt, walk, type ElementRef, type LoopInstance, type SetMap } from './set-map';
import { problemAt, wholeQuantity, X12Refusal, type SetProblem } from './set-problem';
import { isoDateOf } from './x12-date';

/**
 * The 856 as data. Every HL is a loop; whatever the hierarchy (S-O-I, S-O-P-I, S-O-T-P-I, S-I with
 * PRF at item level, pick/pack), an item finds its PO and its tracking number at its own level
 * or the nearest level above it.
 */
export const map856 = {
  set: { id: '856', name: 'Ship notice', anchor: 'BSN', loops: [{ id: 'HL', starts: 'HL' }] } satisfies SetMap,
  shipmentId: { tag: 'BSN', element: 2 },
  shipDates: [{ tag: 'DTM', element: 2, qualifier: { element: 1, values: ['011'] } }, { tag: 'BSN', element: 3 }] as ElementRef[],
  poNumber: [{ tag: 'PRF', element: 1 }, { tag: 'REF', element: 2, qualifier: { element: 1, values: ['PO'] } }] as ElementRef[],
  /** Tracking numbers, best first: a level's numbers are those of the first kind it holds. */
  tracking: [
    { tag: 'REF', element: 2, qualifier: { element: 1, values: ['CN'] } },
    { tag: 'REF', element: 2, qualifier: { element: 1, values: ['2I'] } },
    { tag: 'MAN', element: 2, qualifier: { element: 1, values: ['CP'] } },
    { tag: 'MAN', element: 2, qualifier: { element: 1, values: ['SM'] } },
    { tag: 'MAN', element: 2, qualifier: { element: 1, values: ['GM'] } },
  ] as ElementRef[],
  scac: { tag: 'TD5', element: 3, qualifier: { element: 2, values: ['2'], orEmpty: true } } as ElementRef,
  routing: { tag: 'TD5', element: 5 } as ElementRef,
  serviceLevel: { tag: 'TD5', element: 12 } as ElementRef,
  lineNumber: [{ tag: 'LIN', element: 1 }, { tag: 'SN1', element: 1 }] as ElementRef[],
  lineIds: { tag: 'LIN', from: 2 },
  quantity: { tag: 'SN1', element: 2 } as ElementRef,
} as const;

export interface ShippedItem {
  hl: string;
  segment: Segment;
  reference: LineReference;
  quantity: number;
  trackingNumber: string;
}

/** The part of an 856 about one PO. */
export interface ShipNoticePart {
  poNumber: string;
  /** The PRF (or REF*PO) that named it: a refusal of this part points there. */
  segment: Segment;
  items: ShippedItem[];
}

export interface ShipNotice856 {
  shipmentId: string;
  shipDate: string;
  carrier: string;
  service: string;
  parts: ShipNoticePart[];
}

const levelNames: Record<string, string> = { S: 'shipment', O: 'order', T: 'tare', P: 'pack', I: 'item' };

/** The loop and its ancestors, nearest first. */
function lineage(loop: LoopInstance, byId: Map<string, LoopInstance>): LoopInstance[] {
  const chain: LoopInstance[] = [];
  const seen = new Set<string>();
  for (let at: LoopInstance | undefined = loop; at?.hl && !seen.has(at.hl.id); at = at.hl.parent ? byId.get(at.hl.parent) : undefined) {
    seen.add(at.hl.id);
    chain.push(at);
  }
  return chain;
}

const trackingAt = (segments: readonly Segment[]) => {
  for (const ref of map856.tracking) {
    const values = valuesAt(segments, ref).map((v) => v.value.replace(/\s+/g, ''));
    if (values.length) return [...new Set(values)];
  }
  // MAN under another qualifier (a book distributor's MAN*2I with USPS numbers): a value that is a known carrier's tracking number.
  const marked = segments.filter((s) => s.tag === 'MAN').map((s) => (s.elements[1] ?? '').replace(/\s+/g, '')).filter((value) => value && detectCarrier(value));
  return [...new Set(marked)];
};

/**
 * Reads an 856 into its shipment facts and one part per PO it names. The carrier is TD5-03 (SCAC),
 * else TD5-05's text, else the one carrier every tracking number fits. Throws X12Refusal with every
 * problem that concerns the whole set; per-PO problems come from `shipmentFor`.
 */
export function readShipNotice856(set: InboundSet): ShipNotice856 {
  const problems: SetProblem[] = [];
  const { header, loops } = walk(set.segments, map856.set);
  const bsn = header.find((s) => s.tag === 'BSN');
  if (!bsn) throw new X12Refusal([problemAt(undefined, 'BSN', 'BSN is missing')]);
  const byId = new Map(loops.flatMap((loop) => (loop.hl ? [[loop.hl.id, loop] as const] : [])));
  const all = [...header, ...loops.flatMap((l) => l.segments)];

  const dated = firstOf(all, map856.shipDates);
  const shipDate = isoDateOf(dated?.value);
  if (!shipDate) {
    problems.push(problemAt(dated?.segment ?? bsn, 'BSN', `${dated ? `${dated.segment.tag} date ${dated.value} is not a date (CCYYMMDD or YYMMDD)` : 'no ship date: DTM*011 or BSN03'}`, { element: dated?.segment.tag === 'DTM' ? 2 : 3, elementCode: elementErrors.invalidDate, badData: dated?.value ?? '' }));
  }

  const parts = new Map<string, ShipNoticePart>();
  const trackingNumbers = new Set<string>();
  for (const loop of loops.filter((l) => l.segments.some((s) => s.tag === 'SN1' || s.tag === 'LIN'))) {
    const chain = lineage(loop, byId);
    const hl = loop.hl?.id ?? '?';
    const where = `HL ${hl} (${levelNames[loop.hl?.level ?? ''] ?? loop.hl?.level ?? 'level'})`;
    const anchor = loop.segments.find((s) => s.tag === 'LIN') ?? loop.segments.find((s) => s.tag === 'SN1') ?? loop.segments[0];
    const named = chain.map((l) => firstOf(l.segments, map856.poNumber)).find(Boolean);
    if (!named) {
      problems.push(problemAt(anchor, 'PRF', `${where}: no PRF (PO number) at this level or above it`, { loopId: 'HL' }));
      continue;
    }
    const sn1 = loop.segments.find((s) => s.tag === 'SN1');
    const quantityText = valueAt(loop.segments, map856.quantity)?.value;
    const quantity = wholeQuantity(quantityText);
    if (!quantity) {
      problems.push(problemAt(sn1, 'SN1', `${where}: ${sn1 ? `SN102 ${quantityText ?? '(empty)'} is not a whole quantity of at least 1` : 'SN1 (quantity shipped) is missing'}`, { loopId: 'HL', element: 2, elementCode: sn1 ? elementErrors.invalidCode : elementErrors.mandatoryMissing, badData: quantityText ?? '' }));
      continue;
    }
    const tracked = chain.map((l) => ({ loop: l, numbers: trackingAt(l.segments) })).find((t) => t.numbers.length > 0);
    if (!tracked) {
      problems.push(problemAt(anchor, 'REF', `${where}: no tracking number (REF*CN, REF*2I or MAN*CP) at this level or above it`, { loopId: 'HL' }));
      continue;
    }
    if (tracked.numbers.length > 1) {
      const level = tracked.loop.hl;
      problems.push(problemAt(tracked.loop.segments[0], 'HL', `HL ${level?.id} (${levelNames[level?.level ?? ''] ?? 'level'}) has ${tracked.numbers.length} tracking numbers (${tracked.numbers.join(', ')}) and the items under it are not packed: cannot tell which items are in which package`, { loopId: 'HL' }));
      continue;
    }
    const trackingNumber = tracked.numbers[0] ?? '';
    trackingNumbers.add(trackingNumber);
    const part = parts.get(named.value) ?? { poNumber: named.value, segment: named.segment, items: [] };
    part.items.push({
      hl,
      segment: anchor ?? named.segment,
      reference: { lineNumber: firstOf(loop.segments, map856.lineNumber)?.value ?? '', ids: idPairs(loop.segments, map856.lineIds) },
      quantity,
      trackingNumber,
    });
    parts.set(named.value, part);
  }
  if (parts.size === 0 && problems.length === 0) problems.push(problemAt(undefined, 'HL', 'no item level (HL with LIN and SN1): nothing shipped'));

  const scac = valueAt(all, map856.scac)?.value;
  const routing = valueAt(all, map856.routing)?.value;
  const detected = new Set([...trackingNumbers].map((n) => detectCarrier(n)?.code));
  const inferred = detected.size === 1 ? [...detected][0] : undefined;
  const carrier = (scac && carrierNamed(scac)?.code) ?? (routing && carrierNamed(routing)?.code) ?? inferred ?? scac ?? routing;
  if (!carrier) {
    problems.push(problemAt(header.find((s) => s.tag === 'TD5') ?? bsn, 'TD5', `no carrier: no TD5-03 SCAC or TD5-05 name, and the tracking numbers (${[...trackingNumbers].join(', ')}) fit no single carrier`));
  }
  if (problems.length) throw new X12Refusal(problems);
  return {
    shipmentId: valueAt(header, map856.shipmentId)?.value ?? `${set.controlNumber}`,
    shipDate: shipDate ?? '',
    carrier: carrier ?? '',
    service: routing ?? valueAt(all, map856.serviceLevel)?.value ?? 'STANDARD',
    parts: [...parts.values()],
  };
}

/**
 * One PO's shipment from its part of an 856: each item matched to a PO line (LIN01 or item ids),
 * items grouped into packages by tracking number. Throws X12Refusal naming every item not matched.
 */
export function shipmentFor(notice: ShipNotice856, part: ShipNoticePart, po: PurchaseOrder): ShipmentNotice {
  const problems: SetProblem[] = [];
  const packages = new Map<string, Map<number, number>>();
  for (const item of part.items) {
    const match = matchLine(po.lines, item.reference);
    if ('reason' in match) {
      problems.push(problemAt(item.segment, 'LIN', `PO ${po.poNumber}, HL ${item.hl}: ${match.reason}`, { loopId: 'HL', element: item.reference.lineNumber ? 1 : 3, elementCode: elementErrors.invalidCode, badData: item.reference.lineNumber || item.reference.ids[0]?.value || '' }));
      continue;
    }
    const lines = packages.get(item.trackingNumber) ?? new Map<number, number>();
    lines.set(match.line.lineNumber, (lines.get(match.line.lineNumber) ?? 0) + item.quantity);
    packages.set(item.trackingNumber, lines);
  }
  if (problems.length) throw new X12Refusal(problems);
  return {
    shipmentId: notice.shipmentId,
    carrier: notice.carrier,
    service: notice.service,
    shipDate: notice.shipDate,
    packages: [...packages].map(([trackingNumber, lines]) => ({ trackingNumber, lines: [...lines].map(([lineNumber, quantity]) => ({ lineNumber, quantity })) })),
    source: 'EDI',
  };
}
