import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { ExceptionRecord } from '../domain/exceptions';
import { logger } from '../logger';
import { businessMetrics, count } from '../observability';

/** A customer message that could not be sent, even after retries. */
export interface FailedNotification {
  orderId: string;
  noticeKey: string;
  milestone: string;
  channel: string;
  poNumber?: string;
  /** The provider's error name only: its message may quote an address. */
  errorName: string;
}

/** Where ops hear of new exceptions and of customer messages that could not be sent. */
export interface Alerts {
  exceptionOpened(exception: ExceptionRecord): Promise<void>;
  notificationFailed(notification: FailedNotification): Promise<void>;
  /** A claim whose sender never recorded SENT or FAILED within its lease: the customer may or may not have heard. */
  notificationUncertain(notification: Omit<FailedNotification, 'errorName'> & { claimedAt: string }): Promise<void>;
}

interface AlertMessage {
  subject: string;
  body: string;
  attributes: Record<string, string>;
}

/** The messages: ids and the reason only, never a customer's details. */
const exceptionMessage = (e: ExceptionRecord): AlertMessage => ({
  subject: `[dropship] ${e.type} on ${e.poNumber ?? 'vendor'} (${e.vendorId})`.slice(0, 100),
  body: JSON.stringify({ exceptionId: e.exceptionId, type: e.type, poNumber: e.poNumber, orderId: e.orderId, vendorId: e.vendorId, openedAt: e.openedAt, detail: e.detail }),
  attributes: { type: e.type, vendorId: e.vendorId },
});

const notificationMessage = (n: FailedNotification): AlertMessage => ({
  subject: `[dropship] NOTIFICATION_FAILED ${n.milestone} ${n.channel} on ${n.orderId}`.slice(0, 100),
  body: JSON.stringify({ type: 'NOTIFICATION_FAILED', ...n }),
  attributes: { type: 'NOTIFICATION_FAILED' },
});

const uncertainMessage = (n: Parameters<Alerts['notificationUncertain']>[0]): AlertMessage => ({
  subject: `[dropship] NOTIFICATION_UNCERTAIN ${n.milestone} ${n.channel} on ${n.orderId}`.slice(0, 100),
  body: JSON.stringify({ type: 'NOTIFICATION_UNCERTAIN', ...n, detail: 'claimed, and no outcome recorded within the lease: the sender stopped; the customer may or may not have heard (at most once: it is not sent again)' }),
  attributes: { type: 'NOTIFICATION_UNCERTAIN' },
});

function alertsVia(publish: (message: AlertMessage) => Promise<void>): Alerts {
  return {
    exceptionOpened: (exception) => publish(exceptionMessage(exception)),
    notificationFailed: (notification) => publish(notificationMessage(notification)),
    notificationUncertain: (notification) => publish(uncertainMessage(notification)),
  };
}

export const snsAlerts = (client: SNSClient, topicArn: string): Alerts =>
  alertsVia(async ({ subject, body, attributes }) => {
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: subject,
        Message: body,
        MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }])),
      }),
    );
  });

/** Offline: each alert is a line in an outbox file the local server lists at GET /_local/outbox. */
export const outboxAlerts = (file: string): Alerts =>
  alertsVia(async ({ subject, body }) => {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify({ channel: 'sns', at: new Date().toISOString(), subject, body })}\n`);
  });

export const noAlerts: Alerts = { exceptionOpened: async () => undefined, notificationFailed: async () => undefined, notificationUncertain: async () => undefined };

/** Alerts are best effort: a failed publish is logged, never undoes the change that opened the exception. */
export async function announce(alerts: Alerts, exceptions: readonly ExceptionRecord[]): Promise<void> {
  if (exceptions.length > 0) count(businessMetrics.exceptionsOpened, exceptions.length);
  for (const exception of exceptions) {
    try {
      await alerts.exceptionOpened(exception);
    } catch (error) {
      logger.error('Exception alert not sent', { exceptionId: exception.exceptionId, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
