import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiHandler } from '../../functions/api/http/api-handler';
import { operations } from '../../functions/api/dropship';
import { purchaseOrderItems } from '../../functions/store/order-store';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PurchaseOrder } from '../../functions/domain/orders';
import type { PurchaseOrderStatus } from '../../functions/domain/purchase-order-status';
import { connectTable, type Table } from '../../functions/store/table';
import { changePurchaseOrder, putListEntry } from '../../functions/store/purchase-order-store';
import { purchaseOrderKeys } from '../../functions/store/keys';
import { createNotifier } from '../../functions/notifications/notifier';
import { invoke, ops } from '../support/invoke';
import { aPurchaseOrder } from '../support/builders';
import { createTestTable, testDependencies } from '../support/test-table';

let table: Table;
let handler: ReturnType<typeof createApiHandler>;

const fixture = (n: number, vendorId: string, status: PurchaseOrderStatus): PurchaseOrder =>
  aPurchaseOrder({
    poNumber: `PO-${String(n).padStart(4, '0')}`,
    orderId: `ord_${n}`,
    vendorId,
    status,
    lineCount: (n % 3) + 1,
    createdAt: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
  });

// 30 POs: vendors alternate acme/globex; every third is SENT_TO_VENDOR, the rest PENDING.
const fixtures = Array.from({ length: 30 }, (_, i) =>
  fixture(i, i % 2 === 0 ? 'acme' : 'globex', i % 3 === 0 ? 'SENT_TO_VENDOR' : 'PENDING'),
);

beforeAll(async () => {
  table = await createTestTable();
  handler = createApiHandler(operations, () => testDependencies(table));
  await Promise.all(fixtures.flatMap(purchaseOrderItems).map((Item) => table.db.send(new PutCommand({ TableName: table.name, Item }))));
});

async function allPages(query: Record<string, string>) {
  const pages: { poNumber: string; status: string; vendorId: string }[][] = [];
  let cursor: string | undefined;
  do {
    const { status, body } = await invoke(handler, 'listDropshipOrders', { principal: ops, query: { ...query, ...(cursor && { cursor }) } });
    expect(status).toBe(200);
    pages.push(body.items);
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

const newestFirst = (pos: PurchaseOrder[]) => pos.map((po) => po.poNumber).reverse();

describe('GET /dropship/orders', () => {
  it('pages through every PO newest first with no repeats or gaps, and says when it is done', async () => {
    const pages = await allPages({ limit: '7' });
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7, 2]);
    expect(pages.flat().map((row) => row.poNumber)).toEqual(newestFirst(fixtures));
  });

  it('gives the last page a null cursor even when it is exactly full', async () => {
    const pages = await allPages({ limit: '10' });
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10]);
  });

  it('filters by status', async () => {
    const rows = (await allPages({ status: 'SENT_TO_VENDOR', limit: '4' })).flat();
    expect(rows.map((r) => r.poNumber)).toEqual(newestFirst(fixtures.filter((po) => po.status === 'SENT_TO_VENDOR')));
  });

  it('filters by vendor', async () => {
    const rows = (await allPages({ vendorId: 'globex', limit: '6' })).flat();
    expect(rows.map((r) => r.poNumber)).toEqual(newestFirst(fixtures.filter((po) => po.vendorId === 'globex')));
  });

  it('filters by vendor and status together', async () => {
    const rows = (await allPages({ vendorId: 'acme', status: 'PENDING', limit: '3' })).flat();
    expect(rows.map((r) => r.poNumber)).toEqual(newestFirst(fixtures.filter((po) => po.vendorId === 'acme' && po.status === 'PENDING')));
  });

  it('carries order id, PO number, vendor, status, line count, created time, deadline and open exceptions on each row', async () => {
    const { body } = await invoke(handler, 'listDropshipOrders', { principal: ops, query: { limit: '1' } });
    const newest = fixtures.at(-1)!;
    expect(body.items).toEqual([
      { orderId: newest.orderId, poNumber: newest.poNumber, vendorId: newest.vendorId, status: newest.status, lineCount: newest.lines.length, createdAt: newest.createdAt, dueAt: null, exceptions: [] },
    ]);
  });

  it('refuses a cursor from another filter with 400', async () => {
    const { body: first } = await invoke(handler, 'listDropshipOrders', { principal: ops, query: { status: 'PENDING', limit: '2' } });
    const { status, body } = await invoke(handler, 'listDropshipOrders', {
      principal: ops,
      query: { status: 'SENT_TO_VENDOR', cursor: first.nextCursor },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_CURSOR');
  });

  it('refuses an unknown status and a limit out of range, naming the fields', async () => {
    const { status, body } = await invoke(handler, 'listDropshipOrders', { principal: ops, query: { status: 'LOST', limit: '500' } });
    expect(status).toBe(400);
    expect(body.error.details.map((d: { field: string }) => d.field)).toEqual(['query.status', 'query.limit']);
  });
});

describe('a PO list entry, written after its PO', () => {
  const listed = async (status: PurchaseOrderStatus) =>
    (await invoke(handler, 'listDropshipOrders', { principal: ops, query: { status, vendorId: 'hooli', limit: '50' } })).body.items.map((row: { poNumber: string }) => row.poNumber);
  const streamRecord = (before: Record<string, unknown>, after: Record<string, unknown>): DynamoDBStreamEvent => ({
    Records: [{ eventName: 'MODIFY', eventID: 'lost-entry', dynamodb: { SequenceNumber: '1', OldImage: marshall(before) as never, NewImage: marshall(after) as never } }],
  });

  it('is put from the stream when the writer stopped between the two, and an older entry never replaces a newer one', async () => {
    const po = fixture(9000, 'hooli', 'PENDING');
    await Promise.all(purchaseOrderItems(po).map((Item) => table.db.send(new PutCommand({ TableName: table.name, Item }))));
    // A writer whose function stops right after the PO's transaction: its list entry never arrives.
    const stopping = connectTable({ tableName: table.name, region: 'us-east-1', endpoint: inject('dynamoEndpoint') });
    stopping.db.middlewareStack.add(
      (next, context) => async (args) => {
        const item = (args.input as { Item?: { SK?: string } }).Item;
        if (context.commandName === 'PutItemCommand' && item?.SK === 'SUMMARY') throw new Error('the function stopped');
        return next(args);
      },
      { step: 'initialize' },
    );
    const stored = async () => (await table.db.send(new GetCommand({ TableName: table.name, Key: purchaseOrderKeys.item(po.poNumber) }))).Item ?? {};
    const before = await stored();
    const change = await changePurchaseOrder(stopping, po.poNumber, (current) => ({
      next: { ...current, status: 'SENT_TO_VENDOR', version: current.version + 1, updatedAt: new Date().toISOString() },
      response: null,
    }));
    expect(change.after.status).toBe('SENT_TO_VENDOR');
    expect(await listed('PENDING')).toContain(po.poNumber); // behind its PO
    expect(await listed('SENT_TO_VENDOR')).not.toContain(po.poNumber);

    const after = await stored();
    const notifier = createNotifier(() => ({ ...testDependencies(table), senders: { email: async () => 'unused', sms: async () => 'unused' }, retry: { attempts: 1, baseDelayMs: 1 } }));
    expect(await notifier(streamRecord(before, after))).toEqual({ batchItemFailures: [] });
    expect(await listed('PENDING')).not.toContain(po.poNumber);
    expect(await listed('SENT_TO_VENDOR')).toContain(po.poNumber);

    // A slow writer's entry for the version before (or the same record delivered again) changes nothing.
    expect(await putListEntry(table, po)).toBe(false);
    expect(await listed('SENT_TO_VENDOR')).toContain(po.poNumber);
    expect(await listed('PENDING')).not.toContain(po.poNumber);
  });
});
