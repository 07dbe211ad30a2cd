import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel, Milestone } from '../domain/notifications';
import { notificationKeys } from './keys';
import { queryPage, type Page } from './list-query';
import { indexes } from './table-definition';
import { queryAll, withoutKeys, type Table } from './table';

export interface NotificationRecord {
  orderId: string;
  /** Unique within the order: the milestone, its PO and, for shipments and closed lines, which ones. */
  noticeKey: string;
  milestone: Milestone;
  channel: Channel;
  poNumber?: string;
  status: 'SENDING' | 'SENT' | 'FAILED';
  attempts?: number;
  /** The provider's message id (SES or SNS). */
  messageId?: string;
  error?: string;
  createdAt: string;
  sentAt?: string;
  failedAt?: string;
}

/**
 * Claims a notification before sending it: the first claim wins, so a retried stream batch or a
 * vendor's duplicate event never sends the same milestone twice on the same channel.
 */
export async function claimNotification(table: Table, record: NotificationRecord): Promise<boolean> {
  try {
    await table.db.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...notificationKeys.item(record.orderId, record.noticeKey, record.channel), entity: 'Notification', ...record },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export type NotificationOutcome =
  | { status: 'SENT'; attempts: number; sentAt: string; messageId?: string }
  | { status: 'FAILED'; attempts: number; failedAt: string; error: string };

/** Records how a claimed notification ended; a failed one joins the ops list of failed notifications. */
export async function finishNotification(table: Table, record: NotificationRecord, outcome: NotificationOutcome): Promise<void> {
  const values: Record<string, unknown> = { ...outcome, ...(outcome.status === 'FAILED' && notificationKeys.failed(record, outcome.failedAt)) };
  const names = Object.keys(values);
  await table.db.send(
    new UpdateCommand({
      TableName: table.name,
      Key: notificationKeys.item(record.orderId, record.noticeKey, record.channel),
      UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, values[name]])),
    }),
  );
}

/** The notifications among items of an order's partition, oldest first. */
export const notificationsFrom = (items: readonly Record<string, unknown>[]): NotificationRecord[] =>
  items
    .filter((item) => item.entity === 'Notification')
    .map((item) => withoutKeys<NotificationRecord>(item))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

/** An order's notifications (its partition, NOTIFY# items only): one Query. */
export async function listOrderNotifications(table: Table, orderId: string): Promise<NotificationRecord[]> {
  return notificationsFrom(
    await queryAll(table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': notificationKeys.orderPartition(orderId), ':prefix': notificationKeys.prefix },
    }),
  );
}

/** Failed notifications across orders, newest first: a sparse index partition only failures enter. */
export function listFailedNotifications(table: Table, page: { limit: number; cursor?: string }): Promise<Page<NotificationRecord>> {
  return queryPage<NotificationRecord>(table, { index: indexes.byCollection, partition: notificationKeys.failedPartition, newestFirst: true, ...page });
}
