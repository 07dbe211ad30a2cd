import type { PurchaseOrder, VendorNotice } from '../orders';
import { interchange, segment, x12Date, type EnvelopeSettings } from './envelope';

/**
 * The X12 004010 860 telling a vendor about a cancellation: BCH01 01 cancels the whole PO, 04
 * changes it, with POC*…*DI (delete item) for each cancelled line.
 */
export function changeOrder860(po: PurchaseOrder, notice: VendorNotice, envelope: Omit<EnvelopeSettings, 'functionalId'>): string {
  const whole = po.status === 'CANCELLED';
  const cancelled = po.lines.filter((line) => notice.lineNumbers.includes(line.lineNumber));
  return interchange(
    { ...envelope, functionalId: 'PC' },
    {
      id: '860',
      segments: [
        segment('BCH', whole ? '01' : '04', 'DS', po.poNumber, '', '', x12Date(new Date(po.createdAt))),
        segment('REF', 'CO', po.orderId),
        segment('DTM', '004', x12Date(envelope.at)),
        ...cancelled.map((line) => segment('POC', line.lineNumber, 'DI', line.quantity, 0, 'EA', '', 'VP', line.vendorSku)),
        segment('CTT', cancelled.length),
      ],
    },
  );
}
