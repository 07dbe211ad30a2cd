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
  /** UNCERTAIN: claimed, and no outcome recorded within the lease (the sender stopped): the customer may or may not have heard. */
  status: 'SENDING' | 'SENT' | 'FAILED' | 'UNCERTAIN';
  attempts?: number;
  /** The provider's message id (SES or SNS). */
  messageId?: string;
  error?: string;
  createdAt: string;
  sentAt?: string;
  failedAt?: string;
  uncertainAt?: string;
}

/** How long a sender has to record SENT or FAILED after its claim before the claim counts as uncertain. */
export const notificationLeaseMs = 15 * 60_000;

/**
 * Claims a notification before sending it: the first claim wins, so a retried stream batch or a
 * vendor's duplicate event never sends the same milestone twice on the same channel.
 */
export async function claimNotification(table: Table, record: NotificationRecord): Promise<boolean> {
  try {
    await table.db.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...notificationKeys.item(record.orderId, record.noticeKey, record.channel),
          ...notificationKeys.lease(record, new Date(Date.parse(record.createdAt) + notificationLeaseMs).toISOString()),
          entity: 'Notification',
          ...record,
        },
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

/**
 * Records how a claimed notification ended, ending its lease; a failed one joins the ops list of
 * failed notifications (a sent one leaves the uncertain list, if a slow sender got there).
 */
export async function finishNotification(table: Table, record: NotificationRecord, outcome: NotificationOutcome): Promise<void> {
  const values: Record<string, unknown> = { ...outcome, ...(outcome.status === 'FAILED' && notificationKeys.failed(record, outcome.failedAt)) };
  const names = Object.keys(values);
  await table.db.send(
    new UpdateCommand({
      TableName: table.name,
      Key: notificationKeys.item(record.orderId, record.noticeKey, record.channel),
      UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')} REMOVE GSI5PK, GSI5SK${outcome.status === 'SENT' ? ', GSI1PK, GSI1SK' : ''}`,
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

/** Failed or uncertain notifications across orders, newest first: sparse index partitions only those enter. */
export function listNotificationsByStatus(table: Table, status: 'FAILED' | 'UNCERTAIN', page: { limit: number; cursor?: string }): Promise<Page<NotificationRecord>> {
  const partition = status === 'FAILED' ? notificationKeys.failedPartition : notificationKeys.uncertainPartition;
  return queryPage<NotificationRecord>(table, { index: indexes.byCollection, partition, newestFirst: true, ...page });
}

/**
 * Claims whose lease ended by `now` with no outcome recorded, marked UNCERTAIN and listed for ops:
 * each once (the mark is conditional on the lease still being there), returned for the alert.
 */
export async function markLapsedClaims(table: Table, now: Date): Promise<NotificationRecord[]> {
  const lapsed = await queryAll(table, {
    IndexName: indexes.slaDue.indexName,
    KeyConditionExpression: '#pk = :pk AND #sk < :now',
    ExpressionAttributeNames: { '#pk': indexes.slaDue.partitionKey, '#sk': indexes.slaDue.sortKey },
    ExpressionAttributeValues: { ':pk': notificationKeys.leasePartition, ':now': now.toISOString() },
  });
  const marked: NotificationRecord[] = [];
  const at = now.toISOString();
  for (const key of lapsed) {
    try {
      const result = await table.db.send(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: key.PK, SK: key.SK },
          UpdateExpression: 'SET #status = :uncertain, uncertainAt = :at, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk REMOVE GSI5PK, GSI5SK',
          ConditionExpression: '#status = :sending AND attribute_exists(GSI5PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':uncertain': 'UNCERTAIN', ':sending': 'SENDING', ':at': at,
            ':gsi1pk': notificationKeys.uncertainPartition, ':gsi1sk': notificationKeys.uncertainSortKey(at, String(key.PK), String(key.SK)),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      marked.push(withoutKeys<NotificationRecord>(result.Attributes ?? {}));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return marked;
}
