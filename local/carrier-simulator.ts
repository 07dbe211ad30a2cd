import { createHash } from 'node:crypto';
import type { Dependencies } from '../functions/dependencies';
import type { PurchaseOrder } from '../functions/domain/orders';
import type { CarrierEvent } from '../functions/domain/package-tracking';
import { applyCarrierEvents } from '../functions/services/tracking-events';
import { listPurchaseOrders } from '../functions/store/purchase-order-store';

/**
 * Offline only: a carrier for every package we ship, so the journey after Dispatched shows without
 * a real carrier. Each package gets a plausible path from the time its shipment was recorded (on
 * the service's clock, which `POST /_local/clock` moves): picked up after 4 hours, through a hub
 * overnight, out for delivery on day 2 and delivered that afternoon. A few per hundred never get
 * scanned (a label printed, a parcel never handed over), a few hit a delivery exception first, and
 * a few go quiet after the hub (lost in the network), so the checks and the scorecard have something
 * to show. The same number always gets the same path.
 */
const hour = 3_600_000;

export type Fate = 'DELIVERED' | 'NEVER_SCANNED' | 'EXCEPTION_THEN_DELIVERED' | 'LOST';

export function fateOf(trackingNumber: string): Fate {
  const roll = createHash('sha256').update(trackingNumber).digest().readUInt16BE(0) % 100;
  return roll < 3 ? 'NEVER_SCANNED' : roll < 6 ? 'EXCEPTION_THEN_DELIVERED' : roll < 8 ? 'LOST' : 'DELIVERED';
}

/** The events a package's carrier will report, with when. */
export function plannedEvents(trackingNumber: string, shippedAt: string, city = 'Springfield'): CarrierEvent[] {
  const fate = fateOf(trackingNumber);
  if (fate === 'NEVER_SCANNED') return [];
  const start = Date.parse(shippedAt);
  const at = (hours: number) => new Date(start + hours * hour).toISOString();
  const base = { trackingNumber };
  const delay = fate === 'EXCEPTION_THEN_DELIVERED' ? 24 : 0;
  const scans: CarrierEvent[] = [
    { ...base, status: 'IN_TRANSIT', at: at(4), location: 'Origin facility', description: 'Picked up' },
    { ...base, status: 'IN_TRANSIT', at: at(20), location: 'Regional hub', description: 'Departed facility' },
  ];
  if (fate === 'LOST') return scans;
  return [
    ...scans,
    ...(delay ? [{ ...base, status: 'EXCEPTION' as const, at: at(30), location: city, description: 'Address information needed; contact the carrier' }] : []),
    { ...base, status: 'OUT_FOR_DELIVERY', at: at(44 + delay), location: city, description: 'Out for delivery' },
    { ...base, status: 'DELIVERED', at: at(50 + delay), location: city, description: 'Delivered, front door' },
  ];
}

/** Events due by now that the package has not heard yet. */
export function dueEvents(po: PurchaseOrder, now: number): CarrierEvent[] {
  return po.shipments.flatMap((shipment) =>
    shipment.packages.flatMap((pkg) => {
      const known = new Set((pkg.tracking?.events ?? []).map((e) => `${e.status}#${Date.parse(e.at)}`));
      return plannedEvents(pkg.trackingNumber, shipment.receivedAt, po.shipTo.city).filter((e) => Date.parse(e.at) <= now && !known.has(`${e.status}#${Date.parse(e.at)}`));
    }),
  );
}

/** One pass: every PO in transit (read from the status index, never a Scan) gets its due events. */
export async function runCarrierSimulator(dependencies: Dependencies): Promise<{ events: number; applied: number }> {
  const now = dependencies.now().getTime();
  const events: CarrierEvent[] = [];
  for (const status of ['DISPATCHED', 'PARTIALLY_DISPATCHED'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listPurchaseOrders(dependencies.table, { status }, { limit: 100, ...(cursor && { cursor }) });
      for (const po of page.items) events.push(...dueEvents(po, now));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  const results = [];
  for (let i = 0; i < events.length; i += 500) results.push(...(await applyCarrierEvents(dependencies, events.slice(i, i + 500), 'carrier-simulator')));
  return { events: events.length, applied: results.filter((r) => r.outcome === 'APPLIED').length };
}
