import { normalizeTrackingNumber } from '../domain/package-tracking';
import type { PurchaseOrder, Shipment } from '../domain/orders';
import { trackingKeys } from './keys';
import { queryAll, type Table } from './table';

/**
 * Pointers from a tracking number to the POs whose shipments carry it, written in the same
 * transaction as the shipment: a carrier event finds its POs with one Query. One box may hold two
 * POs' items, so a number may point at several.
 */
export const trackingPointerItems = (po: PurchaseOrder, shipment: Shipment) =>
  [...new Set(shipment.packages.map((p) => normalizeTrackingNumber(p.trackingNumber)))].map((trackingNumber) => ({
    ...trackingKeys.item(trackingNumber, po.poNumber),
    entity: 'TrackingPointer',
    trackingNumber,
    poNumber: po.poNumber,
    vendorId: po.vendorId,
  }));

/** What a tracking number is on: POs' shipments, and customer returns' labels (with the RMA). */
export async function trackedBy(table: Table, trackingNumber: string): Promise<{ poNumbers: string[]; rmaIds: string[] }> {
  const items = await queryAll(table, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': trackingKeys.partition(normalizeTrackingNumber(trackingNumber)) } });
  return {
    poNumbers: items.filter((item) => !item.rmaId).map((item) => String(item.poNumber)),
    rmaIds: items.filter((item) => item.rmaId).map((item) => String(item.rmaId)),
  };
}
