import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ErrorCode, FieldIssue } from '../../domain/errors';

/** The one map from error code to HTTP status. */
const statusByCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_CURSOR: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 409,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  CONCURRENT_UPDATE: 409,
  DUPLICATE_INVOICE: 409,
  INSUFFICIENT_STOCK: 409,
  INVALID_EVENT: 422,
  INVALID_TRACKING_NUMBER: 422,
  INVALID_X12: 400,
  UNKNOWN_SKU: 422,
  UNKNOWN_VENDOR: 422,
  VENDOR_INACTIVE: 422,
  TOO_MANY_VENDORS: 422,
  SERVICE_UNAVAILABLE: 503,
};

export const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: jsonHeaders, body: JSON.stringify(body) };
}

export function errorResponse(
  code: ErrorCode | 'INTERNAL',
  message: string,
  details: readonly FieldIssue[] = [],
): APIGatewayProxyResult {
  const response = jsonResponse(code === 'INTERNAL' ? 500 : statusByCode[code], { error: { code, message, details } });
  // A busy dependency clears in seconds; the same request (idempotent everywhere) can be sent again.
  return code === 'SERVICE_UNAVAILABLE' ? { ...response, headers: { ...response.headers, 'retry-after': '2' } } : response;
}
