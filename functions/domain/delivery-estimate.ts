import type { PurchaseOrder } from './orders';
import type { VendorSla } from './catalog';
import { addBusinessDaysToDate, shipDueAt } from './sla-calendar';
import { vendorDay } from './vendor-day';
import { carrierNamed } from './tracking-numbers';
import { movedPromise } from './delivery-learning';

/**
 * The customer-facing promise as it stands: the ship date (the actual one once shipped, else the
 * vendor's, else the promised ship-by day or the SLA's) and the delivery date. A PO promised at
 * its order (`promise`) moves its window by the transit it was promised with once the vendor names
 * a ship date or ships; an older PO adds the SLA's transit for the carrier and service (or `*`).
 */
export function deliveryEstimate(po: PurchaseOrder): { estimatedShipDate?: string; estimatedDeliveryDate?: string; deliveryWindow?: { earliest: string; latest: string } } {
  const shipment = po.shipments.at(-1);
  if (po.promise?.deliveryWindow) {
    const window = movedPromise(po, po.sla ?? { timeZone: 'UTC', holidays: [] });
    const shipDate = shipment?.shipDate ?? (po.shipDateSource === 'VENDOR' ? po.estimatedShipDate : undefined) ?? po.promise.shipBy;
    return { estimatedShipDate: shipDate, ...(window && { estimatedDeliveryDate: window.latest, deliveryWindow: window }) };
  }
  const shipDate = shipment?.shipDate ?? po.estimatedShipDate ?? po.shipDueAt?.slice(0, 10);
  if (!shipDate || !po.sla) return shipDate ? { estimatedShipDate: shipDate } : {};
  const transit = po.sla.transitBusinessDays;
  const days = (shipment && transit[`${carrierNamed(shipment.carrier)?.code ?? shipment.carrier.toUpperCase()}:${shipment.service.toUpperCase()}`]) ?? transit['*'];
  return { estimatedShipDate: shipDate, ...(days !== undefined && { estimatedDeliveryDate: addBusinessDaysToDate(shipDate, days, po.sla) }) };
}

/**
 * What a vendor's SLA promises for an order placed at `at`: its ship-by day (cut-off, business days,
 * holidays, in its zone) and, with a default transit time (`*`), the delivery day that many business
 * days later. The order-received message, a cart's estimate and a re-routed line all promise this.
 */
export function slaPromise(at: Date, sla: VendorSla): { shipBy: string; deliverBy?: string } {
  const shipBy = vendorDay(shipDueAt(at, sla).toISOString(), sla.timeZone);
  const transit = sla.transitBusinessDays?.['*'];
  return { shipBy, ...(transit !== undefined && { deliverBy: addBusinessDaysToDate(shipBy, transit, sla) }) };
}
