import type { ReturnRecord } from '../returns';
import { interchange, segment, x12Date, x12Text, type EnvelopeSettings } from './envelope';

/** Our reason codes as X12 return reason codes (element 1271-ish RDR practice among dropship networks). */
const reasonCodes: Record<ReturnRecord['reason'], string> = {
  DAMAGED: 'DM', DEFECTIVE: 'DF', WRONG_ITEM: 'WI', NOT_AS_DESCRIBED: 'ND', NO_LONGER_NEEDED: 'CR', ARRIVED_LATE: 'LD', OTHER: 'ZZ',
};

/**
 * The X12 180 asking a vendor to authorise a customer's return: BGN (our RMA, the date), REF*PO (the
 * PO it came on), then per line a LIN with the vendor's part, SN1 with the quantity and RDR with the
 * reason; the customer's comment in NTE.
 */
export function returnRequest180(record: ReturnRecord, envelope: Omit<EnvelopeSettings, 'functionalId'>): string {
  return interchange(
    { ...envelope, functionalId: 'AN' },
    {
      id: '180',
      segments: [
        segment('BGN', '00', x12Text(record.rmaId, 30), x12Date(new Date(record.requestedAt))),
        segment('REF', 'PO', x12Text(record.poNumber, 30)),
        ...(record.comment ? [segment('NTE', 'GEN', x12Text(record.comment, 80))] : []),
        ...record.lines.flatMap((line) => [
          segment('LIN', line.lineNumber, 'VP', x12Text(line.vendorSku, 40), 'BP', x12Text(line.sku, 40)),
          segment('SN1', line.lineNumber, line.quantity, 'EA'),
          segment('RDR', '', reasonCodes[record.reason]),
        ]),
      ],
    },
  );
}
