import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInterchanges } from '../../functions/domain/x12/read-interchange';

/**
 * Whatever dress a partner's translator puts on an interchange (separators, terminator, line
 * breaks, indentation, BOM, version), the reader sees the same groups, sets and segments.
 */
type Segment = [string, ...string[]];

const element = fc.stringMatching(/^[A-Z0-9](?:[A-Z0-9.-]{0,8}[A-Z0-9])?$/);
const segment = fc.tuple(fc.constantFrom('BAK', 'PO1', 'ACK', 'DTM', 'REF', 'N1', 'LIN', 'SN1'), fc.array(fc.oneof(element, fc.constant('')), { minLength: 1, maxLength: 8 }))
  .map(([tag, elements]): Segment => {
    while (elements.length > 1 && elements.at(-1) === '') elements.pop();
    return [tag, ...elements];
  });
const set = fc.record({ id: fc.constantFrom('855', '856', '846'), body: fc.array(segment, { minLength: 1, maxLength: 6 }) });
const group = fc.record({ functionalId: fc.constantFrom('PR', 'SH', 'IB'), sets: fc.array(set, { minLength: 1, maxLength: 3 }) });

const dress = fc.record({
  separators: fc.constantFrom(
    { element: '*', component: '>', segment: '~' },
    { element: '|', component: '^', segment: '~' },
    { element: '*', component: ':', segment: '\n' },
    { element: '\x1d', component: '\x1f', segment: '\x1c' },
    { element: '+', component: ':', segment: "'" },
  ),
  lineBreak: fc.constantFrom('', '\n', '\r\n', '\r'),
  indent: fc.constantFrom('', '  ', '\t'),
  bom: fc.boolean(),
  version: fc.constantFrom(['00306', '003060'], ['00401', '004010'], ['00501', '005010']),
});

interface Group {
  functionalId: string;
  sets: { id: string; body: Segment[] }[];
}
interface Dress {
  separators: { element: string; component: string; segment: string };
  lineBreak: string;
  indent: string;
  bom: boolean;
  version: readonly string[];
}

function write(groups: Group[], d: Dress): string {
  const { element, component, segment } = d.separators;
  const repetition = d.version[0] === '00501' ? (element === '^' || component === '^' ? '!' : '^') : 'U';
  const isa: Segment = ['ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', 'ACMESUPPLY     ', 'ZZ', 'DROPSHIPOMS    ', '261125', '0930', repetition, d.version[0] ?? '', '000000042', '0', 'P', component];
  const segments: Segment[] = [isa];
  groups.forEach((g, gi) => {
    segments.push(['GS', g.functionalId, 'ACMESUPPLY', 'DROPSHIPOMS', '20261125', '0930', String(gi + 1), 'X', d.version[1] ?? '']);
    g.sets.forEach((s, si) => {
      const st = String(si + 1).padStart(4, '0');
      const body: Segment[] = [['ST', s.id, st], ...s.body];
      segments.push(...body, ['SE', String(body.length + 1), st]);
    });
    segments.push(['GE', String(g.sets.length), String(gi + 1)]);
  });
  segments.push(['IEA', String(groups.length), '000000042']);
  const breakAfter = segment === '\n' ? '' : d.lineBreak;
  return (d.bom ? '\uFEFF' : '') + segments.map((s, i) => (i === 0 ? '' : d.indent) + s.join(element) + segment + breakAfter).join('');
}

const plain: Dress = { separators: { element: '*', component: '>', segment: '~' }, lineBreak: '\n', indent: '', bom: false, version: ['00401', '004010'] };
const shape = (text: string) => readInterchanges(text).map((ic) => ({ fault: ic.fault, groups: ic.groups.map(({ version: _v, ...g }) => g), control: ic.controlNumber }));

describe('reading X12 whatever its dress', () => {
  it('reads any interchange we can write to the same groups, sets and segments in any dress', () => {
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 2 }), dress, (groups, d) => {
        const read = shape(write(groups, d));
        expect(read).toEqual(shape(write(groups, plain)));
        expect(read[0]?.fault).toBeUndefined();
        expect(read[0]?.groups.flatMap((g) => g.sets.map((s) => s.segments.length - 2))).toEqual(groups.flatMap((g) => g.sets.map((s) => s.body.length)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a batch of interchanges one after another, each with its own separators', () => {
    fc.assert(
      fc.property(group, group, dress, dress, (first, second, d1, d2) => {
        const batch = shape(write([first], d1) + '\r\n\n' + write([second], { ...d2, bom: false }));
        expect(batch).toHaveLength(2);
        expect(batch[1]?.groups).toEqual(shape(write([second], plain))[0]?.groups);
      }),
      { numRuns: 100 },
    );
  });
});
