import { exceptionTypes, type ExceptionType, type OpenException } from './exception-types';
import type { PurchaseOrder } from './orders';
import type { PurchaseOrderStatus } from './purchase-order-status';

export { exceptionTypes, type ExceptionType, type OpenException };

export interface Resolution {
  by: string;
  note: string;
  action?: 'RETRY_TRANSMISSION' | 'CANCEL_PO' | 'EXTEND_DUE_DATE';
}

/** Exceptions about a vendor as a whole rather than one PO: one open per vendor, updated as it recurs. */
export const vendorExceptionTypes: readonly ExceptionType[] = ['EDI_REJECTED'];

/** The exception as the Exceptions tab shows it. A vendor-wide one has no PO or order. */
export interface ExceptionRecord extends OpenException {
  poNumber?: string;
  orderId?: string;
  vendorId: string;
  /** Vendor-wide exceptions: how often the condition recurred while open, and when last. */
  occurrences?: number;
  lastAt?: string;
  status: 'OPEN' | 'RESOLVED';
  resolvedAt?: string;
  /** How long it was open, in seconds. */
  openSeconds?: number;
  resolution?: Resolution | { by: 'system'; note: string };
}

/**
 * Exception ids name their subject (a PO, or `VENDOR-<vendorId>`), type and opening time, so a Get
 * needs no index: `PO-7K2M9QX4TB.ACK_OVERDUE.1764000000000`, `VENDOR-acme.EDI_REJECTED.1764000000000`.
 */
export const exceptionIdOf = (poNumber: string, type: ExceptionType, openedAt: string) => `${poNumber}.${type}.${Date.parse(openedAt)}`;

export const vendorSubject = (vendorId: string) => `VENDOR-${vendorId}`;

export function parseExceptionId(exceptionId: string): ({ poNumber: string } | { vendorId: string }) & { type: ExceptionType; openedAt: string } | undefined {
  const match = /^(.+)\.([A-Z_]+)\.(\d{10,15})$/.exec(exceptionId);
  const type = match?.[2] as ExceptionType | undefined;
  if (!match?.[1] || !type || !exceptionTypes.includes(type)) return undefined;
  const openedAt = new Date(Number(match[3])).toISOString();
  if (vendorExceptionTypes.includes(type)) return match[1].startsWith('VENDOR-') ? { vendorId: match[1].slice('VENDOR-'.length), type, openedAt } : undefined;
  return { poNumber: match[1], type, openedAt };
}

/** Opens an exception on a PO unless one of that type is open already. */
export function openException(po: PurchaseOrder, type: ExceptionType, detail: string, at: Date): PurchaseOrder {
  if (po.openExceptions?.[type]) return po;
  const openedAt = at.toISOString();
  return {
    ...po,
    openExceptions: { ...po.openExceptions, [type]: { exceptionId: exceptionIdOf(po.poNumber, type, openedAt), type, openedAt, detail } },
    raisedExceptions: [...new Set([...(po.raisedExceptions ?? []), type])],
  };
}

const closed: readonly PurchaseOrderStatus[] = ['DISPATCHED', 'DELIVERED', 'CANCELLED', 'REJECTED'];

const packagesOf = (po: PurchaseOrder) => po.shipments.flatMap((s) => s.packages);
const ended = (status: string | undefined) => status === 'DELIVERED' || status === 'RETURNED_TO_SENDER';

/** Packages the carrier has never scanned (labels printed, parcels not moving). */
export const unscanned = (po: PurchaseOrder) => packagesOf(po).filter((p) => p.tracking && !p.tracking.firstScanAt && !ended(p.tracking.status));

/** Packages scanned but silent for the vendor's stuck-after days as of `at` (epoch ms). */
export const stuckPackages = (po: PurchaseOrder, at: number) => {
  const window = (po.sla?.stuckAfterDays ?? 4) * 86_400_000;
  return packagesOf(po).filter((p) => p.tracking?.firstScanAt && p.tracking.lastEventAt && !ended(p.tracking.status) && Date.parse(p.tracking.lastEventAt) + window <= at);
};

/** The deadline each return exception watches on a PO's returns: the answer while requested, the receipt once the parcel reached the vendor. */
const returnDeadline = { RETURN_NOT_ANSWERED: 'answerDueAt', RETURN_NOT_RECEIVED: 'receiveDueAt' } as const;
export type ReturnExceptionType = keyof typeof returnDeadline;
export const returnExceptionTypes = Object.keys(returnDeadline) as ReturnExceptionType[];

/** The PO's returns (RMA and deadline) whose deadline of this kind had passed at `asOf` (ISO). */
export const overdueReturns = (po: PurchaseOrder, type: ReturnExceptionType, asOf: string) =>
  Object.entries(po.returns ?? {}).flatMap(([rmaId, r]) => {
    const due = r[returnDeadline[type]];
    return due && due <= asOf ? [{ rmaId, due }] : [];
  });

/** When a return deadline next falls due that no open exception already covers. */
export const nextReturnDeadline = (po: PurchaseOrder): string | undefined =>
  returnExceptionTypes
    .flatMap((type) => {
      const coveredTo = po.openExceptions?.[type]?.openedAt ?? '';
      return Object.values(po.returns ?? {}).map((r) => r[returnDeadline[type]]).filter((due): due is string => due !== undefined && due > coveredTo);
    })
    .sort()[0];

/** When each exception stops being true: the PO has moved on, so it closes itself. */
const resolvedBy: Record<ExceptionType, (po: PurchaseOrder) => boolean> = {
  ACK_OVERDUE: (po) => po.status !== 'SENT_TO_VENDOR',
  SHIP_OVERDUE: (po) => closed.includes(po.status),
  DELAYED: (po) => closed.includes(po.status),
  BACKORDER_OVERDUE: (po) => closed.includes(po.status) || !po.lines.some((l) => l.status === 'BACKORDERED' && l.shippedQuantity < l.acceptedQuantity),
  BACKORDER_DATE_MISSING: (po) => closed.includes(po.status) || !po.lines.some((l) => l.status === 'BACKORDERED' && !l.backorderDate && l.shippedQuantity < l.acceptedQuantity),
  TRANSMISSION_FAILED: (po) => po.status !== 'PENDING' || po.transmittedAt !== undefined,
  VENDOR_REJECTED: () => false,
  EDI_REJECTED: () => false,
  NO_CARRIER_SCAN: (po) => unscanned(po).length === 0,
  STUCK_IN_TRANSIT: (po) => stuckPackages(po, Date.parse(po.openExceptions?.STUCK_IN_TRANSIT?.openedAt ?? '') || 0).length === 0,
  // Only ops know whether the customer got two: they resolve it.
  SHIPPED_AFTER_REROUTE: () => false,
  // Answered (or received) returns leave the PO's deadlines: none left that was overdue when it opened.
  RETURN_NOT_ANSWERED: (po) => overdueReturns(po, 'RETURN_NOT_ANSWERED', po.openExceptions?.RETURN_NOT_ANSWERED?.openedAt ?? '').length === 0,
  RETURN_NOT_RECEIVED: (po) => overdueReturns(po, 'RETURN_NOT_RECEIVED', po.openExceptions?.RETURN_NOT_RECEIVED?.openedAt ?? '').length === 0,
};

/** Drops from the PO every open exception whose condition has ended. */
export function closeResolvedExceptions(po: PurchaseOrder): PurchaseOrder {
  const open = Object.values(po.openExceptions ?? {});
  const still = open.filter((exception) => !resolvedBy[exception.type](po));
  if (still.length === open.length) return po;
  return { ...po, openExceptions: Object.fromEntries(still.map((e) => [e.type, e])) };
}

/**
 * The exception records a PO change must write: one OPEN record for each exception it opened and
 * one RESOLVED record (with how long it was open) for each it closed.
 */
export type PoExceptionRecord = ExceptionRecord & { poNumber: string; orderId: string };

export function exceptionChanges(before: PurchaseOrder, after: PurchaseOrder, at: Date, resolution?: Resolution): PoExceptionRecord[] {
  const was = before.openExceptions ?? {};
  const now = after.openExceptions ?? {};
  const base = { poNumber: after.poNumber, orderId: after.orderId, vendorId: after.vendorId };
  const opened = Object.values(now)
    .filter((e) => was[e.type]?.exceptionId !== e.exceptionId)
    .map((e): PoExceptionRecord => ({ ...base, ...e, status: 'OPEN' }));
  const resolved = Object.values(was)
    .filter((e) => now[e.type]?.exceptionId !== e.exceptionId)
    .map((e): PoExceptionRecord => ({
      ...base,
      ...e,
      status: 'RESOLVED',
      resolvedAt: at.toISOString(),
      openSeconds: Math.max(0, Math.round((at.getTime() - Date.parse(e.openedAt)) / 1000)),
      resolution: resolution ?? { by: 'system', note: `closed itself: purchase order is ${after.status}` },
    }));
  return [...opened, ...resolved];
}
