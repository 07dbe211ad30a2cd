import { X12Parser } from 'node-x12';

/** A vendor's interchange, written the way a trading partner's translator would: one set, counts right. */
export function vendorInterchange(options: { setId: string; functionalId: string; control: number; segments: string[]; sender?: string; usage?: 'P' | 'T' }): string {
  const sender = (options.sender ?? 'ACMESUPPLY').padEnd(15);
  const isa13 = String(options.control).padStart(9, '0');
  const st = String(options.control).padStart(4, '0');
  const body = [`ST*${options.setId}*${st}`, ...options.segments];
  return [
    `ISA*00*          *00*          *ZZ*${sender}*ZZ*DROPSHIPOMS    *261124*1200*U*00401*${isa13}*0*${options.usage ?? 'P'}*>`,
    `GS*${options.functionalId}*${sender.trim()}*DROPSHIPOMS*20261124*1200*${options.control}*X*004010`,
    ...body,
    `SE*${body.length + 1}*${st}`,
    `GE*1*${options.control}`,
    `IEA*1*${isa13}`,
  ].join('~\n') + '~';
}

export interface ParsedSegment {
  tag: string;
  elements: string[];
}

/**
 * Parses with node-x12 (strict: SE, GE and IEA counts checked) into the ISA, its TA1 (which
 * node-x12 does not model, so it is read apart) and each set's segments.
 */
export function parseX12(text: string): { isa: string[]; gs: string[]; ta1?: string[]; sets: ParsedSegment[][] } {
  type Node = { tag?: string; elements: { value: string }[] };
  const ta1Line = /^TA1\*[^~]*~\n?/m.exec(text)?.[0];
  const ta1 = ta1Line?.trim().replace(/~$/, '').split('*').slice(1);
  const rest = ta1Line ? text.replace(ta1Line, '') : text;
  if (ta1 && !rest.includes('\nGS*')) {
    // A TA1 alone: ISA, TA1, IEA with no group, which node-x12 refuses to model.
    return { isa: (rest.split('~')[0] ?? '').split('*').slice(1), gs: [], ta1, sets: [] };
  }
  const interchange = new X12Parser(true).parse(rest) as unknown as {
    header: Node;
    functionalGroups: { header: Node; transactions: { header: Node; segments: Node[] }[] }[];
  };
  const values = (node: Node) => node.elements.map((e) => e.value);
  const group = interchange.functionalGroups[0];
  return {
    isa: values(interchange.header),
    gs: group ? values(group.header) : [],
    ...(ta1 && { ta1 }),
    sets: (group?.transactions ?? []).map((t) => [t.header, ...t.segments].map((s) => ({ tag: s.tag ?? 'ST', elements: values(s) }))),
  };
}

export const segmentsOf = (set: ParsedSegment[] | undefined, tag: string) => (set ?? []).filter((s) => s.tag === tag).map((s) => s.elements);

/** Each interchange of an answer that holds several (a batch), parsed. */
export const parseAnswers = (text: string) => text.split(/\n(?=ISA\*)/).filter(Boolean).map(parseX12);
