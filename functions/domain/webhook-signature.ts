import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `x-dropship-signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`
 * with `x-dropship-timestamp` in Unix seconds. Signing the timestamp with the body lets a vendor
 * refuse replays older than a few minutes.
 */
export const webhookHeaders = {
  signature: 'x-dropship-signature',
  timestamp: 'x-dropship-timestamp',
  event: 'x-dropship-event',
  delivery: 'x-dropship-delivery',
} as const;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a vendor runs to check a delivery; here for tests and the README's example. */
export function verifyWebhook(secret: string, timestamp: number, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
