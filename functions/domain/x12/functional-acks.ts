import { setErrors } from './codes';
import { segment, x12Text, type TransactionSet } from './envelope';
import type { InboundInterchange } from './read-interchange';
import type { SetProblem } from './set-problem';

/** What became of one received set. */
export interface SetVerdict {
  setId: string;
  controlNumber: string;
  /** ALL applied, PART applied (the problems name what was not), NONE applied. */
  applied: 'ALL' | 'PART' | 'NONE';
  problems: SetProblem[];
  /** AK502/IK502 when the set was refused for its envelope (SE count, control number). */
  setError?: string;
}

export interface GroupVerdict {
  functionalId: string;
  controlNumber: string;
  version: string;
  sets: SetVerdict[];
  /** AK905 when the group's envelope was at fault. */
  groupError?: string;
}

/** AK501/IK501: A accepted, E accepted with errors noted, R rejected. */
export const setStatus = (set: SetVerdict) => (set.applied === 'NONE' ? 'R' : set.problems.length ? 'E' : 'A');

/** AK901: A all accepted, E all accepted some with errors, P partly accepted, R none accepted. */
export function groupStatus(group: GroupVerdict): string {
  const statuses = group.sets.map(setStatus);
  const accepted = statuses.filter((s) => s !== 'R').length;
  if (group.groupError || accepted === 0) return 'R';
  if (accepted < statuses.length) return 'P';
  return statuses.every((s) => s === 'A') ? 'A' : 'E';
}

/** A reason as CTX segments of at most 35 characters each (C998-02), broken between words, at most 9 (the 999's limit). */
function contextOf(reason: string): string[] {
  const chunks: string[] = [];
  for (const word of x12Text(reason, 35 * 9).split(' ')) {
    const last = chunks.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= 35) chunks[chunks.length - 1] = `${last} ${word}`;
    else chunks.push(...(word.match(/.{1,35}/g) ?? []));
  }
  return chunks.slice(0, 9).map((chunk) => segment('CTX', `REASON>${chunk}`));
}

function problemSegments(problem: SetProblem, kind: '997' | '999'): string[] {
  const [ak3, ak4] = kind === '997' ? ['AK3', 'AK4'] : ['IK3', 'IK4'];
  return [
    segment(ak3, problem.segment, problem.position || undefined, problem.loopId, problem.code),
    ...(kind === '999' ? contextOf(problem.reason) : []),
    ...(problem.element !== undefined ? [segment(ak4, problem.element, '', problem.elementCode ?? '8', problem.badData ? x12Text(problem.badData, 99) : undefined)] : []),
  ];
}

/**
 * The 997 (or, for a partner on 005010 that asks for it, the 999) answering one received group:
 * AK1 names the group, then per set AK2, an AK3/IK3 per problem with its loop id and code, an
 * AK4/IK4 with the element, its error code and a copy of the bad data, in a 999 the reason in
 * words (CTX), and AK5/IK5; AK9 sums up the group.
 */
export function functionalAck(kind: '997' | '999', group: GroupVerdict): TransactionSet {
  const accepted = group.sets.filter((s) => setStatus(s) !== 'R').length;
  const status = groupStatus(group);
  const setEnd = kind === '997' ? 'AK5' : 'IK5';
  const groupCode = group.groupError ?? (group.sets.length === 0 ? '5' : undefined);
  return {
    id: kind,
    ...(kind === '999' && { implementation: '005010X231A1' }),
    segments: [
      segment('AK1', group.functionalId, group.controlNumber, kind === '999' ? group.version : undefined),
      ...group.sets.flatMap((set) => [
        segment('AK2', set.setId, set.controlNumber),
        ...set.problems.flatMap((problem) => problemSegments(problem, kind)),
        segment(setEnd, setStatus(set), setStatus(set) === 'A' ? undefined : (set.setError ?? setErrors.segmentsInError)),
      ]),
      segment('AK9', status, group.sets.length, group.sets.length, accepted, groupCode),
    ],
  };
}

/** The TA1 interchange acknowledgment: the interchange's ISA13, date and time, A or R, and the note code. */
export const interchangeAck = (received: Pick<InboundInterchange, 'controlNumber' | 'date' | 'time'>, status: 'A' | 'E' | 'R', note: string): string =>
  segment('TA1', received.controlNumber, received.date, received.time, status, note);
