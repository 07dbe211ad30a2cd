import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { ExceptionRecord } from '../domain/exceptions';
import { logger } from '../api/http/logger';

/** Where new exceptions are announced for ops alerting. */
export interface Alerts {
  exceptionOpened(exception: ExceptionRecord): Promise<void>;
}

/** The message: ids and the reason only, never a customer's details. */
const messageOf = (e: ExceptionRecord) => ({
  subject: `[dropship] ${e.type} on ${e.poNumber} (${e.vendorId})`.slice(0, 100),
  body: JSON.stringify({ exceptionId: e.exceptionId, type: e.type, poNumber: e.poNumber, orderId: e.orderId, vendorId: e.vendorId, openedAt: e.openedAt, detail: e.detail }),
});

export function snsAlerts(client: SNSClient, topicArn: string): Alerts {
  return {
    async exceptionOpened(exception) {
      const { subject, body } = messageOf(exception);
      await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: subject,
          Message: body,
          MessageAttributes: { type: { DataType: 'String', StringValue: exception.type }, vendorId: { DataType: 'String', StringValue: exception.vendorId } },
        }),
      );
    },
  };
}

/** Offline: each alert is a line in an outbox file the local server lists at GET /_local/outbox. */
export function outboxAlerts(file: string): Alerts {
  return {
    async exceptionOpened(exception) {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify({ channel: 'sns', at: new Date().toISOString(), ...messageOf(exception) })}\n`);
    },
  };
}

export const noAlerts: Alerts = { exceptionOpened: async () => undefined };

/** Alerts are best effort: a failed publish is logged, never undoes the change that opened the exception. */
export async function announce(alerts: Alerts, exceptions: readonly ExceptionRecord[]): Promise<void> {
  for (const exception of exceptions) {
    try {
      await alerts.exceptionOpened(exception);
    } catch (error) {
      logger.error('Exception alert not sent', { exceptionId: exception.exceptionId, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
