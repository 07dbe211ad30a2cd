import { X12Parser } from 'node-x12';
import { segmentErrors, type SegmentError } from './functional-ack-997';

export interface Segment {
  tag: string;
  /** Elements after the tag: elements[0] is XX01. */
  elements: string[];
  /** Position in its set, ST = 1. */
  position: number;
}

export interface InboundSet {
  id: string;
  controlNumber: string;
  segments: Segment[];
}

export interface InboundInterchange {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  controlNumber: string;
  usage: 'P' | 'T';
  group: { functionalId: string; controlNumber: string };
  sets: InboundSet[];
  /** Set when the document broke the X12 rules: nothing in it may be applied. */
  syntaxError?: SegmentError;
}

export class X12EnvelopeError extends Error {
  override name = 'X12EnvelopeError';
}

/** The fixed-width ISA: its 106th character ends the segment and names the segment terminator. */
function readIsa(raw: string) {
  const text = raw.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('ISA') || text.length < 106) throw new X12EnvelopeError('The document does not start with a 106-character ISA segment');
  const elementSeparator = text[3] ?? '*';
  const terminator = text[105] ?? '~';
  const isa = text.slice(0, 105).split(elementSeparator);
  if (isa.length !== 17) throw new X12EnvelopeError(`ISA has ${isa.length - 1} elements, not 16`);
  return { text, elementSeparator, terminator, isa: isa.map((e) => e.trim()) };
}

const envelopeTags = new Set(['ISA', 'GS', 'GE', 'IEA']);

/** Splits a document into segments without judging it, to answer even a broken one with a 997. */
function looseSegments(text: string, elementSeparator: string, terminator: string): string[][] {
  return text
    .split(terminator)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split(elementSeparator));
}

const syntaxErrorFrom = (message: string): SegmentError => {
  const tag = /\b(ISA|IEA|GS|GE|ST|SE)\d{2}\b/.exec(message)?.[1] ?? 'ISA';
  return { segment: tag, position: 0, code: segmentErrors.dataElementErrors, message };
};

/**
 * Reads an inbound interchange with node-x12's strict parser, which checks the SE, GE and IEA
 * counts. A document that breaks the rules is still read far enough to be answered: its sets are
 * listed and `syntaxError` names the faulty segment.
 */
export function readInterchange(raw: string): InboundInterchange {
  const { text, elementSeparator, terminator, isa } = readIsa(raw);
  const loose = looseSegments(text, elementSeparator, terminator);
  const gs = loose.find((s) => s[0] === 'GS') ?? [];
  const header = {
    senderQualifier: isa[5] ?? '',
    senderId: isa[6] ?? '',
    receiverQualifier: isa[7] ?? '',
    receiverId: isa[8] ?? '',
    controlNumber: isa[13] ?? '',
    usage: (isa[15] === 'T' ? 'T' : 'P') as 'P' | 'T',
    group: { functionalId: gs[1] ?? '', controlNumber: gs[6] ?? '' },
  };

  let syntaxError: SegmentError | undefined;
  if (!loose.some((s) => s[0] === 'IEA')) syntaxError = { segment: 'IEA', position: 0, code: segmentErrors.mandatoryMissing, message: 'IEA trailer is missing' };
  if (!gs.length) syntaxError = { segment: 'GS', position: 0, code: segmentErrors.mandatoryMissing, message: 'GS header is missing' };
  if (!syntaxError) {
    try {
      new X12Parser(true).parse(text);
    } catch (error) {
      syntaxError = syntaxErrorFrom(error instanceof Error ? error.message : String(error));
    }
  }

  const sets: InboundSet[] = [];
  let current: InboundSet | undefined;
  for (const [tag = '', ...elements] of loose) {
    if (tag === 'ST') {
      current = { id: elements[0] ?? '', controlNumber: elements[1] ?? '', segments: [] };
      sets.push(current);
    }
    if (current) current.segments.push({ tag, elements, position: current.segments.length + 1 });
    else if (!envelopeTags.has(tag)) syntaxError ??= { segment: tag, position: 0, code: segmentErrors.unexpected, message: `${tag} is outside any transaction set (no ST before it)` };
    if (tag === 'SE') current = undefined;
  }
  const declared = Number(loose.find((s) => s[0] === 'GE')?.[1] ?? sets.length);
  if (declared !== sets.length) syntaxError ??= { segment: 'GE', position: 0, code: segmentErrors.dataElementErrors, message: `GE01 says ${declared} sets, the group holds ${sets.length}` };
  // X12's character sets are ASCII; anything else is a translator or encoding fault, not data to guess at.
  const foreign = loose.find((s) => /[^\x09\x0A\x0D\x20-\x7E]/.test(s.join(elementSeparator)));
  if (foreign) syntaxError ??= { segment: foreign[0] ?? 'ISA', position: 0, code: segmentErrors.dataElementErrors, message: `${foreign[0]} holds characters outside the X12 character set` };
  return { ...header, sets, ...(syntaxError && { syntaxError }) };
}

/** A fault in one set's content, reported in the 997's AK3 and the set rejected. */
export class X12SetError extends Error {
  override name = 'X12SetError';
  constructor(
    readonly error: SegmentError,
    /** The rest of the set was applied (an 846 with some bad items). */
    readonly appliedWithErrors = false,
  ) {
    super(error.message);
  }
}

export const setError = (segment: Segment | undefined, tag: string, code: string, message: string) =>
  new X12SetError({ segment: segment?.tag ?? tag, position: segment?.position ?? 0, code, message });

/** CCYYMMDD to YYYY-MM-DD, or undefined. */
export const isoDateOf = (value: string | undefined): string | undefined =>
  value && /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : undefined;
