/**
 * Errors are values with a stable code; functions/api/http/error-response.ts is the one place
 * that turns a code into an HTTP status.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'INVALID_CURSOR',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNKNOWN_SKU',
  'UNKNOWN_VENDOR',
  'VENDOR_INACTIVE',
  'TOO_MANY_VENDORS',
  'CONFLICT',
  'INVALID_TRANSITION',
  'INVALID_EVENT',
  'INVALID_TRACKING_NUMBER',
  'INVALID_X12',
  'CONCURRENT_UPDATE',
  'DUPLICATE_INVOICE',
  'INSUFFICIENT_STOCK',
  'SERVICE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One failing field: a dotted path into the request, the rule it broke and a sentence. */
export interface FieldIssue {
  field: string;
  rule: string;
  message: string;
  /** On INSUFFICIENT_STOCK: the short line's SKU, the quantity asked and what is available. */
  sku?: string;
  asked?: number;
  available?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('NOT_FOUND', `${what} ${id} was not found`);
