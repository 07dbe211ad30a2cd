/**
 * X12 envelopes (ISA/GS … GE/IEA) around transaction sets, in 004010 or 005010. Separators are
 * fixed for what this service sends: `*` between elements, `>` between components, `^` between
 * repetitions (005010), `~` after each segment.
 */
export const separators = { element: '*', component: '>', repetition: '^', segment: '~' } as const;

export interface Party {
  qualifier: string;
  id: string;
}

/** The X12 versions this service writes; a vendor's setting picks one (004010 unless it says 005010). */
export const x12Versions = ['004010', '005010'] as const;
export type X12Version = (typeof x12Versions)[number];

export interface EnvelopeSettings {
  sender: Party;
  receiver: Party;
  /** GS01: PO (850), PC (860), FA (997/999). */
  functionalId: string;
  controlNumber: number;
  at: Date;
  usage: 'P' | 'T';
  version?: X12Version;
}

/**
 * Makes text safe for an element: letters without their accents, no separator characters, no
 * control characters, at most `max` characters.
 */
export function x12Text(value: string | null | undefined, max = 60): string {
  return (value ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/[*~>^|]/g, ' ')
    .trim()
    .slice(0, max);
}

export const segment = (tag: string, ...elements: (string | number | undefined)[]): string => {
  const values = elements.map((e) => (e === undefined ? '' : String(e)));
  while (values.length > 0 && values.at(-1) === '') values.pop();
  return [tag, ...values].join(separators.element) + separators.segment;
};

const pad = (value: string, length: number) => value.padEnd(length, ' ').slice(0, length);
const digits = (value: number, length: number) => String(value).padStart(length, '0');

export const x12Date = (at: Date) => at.toISOString().slice(0, 10).replace(/-/g, '');
const x12Time = (at: Date) => at.toISOString().slice(11, 16).replace(':', '');

/** A transaction set's body (the segments between ST and SE), its ST01 id and, for a 999, its ST03. */
export interface TransactionSet {
  id: string;
  segments: string[];
  implementation?: string;
}

/**
 * Wraps sets in ST/SE, GS/GE and ISA/IEA (SE01 counts ST and SE themselves). One set takes the
 * interchange's control number as ST02; several are numbered 0001, 0002 …. A TA1, when given,
 * stands between ISA and GS; with no sets the interchange holds the TA1 alone.
 */
export function interchange(settings: EnvelopeSettings, sets: TransactionSet | TransactionSet[], options: { ta1?: string } = {}): string {
  const list = Array.isArray(sets) ? sets : [sets];
  const control = settings.controlNumber;
  const version = settings.version ?? '004010';
  const fiveOTen = version === '005010';
  const groupVersion = list[0]?.implementation ?? version;
  const setControl = (i: number) => (list.length === 1 ? digits(control, 4) : digits(i + 1, 4));
  const body = list.flatMap((set, i) => {
    const segments = [segment('ST', set.id, setControl(i), set.implementation), ...set.segments];
    return [...segments, segment('SE', segments.length + 1, setControl(i))];
  });
  const group = list.length
    ? [segment('GS', settings.functionalId, settings.sender.id, settings.receiver.id, x12Date(settings.at), x12Time(settings.at), control, 'X', groupVersion), ...body, segment('GE', list.length, control)]
    : [];
  return [
    segment(
      'ISA', '00', pad('', 10), '00', pad('', 10),
      settings.sender.qualifier, pad(settings.sender.id, 15),
      settings.receiver.qualifier, pad(settings.receiver.id, 15),
      x12Date(settings.at).slice(2), x12Time(settings.at), fiveOTen ? separators.repetition : 'U', fiveOTen ? '00501' : '00401', digits(control, 9), '0', settings.usage,
    ).replace(/~$/, `${separators.element}${separators.component}${separators.segment}`),
    ...(options.ta1 ? [options.ta1] : []),
    ...group,
    segment('IEA', list.length ? 1 : 0, digits(control, 9)),
  ].join('\n');
}
