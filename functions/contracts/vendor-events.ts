import * as z from 'zod';
import { isoDate } from './common';

const lineNumber = z.number().int().min(1).max(1000);
const messageId = z.string().trim().min(1).max(100).optional();

export const acknowledgmentInput = z
  .object({
    messageId,
    estimatedShipDate: isoDate.optional(),
    lines: z
      .array(
        z.object({
          lineNumber,
          status: z.enum(['ACCEPTED', 'REJECTED', 'BACKORDERED']),
          quantity: z.number().int().min(1).optional(),
          reason: z.string().trim().min(1).max(200).optional(),
          backorderDate: isoDate.optional(),
        }),
      )
      .min(1)
      .max(100),
  })
  .superRefine((ack, ctx) => {
    ack.lines.forEach((line, i) => {
      if (line.status === 'REJECTED' && !line.reason) ctx.addIssue({ code: 'custom', path: ['lines', i, 'reason'], message: 'is required for a rejected line' });
      if (line.status === 'BACKORDERED' && !line.backorderDate) {
        ctx.addIssue({ code: 'custom', path: ['lines', i, 'backorderDate'], message: 'is required for a backordered line' });
      }
    });
  });

export const shipmentInput = z.object({
  messageId,
  shipmentId: z.string().trim().min(1).max(60).optional(),
  /** A carrier name, code or SCAC; without it each tracking number's own carrier is used (a number that fits none is refused). */
  carrier: z.string().trim().min(2).max(40).optional(),
  service: z.string().trim().min(1).max(40).default('STANDARD'),
  shipDate: isoDate,
  packages: z
    .array(
      z.object({
        trackingNumber: z.string().trim().min(5).max(40),
        lines: z.array(z.object({ lineNumber, quantity: z.number().int().min(1).max(100_000) })).min(1).max(100),
      }),
    )
    .min(1)
    .max(50),
});

export const cancelOrderInput = z.object({
  /** Order line numbers; without them every open dropship line is cancelled. */
  lines: z.array(z.number().int().min(1)).min(1).max(100).optional(),
  reason: z.string().trim().min(1).max(200).default('cancelled by the customer'),
});

export const outboundDocumentsView = z.object({
  documents: z.array(z.object({ id: z.string(), type: z.enum(['850', '860', '820', '180']), poNumber: z.string(), x12: z.string(), createdAt: z.string() })),
  nextCursor: z.string().nullable(),
});

export const x12Body = z.string().min(1).max(1_000_000);

export const ediLogQuery = z.object({
  vendorId: z.string().max(40).optional(),
  /** An X12 set id (850, 855, 856, 846, 860, 997, 999), or ISA for interchanges refused whole. */
  type: z.string().regex(/^(\d{3}|ISA)$/, { error: 'must be a set id such as 855, or ISA' }).optional(),
  direction: z.enum(['IN', 'OUT']).optional(),
  /** true: applied whole (or sent); false: refused or only partly applied. */
  accepted: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const ediLogEntry = z.object({
  documentId: z.string(),
  vendorId: z.string(),
  direction: z.enum(['IN', 'OUT']),
  type: z.string(),
  at: z.string(),
  interchangeControl: z.string(),
  groupControl: z.string().optional(),
  setControl: z.string().optional(),
  poNumbers: z.array(z.string()),
  outcome: z.enum(['ACCEPTED', 'PARTIAL', 'REJECTED', 'SENT']),
  accepted: z.boolean(),
  /** Why it was refused or partly applied, in words: `PO1 loop 2: no line has vendor part AC-999`. */
  reasons: z.array(z.string()),
  test: z.boolean(),
  transport: z.enum(['HTTPS', 'SFTP', 'AS2']).optional(),
  fileName: z.string().optional(),
  messageId: z.string().optional(),
  mdn: z.string().optional(),
});

export const ediDocumentView = ediLogEntry.extend({ x12: z.string(), answer: z.string().optional() });
