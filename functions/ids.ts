import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';

/** Crockford base32: no I, L, O or U, so PO numbers read back over the phone without confusion. */
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const randomBase32 = (length: number): string =>
  [...randomBytes(length)].map((byte) => crockford[byte % 32]).join('');

/** Makes the ids the domain is handed; the domain itself never reads randomness. */
export interface IdGenerator {
  orderId(): string;
  /** Short enough for the X12 850's BEG03 (at most 22 characters). */
  poNumber(): string;
  apiKeyId(): string;
  apiKeySecret(): string;
  certificationRunId(): string;
}

export const randomIds: IdGenerator = {
  orderId: () => `ord_${ulid()}`,
  poNumber: () => `PO-${randomBase32(10)}`,
  apiKeyId: () => `key_${ulid()}`,
  apiKeySecret: () => `dsk_${randomBytes(32).toString('base64url')}`,
  certificationRunId: () => `cert_${ulid()}`,
};

/**
 * API key secrets are 256-bit random values, so a fast hash is enough to make a stolen table
 * useless; a slow password hash would add latency to every authorizer miss and no safety.
 */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
