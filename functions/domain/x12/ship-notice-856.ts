import type { ShipmentNotice } from '../purchase-order-lifecycle';
import { segmentErrors } from './functional-ack-997';
import { isoDateOf, setError, type InboundSet } from './inbound';

export interface ShipNotice856 {
  poNumber: string;
  notice: ShipmentNotice;
}

/**
 * Reads an 856: BSN (BSN02 shipment id, BSN03 date), then the HL tree. Shipment level (S): TD5
 * (TD5-03 carrier SCAC, TD5-05 service), DTM*011 ship date, REF*CN tracking. Order level (O): PRF
 * the PO number. Pack level (P): REF*CN or MAN*GM its own tracking number. Item level (I): LIN
 * (LIN01 the PO line number) and SN1 (SN102 the quantity shipped). Items without a pack go in a
 * package under the shipment's tracking number.
 */
export function readShipNotice856(set: InboundSet): ShipNotice856 {
  const bsn = set.segments.find((s) => s.tag === 'BSN');
  if (!bsn) throw setError(undefined, 'BSN', segmentErrors.mandatoryMissing, 'BSN is missing');
  let poNumber = '';
  let carrier = '';
  let service = '';
  let shipDate = isoDateOf(bsn.elements[2]) ?? '';
  let shipmentTracking = '';
  const packages = new Map<string, { trackingNumber: string; lines: { lineNumber: number; quantity: number }[] }>();
  let level = '';
  let packKey = '';
  let lineNumber: number | undefined;

  for (const segment of set.segments) {
    const [e1 = '', e2 = '', e3 = '', , e5 = ''] = segment.elements;
    switch (segment.tag) {
      case 'HL':
        level = e3;
        if (level === 'P' || level === 'T') packKey = `HL${e1}`;
        if (level === 'O' || level === 'S') packKey = '';
        break;
      case 'TD5':
        carrier ||= e3;
        service ||= e5;
        break;
      case 'DTM':
        if (e1 === '011') shipDate = isoDateOf(e2) ?? shipDate;
        break;
      case 'PRF':
        poNumber ||= e1;
        break;
      case 'REF':
      case 'MAN':
        if ((segment.tag === 'REF' && e1 === 'CN') || (segment.tag === 'MAN' && e1 === 'GM')) {
          if (level === 'S') shipmentTracking = e2;
          else if (packKey) packages.set(packKey, { trackingNumber: e2, lines: packages.get(packKey)?.lines ?? [] });
        }
        break;
      case 'LIN':
        lineNumber = Number(e1);
        if (!Number.isInteger(lineNumber) || lineNumber < 1) throw setError(segment, 'LIN', segmentErrors.dataElementErrors, 'LIN01 must be the PO line number');
        break;
      case 'SN1': {
        const quantity = Number(e2);
        if (lineNumber === undefined) throw setError(segment, 'SN1', segmentErrors.unexpected, 'SN1 must follow a LIN');
        if (!Number.isInteger(quantity) || quantity < 1) throw setError(segment, 'SN1', segmentErrors.dataElementErrors, 'SN102 must be a whole quantity');
        const key = packKey || 'SHIPMENT';
        const pkg = packages.get(key) ?? { trackingNumber: key === 'SHIPMENT' ? shipmentTracking : '', lines: [] };
        pkg.lines.push({ lineNumber, quantity });
        packages.set(key, pkg);
        break;
      }
    }
  }
  if (!poNumber) throw setError(undefined, 'PRF', segmentErrors.mandatoryMissing, 'PRF (the PO number) is missing');
  if (!carrier) throw setError(undefined, 'TD5', segmentErrors.mandatoryMissing, 'TD5 with the carrier SCAC is missing');
  for (const pkg of packages.values()) pkg.trackingNumber ||= shipmentTracking;
  if ([...packages.values()].some((p) => !p.trackingNumber)) throw setError(undefined, 'REF', segmentErrors.mandatoryMissing, 'a package has no REF*CN tracking number');
  return {
    poNumber,
    notice: {
      shipmentId: bsn.elements[1] || `${poNumber}-${set.controlNumber}`,
      carrier,
      service: service || 'STANDARD',
      shipDate,
      packages: [...packages.values()].filter((p) => p.lines.length > 0),
      source: 'EDI',
    },
  };
}
