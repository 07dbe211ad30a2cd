import { MessageRejected, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/http/api-handler';
import { operations as orderOperations } from '../../functions/api/orders';
import { operations as exceptionOperations } from '../../functions/api/exceptions';
import { createNotifier, type NotifierDependencies } from '../../functions/notifications/notifier';
import { sesEmail } from '../../functions/notifications/senders';
import type { Alerts, FailedNotification } from '../../functions/services/alerts';
import { noAlerts } from '../../functions/services/alerts';
import type { Table } from '../../functions/store/table';
import { seedDemoData } from '../../local/seed';
import { startTableStream, type TableStream } from '../../local/table-stream';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { invoke, ops, storefront } from '../support/invoke';
import { createTestTable, testDependencies } from '../support/test-table';

/**
 * The notifier on the table's real stream (DynamoDB Local), with SES replaced by
 * aws-sdk-client-mock: the failures an emulator cannot produce (throttling, refusals).
 * The happy path through the SES emulator itself is in notifications-offline.test.ts.
 */
const ses = mockClient(SESv2Client);
const texts: { phone: string; text: string }[] = [];
const failures: FailedNotification[] = [];
const alerts: Alerts = { ...noAlerts, notificationFailed: async (n) => void failures.push(n) };

let table: Table;
let stream: TableStream;
let orders: ReturnType<typeof createApiHandler>;
let exceptions: ReturnType<typeof createApiHandler>;
let placed = 0;

beforeAll(async () => {
  table = await createTestTable();
  await seedDemoData(table, new Date());
  const dependencies: NotifierDependencies = {
    table,
    now: () => new Date(),
    alerts,
    senders: { email: sesEmail(new SESv2Client({ region: 'us-east-1' }), { from: 'orders@shop.example' }), sms: async (phone, text) => void texts.push({ phone, text }) },
    retry: { attempts: 4, baseDelayMs: 5 },
  };
  stream = await startTableStream({ endpoint: process.env.DYNAMODB_ENDPOINT ?? '', tableName: table.name, handler: createNotifier(() => dependencies), pollMs: 20, log: () => undefined });
  orders = createApiHandler(orderOperations, () => testDependencies(table));
  exceptions = createApiHandler(exceptionOperations, () => testDependencies(table));
});
afterAll(() => stream.stop());
beforeEach(() => {
  ses.reset();
  texts.length = 0;
  failures.length = 0;
});

const placeOrder = async (overrides: Parameters<typeof anOrder>[0] = {}) => {
  const { body } = await invoke(orders, 'placeOrder', { principal: storefront, body: anOrder({ skus: ['LAMP-001'], ...overrides }), headers: { 'Idempotency-Key': `notify-${++placed}` } });
  return body.orderId as string;
};
const notificationsOf = async (orderId: string) => (await invoke(orders, 'getOrder', { principal: ops, params: { orderId } })).body.notifications;
const emailsSent = () => ses.commandCalls(SendEmailCommand);
const throttled = () => new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } });

describe('sending through SES when it misbehaves', () => {
  it('retries a throttled email with backoff and sends it once', async () => {
    ses.on(SendEmailCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ MessageId: 'ses-1' });
    const orderId = await placeOrder();
    const [record] = await eventually(async () => {
      const found = await notificationsOf(orderId);
      expect(found).toMatchObject([{ milestone: 'ORDER_RECEIVED', channel: 'EMAIL', status: 'SENT' }]);
      return found;
    });
    expect(record).toMatchObject({ attempts: 3, messageId: 'ses-1' });
    expect(emailsSent()).toHaveLength(3);
    expect(emailsSent()[2]?.args[0].input).toMatchObject({ FromEmailAddress: 'orders@shop.example', Destination: { ToAddresses: ['ada@example.com'] }, EmailTags: [{ Name: 'milestone', Value: 'ORDER_RECEIVED' }] });
  });

  it('records an email SES keeps refusing as failed, on the order and in the ops list, and alerts ops', async () => {
    ses.on(SendEmailCommand).rejects(throttled());
    const orderId = await placeOrder();
    await eventually(async () => expect(await notificationsOf(orderId)).toMatchObject([{ status: 'FAILED', attempts: 4, error: expect.stringContaining('TooManyRequestsException') }]));
    expect(emailsSent()).toHaveLength(4);
    const failed = await invoke(exceptions, 'listFailedNotifications', { principal: ops, query: { status: 'FAILED' } });
    expect(failed.body.items[0]).toMatchObject({ orderId, milestone: 'ORDER_RECEIVED', channel: 'EMAIL', status: 'FAILED' });
    expect(failures).toEqual([expect.objectContaining({ orderId, milestone: 'ORDER_RECEIVED', errorName: 'TooManyRequestsException' })]);
    expect(JSON.stringify(failures)).not.toContain('ada@example.com');
  });

  it('does not retry an address SES rejects', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }));
    const orderId = await placeOrder();
    await eventually(async () => expect(await notificationsOf(orderId)).toMatchObject([{ status: 'FAILED', attempts: 1 }]));
    expect(emailsSent()).toHaveLength(1);
  });

  it('sends the SMS even when the email fails, and none to a customer who did not opt in', async () => {
    ses.on(SendEmailCommand).rejects(throttled());
    const withSms = await placeOrder({ notify: { email: true, sms: true } });
    const withoutPhone = await placeOrder({ customer: { name: 'No Phone', email: 'np@example.com', phone: null } });
    await eventually(async () => {
      expect((await notificationsOf(withSms)).map((n: { channel: string; status: string }) => [n.channel, n.status]).sort()).toEqual([['EMAIL', 'FAILED'], ['SMS', 'SENT']]);
      // Wait for the end of the email's retries too: a retry still running would land in the next test.
      expect((await notificationsOf(withoutPhone)).map((n: { channel: string; status: string }) => [n.channel, n.status])).toEqual([['EMAIL', 'FAILED']]);
    });
    expect(texts).toEqual([{ phone: '+14155550100', text: expect.stringContaining('received') }]);
  });
});

describe('at most once', () => {
  it('never sends a milestone twice when the same stream records are delivered again', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-once' });
    const seen: Parameters<ReturnType<typeof createNotifier>>[0]['Records'] = [];
    const replayed = await startTableStream({
      endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
      tableName: table.name,
      pollMs: 20,
      handler: async (event) => void seen.push(...event.Records),
    });
    const orderId = await placeOrder({ customer: { name: 'Once Only', email: 'once@example.com', phone: null } });
    await eventually(async () => expect(await notificationsOf(orderId)).toMatchObject([{ status: 'SENT' }]));
    await eventually(async () => expect(seen.length).toBeGreaterThan(0));
    await replayed.stop();
    const notifier = createNotifier(() => ({ table, now: () => new Date(), alerts, senders: { email: sesEmail(new SESv2Client({ region: 'us-east-1' }), { from: 'o@shop.example' }), sms: async () => undefined }, retry: { attempts: 1, baseDelayMs: 1 } }));
    await notifier({ Records: seen });
    await notifier({ Records: seen });
    const toThisCustomer = emailsSent().filter((call) => call.args[0].input.Destination?.ToAddresses?.includes('once@example.com'));
    expect(toThisCustomer).toHaveLength(1);
    expect(await notificationsOf(orderId)).toHaveLength(1);
  });
});
