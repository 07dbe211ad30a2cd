import { interchange, segment, type EnvelopeSettings } from './envelope';

/** AK3/AK4 error codes used here (X12 716 and 720). */
export const segmentErrors = {
  unrecognized: '1',
  unexpected: '2',
  mandatoryMissing: '3',
  dataElementErrors: '8',
} as const;

export interface SegmentError {
  /** The segment's tag, e.g. BAK. */
  segment: string;
  /** Position in the set, counting ST as 1. */
  position: number;
  code: string;
  message: string;
}

export interface SetResult {
  setId: string;
  controlNumber: string;
  errors: SegmentError[];
  /** The set was applied, but the errors name parts of it that were not (AK5 E). */
  appliedWithErrors?: boolean;
}

const ak5 = (set: SetResult) => (set.errors.length === 0 ? 'A' : set.appliedWithErrors ? 'E' : 'R');

export interface ReceivedGroup {
  functionalId: string;
  controlNumber: string;
}

/**
 * The 997 functional acknowledgment: AK1 names the group received, then per set an AK2, an AK3 per
 * faulty segment and AK5 A (accepted), E (accepted, errors noted) or R (rejected); AK9 sums up the group.
 */
export function functionalAck997(group: ReceivedGroup, sets: SetResult[], envelope: Omit<EnvelopeSettings, 'functionalId'>): string {
  const accepted = sets.filter((set) => ak5(set) !== 'R').length;
  // A group with no readable set is rejected as a whole (AK905 5: the set count does not match).
  const groupStatus = sets.length === 0 ? 'R' : sets.every((set) => ak5(set) === 'A') ? 'A' : accepted === 0 ? 'R' : accepted === sets.length ? 'E' : 'P';
  return interchange(
    { ...envelope, functionalId: 'FA' },
    {
      id: '997',
      segments: [
        segment('AK1', group.functionalId, group.controlNumber),
        ...sets.flatMap((set) => [
          segment('AK2', set.setId, set.controlNumber),
          ...set.errors.map((error) => segment('AK3', error.segment, error.position, '', error.code)),
          segment('AK5', ak5(set), ak5(set) === 'A' ? undefined : '5'),
        ]),
        segment('AK9', groupStatus, sets.length, sets.length, accepted, ...(sets.length === 0 ? ['5'] : [])),
      ],
    },
  );
}
