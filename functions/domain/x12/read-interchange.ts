import { X12Parser } from 'node-x12';
import { elementErrors, groupErrors, interchangeNotes, setErrors } from './codes';

/**
 * Reading inbound X12 whatever its dress: a UTF-8 BOM, leading whitespace, CR/LF/CRLF after (or as)
 * the segment terminator, any separators (control characters too, as the ISA declares them),
 * versions 00300–00501, several groups and sets per interchange and several interchanges in one
 * body. node-x12's strict parser then checks the envelope's counts and control numbers.
 */

export interface Separators {
  element: string;
  component: string;
  /** ISA11 from version 00402 on; absent before. */
  repetition?: string;
  segment: string;
}

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

export interface InboundGroup {
  functionalId: string;
  controlNumber: string;
  /** GS08, e.g. 004010 or 005010. */
  version: string;
  sets: InboundSet[];
  /** GE01 and GE02 as sent. */
  trailer?: string[];
}

/** A fault in the envelope: the whole interchange is refused, and the answer names where. */
export interface EnvelopeFault {
  level: 'INTERCHANGE' | 'GROUP' | 'SET';
  segment: string;
  message: string;
  /** TA105 for an interchange fault, AK905 for a group's, AK502 for a set's. */
  code: string;
  groupControl?: string;
  setControl?: string;
  /** For a segment-level fault inside a set: AK3/AK4 detail. */
  position?: number;
  element?: number;
  elementCode?: string;
  badData?: string;
}

export interface InboundInterchange {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  controlNumber: string;
  /** ISA09/ISA10 as sent, for the TA1. */
  date: string;
  time: string;
  /** ISA12, e.g. 00401. */
  version: string;
  usage: 'P' | 'T';
  /** ISA14 = 1: the sender asks for a TA1. */
  ackRequested: boolean;
  separators: Separators;
  groups: InboundGroup[];
  fault?: EnvelopeFault;
  /** This interchange's own text, as received. */
  text: string;
}

export class X12EnvelopeError extends Error {
  override name = 'X12EnvelopeError';
}

const isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
/** ISA12 00200–00204 (older translators) have the same envelope as 00300 on: read alike when the rest is well-formed. */
const supportedVersions = /^00(20[0-4]|30[0-9]|40[0-9]|50[01])$/;

/** Locates the ISA at `start` and reads its separators from its own elements, not fixed offsets. */
function readIsa(text: string, start: number): { separators: Separators; isa: string[]; end: number } {
  const element = text[start + 3];
  if (!element || /[A-Za-z0-9 ]/.test(element)) throw new X12EnvelopeError('ISA has no element separator after its tag');
  const isa: string[] = [];
  let i = start + 4;
  for (let n = 1; n <= 15; n++) {
    const next = text.indexOf(element, i);
    if (next < 0) throw new X12EnvelopeError(`ISA ends after ${n - 1} of its 16 elements`);
    isa.push(text.slice(i, next));
    i = next + 1;
  }
  const component = text[i];
  let segment = text[i + 1];
  if (!component || !segment) throw new X12EnvelopeError('ISA16 (component separator) or the segment terminator is missing');
  isa.push(component);
  let end = i + 2;
  // A line break right after ISA16 is the terminator itself ("CR/LF instead of ~"); CRLF counts as one.
  if (segment === '\r' && text[end] === '\n') {
    segment = '\n';
    end++;
  }
  const version = isa[11]?.trim() ?? '';
  const repetition = version >= '00402' && isa[10] && !/[A-Za-z0-9 ]/.test(isa[10]) ? isa[10] : undefined;
  const separators = { element, component, segment, ...(repetition && { repetition }) };
  if (new Set([element, component, segment, ...(repetition ? [repetition] : [])]).size !== (repetition ? 4 : 3)) {
    throw new X12EnvelopeError('ISA declares the same character for two separators');
  }
  return { separators, isa, end };
}

/** Strips the dress around a segment: whitespace and line breaks that are not separators in use. */
function undress(raw: string, separators: Separators): string {
  const used = new Set(Object.values(separators));
  let from = 0;
  let to = raw.length;
  const dress = (c: string | undefined) => c !== undefined && /\s/.test(c) && !used.has(c);
  while (from < to && dress(raw[from])) from++;
  while (to > from && dress(raw[to - 1])) to--;
  return raw.slice(from, to);
}

interface RawSegment {
  tag: string;
  elements: string[];
}

/** Splits one interchange into segments, from its ISA to its IEA; `end` is where the next may start. */
function segmentsOf(text: string, start: number): { segments: RawSegment[]; separators: Separators; end: number; complete: boolean } {
  const { separators, isa, end: isaEnd } = readIsa(text, start);
  const segments: RawSegment[] = [{ tag: 'ISA', elements: isa }];
  const terminator = separators.segment;
  let i = isaEnd;
  while (i < text.length) {
    let next = text.indexOf(terminator, i);
    if (next < 0) next = text.length;
    const raw = undress(text.slice(i, next), separators);
    i = next + terminator.length;
    if (raw === '') continue;
    const [tag = '', ...elements] = raw.split(separators.element);
    segments.push({ tag: tag.trim().toUpperCase(), elements });
    if (tag.trim().toUpperCase() === 'IEA') return { segments, separators, end: i, complete: true };
  }
  return { segments, separators, end: text.length, complete: false };
}

/** The same segments with fixed separators and a padded ISA, for node-x12's strict checks. */
function canonical(segments: RawSegment[]): string {
  const text = segments.flatMap((s) => [s.tag, ...s.elements]).join('');
  const pick = (candidates: string) => [...candidates].find((c) => !text.includes(c)) ?? '\x1d';
  const element = pick('*|^\x1d');
  const segment = pick('~\x1c\x1e');
  return segments
    .map((s) => {
      if (s.tag !== 'ISA') return [s.tag, ...s.elements].join(element);
      const padded = s.elements.map((e, i) => (i === 15 ? e : e.trim().padEnd(isaWidths[i] ?? 0, i === 12 ? '0' : ' ').slice(0, isaWidths[i])));
      padded[12] = (s.elements[12] ?? '').trim().padStart(9, '0').slice(-9);
      return ['ISA', ...padded].join(element);
    })
    .join(segment) + segment;
}

/** node-x12's message, as the fault an answer can name. */
function faultFromParser(message: string): EnvelopeFault {
  const at = (segment: string, level: EnvelopeFault['level'], code: string): EnvelopeFault => ({ level, segment, code, message: message.replace(/^X12 Standard: /, '') });
  if (/IEA01/.test(message)) return at('IEA', 'INTERCHANGE', interchangeNotes.groupCountMismatch);
  if (/IEA02/.test(message)) return at('IEA', 'INTERCHANGE', interchangeNotes.controlMismatch);
  if (/GE01/.test(message)) return at('GE', 'GROUP', groupErrors.countMismatch);
  if (/GE02/.test(message)) return at('GE', 'GROUP', groupErrors.controlMismatch);
  if (/SE01/.test(message)) return at('SE', 'SET', setErrors.countMismatch);
  if (/SE02/.test(message)) return at('SE', 'SET', setErrors.controlMismatch);
  if (/Missing GS/.test(message)) return at('GS', 'INTERCHANGE', interchangeNotes.invalidContent);
  if (/Missing ST/.test(message)) return at('ST', 'GROUP', groupErrors.countMismatch);
  return at('ISA', 'INTERCHANGE', interchangeNotes.invalidControlStructure);
}

/** Groups and sets, plus the structural faults node-x12 does not look for. */
function structure(segments: RawSegment[]): { groups: InboundGroup[]; fault?: EnvelopeFault } {
  const groups: InboundGroup[] = [];
  let group: InboundGroup | undefined;
  let set: InboundSet | undefined;
  let fault: EnvelopeFault | undefined;
  const foreign = /[^\x20-\x7E]/;
  for (const { tag, elements } of segments.slice(1)) {
    if (tag === 'GS') {
      group = { functionalId: elements[0] ?? '', controlNumber: elements[5] ?? '', version: elements[7] ?? '', sets: [] };
      groups.push(group);
      continue;
    }
    if (tag === 'GE' && group) group.trailer = elements;
    if (tag === 'ST') {
      set = { id: elements[0] ?? '', controlNumber: elements[1] ?? '', segments: [] };
      if (group) group.sets.push(set);
    }
    if (set) {
      const segment = { tag, elements, position: set.segments.length + 1 };
      set.segments.push(segment);
      // X12's character sets are ASCII; anything else is a translator or encoding fault, not data to guess at.
      const bad = elements.findIndex((e) => foreign.test(e));
      if (bad >= 0 && !fault) {
        fault = {
          level: 'SET', segment: tag, code: setErrors.segmentsInError, position: segment.position, element: bad + 1, elementCode: elementErrors.invalidCharacter,
          badData: (elements[bad] ?? '').replace(/[^\x20-\x7E]/g, '?'), groupControl: group?.controlNumber ?? '', setControl: set.controlNumber,
          message: `${tag}${String(bad + 1).padStart(2, '0')} holds characters outside the X12 character set`,
        };
      }
    } else if (!['GE', 'IEA'].includes(tag) && !fault) {
      fault = { level: 'INTERCHANGE', segment: tag, code: interchangeNotes.invalidContent, message: `${tag} is outside any transaction set (no ST before it)` };
    }
    if (tag === 'SE') set = undefined;
  }
  return { groups, ...(fault && { fault }) };
}

function readOne(text: string, start: number): { interchange: InboundInterchange; end: number } {
  const { segments, separators, end, complete } = segmentsOf(text, start);
  const isa = (segments[0]?.elements ?? []).map((e) => e.trim());
  const { groups, fault: structural } = structure(segments);
  let fault = structural;
  const version = isa[11] ?? '';
  if (!complete) fault = { level: 'INTERCHANGE', segment: 'IEA', code: interchangeNotes.prematureEnd, message: 'IEA trailer is missing: the interchange ends early' };
  else if (!groups.length) fault = { level: 'INTERCHANGE', segment: 'GS', code: interchangeNotes.invalidContent, message: 'GS header is missing: the interchange holds no functional group' };
  else if (!supportedVersions.test(version)) fault = { level: 'INTERCHANGE', segment: 'ISA', code: interchangeNotes.versionNotSupported, message: `ISA12 ${version} is not a version read here (00200 to 00501)` };
  if (!fault) {
    try {
      new X12Parser(true).parse(canonical(segments));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      fault = { ...faultFromParser(message), ...locate(message, groups) };
    }
  }
  return {
    interchange: {
      senderQualifier: isa[4] ?? '',
      senderId: isa[5] ?? '',
      receiverQualifier: isa[6] ?? '',
      receiverId: isa[7] ?? '',
      date: isa[8] ?? '',
      time: isa[9] ?? '',
      version,
      controlNumber: isa[12] ?? '',
      ackRequested: isa[13] === '1',
      usage: isa[14] === 'T' ? 'T' : 'P',
      separators,
      groups,
      ...(fault && { fault }),
      text: text.slice(start, end).trim(),
    },
    end,
  };
}

/** The group and set node-x12 stopped at, found again by the trailer that does not fit. */
function locate(message: string, groups: InboundGroup[]): { groupControl?: string; setControl?: string } {
  for (const group of groups) {
    if (/GE01/.test(message) && Number(group.trailer?.[0]) !== group.sets.length) return { groupControl: group.controlNumber };
    if (/GE02/.test(message) && group.trailer?.[1] !== group.controlNumber) return { groupControl: group.controlNumber };
    for (const set of group.sets) {
      const se = set.segments.at(-1);
      const wrong = se?.tag !== 'SE' || (/SE01/.test(message) && Number(se.elements[0]) !== set.segments.length) || (/SE02/.test(message) && se.elements[1] !== set.controlNumber);
      if (/SE0[12]|Missing ST/.test(message) && wrong) return { groupControl: group.controlNumber, setControl: set.controlNumber };
    }
  }
  return {};
}

/**
 * Reads every interchange in a body. Throws X12EnvelopeError only when not even an ISA can be read
 * (nothing to answer); any other fault is kept on its interchange for the answer to name.
 *
 * @example readInterchanges('\uFEFF  ISA*00*…~GS*…~ST*855*0001~…~IEA*1*000000001~').length // 1
 */
export function readInterchanges(raw: string): InboundInterchange[] {
  const text = raw.replace(/^\uFEFF/, '');
  const interchanges: InboundInterchange[] = [];
  let at = text.search(/\S/);
  if (at < 0 || !text.startsWith('ISA', at)) throw new X12EnvelopeError('The document does not start with an ISA segment');
  while (at >= 0 && at < text.length) {
    const { interchange, end } = readOne(text, at);
    interchanges.push(interchange);
    const rest = text.slice(end);
    const next = rest.search(/\S/);
    if (next < 0) break;
    if (!rest.startsWith('ISA', next)) {
      const last = interchanges.at(-1);
      if (last) last.fault ??= { level: 'INTERCHANGE', segment: 'IEA', code: interchangeNotes.invalidControlStructure, message: 'text follows the IEA that is not another ISA' };
      break;
    }
    at = end + next;
  }
  return interchanges;
}

