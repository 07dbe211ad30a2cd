import * as z from 'zod';
import { packageStatuses } from '../domain/orders';

/** Free text a carrier writes (a location, its description of an event): one line, no control characters. */
const carrierText = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\p{Cc}]*$/u, { error: 'must be one line without control characters' });

export const carrierEventInput = z.object({
  trackingNumber: z.string().trim().min(5).max(40),
  carrier: z.string().trim().min(2).max(40).optional(),
  status: z.enum(packageStatuses),
  at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with its offset, such as 2026-11-27T14:05:00-05:00' }),
  location: carrierText(120).optional(),
  description: carrierText(200).optional(),
  eventId: z.string().trim().min(1).max(100).optional(),
});

export const maxEventsPerBatch = 500;

export const carrierEventsInput = z.object({
  events: z.array(carrierEventInput).min(1).max(maxEventsPerBatch, { error: `at most ${maxEventsPerBatch} events per request` }),
});

export const eventOutcomes = ['APPLIED', 'DUPLICATE', 'UNKNOWN_TRACKING_NUMBER'] as const;

export const carrierEventsResult = z.object({
  results: z.array(
    z.object({
      index: z.number().int(),
      trackingNumber: z.string(),
      /** APPLIED: a package moved (or its history grew); DUPLICATE: seen before; UNKNOWN_TRACKING_NUMBER: on no PO or return label of ours. */
      outcome: z.enum(eventOutcomes),
      poNumbers: z.array(z.string()),
      /** Customer returns whose prepaid label this is: the parcel on its way back to the vendor. */
      rmaIds: z.array(z.string()).optional(),
    }),
  ),
  applied: z.number().int(),
  duplicates: z.number().int(),
  unknown: z.number().int(),
});

/** The aggregator's webhook body arrives as text: its signature is over the exact bytes. */
export const webhookBody = z.string().min(2).max(1_000_000);
