import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/http/api-handler';
import { operations } from '../../functions/api/dropship';
import { purchaseOrderItems } from '../../functions/store/order-store';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PurchaseOrder } from '../../functions/domain/order-placement';
import type { PurchaseOrderStatus } from '../../functions/domain/purchase-order-status';
import type { Table } from '../../functions/store/table';
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
