import { DomainError } from '../../domain/errors';

/** The Idempotency-Key header a create call must carry (orders, returns): 1-255 characters. */
export function idempotencyKeyOf(headers: Record<string, string | undefined>): string {
  const key = headers['idempotency-key']?.trim();
  if (!key || key.length > 255) {
    throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (1-255 characters) with every order or return', [
      { field: 'header.Idempotency-Key', rule: 'required', message: 'must be 1-255 characters, unique per request' },
    ]);
  }
  return key;
}
