import type { ChargeType, InvoiceCharge, InvoiceInput, InvoiceTerms } from '../invoices';
import type { PurchaseOrder } from '../orders';
import { elementErrors } from './codes';
import { matchLine } from './line-match';
import type { InboundSet, Segment } from './read-interchange';
import { idPairs, valueAt, walk, type SetMap } from './set-map';
import { problemAt, X12Refusal, type SetProblem } from './set-problem';
import { isoDateOf } from './x12-date';

/** The 810 as data: BIG at the head, one IT1 loop per invoiced line; SAC, TXI, TDS, CTT after them. */
export const map810 = {
  set: { id: '810', name: 'Invoice', anchor: 'BIG', loops: [{ id: 'IT1', starts: 'IT1' }] } satisfies SetMap,
  invoiceDate: { tag: 'BIG', element: 1 },
  invoiceNumber: { tag: 'BIG', element: 2 },
  poNumber: { tag: 'BIG', element: 4 },
  /** A partner that leaves BIG04 empty names the PO in a header REF (PO, or the buyer's order IA/CO). */
  poReference: { tag: 'REF', element: 2, qualifier: { element: 1, values: ['PO'] } },
  lineIds: { tag: 'IT1', from: 6 },
} as const;

/** SAC02 codes by what they are: freight (D240 and kin), handling, tax; other charges are OTHER. */
const sacCharge: Record<string, ChargeType> = {
  D240: 'FREIGHT', D200: 'FREIGHT', D242: 'FREIGHT', F050: 'FREIGHT', G830: 'HANDLING', D980: 'HANDLING', H090: 'HANDLING', H850: 'TAX', H750: 'TAX', H770: 'TAX',
};

/**
 * An X12 amount as minor units, exactly: `R` decimals (`12.5`, `-457863.84`, `12.3400`) or, where
 * the element is N2 (TDS, SAC05), implied decimals (`1250` = 12.50). Sub-cent precision that is not
 * zero cannot be money: undefined, and the caller says why.
 */
export function minorUnitsOf(value: string | undefined, implied: boolean): number | undefined {
  const text = value?.trim() ?? '';
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!text || !match || (!match[2] && !match[3])) return undefined;
  const [, sign, whole = '', fraction] = match;
  if (fraction === undefined && implied) return Number(`${sign}${whole || '0'}`);
  const cents = (fraction ?? '').padEnd(2, '0');
  if (/[1-9]/.test(cents.slice(2))) return undefined;
  const minor = Number(whole || '0') * 100 + Number(cents.slice(0, 2));
  return sign === '-' ? -minor : minor;
}

const number = (value: string | undefined) => {
  const n = Number(value?.trim());
  return value?.trim() && Number.isFinite(n) ? n : undefined;
};

/** The PO an 810 bills: BIG04, else a header REF*PO. */
export function purchaseOrderOf810(set: InboundSet): { poNumber: string; segment: Segment } {
  const { header } = walk(set.segments, map810.set);
  const found = valueAt(header, map810.poNumber) ?? valueAt(header, map810.poReference);
  if (!found) {
    const big = header.find((s) => s.tag === 'BIG');
    throw new X12Refusal([problemAt(big, 'BIG', big ? 'BIG04 (the PO number) is empty and no REF*PO names it' : 'BIG is missing', big ? { element: 4, elementCode: elementErrors.mandatoryMissing } : {})]);
  }
  return { poNumber: found.value.trim(), segment: found.segment };
}

/** A SAC as a charge, or why it is not one. */
function chargeOf(sac: Segment): InvoiceCharge | SetProblem {
  const kind = sac.elements[0]?.trim();
  const code = sac.elements[1]?.trim() ?? '';
  const amountText = sac.elements[4];
  const amount = minorUnitsOf(amountText, true);
  if (amount === undefined) return problemAt(sac, 'SAC', `SAC05 ${amountText ?? '(empty)'} is not an amount (N2: implied cents, 1250 = 12.50)`, { element: 5, elementCode: elementErrors.invalidCode, badData: amountText ?? '' });
  const description = (sac.elements[14] ?? sac.elements[12] ?? '').trim();
  const type: ChargeType = kind === 'A' ? 'ALLOWANCE' : (sacCharge[code] ?? 'OTHER');
  return { type, amount: Math.abs(amount), ...((description || code) && { description: description || `SAC ${code}` }) };
}

/**
 * Reads an 810 against the PO it names into the invoice to match. Lines are found by IT101 when it
 * is one of the PO's line numbers, else by item ids (VP, BP, UP, EN …); each IT104 is the unit cost
 * (a decimal); SAC segments (at the head, the foot or inside a line) are charges, or allowances
 * when SAC01 is A; TXI amounts are tax; TDS01 is the total (implied cents, or a decimal point where
 * the partner writes one). Throws X12Refusal naming every problem; nothing is partly taken.
 */
export function invoiceFrom810(set: InboundSet, po: PurchaseOrder): InvoiceInput {
  const problems: SetProblem[] = [];
  const { header, loops } = walk(set.segments, map810.set);
  const big = header.find((s) => s.tag === 'BIG');
  const invoiceNumber = valueAt(header, map810.invoiceNumber)?.value.trim() ?? '';
  if (!invoiceNumber) problems.push(problemAt(big, 'BIG', 'BIG02 (the invoice number) is empty', { element: 2, elementCode: elementErrors.mandatoryMissing }));
  const dateText = valueAt(header, map810.invoiceDate)?.value;
  const invoiceDate = isoDateOf(dateText);
  if (!invoiceDate) problems.push(problemAt(big, 'BIG', `BIG01 ${dateText ?? '(empty)'} is not a date (CCYYMMDD or YYMMDD)`, { element: 1, elementCode: elementErrors.invalidDate, badData: dateText ?? '' }));
  if (big?.elements[6]?.trim() === 'CR') {
    problems.push(problemAt(big, 'BIG', 'BIG07 CR: a credit memo is not taken yet; send a corrected invoice (the same BIG02 while it is disputed) or ask the retailer to adjust it', { element: 7, elementCode: elementErrors.invalidCode, badData: 'CR' }));
  }
  const currency = header.find((s) => s.tag === 'CUR')?.elements[1]?.trim();

  const lines: InvoiceInput['lines'] = [];
  const charges: InvoiceCharge[] = [];
  const after: Segment[] = [];
  for (const [i, loop] of loops.entries()) {
    const it1 = loop.segments[0];
    const label = `IT1 loop ${i + 1}`;
    // The segments after the last line's own (SAC, TXI, TDS at the foot) end the last loop: they are the invoice's.
    const endOfLine = loop.segments.findIndex((s, k) => k > 0 && (s.tag === 'TDS' || s.tag === 'CTT' || s.tag === 'ISS' || s.tag === 'CAD'));
    const own = endOfLine > 0 ? loop.segments.slice(0, endOfLine) : loop.segments;
    after.push(...(endOfLine > 0 ? loop.segments.slice(endOfLine) : []));
    const reference = { lineNumber: (it1?.elements[0] ?? '').trim().replace(/^0+(?=\d)/, ''), ids: idPairs(own, map810.lineIds) };
    const match = matchLine(po.lines, reference);
    if ('reason' in match) {
      problems.push(problemAt(it1, 'IT1', `${label}: ${match.reason}`, { loopId: 'IT1', element: reference.lineNumber ? 1 : 7, elementCode: elementErrors.invalidCode, badData: reference.lineNumber || reference.ids[0]?.value || '' }));
      continue;
    }
    const quantity = number(it1?.elements[1]);
    if (quantity === undefined || !Number.isInteger(quantity) || quantity <= 0) {
      problems.push(problemAt(it1, 'IT1', `${label}: IT102 ${it1?.elements[1] ?? '(empty)'} is not a whole quantity above 0`, { loopId: 'IT1', element: 2, elementCode: elementErrors.invalidCode, badData: it1?.elements[1] ?? '' }));
      continue;
    }
    const unitCost = minorUnitsOf(it1?.elements[3], false);
    if (unitCost === undefined) {
      problems.push(problemAt(it1, 'IT1', `${label}: IT104 ${it1?.elements[3] ?? '(empty)'} is not a unit price in whole cents (such as 12.50)`, { loopId: 'IT1', element: 4, elementCode: elementErrors.invalidCode, badData: it1?.elements[3] ?? '' }));
      continue;
    }
    lines.push({ lineNumber: match.line.lineNumber, quantity, unitCost });
    for (const sac of own.filter((s) => s.tag === 'SAC')) {
      const charge = chargeOf(sac);
      if ('reason' in charge) problems.push({ ...charge, loopId: 'IT1' });
      else charges.push(charge);
    }
  }
  const foot = [...header.filter((s) => s.tag === 'SAC' || s.tag === 'TXI'), ...after, ...set.segments.filter((s) => s.tag === 'TDS' && !after.includes(s) && !header.includes(s))];
  for (const sac of foot.filter((s) => s.tag === 'SAC')) {
    const charge = chargeOf(sac);
    if ('reason' in charge) problems.push(charge);
    else charges.push(charge);
  }
  for (const txi of foot.filter((s) => s.tag === 'TXI')) {
    const amount = minorUnitsOf(txi.elements[1], false);
    if (amount !== undefined && amount !== 0) charges.push({ type: 'TAX', amount, description: `TXI ${txi.elements[0]?.trim() ?? ''}`.trim() });
  }
  const tds = foot.find((s) => s.tag === 'TDS');
  const total = minorUnitsOf(tds?.elements[0], true);
  if (total === undefined) problems.push(problemAt(tds, 'TDS', tds ? `TDS01 ${tds.elements[0] ?? '(empty)'} is not an amount (N2: implied cents, 123456 = 1234.56)` : 'TDS (the invoice total) is missing', tds ? { element: 1, elementCode: elementErrors.invalidCode, badData: tds.elements[0] ?? '' } : {}));
  if (lines.length === 0 && problems.length === 0) problems.push(problemAt(big, 'IT1', 'no IT1 line to invoice'));
  if (problems.length) throw new X12Refusal(problems);

  const itd = header.find((s) => s.tag === 'ITD');
  const terms: InvoiceTerms = {
    ...(number(itd?.elements[6]) !== undefined && { netDays: number(itd?.elements[6]) }),
    ...(number(itd?.elements[2]) !== undefined && { discountPercent: number(itd?.elements[2]) }),
    ...(number(itd?.elements[4]) !== undefined && { discountDays: number(itd?.elements[4]) }),
    ...(itd?.elements[11]?.trim() && { text: itd.elements[11].trim() }),
  };
  return {
    invoiceNumber,
    poNumber: po.poNumber,
    invoiceDate: invoiceDate as string,
    ...(currency && { currency }),
    lines,
    charges,
    total: total as number,
    ...(Object.keys(terms).length > 0 && { terms }),
  };
}
