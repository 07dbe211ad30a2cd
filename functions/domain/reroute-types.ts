/** What re-routing records on a PO line (a module of its own: the PO model needs only these). */
export const rerouteTriggers = ['REJECTED', 'BACKORDERED', 'ACK_TIMEOUT', 'VENDOR_CANCELLED'] as const;
export type RerouteTrigger = (typeof rerouteTriggers)[number];

/** Where a dropped line went, or why it did not move; decided once per line. */
export type RerouteOutcome =
  | {
      outcome: 'REROUTED';
      poNumber: string;
      vendorId: string;
      reason: string;
      at: string;
      /** The new source's promise, by its SLA from the move: what the customer is told. */
      estimatedShipDate?: string;
      estimatedDeliveryDate?: string;
    }
  | { outcome: 'NOT_REROUTED'; reason: string; at: string }
  /** The rules ask ops to approve each move: the source it would go to, waiting for their answer. */
  | { outcome: 'AWAITING_APPROVAL'; vendorId: string; reason: string; at: string };

/** On a re-routed line: the line it came from, and what its earlier moves spent. */
export interface RerouteOrigin {
  poNumber: string;
  lineNumber: number;
  /** Every vendor the line has been with before this one. */
  triedVendorIds: string[];
  /** The unit cost at the first source: the rules' extra-cost limit is measured from it. */
  firstUnitCost: number;
}
