import type { DeliveryPromise } from './delivery-learning';
import type { InvoiceStatus } from './invoices';
import type { ReturnOnPo } from './returns';
import type { PlaceOrderInput } from '../contracts/orders';
import type { ExceptionType, OpenException } from './exception-types';
import type { PurchaseOrderStatus } from './purchase-order-status';
import type { TestMark } from './certification-steps';
import type { RerouteOrigin, RerouteOutcome, RerouteTrigger } from './reroute-types';

/**
 * The order and its vendor purchase orders as the service keeps them: lines, status history,
 * shipments and their packages' tracking, the SLA stamped at transmission. Placement
 * (order-placement.ts) makes them; the lifecycle (purchase-order-lifecycle.ts) moves them on.
 */
export type Fulfillment = 'DROPSHIP' | 'WAREHOUSE';

export interface ShipMethod {
  carrier: string;
  service?: string;
}

export interface OrderLine {
  lineNumber: number;
  sku: string;
  /** The product's name when the order was placed, for the customer's messages. */
  name?: string;
  quantity: number;
  unitPrice: number;
  fulfillment: Fulfillment;
  vendorId?: string;
  poNumber?: string;
  /** Why this source was chosen, and whether its stock was reserved or unknown (flagged). */
  routing?: { reason: string; stock: 'RESERVED' | 'UNKNOWN' };
}

export interface Order extends Omit<PlaceOrderInput, 'lines'> {
  orderId: string;
  storefrontId: string;
  status: 'RECEIVED';
  lines: OrderLine[];
  poNumbers: string[];
  /** The latest ship-by and delivery dates its POs' promises allow, as told to the customer at the order. */
  promisedShipBy?: string;
  promisedDeliveryBy?: string;
  /** A certification run's test order: no customer, no stock, no analytics. */
  test?: { runId: string };
  /** Seeded demo history (`npm start -- --reset`): never a real customer's. */
  demo?: boolean;
  createdAt: string;
}

export type PurchaseOrderLineStatus = 'OPEN' | 'ACCEPTED' | 'BACKORDERED' | 'REJECTED' | 'CANCELLED';

export interface PurchaseOrderLine {
  /** Numbered from 1; the same number as PO1-01 in the X12 850. */
  lineNumber: number;
  orderLineNumber: number;
  sku: string;
  vendorSku: string;
  /** The product's GTIN (UPC/EAN), when it has one: partners may name the line by it. */
  gtin?: string;
  shipMethod?: ShipMethod;
  quantity: number;
  unitCost: number;
  status: PurchaseOrderLineStatus;
  /** What the vendor agreed to ship; the ordered quantity until it says otherwise. */
  acceptedQuantity: number;
  shippedQuantity: number;
  /** Units taken from the vendor's stock figure at order time; given back if the line is cancelled or rejected. */
  reservedQuantity?: number;
  reason?: string;
  backorderDate?: string;
  /** Answered by the acknowledgment's header, not by a line of its own (an 855 that left the line out). */
  implied?: boolean;
  /** The vendor dropped the line (rejected it; the SLA check cancelled it unacknowledged): it waits for the re-routing decision. */
  dropped?: { trigger: RerouteTrigger; at: string };
  /** Where the dropped line went, or why it stayed with this PO, closed. */
  reroute?: RerouteOutcome;
  /** A line re-routed here from another PO. */
  rerouteOf?: RerouteOrigin;
}

export interface ShipmentPackage {
  trackingNumber: string;
  /** The carrier's code (UPS, FEDEX, ODFL …), or the name the vendor gave for one we do not list. */
  carrier?: string;
  /** VERIFIED: the number passed its carrier's check; UNVERIFIED: a carrier we cannot check (freight, regional). */
  verification?: 'VERIFIED' | 'UNVERIFIED';
  /** Absent for a carrier with no known tracking page. */
  trackingUrl?: string;
  lines: { lineNumber: number; quantity: number }[];
  /** The parcel's journey from carrier events (absent on packages shipped before tracking existed). */
  tracking?: PackageTracking;
}

export const packageStatuses = ['LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED_TO_SENDER'] as const;
export type PackageStatus = (typeof packageStatuses)[number];

export interface TrackingEvent {
  status: PackageStatus;
  at: string;
  location?: string;
  description?: string;
}

export interface PackageTracking {
  status: PackageStatus;
  /** When the carrier must have scanned it by (the vendor's SLA counted from the ship date); NO_CARRIER_SCAN after. */
  scanDueAt?: string;
  /** When the carrier first scanned it (any event after the label), and when it last said anything. */
  firstScanAt?: string;
  lastEventAt?: string;
  deliveredAt?: string;
  /** The carrier's events, oldest first (the latest 25). */
  events: TrackingEvent[];
}

export interface Shipment {
  shipmentId: string;
  carrier: string;
  service: string;
  shipDate: string;
  packages: ShipmentPackage[];
  receivedAt: string;
  source: 'API' | 'EDI';
}

export interface PurchaseOrderSla {
  shipWithinBusinessDays: number;
  cutoffTime: string;
  timeZone: string;
  holidays: string[];
  transitBusinessDays: Record<string, number>;
  /** The parcel checks (absent on POs sent before they existed: 24 and 4). */
  firstScanWithinBusinessHours?: number;
  stuckAfterDays?: number;
}

/** What the vendor must still be told, sent by the workflow's NotifyVendor step. */
export interface VendorNotice {
  type: 'CANCELLATION';
  lineNumbers: number[];
  reason: string;
}

export interface StatusChange {
  at: string;
  status: PurchaseOrderStatus;
  by: string;
  note?: string;
}

export interface PurchaseOrder {
  poNumber: string;
  orderId: string;
  vendorId: string;
  status: PurchaseOrderStatus;
  version: number;
  currency: string;
  shipTo: PlaceOrderInput['shippingAddress'] & { name: string };
  /** The customer's requested carrier and service, and packing-slip message, passed on to the vendor. */
  shipMethod?: ShipMethod;
  packingSlipMessage?: string;
  lines: PurchaseOrderLine[];
  history: StatusChange[];
  shipments: Shipment[];
  estimatedShipDate?: string;
  /** The delivery promised when the order was placed (what the customer saw), and how it was made. */
  promise?: DeliveryPromise;
  /** How the vendor is paid for it (stamped when sent): its own invoices, or one made for each shipment at PO cost. */
  invoicing?: 'VENDOR_INVOICES' | 'PAY_ON_SHIPMENT';
  /** The vendor's invoices for it by number: each revision's status and what each line took (for the next invoice's match). */
  invoices?: Record<string, { revision: number; status: InvoiceStatus; quantities: Record<number, number> }>;
  /** Customer returns of its lines by RMA: each one's status and what each line took (for the next return's check). */
  returns?: Record<string, ReturnOnPo>;
  /** Where the estimated ship date came from: the vendor, or the SLA when the vendor gave none. */
  shipDateSource?: 'VENDOR' | 'SLA';
  /** The workflow's task token while it waits on this PO; whoever moves the PO on takes it. */
  taskToken?: string;
  /**
   * A token taken by a change whose wake-up Step Functions refused (outage, throttling): kept so
   * the SLA check wakes the execution later, and since when.
   */
  pendingWakeToken?: string;
  pendingWakeSince?: string;
  vendorNotice?: VendorNotice;
  /** The cancelled lines the vendor has confirmed it will not ship (portal), and when it last did. */
  cancellationConfirmed?: { lineNumbers: number[]; at: string };
  transmittedAt?: string;
  acknowledgedAt?: string;
  dispatchedAt?: string;
  /** When the last of its packages was delivered (status DELIVERED). */
  deliveredAt?: string;
  /** The vendor's SLA as it stood when the PO was sent: due times are computed from it. */
  sla?: PurchaseOrderSla;
  ackDueAt?: string;
  shipDueAt?: string;
  ackReminderAt?: string;
  autoCancelAt?: string;
  reminderSentAt?: string;
  /** Open exceptions, at most one per type; and every type ever raised, so a check raises each once. */
  openExceptions?: Partial<Record<ExceptionType, OpenException>>;
  raisedExceptions?: ExceptionType[];
  /** Set the first time the PO is late to acknowledge or ship (for the vendor's delay frequency). */
  late?: boolean;
  /** A certification run's test PO: it reaches no customer, stock, analytics or Exceptions tab. */
  test?: TestMark;
  /** Seeded demo history (`npm start -- --reset`), flagged so it is never mistaken for live data. */
  demo?: boolean;
  /** A PO made by re-routing lines another vendor dropped: that PO's number (each line names its own origin). */
  rerouteOf?: string;
  createdAt: string;
  updatedAt: string;
}
