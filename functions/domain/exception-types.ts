/** The kinds of exception and the summary a PO keeps of each open one (a module of its own: the PO model needs only these). */
export const exceptionTypes = [
  'ACK_OVERDUE',
  'SHIP_OVERDUE',
  'DELAYED',
  'BACKORDER_OVERDUE',
  /** A line backordered with no date anywhere (an 855 ACK*IB without one): the vendor is asked for it. */
  'BACKORDER_DATE_MISSING',
  'VENDOR_REJECTED',
  'TRANSMISSION_FAILED',
  'EDI_REJECTED',
  'NO_CARRIER_SCAN',
  'STUCK_IN_TRANSIT',
  /** The first vendor shipped a line anyway after it was re-routed: two parcels may be on the way. */
  'SHIPPED_AFTER_REROUTE',
  /** A customer's return the vendor has not answered within its policy's hours. */
  'RETURN_NOT_ANSWERED',
  /** A return parcel the carrier delivered to the vendor, not confirmed received within its policy's days. */
  'RETURN_NOT_RECEIVED',
] as const;
export type ExceptionType = (typeof exceptionTypes)[number];

/** The summary kept on the PO while an exception is open: at most one per type. */
export interface OpenException {
  exceptionId: string;
  type: ExceptionType;
  openedAt: string;
  detail: string;
}

