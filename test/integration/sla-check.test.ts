import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../local/dynamodb-local';
import { markTransmitted } from '../../functions/domain/purchase-order-lifecycle';
import { createSlaCheck } from '../../functions/schedules/sla-check';
import { listExceptions } from '../../functions/store/exception-store';
import { purchaseOrderToItem } from '../../functions/store/order-store';
import { connectTable, type Table } from '../../functions/store/table';
import { aPurchaseOrder, aVendor } from '../support/builders';
import { createTestTable, testDependencies } from '../support/test-table';
import { writeAll as writeItems } from '../../functions/store/batch-write';

const now = new Date('2026-11-24T18:00:00Z');
const total = 10_000;
const overdue = 20;
let table: Table;
let dynamo: RunningDynamoDb;

const writeAll = (items: Record<string, unknown>[]) => writeItems(table, items);

/** A check wired to count what it asks of DynamoDB: requests by command, and items returned by index reads. */
function countingCheck() {
  const counted = connectTable({ tableName: table.name, region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const requests: Record<string, number> = {};
  let itemsQueried = 0;
  counted.db.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      requests[name] = (requests[name] ?? 0) + 1;
      const result = await next(args);
      if (name === 'QueryCommand') itemsQueried += Number((result.output as { Count?: number }).Count ?? 0);
      return result;
    },
    { step: 'initialize', name: 'count' },
  );
  const check = createSlaCheck(() => testDependencies(counted, { now: () => now }));
  return { check, requests, itemsQueried: () => itemsQueried };
}

beforeAll(async () => {
  // A DynamoDB Local of its own: 10,000 more items in the shared one slow every other file's transactions several times over.
  dynamo = await startDynamoDbLocal();
  table = await createTestTable(dynamo.endpoint);
  const sla = { ...aVendor().sla, ackWithinHours: 24, ackReminderAtShare: 0.99 };
  const items = Array.from({ length: total }, (_, i) => {
    // The overdue ones were sent 30 hours ago; the rest an hour ago, with 23 hours left.
    const sentAt = new Date(now.getTime() - (i < overdue ? 30 : 1) * 3_600_000);
    const po = markTransmitted(aPurchaseOrder({ poNumber: `PO-SLA${String(i).padStart(6, '0')}`, vendorId: i % 2 ? 'acme' : 'globex', lineCount: 1, createdAt: sentAt.toISOString() }), [1], { by: 'workflow', at: sentAt }, sla);
    return purchaseOrderToItem(po);
  });
  await writeAll(items);
}, 180_000);
afterAll(() => dynamo?.stop());

const openAckOverdue = async () => (await listExceptions(table, { status: 'OPEN', type: 'ACK_OVERDUE' }, { limit: 100 })).items;

describe('the SLA check over 10,000 POs of which 20 are overdue', () => {
  it('opens exactly 20 ACK_OVERDUE exceptions, reading only the overdue POs', async () => {
    const { check, requests, itemsQueried } = countingCheck();
    const report = await check();
    expect(report).toMatchObject({ itemsRead: overdue, changed: overdue, pages: 1 });
    expect(itemsQueried()).toBe(overdue);
    // Each overdue PO: its change in one transaction, then its list entry (which shows the exception).
    // The second Query reads the customer messages' lapsed leases (none here).
    expect(requests).toEqual({ QueryCommand: 2, BatchGetItemCommand: 1, TransactWriteItemsCommand: overdue, PutItemCommand: overdue });
    const exceptions = await openAckOverdue();
    expect(exceptions).toHaveLength(overdue);
    expect(new Set(exceptions.map((e) => e.poNumber)).size).toBe(overdue);
  });

  it('opens nothing more when run again, and reads nothing', async () => {
    const { check, itemsQueried } = countingCheck();
    expect(await check()).toMatchObject({ itemsRead: 0, changed: 0 });
    expect(itemsQueried()).toBe(0);
    expect(await openAckOverdue()).toHaveLength(overdue);
  });
});

describe('two SLA checks at once', () => {
  it('open each exception once', async () => {
    const fresh = await createTestTable();
    const sla = { ...aVendor().sla, ackWithinHours: 1 };
    const sentAt = new Date(now.getTime() - 2 * 3_600_000);
    const pos = Array.from({ length: 10 }, (_, i) =>
      markTransmitted(aPurchaseOrder({ poNumber: `PO-TWICE${i}`, lineCount: 1, createdAt: sentAt.toISOString() }), [1], { by: 'workflow', at: sentAt }, sla),
    );
    table = fresh;
    await writeAll(pos.map(purchaseOrderToItem));
    const check = createSlaCheck(() => testDependencies(fresh, { now: () => now }));
    const reports = await Promise.all([check(), check()]);
    expect(reports.reduce((sum, r) => sum + r.changed, 0)).toBe(10);
    expect(await openAckOverdue()).toHaveLength(10);
  });
});
