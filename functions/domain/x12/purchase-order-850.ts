import type { PurchaseOrder } from '../order-placement';
import { interchange, segment, x12Date, x12Text, type EnvelopeSettings } from './envelope';

const money = (minorUnits: number) => (minorUnits / 100).toFixed(2);

/**
 * The X12 004010 850 for a dropship PO: BEG (BEG02 DS = dropship), CUR, REF*CO (the retailer's
 * order id), DTM*004 (PO date), N1/N3/N4 ship-to with the customer's address, one PO1 per open
 * line (PO1-01 the line number; VP vendor part, BP buyer part), CTT with the line count and the
 * quantity hash total. Cancelled lines are left out.
 */
export function purchaseOrder850(po: PurchaseOrder, envelope: Omit<EnvelopeSettings, 'functionalId'>, options: { resend?: boolean } = {}): string {
  const lines = po.lines.filter((line) => line.status !== 'CANCELLED');
  const poDate = x12Date(new Date(po.createdAt));
  const { shipTo } = po;
  return interchange(
    { ...envelope, functionalId: 'PO' },
    {
      id: '850',
      segments: [
        segment('BEG', options.resend ? '07' : '00', 'DS', po.poNumber, '', poDate),
        segment('CUR', 'BY', po.currency),
        segment('REF', 'CO', po.orderId),
        segment('DTM', '004', poDate),
        segment('N1', 'ST', x12Text(shipTo.name)),
        segment('N3', x12Text(shipTo.line1, 55), x12Text(shipTo.line2, 55) || undefined),
        segment('N4', x12Text(shipTo.city, 30), x12Text(shipTo.region, 2), x12Text(shipTo.postalCode, 15), shipTo.country),
        ...lines.map((line) =>
          segment('PO1', line.lineNumber, line.quantity, 'EA', money(line.unitCost), '', 'VP', x12Text(line.vendorSku, 48), 'BP', x12Text(line.sku, 48)),
        ),
        segment('CTT', lines.length, lines.reduce((total, line) => total + line.quantity, 0)),
      ],
    },
  );
}
