import { segmentErrors } from './codes';
import type { Segment } from './read-interchange';

/**
 * Why (part of) an inbound set was not applied: where, for the 997's AK3/AK4 (or the 999's
 * IK3/IK4/CTX), and in words for ops, the vendor and the log.
 */
export interface SetProblem {
  segment: string;
  /** Position in the set, ST = 1; 0 when the segment is missing. */
  position: number;
  loopId?: string;
  /** The element at fault (1 = XX01), with its AK403 code and a copy of the bad value. */
  element?: number;
  elementCode?: string;
  badData?: string;
  /** AK304 segment error code. */
  code: string;
  reason: string;
}

/** Refuses a set or part of it; thrown from inside a PO change so nothing of it is written. */
export class X12Refusal extends Error {
  override name = 'X12Refusal';
  constructor(readonly problems: SetProblem[]) {
    super(problems.map((p) => p.reason).join('; '));
  }
}

/** A problem at a segment (or at a missing one, by tag). */
export function problemAt(
  segment: Segment | undefined,
  tag: string,
  reason: string,
  detail: Partial<Pick<SetProblem, 'loopId' | 'element' | 'elementCode' | 'badData' | 'code'>> = {},
): SetProblem {
  return {
    segment: segment?.tag ?? tag,
    position: segment?.position ?? 0,
    code: detail.code ?? (segment ? segmentErrors.dataElementErrors : segmentErrors.mandatoryMissing),
    reason,
    ...(detail.loopId && { loopId: detail.loopId }),
    ...(detail.element !== undefined && { element: detail.element }),
    ...(detail.elementCode && { elementCode: detail.elementCode }),
    ...(detail.badData !== undefined && { badData: detail.badData.slice(0, 99) }),
  };
}

/** A quantity as X12 R/N0 writes it: `2`, `2.0`, `2.000` are 2; `2.5` is not a whole quantity. */
export function wholeQuantity(value: string | undefined): number | undefined {
  const text = value?.trim() ?? '';
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}
