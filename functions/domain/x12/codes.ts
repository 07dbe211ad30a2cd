/**
 * The X12 code lists this service reads and answers with, as data: the README's EDI tables are
 * these. Sources: X12 element 587 (BAK02), 668 (ACK01), 374 (DTM01), 716/718/720/723 (997),
 * 618/620/621 (999, 005010X231A1) and I18 (TA1 note codes).
 */

/** How a BAK02 acknowledgment type treats the PO's lines. */
export interface AcknowledgmentType {
  meaning: string;
  /** What a line the vendor did not detail (no PO1, or a PO1 without ACK) becomes. */
  unlisted: 'ACCEPTED' | 'REJECTED' | 'MUST_ANSWER';
}

/** BAK02 (element 587). */
export const acknowledgmentTypes: Record<string, AcknowledgmentType> = {
  AC: { meaning: 'acknowledge with detail and change', unlisted: 'ACCEPTED' },
  AD: { meaning: 'acknowledge with detail, no change', unlisted: 'ACCEPTED' },
  AE: { meaning: 'acknowledge with exception detail only', unlisted: 'ACCEPTED' },
  AH: { meaning: 'acknowledge, hold status', unlisted: 'ACCEPTED' },
  AK: { meaning: 'acknowledge, no detail or change', unlisted: 'ACCEPTED' },
  AP: { meaning: 'acknowledge, product replenishment', unlisted: 'ACCEPTED' },
  AT: { meaning: 'accepted', unlisted: 'ACCEPTED' },
  NA: { meaning: 'no acknowledgment needed', unlisted: 'ACCEPTED' },
  RD: { meaning: 'reject with detail', unlisted: 'REJECTED' },
  RF: { meaning: 'reject with exception detail only', unlisted: 'REJECTED' },
  RJ: { meaning: 'rejected, no detail', unlisted: 'REJECTED' },
  RO: { meaning: 'rejected with counter offer', unlisted: 'REJECTED' },
  ZZ: { meaning: 'mutually defined: every line must carry its ACK', unlisted: 'MUST_ANSWER' },
};

export type LineOutcome = 'ACCEPTED' | 'REJECTED' | 'BACKORDERED';

/** ACK01 (element 668): what each line status code means here. On-hold codes wait like a backorder. */
export const lineStatusCodes: Record<string, { meaning: string; outcome: LineOutcome }> = {
  AA: { meaning: 'accepted, order forwarded to alternate supplier location', outcome: 'ACCEPTED' },
  AC: { meaning: 'accepted and shipped', outcome: 'ACCEPTED' },
  AR: { meaning: 'accepted and released for shipment', outcome: 'ACCEPTED' },
  BP: { meaning: 'accepted, partial shipment, balance backordered', outcome: 'ACCEPTED' },
  DR: { meaning: 'accepted, date rescheduled', outcome: 'ACCEPTED' },
  IA: { meaning: 'accepted', outcome: 'ACCEPTED' },
  IC: { meaning: 'accepted, changes made', outcome: 'ACCEPTED' },
  IE: { meaning: 'accepted, price pending', outcome: 'ACCEPTED' },
  IP: { meaning: 'accepted, price changed', outcome: 'ACCEPTED' },
  IQ: { meaning: 'accepted, quantity changed', outcome: 'ACCEPTED' },
  IS: { meaning: 'accepted, substitution made', outcome: 'ACCEPTED' },
  SP: { meaning: 'accepted, schedule date pending', outcome: 'ACCEPTED' },
  IB: { meaning: 'backordered', outcome: 'BACKORDERED' },
  IF: { meaning: 'on hold, incomplete description', outcome: 'BACKORDERED' },
  IH: { meaning: 'on hold', outcome: 'BACKORDERED' },
  IW: { meaning: 'on hold, waiver required', outcome: 'BACKORDERED' },
  ID: { meaning: 'item deleted', outcome: 'REJECTED' },
  IR: { meaning: 'rejected', outcome: 'REJECTED' },
  R1: { meaning: 'rejected, not a contract item', outcome: 'REJECTED' },
  R2: { meaning: 'rejected, invalid item product number', outcome: 'REJECTED' },
  R3: { meaning: 'rejected, invalid unit of issue', outcome: 'REJECTED' },
  R4: { meaning: 'rejected, contract item not available', outcome: 'REJECTED' },
  R5: { meaning: 'rejected, reorder as a just-in-time order', outcome: 'REJECTED' },
  R6: { meaning: 'rejected, reorder as an extended delivery order', outcome: 'REJECTED' },
  R7: { meaning: 'rejected, reorder as a drop shipment', outcome: 'REJECTED' },
  R8: { meaning: 'rejected, reorder as a surge order', outcome: 'REJECTED' },
};

/** DTM01/ACK04/SCH05 qualifiers (element 374) read as the vendor's ship date, best first. */
export const shipDateQualifiers = ['068', '067', '017', '069', '002', '010'] as const;

/** Item id qualifiers (element 235) and what of ours each names. */
export const itemIdQualifiers: Record<string, 'VENDOR_PART' | 'OUR_SKU' | 'GTIN'> = {
  VP: 'VENDOR_PART', VN: 'VENDOR_PART', VC: 'VENDOR_PART', SK: 'VENDOR_PART', MG: 'VENDOR_PART',
  BP: 'OUR_SKU', IN: 'OUR_SKU', PI: 'OUR_SKU', CB: 'OUR_SKU',
  UP: 'GTIN', UA: 'GTIN', UK: 'GTIN', EN: 'GTIN', EO: 'GTIN', UD: 'GTIN',
};

/** AK304 / IK304 segment syntax error codes (720 / 620). */
export const segmentErrors = {
  unrecognized: '1',
  unexpected: '2',
  mandatoryMissing: '3',
  notInSet: '6',
  dataElementErrors: '8',
} as const;

/** AK403 / IK403 data element error codes (723 / 621). */
export const elementErrors = {
  mandatoryMissing: '1',
  invalidCharacter: '6',
  invalidCode: '7',
  invalidDate: '8',
} as const;

/** AK502 / IK502 set errors (718 / 618) and AK905 group errors (716). */
export const setErrors = { notSupported: '1', trailerMissing: '2', controlMismatch: '3', countMismatch: '4', segmentsInError: '5' } as const;
export const groupErrors = { notSupported: '1', versionNotSupported: '2', trailerMissing: '3', controlMismatch: '4', countMismatch: '5' } as const;

/** TA105 interchange note codes (I18). */
export const interchangeNotes = {
  none: '000',
  controlMismatch: '001',
  versionNotSupported: '017',
  groupCountMismatch: '021',
  invalidControlStructure: '022',
  prematureEnd: '023',
  invalidContent: '024',
} as const;
