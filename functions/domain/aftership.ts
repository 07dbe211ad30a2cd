import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { PackageStatus } from './orders';
import type { CarrierEvent } from './package-tracking';

/**
 * AfterShip's tracking webhooks, as its documentation gives them: a JSON body
 * `{ ts, event, event_id, msg: { tracking_number, slug, tag, subtag, checkpoints: [...] } }` signed
 * in the `aftership-hmac-sha256` header with the base64 HMAC-SHA256 of the raw body under the
 * account's webhook secret.
 */
export const afterShipSignatureHeader = 'aftership-hmac-sha256';

export const signAfterShip = (secret: string, body: string) => createHmac('sha256', secret).update(body, 'utf8').digest('base64');

export function verifyAfterShip(secret: string, body: string, signature: string | undefined): boolean {
  if (!secret || !signature) return false;
  const expected = Buffer.from(signAfterShip(secret, body));
  const given = Buffer.from(signature.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** AfterShip delivery tags to our package statuses; Pending and Expired say nothing about the parcel. */
const tags: Record<string, PackageStatus | undefined> = {
  InfoReceived: 'LABEL_CREATED',
  InTransit: 'IN_TRANSIT',
  OutForDelivery: 'OUT_FOR_DELIVERY',
  AttemptFail: 'EXCEPTION',
  AvailableForPickup: 'EXCEPTION',
  Exception: 'EXCEPTION',
  Delivered: 'DELIVERED',
};
/** Exception subtags that mean the parcel is going (or went) back. */
const returned = new Set(['Exception_010', 'Exception_011']);

const checkpoint = z.object({
  checkpoint_time: z.string(),
  tag: z.string(),
  subtag: z.string().nullish(),
  message: z.string().nullish(),
  location: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  country_iso3: z.string().nullish(),
});

export const afterShipPayload = z.object({
  ts: z.number().optional(),
  event: z.string(),
  event_id: z.string().optional(),
  msg: z.object({
    tracking_number: z.string().min(1),
    slug: z.string().nullish(),
    tag: z.string().nullish(),
    subtag: z.string().nullish(),
    subtag_message: z.string().nullish(),
    checkpoints: z.array(checkpoint).default([]),
  }),
});

const statusOf = (tag: string | null | undefined, subtag: string | null | undefined): PackageStatus | undefined =>
  tag === 'Exception' && subtag && returned.has(subtag) ? 'RETURNED_TO_SENDER' : tags[tag ?? ''];

/**
 * The carrier events a webhook tells of: one per checkpoint (AfterShip resends the whole history,
 * which our events absorb as duplicates), or the tracking's own tag when it has none.
 */
export function afterShipEvents(payload: z.infer<typeof afterShipPayload>): CarrierEvent[] {
  const { msg } = payload;
  const base = { trackingNumber: msg.tracking_number, ...(msg.slug && { carrier: msg.slug }) };
  const fromCheckpoints = msg.checkpoints.flatMap((c): CarrierEvent[] => {
    const status = statusOf(c.tag, c.subtag);
    if (!status || Number.isNaN(Date.parse(c.checkpoint_time))) return [];
    const location = c.location ?? [c.city, c.state, c.country_iso3].filter(Boolean).join(', ');
    return [{ ...base, status, at: c.checkpoint_time, ...(location && { location }), ...(c.message && { description: c.message.slice(0, 200) }) }];
  });
  if (fromCheckpoints.length > 0) return fromCheckpoints;
  const status = statusOf(msg.tag, msg.subtag);
  return status && payload.ts ? [{ ...base, status, at: new Date(payload.ts * 1000).toISOString(), ...(msg.subtag_message && { description: msg.subtag_message }) }] : [];
}
