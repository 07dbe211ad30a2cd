import type { PurchaseOrder, ShipMethod } from '../orders';
import { carrierNamed, scacOf } from '../tracking-numbers';
import { interchange, segment, x12Date, x12Text, type EnvelopeSettings } from './envelope';

const money = (minorUnits: number) => (minorUnits / 100).toFixed(2);

/** TD5: the SCAC when we know the carrier (TD502 2), else its name as routing text; the service as TD505 text. */
function carrierDetails(method: ShipMethod): string {
  const carrier = carrierNamed(method.carrier);
  const routing = x12Text([method.carrier, method.service].filter(Boolean).join(' '), 35);
  return carrier ? segment('TD5', '', '2', scacOf(carrier), '', routing) : segment('TD5', '', '', '', '', routing);
}

/**
 * The X12 004010 850 for a dropship PO: BEG (BEG02 DS = dropship), CUR, REF*CO (the retailer's
 * order id), DTM*004 (PO date), N1/N3/N4 ship-to with the customer's address, one PO1 per open
 * line (PO1-01 the line number; VP vendor part, BP buyer part, UP/EN its GTIN), CTT with the line
 * count and the quantity hash total. For the packing slip: N1*BY the retailer as sold-by, MSG the
 * customer's message; TD5 the requested carrier and service (per line when a line differs).
 * Cancelled lines are left out.
 */
export function purchaseOrder850(po: PurchaseOrder, envelope: Omit<EnvelopeSettings, 'functionalId'>, options: { resend?: boolean; soldBy?: string } = {}): string {
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
        ...(po.packingSlipMessage ? [segment('MSG', x12Text(po.packingSlipMessage, 264))] : []),
        ...(po.shipMethod ? [carrierDetails(po.shipMethod)] : []),
        ...(options.soldBy ? [segment('N1', 'BY', x12Text(options.soldBy), '92', x12Text(envelope.sender.id, 80))] : []),
        segment('N1', 'ST', x12Text(shipTo.name)),
        segment('N3', x12Text(shipTo.line1, 55), x12Text(shipTo.line2, 55) || undefined),
        segment('N4', x12Text(shipTo.city, 30), x12Text(shipTo.region, 2), x12Text(shipTo.postalCode, 15), shipTo.country),
        ...lines.flatMap((line) => [
          segment('PO1', line.lineNumber, line.quantity, 'EA', money(line.unitCost), '', 'VP', x12Text(line.vendorSku, 48), 'BP', x12Text(line.sku, 48), ...(line.gtin ? [line.gtin.length === 12 ? 'UP' : 'EN', line.gtin] : [])),
          ...(line.shipMethod && JSON.stringify(line.shipMethod) !== JSON.stringify(po.shipMethod) ? [carrierDetails(line.shipMethod)] : []),
        ]),
        segment('CTT', lines.length, lines.reduce((total, line) => total + line.quantity, 0)),
      ],
    },
  );
}
