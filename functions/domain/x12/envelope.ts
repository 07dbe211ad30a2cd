/**
 * X12 004010 envelopes (ISA/GS … GE/IEA) around transaction sets. Separators are fixed for what
 * this service sends: `*` between elements, `>` between components, `~` after each segment.
 */
export const separators = { element: '*', component: '>', segment: '~' } as const;

export interface Party {
  qualifier: string;
  id: string;
}

export interface EnvelopeSettings {
  sender: Party;
  receiver: Party;
  /** GS01: PO (850), PC (860), FA (997). */
  functionalId: string;
  controlNumber: number;
  at: Date;
  usage: 'P' | 'T';
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

/** A transaction set's body (the segments between ST and SE), and its ST01 id. */
export interface TransactionSet {
  id: string;
  segments: string[];
}

/** Wraps one set in ST/SE, GS/GE and ISA/IEA; SE01 counts ST and SE themselves. */
export function interchange(settings: EnvelopeSettings, set: TransactionSet): string {
  const control = settings.controlNumber;
  const setControl = digits(control, 4);
  const body = [segment('ST', set.id, setControl), ...set.segments];
  return [
    segment(
      'ISA', '00', pad('', 10), '00', pad('', 10),
      settings.sender.qualifier, pad(settings.sender.id, 15),
      settings.receiver.qualifier, pad(settings.receiver.id, 15),
      x12Date(settings.at).slice(2), x12Time(settings.at), 'U', '00401', digits(control, 9), '0', settings.usage,
    ).replace(/~$/, `${separators.element}${separators.component}${separators.segment}`),
    segment('GS', settings.functionalId, settings.sender.id, settings.receiver.id, x12Date(settings.at), x12Time(settings.at), control, 'X', '004010'),
    ...body,
    segment('SE', body.length + 1, setControl),
    segment('GE', 1, control),
    segment('IEA', 1, digits(control, 9)),
  ].join('\n');
}
