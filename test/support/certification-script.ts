import { upsNumber } from './tracking';
import { parseX12, segmentsOf, vendorInterchange } from './x12';

/**
 * A certification run as a well-behaved vendor's translator answers it, whatever carries the files
 * (our HTTPS API, an SFTP mailbox, AS2): the 850s read, and the 997, 855 and 856 each step asks for.
 */
export interface Sent850 {
  poNumber: string;
  isa: string[];
  message: string;
  groupControl: string;
  setControl: string;
  lines: string[][];
}

/** One of the run's 850s, read from its X12. */
export function sent850Of(x12: string): Sent850 {
  const { isa, gs, sets } = parseX12(x12);
  const set = sets[0] ?? [];
  return {
    poNumber: segmentsOf(set, 'BEG')[0]?.[2] ?? '',
    isa,
    message: segmentsOf(set, 'MSG')[0]?.[0] ?? '',
    groupControl: gs[5] ?? '',
    setControl: set[0]?.elements[1] ?? '',
    lines: segmentsOf(set, 'PO1'),
  };
}

export const stepOf = (message: string) => {
  const index = Number(/step (\d) of 6/.exec(message)?.[1]);
  return ['ACCEPT', 'PARTIAL_ACCEPT', 'BACKORDER', 'REJECT', 'TWO_PACKAGES', 'CANCELLATION'][index - 1];
};

let control = 9000;
let serial = 5000;

const interchange = (sender: string, setId: string, functionalId: string, segments: string[]) =>
  vendorInterchange({ setId, functionalId, control: ++control, segments, sender, usage: 'T' });

export const functionalAck = (sender: string, po: Sent850) =>
  interchange(sender, '997', 'FA', [`AK1*PO*${po.groupControl}`, `AK2*850*${po.setControl}`, 'AK5*A', 'AK9*A*1*1*1']);

/** The 855 a well-behaved vendor sends for each step; `skipLine` leaves line 2 out as a broken map would. */
export function acknowledgment(sender: string, step: string, po: Sent850, skipLine = false): string {
  const lines = po.lines.map(([line, quantity, , , , , sku]) => ({ line: line ?? '', quantity: Number(quantity), sku: sku ?? '' }));
  const ack = (code: string, quantity: number) => (code === 'IR' ? `ACK*IR*${quantity}*EA` : `ACK*${code}*${quantity}*EA*068*20261215`);
  const answers = lines.map(({ line, quantity, sku }, i) => {
    const code = step === 'REJECT' ? 'IR' : step === 'BACKORDER' && i === 1 ? 'IB' : step === 'PARTIAL_ACCEPT' ? 'IQ' : 'IA';
    return [`PO1*${line}*${quantity}*EA***VP*${sku}`, ack(code, step === 'PARTIAL_ACCEPT' ? 2 : quantity)];
  });
  const sent = skipLine ? answers.slice(0, 1) : answers;
  return interchange(sender, '855', 'PR', [`BAK*00*AC*${po.poNumber}*20261124`, ...sent.flat(), `CTT*${sent.length}`]);
}

/** The 856: everything accepted, in one package, or one package per line for the two-package step. */
export function shipNotice(sender: string, step: string, po: Sent850): string {
  const lines = po.lines.map(([line, quantity, , , , , sku]) => ({ line, quantity: step === 'PARTIAL_ACCEPT' ? 2 : Number(quantity), sku }));
  const packs = step === 'TWO_PACKAGES' ? lines.map((l) => [l]) : [lines];
  let hl = 2;
  const segments = packs.flatMap((pack) => {
    const packHl = ++hl;
    return [`HL*${packHl}*2*P`, `REF*CN*${upsNumber(++serial)}`, ...pack.flatMap((l) => [`HL*${++hl}*${packHl}*I`, `LIN*${l.line}*VP*${l.sku}`, `SN1**${l.quantity}*EA`])];
  });
  return interchange(sender, '856', 'SH', ['BSN*00*SHIP-' + po.poNumber + '*20261125*1400', 'HL*1**S', 'TD5*B*2*UPSN', 'HL*2*1*O', `PRF*${po.poNumber}`, ...segments, `CTT*${hl}`]);
}

/** What a well-behaved vendor sends back for one test PO, in order: its 997, its 855, and an 856 where the step ships. */
export function scriptedAnswers(sender: string, po: Sent850): string[] {
  const step = stepOf(po.message) ?? '';
  return [functionalAck(sender, po), acknowledgment(sender, step, po), ...(['ACCEPT', 'PARTIAL_ACCEPT', 'TWO_PACKAGES'].includes(step) ? [shipNotice(sender, step, po)] : [])];
}
