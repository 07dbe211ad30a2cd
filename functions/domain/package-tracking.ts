import type { PackageStatus, PackageTracking, PurchaseOrder, ShipmentPackage, TrackingEvent } from './orders';
import { advance, type Actor } from './purchase-order-lifecycle';

/** A carrier's event about one tracking number, from the carrier API or an aggregator's webhook. */
export interface CarrierEvent {
  trackingNumber: string;
  carrier?: string;
  status: PackageStatus;
  at: string;
  location?: string;
  description?: string;
  eventId?: string;
}

/** Statuses a package cannot leave: what comes after them is noise (a late "in transit" scan). */
const terminal: readonly PackageStatus[] = ['DELIVERED', 'RETURNED_TO_SENDER'];
/** Events worth a line in the PO's timeline (every event stays in the package's own history). */
const noted: readonly PackageStatus[] = ['OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED_TO_SENDER'];
const keptEvents = 25;

export const normalizeTrackingNumber = (trackingNumber: string) => trackingNumber.replace(/\s+/g, '').toUpperCase();

/**
 * A package's journey with one more event. Events are kept oldest first; the status is the latest
 * event's by time, so an event arriving late never moves a package backwards, and once delivered
 * (or returned) it stays so. The same event twice (status and time) changes nothing.
 */
export function trackPackage(tracking: PackageTracking | undefined, event: TrackingEvent): PackageTracking {
  const current: PackageTracking = tracking ?? { status: 'LABEL_CREATED', events: [] };
  if (current.events.some((e) => e.status === event.status && Date.parse(e.at) === Date.parse(event.at))) return current;
  const events = [...current.events, event].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-keptEvents);
  const ended = events.filter((e) => terminal.includes(e.status)).at(-1);
  const latest = ended ?? events.at(-1) ?? event;
  const scans = events.filter((e) => e.status !== 'LABEL_CREATED');
  const delivered = events.find((e) => e.status === 'DELIVERED');
  return {
    ...current,
    status: latest.status,
    events,
    ...(scans[0] && { firstScanAt: [current.firstScanAt, scans[0].at].filter((d): d is string => Boolean(d)).sort()[0] }),
    lastEventAt: [current.lastEventAt, event.at].filter((d): d is string => Boolean(d)).sort().at(-1) ?? event.at,
    ...(delivered && { deliveredAt: delivered.at }),
  };
}

const packagesOf = (po: PurchaseOrder) => po.shipments.flatMap((s) => s.packages);
const deliveredAll = (po: PurchaseOrder) => packagesOf(po).every((p) => p.tracking?.status === 'DELIVERED');

/**
 * Applies a carrier event to every package of the PO with that tracking number. The PO becomes
 * DELIVERED when it is fully dispatched and every package is delivered. Returns the PO itself
 * when nothing changed (a duplicate, or a number not on it).
 *
 * @example applyCarrierEvent(po, { trackingNumber: '1Z…', status: 'DELIVERED', at: '2026-11-28T15:02:00Z' }, actor)
 */
export function applyCarrierEvent(po: PurchaseOrder, event: CarrierEvent, actor: Actor): PurchaseOrder {
  const number = normalizeTrackingNumber(event.trackingNumber);
  const happened: TrackingEvent = { status: event.status, at: new Date(event.at).toISOString(), ...(event.location && { location: event.location }), ...(event.description && { description: event.description }) };
  let changed = false;
  let moved = false;
  const shipments = po.shipments.map((shipment) => ({
    ...shipment,
    packages: shipment.packages.map((pkg): ShipmentPackage => {
      if (normalizeTrackingNumber(pkg.trackingNumber) !== number) return pkg;
      const tracking = trackPackage(pkg.tracking, happened);
      if (tracking === pkg.tracking) return pkg;
      changed = true;
      moved ||= tracking.status !== pkg.tracking?.status;
      return { ...pkg, tracking };
    }),
  }));
  if (!changed) return po;
  const next = { ...po, shipments };
  const delivered = po.status === 'DISPATCHED' && deliveredAll(next);
  // The timeline notes where a package now is; an older event arriving late only fills in its history.
  const note = moved && noted.includes(event.status)
    ? `package ${number}: ${event.status.toLowerCase().replace(/_/g, ' ')}${event.location ? ` at ${event.location}` : ''}${event.description ? ` (${event.description})` : ''}`
    : undefined;
  return advance(po, { shipments, ...(delivered && { status: 'DELIVERED' as const, deliveredAt: happened.at }) }, actor, note);
}
