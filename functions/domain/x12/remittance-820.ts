import type { Remittance } from '../payables';
import { interchange, segment, x12Text, type EnvelopeSettings } from './envelope';

/** Minor units as an X12 decimal amount (R): 123456 → 1234.56, -500 → -5.00. */
export const x12Amount = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

/**
 * Each deduction's adjustment reason (X12 element 426): CS "adjustment" for a compliance charge,
 * named in ADX04 by its rule; a carry-forward gives back what this payment could not take.
 */
const adjustmentReason = 'CS';

/**
 * The X12 820 telling a vendor what it is paid and why: BPR (the amount, the payment date), TRN
 * (our reference), the payer and payee, then one ENT loop with an ADX per deduction (its rule and
 * the POs behind it) and an RMR per invoice paid (with its PO and date). RMR04 amounts plus ADX01
 * amounts equal BPR02.
 */
export function remittance820(remittance: Remittance, parties: { payer: string; payee: string }, envelope: Omit<EnvelopeSettings, 'functionalId'>): string {
  const date = remittance.paymentDate.replace(/-/g, '');
  // The deductions taken now: all of them, unless the invoices could not bear them (the rest carries forward).
  const adjustments = remittance.deductions.map((d) => segment('ADX', x12Amount(-d.amount), adjustmentReason, 'ZZ', x12Text(`${d.rule}${d.poNumbers.length ? ` ${d.poNumbers.slice(0, 6).join(' ')}` : ''}`, 50)));
  const carried = remittance.carryForward > 0 ? [segment('ADX', x12Amount(remittance.carryForward), adjustmentReason, 'ZZ', 'CARRIED TO NEXT PAYMENT')] : [];
  return interchange(
    { ...envelope, functionalId: 'RA' },
    {
      id: '820',
      segments: [
        segment('BPR', 'I', x12Amount(remittance.amount), 'C', 'ACH', '', '', '', '', '', '', '', '', '', '', '', date),
        segment('TRN', '1', x12Text(remittance.reference, 50)),
        segment('CUR', 'PR', remittance.currency),
        segment('REF', 'VR', x12Text(remittance.vendorId, 30)),
        segment('DTM', '097', date),
        segment('N1', 'PR', x12Text(parties.payer)),
        segment('N1', 'PE', x12Text(parties.payee)),
        segment('ENT', '1'),
        ...adjustments,
        ...carried,
        ...remittance.invoices.flatMap((invoice) => [
          segment('RMR', 'IV', x12Text(invoice.invoiceNumber, 30), '', x12Amount(invoice.amount), x12Amount(invoice.amount)),
          segment('REF', 'PO', x12Text(invoice.poNumber, 30)),
          segment('DTM', '003', invoice.invoiceDate.replace(/-/g, '')),
        ]),
      ],
    },
  );
}
