import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/http/api-handler';
import { operations } from '../../functions/api/orders';
import { putProduct, putVendor } from '../../functions/store/catalog-store';
import { idempotencyKeys, orderKeys, purchaseOrderKeys } from '../../functions/store/keys';
import { listPurchaseOrders } from '../../functions/store/purchase-order-store';
import type { Table } from '../../functions/store/table';
import { randomIds } from '../../functions/ids';
import { aProduct, aVendor, anOrder } from '../support/builders';
import { invoke, ops, storefront } from '../support/invoke';
import { countingTable, createTestTable, testDependencies } from '../support/test-table';

let table: Table;
let handler: ReturnType<typeof createApiHandler>;
const skus = { acme: 'LAMP', globex: 'CHAIR', warehouse: 'MUG' };

beforeAll(async () => {
  table = await createTestTable();
  handler = createApiHandler(operations, () => testDependencies(table));
  await putVendor(table, aVendor({ vendorId: 'acme' }));
  await putVendor(table, aVendor({ vendorId: 'globex' }));
  await putProduct(table, aProduct({ sku: skus.acme, vendorIds: ['acme'] }));
  await putProduct(table, aProduct({ sku: skus.globex, vendorIds: ['globex'] }));
  await putProduct(table, aProduct({ sku: skus.warehouse }));
});

const place = (body: unknown, key: string, principal = storefront) =>
  invoke(handler, 'placeOrder', { principal, body, headers: { 'Idempotency-Key': key } });

const exists = async (key: { PK: string; SK: string }) =>
  (await table.db.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))).Item !== undefined;

describe('POST /orders', () => {
  it('creates the order with one purchase order per vendor and answers 201', async () => {
    const { status, body } = await place(anOrder({ skus: [skus.acme, skus.globex, skus.warehouse] }), 'create-1');
    expect(status).toBe(201);
    expect(body.lines.map((l: { fulfillment: string }) => l.fulfillment)).toEqual(['DROPSHIP', 'DROPSHIP', 'WAREHOUSE']);
    expect(body.purchaseOrders.map((po: { vendorId: string; status: string }) => [po.vendorId, po.status])).toEqual([
      ['acme', 'PENDING'],
      ['globex', 'PENDING'],
    ]);
    const fetched = await invoke(handler, 'getOrder', { principal: storefront, params: { orderId: body.orderId } });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(body);
  });

  it('answers a replay of the same key and body with the same order and 200', async () => {
    const order = anOrder({ skus: [skus.acme] });
    const first = await place(order, 'replay-1');
    const second = await place(order, 'replay-1');
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.orderId).toBe(first.body.orderId);
    expect(second.body.purchaseOrders).toEqual(first.body.purchaseOrders);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const order = anOrder({ skus: [skus.acme] });
    const reordered = Object.fromEntries(Object.entries(order).reverse());
    const first = await place(order, 'reordered-1');
    const second = await place(reordered, 'reordered-1');
    expect(second).toMatchObject({ status: 200, body: { orderId: first.body.orderId } });
  });

  it('refuses the same key with a different body with 409 and creates nothing', async () => {
    await place(anOrder({ skus: [skus.acme] }), 'conflict-1');
    const globexBefore = await listPurchaseOrders(table, { vendorId: 'globex' }, { limit: 100 });
    const { status, body } = await place(anOrder({ skus: [skus.globex] }), 'conflict-1');
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: [{ field: 'header.Idempotency-Key' }] });
    const globexAfter = await listPurchaseOrders(table, { vendorId: 'globex' }, { limit: 100 });
    expect(globexAfter.items).toHaveLength(globexBefore.items.length);
  });

  it('lets two storefronts use the same idempotency key for different orders', async () => {
    const a = await place(anOrder({ skus: [skus.acme] }), 'shared-key', { ...storefront, storefrontId: 'shop-a' });
    const b = await place(anOrder({ skus: [skus.globex] }), 'shared-key', { ...storefront, storefrontId: 'shop-b' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.orderId).not.toBe(b.body.orderId);
  });

  it('creates exactly one order from 20 concurrent identical requests', async () => {
    const order = anOrder({ skus: [skus.acme, skus.globex] });
    const answers = await Promise.all(Array.from({ length: 20 }, () => place(order, 'concurrent-1')));
    const orderIds = new Set(answers.map((a) => a.body.orderId));
    expect(orderIds.size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    const [orderId] = orderIds;
    const acmePos = await listPurchaseOrders(table, { vendorId: 'acme' }, { limit: 100 });
    expect(acmePos.items.filter((po) => po.orderId === orderId)).toHaveLength(1);
  });

  it('leaves nothing behind when the transaction fails', async () => {
    const first = await place(anOrder({ skus: [skus.acme] }), 'tx-1');
    const takenPoNumber: string = first.body.purchaseOrders[0].poNumber;
    const orderId = 'ord_transaction_failure';
    // A PO number that already exists makes one Put's condition fail, so the transaction is cancelled.
    const colliding = createApiHandler(operations, () =>
      testDependencies(table, { ids: { ...randomIds, orderId: () => orderId, poNumber: () => takenPoNumber } }),
    );
    const answer = await invoke(colliding, 'placeOrder', {
      principal: storefront,
      body: anOrder({ skus: [skus.acme] }),
      headers: { 'Idempotency-Key': 'tx-2' },
    });
    expect(answer.status).toBe(500);
    expect(await exists(orderKeys.item(orderId))).toBe(false);
    expect(await exists(idempotencyKeys.item(storefront.storefrontId ?? '', 'tx-2'))).toBe(false);
    const po = await table.db.send(new GetCommand({ TableName: table.name, Key: purchaseOrderKeys.item(takenPoNumber) }));
    expect(po.Item?.orderId).toBe(first.body.orderId);
  });

  it('refuses an unknown SKU with 422 naming the line, and writes nothing', async () => {
    const { status, body } = await place(anOrder({ skus: [skus.acme, 'NOT-A-SKU'] }), 'unknown-sku');
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'UNKNOWN_SKU', details: [{ field: 'lines.1.sku', rule: 'known_sku' }] });
    expect(await exists(idempotencyKeys.item('shop', 'unknown-sku'))).toBe(false);
  });

  it('places an order in three DynamoDB requests however many lines and vendors it has', async () => {
    const { table: countedTable, commands } = countingTable(table.name);
    const counted = testDependencies(countedTable);
    const countingHandler = createApiHandler(operations, () => counted);
    const body = anOrder({ skus: [skus.acme, skus.globex, skus.warehouse, skus.acme] });
    const { status } = await invoke(countingHandler, 'placeOrder', { principal: storefront, body, headers: { 'Idempotency-Key': 'count-1' } });
    expect(status).toBe(201);
    expect(commands).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);
  });

  it('refuses a request without an Idempotency-Key', async () => {
    const { status, body } = await invoke(handler, 'placeOrder', { principal: storefront, body: anOrder({ skus: [skus.acme] }) });
    expect(status).toBe(400);
    expect(body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('refuses a body that is not JSON with 400', async () => {
    const { status, body } = await invoke(handler, 'placeOrder', {
      principal: storefront,
      body: '{"lines": [',
      headers: { 'Idempotency-Key': 'bad-json' },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_JSON');
  });

  it('hides another storefront\'s order behind a 404, while ops can read it', async () => {
    const { body } = await place(anOrder({ skus: [skus.acme] }), 'private-1');
    const other = await invoke(handler, 'getOrder', { principal: { ...storefront, storefrontId: 'other-shop' }, params: { orderId: body.orderId } });
    expect(other.status).toBe(404);
    const asOps = await invoke(handler, 'getOrder', { principal: ops, params: { orderId: body.orderId } });
    expect(asOps.status).toBe(200);
  });
});
