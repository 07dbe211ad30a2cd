import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Config } from '../config';
import { traced } from '../observability';
import type { RenderedEmail } from './templates';

export interface Email extends RenderedEmail {
  to: string;
  /** Tags SES passes to the configuration set's event destinations (bounces, deliveries by milestone). */
  tags: Record<string, string>;
}

/** The two ways to reach a customer; each answers the provider's message id. */
export interface Senders {
  email(message: Email): Promise<string | undefined>;
  sms(phoneNumber: string, text: string): Promise<string | undefined>;
}

export function sesEmail(client: SESv2Client, settings: { from: string; configurationSet?: string }): Senders['email'] {
  return async (message) => {
    const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
    const result = await client.send(
      new SendEmailCommand({
        FromEmailAddress: settings.from,
        Destination: { ToAddresses: [message.to] },
        Content: { Simple: { Subject: utf8(message.subject), Body: { Html: utf8(message.html), Text: utf8(message.text) } } },
        EmailTags: Object.entries(message.tags).map(([Name, Value]) => ({ Name, Value })),
        ...(settings.configurationSet && { ConfigurationSetName: settings.configurationSet }),
      }),
    );
    return result.MessageId;
  };
}

export function snsSms(client: SNSClient): Senders['sms'] {
  return async (phoneNumber, text) => {
    const result = await client.send(
      new PublishCommand({
        PhoneNumber: phoneNumber,
        Message: text,
        // Order updates are transactional: delivered ahead of promotional traffic, and allowed at any hour.
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
    return result.MessageId;
  };
}

/** Offline: no SMS emulator exists, so texts go to the local outbox (GET /_local/outbox). */
export function outboxSms(file: string): Senders['sms'] {
  return async (phoneNumber, text) => {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify({ channel: 'sms', at: new Date().toISOString(), to: phoneNumber, text })}\n`);
    return undefined;
  };
}

/**
 * SES and SNS from the configuration: the messaging region (SES identities are regional), the
 * emulator's endpoint offline. The SDK makes one attempt: the notifier's own retries, with
 * backoff, are counted on each notification record.
 */
export function configuredSenders(config: Config): Senders {
  const region = config.MESSAGING_REGION ?? config.AWS_REGION;
  const ses = traced(new SESv2Client({
    region,
    maxAttempts: 1,
    ...(config.SES_ENDPOINT && { endpoint: config.SES_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  }));
  return {
    email: sesEmail(ses, { from: config.SENDER_EMAIL, ...(config.SES_CONFIGURATION_SET && { configurationSet: config.SES_CONFIGURATION_SET }) }),
    sms: config.LOCAL_OUTBOX_FILE ? outboxSms(config.LOCAL_OUTBOX_FILE) : snsSms(traced(new SNSClient({ region, maxAttempts: 1 }))),
  };
}
