import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so the same data serialized in another key order is the same text. */
export const canonicalJson = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonicalJson).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
          .join(',')}}`
      : JSON.stringify(value);

/** SHA-256 of the canonical JSON: the identity of a request body for idempotency and de-duplication. */
export const fingerprint = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');
