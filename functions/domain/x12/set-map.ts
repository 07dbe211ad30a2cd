import type { Segment } from './read-interchange';

/**
 * A transaction set declared as data, the way table-driven translators do: which segment starts
 * each loop, and where each fact sits (segment, element position, the qualifier that must stand
 * beside it). One walker reads any set by its map, so a partner's variant is a row here.
 */

/** An element by position (1 = XX01), optionally only where a qualifier element holds one of `values`. */
export interface ElementRef {
  tag: string;
  element: number;
  qualifier?: { element: number; values: readonly string[]; orEmpty?: boolean };
}

/** Qualifier/value pairs from `from` on (PO1-06/07, 08/09 …; LIN02/03 …). */
export interface IdPairsRef {
  tag: string;
  from: number;
}

export interface LoopDeclaration {
  /** The loop id an AK3/IK3 names, e.g. PO1 or HL. */
  id: string;
  starts: string;
}

export interface SetMap {
  id: string;
  name: string;
  /** The segment a refusal of the whole set points at (BAK, BSN, BIA). */
  anchor: string;
  loops: readonly LoopDeclaration[];
}

export interface LoopInstance {
  id: string;
  segments: Segment[];
  /** HL loops: HL01, HL02 and HL03. */
  hl?: { id: string; parent: string; level: string };
}

export interface SetReading {
  header: Segment[];
  loops: LoopInstance[];
}

const bodyTags = new Set(['ST', 'SE', 'CTT', 'AMT']);

/** 856 hierarchy levels, top first: shipment, order, tare and pack, item (HL03). */
const levelRank: Record<string, number> = { S: 0, O: 1, T: 2, P: 3, I: 4 };

/**
 * HL02 left empty by a partner that omits it: the parent is the nearest preceding HL of a higher
 * level, as they mean. Empty it stays on a top level, or where no higher level came before.
 */
function impliedParent(loops: readonly LoopInstance[], level: string): string {
  const rank = levelRank[level];
  if (rank === undefined) return '';
  for (let i = loops.length - 1; i >= 0; i--) {
    const hl = loops[i]?.hl;
    const above = hl ? levelRank[hl.level] : undefined;
    if (hl && above !== undefined && above < rank) return hl.id;
  }
  return '';
}

/** Splits a set into its header and loop instances by the map's loop starts. */
export function walk(segments: readonly Segment[], map: SetMap): SetReading {
  const starts = new Map(map.loops.map((loop) => [loop.starts, loop.id]));
  const header: Segment[] = [];
  const loops: LoopInstance[] = [];
  let current: LoopInstance | undefined;
  for (const segment of segments) {
    const loopId = starts.get(segment.tag);
    if (loopId) {
      const [id = '', parent = '', level = ''] = segment.elements;
      const hl = segment.tag === 'HL' && { hl: { id, parent: parent.trim() || impliedParent(loops, level.trim()), level } };
      current = { id: loopId, segments: [], ...hl };
      loops.push(current);
    } else if (bodyTags.has(segment.tag)) {
      current = undefined;
    }
    (current ? current.segments : header).push(segment);
  }
  return { header, loops };
}

/** The value at `ref` in the first segment that has it, if any. */
export function valueAt(segments: readonly Segment[], ref: ElementRef): { value: string; segment: Segment } | undefined {
  for (const segment of segments) {
    if (segment.tag !== ref.tag) continue;
    if (ref.qualifier) {
      const qualifier = segment.elements[ref.qualifier.element - 1] ?? '';
      if (!ref.qualifier.values.includes(qualifier) && !(ref.qualifier.orEmpty && qualifier === '')) continue;
    }
    const value = segment.elements[ref.element - 1]?.trim();
    if (value) return { value, segment };
  }
  return undefined;
}

/** Every value at `ref`, in order. */
export const valuesAt = (segments: readonly Segment[], ref: ElementRef): { value: string; segment: Segment }[] =>
  segments.flatMap((segment) => valueAt([segment], ref) ?? []);

/** The first value among refs, in the order the refs are given (best first). */
export const firstOf = (segments: readonly Segment[], refs: readonly ElementRef[]) => {
  for (const ref of refs) {
    const found = valueAt(segments, ref);
    if (found) return found;
  }
  return undefined;
};

/** Qualifier/value pairs: `[{ qualifier: 'VP', value: 'AC-100' }, …]`, empty pairs left out. */
export function idPairs(segments: readonly Segment[], ref: IdPairsRef): { qualifier: string; value: string }[] {
  const segment = segments.find((s) => s.tag === ref.tag);
  if (!segment) return [];
  const pairs: { qualifier: string; value: string }[] = [];
  for (let i = ref.from - 1; i + 1 < segment.elements.length; i += 2) {
    const qualifier = segment.elements[i]?.trim().toUpperCase() ?? '';
    const value = segment.elements[i + 1]?.trim() ?? '';
    if (qualifier && value) pairs.push({ qualifier, value });
  }
  return pairs;
}
