import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/http/api-handler';
import { operations as exceptionOperations } from '../../functions/api/exceptions';
import { createSlaCheck } from '../../functions/schedules/sla-check';
import { noAlerts, type Alerts } from '../../functions/services/alerts';
import { claimNotification, finishNotification, type NotificationRecord } from '../../functions/store/notification-store';
import type { Table } from '../../functions/store/table';
import { invoke, ops } from '../support/invoke';
import { createTestTable, testDependencies } from '../support/test-table';

/**
 * At most once has a price: a sender that claims a notification and then dies leaves it SENDING,
 * and nobody knows whether the customer heard. Past its 15-minute lease the SLA check lists it as
 * UNCERTAIN for ops and announces it, once.
 */
let table: Table;
const announced: Parameters<Alerts['notificationUncertain']>[0][] = [];
const alerts: Alerts = { ...noAlerts, notificationUncertain: async (n) => void announced.push(n) };

beforeAll(async () => {
  table = await createTestTable();
});

const claim = (orderId: string, minutesAgo: number): NotificationRecord => ({
  orderId, noticeKey: 'ORDER_RECEIVED', milestone: 'ORDER_RECEIVED', channel: 'EMAIL', status: 'SENDING', createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
});

describe('a notification claimed and never finished', () => {
  it('is listed as UNCERTAIN and announced once after its lease; one within its lease, or finished, is not', async () => {
    const lapsed = claim('ord_lapsed', 20);
    const recent = claim('ord_recent', 5);
    const finished = claim('ord_finished', 30);
    for (const record of [lapsed, recent, finished]) expect(await claimNotification(table, record)).toBe(true);
    await finishNotification(table, finished, { status: 'SENT', attempts: 1, sentAt: new Date().toISOString() });

    const check = createSlaCheck(() => testDependencies(table, { alerts }));
    expect((await check()).notificationsUncertain).toBe(1);
    expect(announced).toEqual([expect.objectContaining({ orderId: 'ord_lapsed', milestone: 'ORDER_RECEIVED', channel: 'EMAIL', claimedAt: lapsed.createdAt })]);
    // A second run (or a concurrent one) finds nothing more to say.
    expect((await check()).notificationsUncertain).toBe(0);
    expect(announced).toHaveLength(1);

    const handler = createApiHandler(exceptionOperations);
    const listed = await invoke(handler, 'listFailedNotifications', { principal: ops, query: { status: 'UNCERTAIN' } });
    expect(listed.body.items).toEqual([expect.objectContaining({ orderId: 'ord_lapsed', status: 'UNCERTAIN', uncertainAt: expect.any(String) })]);
    expect((await invoke(handler, 'listFailedNotifications', { principal: ops, query: { status: 'FAILED' } })).body.items).toEqual([]);
  });

  it('leaves the uncertain list when its slow sender records it sent after all', async () => {
    const slow = claim('ord_slow', 25);
    await claimNotification(table, slow);
    await createSlaCheck(() => testDependencies(table, { alerts }))();
    await finishNotification(table, slow, { status: 'SENT', attempts: 1, sentAt: new Date().toISOString() });
    const listed = await invoke(createApiHandler(exceptionOperations), 'listFailedNotifications', { principal: ops, query: { status: 'UNCERTAIN' } });
    expect(listed.body.items.map((n: { orderId: string }) => n.orderId)).not.toContain('ord_slow');
  });
});
