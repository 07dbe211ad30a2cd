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
}

export interface ReceivedGroup {
  functionalId: string;
  controlNumber: string;
}

/**
 * The 997 functional acknowledgment: AK1 names the group received, then per set an AK2, an AK3 per
 * faulty segment and AK5 A (accepted) or R (rejected); AK9 sums up the group.
 */
export function functionalAck997(group: ReceivedGroup, sets: SetResult[], envelope: Omit<EnvelopeSettings, 'functionalId'>): string {
  const accepted = sets.filter((set) => set.errors.length === 0).length;
  const groupStatus = accepted === sets.length ? 'A' : accepted === 0 ? 'R' : 'P';
  return interchange(
    { ...envelope, functionalId: 'FA' },
    {
      id: '997',
      segments: [
        segment('AK1', group.functionalId, group.controlNumber),
        ...sets.flatMap((set) => [
          segment('AK2', set.setId, set.controlNumber),
          ...set.errors.map((error) => segment('AK3', error.segment, error.position, '', error.code)),
          segment('AK5', set.errors.length === 0 ? 'A' : 'R', set.errors.length === 0 ? undefined : '5'),
        ]),
        segment('AK9', groupStatus, sets.length, sets.length, accepted),
      ],
    },
  );
}
