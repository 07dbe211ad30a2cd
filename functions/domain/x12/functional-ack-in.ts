import type { InboundSet } from './read-interchange';
import { valueAt, valuesAt, type ElementRef } from './set-map';
import { problemAt, X12Refusal } from './set-problem';

/** A partner's 997 or 999 as data: the group it answers (AK1), each set (AK2/IK2 … AK5/IK5), the group's verdict (AK9). */
export const mapFunctionalAck = {
  group: { tag: 'AK1', element: 2 } as ElementRef,
  functionalId: { tag: 'AK1', element: 1 } as ElementRef,
  groupStatus: { tag: 'AK9', element: 1 } as ElementRef,
} as const;

export interface FunctionalAckReading {
  functionalId: string;
  /** Our GS06: the control number of the group it answers. */
  groupControl: string;
  /** A accepted, E accepted with errors, P partly, R rejected (AK901). */
  groupStatus: string;
  sets: { setId: string; controlNumber: string; status: string; errors: string[] }[];
}

/** Reads a 997 (AK2/AK3/AK4/AK5) or 999 (AK2/IK3/IK4/IK5) sent back for one of our groups. */
export function readFunctionalAck(set: InboundSet): FunctionalAckReading {
  const groupControl = valueAt(set.segments, mapFunctionalAck.group)?.value;
  if (!groupControl) throw new X12Refusal([problemAt(set.segments.find((s) => s.tag === 'AK1'), 'AK1', 'AK1 with the group control number (AK102) is missing')]);
  const sets: FunctionalAckReading['sets'] = [];
  for (const segment of set.segments) {
    const [e1 = '', e2 = ''] = segment.elements;
    const current = sets.at(-1);
    if (segment.tag === 'AK2') sets.push({ setId: e1, controlNumber: e2, status: '', errors: [] });
    else if (current && (segment.tag === 'AK3' || segment.tag === 'IK3')) current.errors.push(`${e1} at ${e2}${segment.elements[3] ? ` (code ${segment.elements[3]})` : ''}`);
    else if (current && (segment.tag === 'AK4' || segment.tag === 'IK4')) current.errors.push(`element ${e1}: code ${segment.elements[2] ?? ''}${segment.elements[3] ? ` "${segment.elements[3]}"` : ''}`);
    else if (current && (segment.tag === 'AK5' || segment.tag === 'IK5')) current.status = e1;
  }
  return {
    functionalId: valueAt(set.segments, mapFunctionalAck.functionalId)?.value ?? '',
    groupControl,
    groupStatus: valuesAt(set.segments, mapFunctionalAck.groupStatus)[0]?.value ?? '',
    sets,
  };
}
