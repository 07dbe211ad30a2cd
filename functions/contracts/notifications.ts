import * as z from 'zod';
import { channels, milestones } from '../domain/notification-kinds';
import { listQuery } from './common';

/** A customer notification as ops and the storefront see it: what was sent, how, and how it ended. */
export const notificationView = z.object({
  orderId: z.string(),
  noticeKey: z.string(),
  milestone: z.enum(milestones),
  channel: z.enum(channels),
  poNumber: z.string().optional(),
  status: z.enum(['SENDING', 'SENT', 'FAILED', 'UNCERTAIN']),
  attempts: z.number().int().optional(),
  messageId: z.string().optional(),
  error: z.string().optional(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  failedAt: z.string().optional(),
  uncertainAt: z.string().optional(),
});

export const notificationsQuery = z.object({ status: z.enum(['FAILED', 'UNCERTAIN']).default('FAILED') }).extend(listQuery.shape);
