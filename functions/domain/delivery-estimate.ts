import type { PurchaseOrder } from './orders';
import type { VendorSla } from './catalog';
import { addBusinessDaysToDate, shipDueAt } from './sla-calendar';
import { vendorDay } from './vendor-day';
import { carrierNamed } from './tracking-numbers';

/**
 * The customer-facing promise: the ship date (the actual one once shipped, else the vendor's
 * estimate, else the SLA's ship-by day) and, when a transit time is configured for the carrier and
 * service (or `*`), the delivery date that many business days later.
 */
export function deliveryEstimate(po: PurchaseOrder): { estimatedShipDate?: string; estimatedDeliveryDate?: string } {
  const shipDate = po.shipments.at(-1)?.shipDate ?? po.estimatedShipDate ?? po.shipDueAt?.slice(0, 10);
  if (!shipDate || !po.sla) return shipDate ? { estimatedShipDate: shipDate } : {};
  const shipment = po.shipments.at(-1);
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
