import type { PurchaseOrder } from './orders';
import type { PurchaseOrderStatus } from './purchase-order-status';

/**
 * What a PO list shows and filters by: the Dropship tab's row. Kept as its own small item beside the
 * PO, the one the list indexes project, so a change to the PO's history, shipments or task token
 * writes no index entry, and a status change rewrites a few hundred bytes in each list, not the PO.
 */
export interface PurchaseOrderSummary {
  orderId: string;
  poNumber: string;
  vendorId: string;
  status: PurchaseOrderStatus;
  lineCount: number;
  createdAt: string;
  /** The deadline the PO is working towards now: the acknowledgment's, then the shipment's. */
  dueAt: string | null;
  /** Types of the exceptions open on it. */
  exceptions: string[];
  test?: boolean;
  demo?: boolean;
  /** Made by re-routing lines another PO's vendor dropped: that PO. */
  rerouteOf?: string;
  /** Lines of this PO re-routed to another vendor. */
  reroutedAway?: number;
  /** Dropped lines whose move waits for ops' approval. */
  rerouteAwaitingApproval?: number;
}

const reroutes = (po: PurchaseOrder, outcome: 'REROUTED' | 'AWAITING_APPROVAL') => po.lines.filter((l) => l.reroute?.outcome === outcome).length;

export function purchaseOrderSummary(po: PurchaseOrder): PurchaseOrderSummary {
  const reroutedAway = reroutes(po, 'REROUTED');
  const awaitingApproval = reroutes(po, 'AWAITING_APPROVAL');
  return {
    orderId: po.orderId,
    poNumber: po.poNumber,
    vendorId: po.vendorId,
    status: po.status,
    lineCount: po.lines.length,
    createdAt: po.createdAt,
    dueAt: po.status === 'SENT_TO_VENDOR' ? (po.ackDueAt ?? null) : po.status === 'ACKNOWLEDGED' || po.status === 'PARTIALLY_DISPATCHED' ? (po.shipDueAt ?? null) : null,
    exceptions: Object.keys(po.openExceptions ?? {}),
    ...(po.test && { test: true }),
    ...(po.demo && { demo: true }),
    ...(po.rerouteOf && { rerouteOf: po.rerouteOf }),
    ...(reroutedAway > 0 && { reroutedAway }),
    ...(awaitingApproval > 0 && { rerouteAwaitingApproval: awaitingApproval }),
  };
}

/** Whether a change moved anything a list shows (so the summary item must be written again). */
export const summaryChanged = (before: PurchaseOrder, after: PurchaseOrder): boolean =>
  JSON.stringify(purchaseOrderSummary(before)) !== JSON.stringify(purchaseOrderSummary(after));
