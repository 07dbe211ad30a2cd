import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createApiHandler } from '../functions/api/http/api-handler';
import { operations as dropship } from '../functions/api/dropship';
import { operations as orders } from '../functions/api/orders';
import { operations as vendorPortal } from '../functions/api/vendor-portal';
import { operations as returns } from '../functions/api/returns';
import { applyCarrierEvents } from '../functions/services/tracking-events';
import { createNotifier } from '../functions/notifications/notifier';
import { applyInventoryFeed } from '../functions/services/inventory-feeds';
import { orderKeys, purchaseOrderKeys } from '../functions/store/keys';
import { connectTable, type Table } from '../functions/store/table';
import { createParkTask } from '../functions/workflow/park';
import { createRerouteTask } from '../functions/workflow/reroute';
import { createTransmitTask } from '../functions/workflow/transmit';
import { ensureTable } from '../local/dynamodb-local';
import { seedDemoData } from '../local/seed';
import { anOrder } from '../test/support/builders';
import { invoke, ops, storefront, vendorPrincipal } from '../test/support/invoke';
import { benchDependencies, countRequests, describeRequests, totalRequests, type RequestCount } from './support';

export interface OperationCost extends RequestCount {
  operation: string;
  total: number;
  detail: string;
}

/**
 * DynamoDB requests and consumed capacity per operation, counted through the SDK on DynamoDB Local:
 * each handler runs with a counting client (the workflow and customer messages stubbed out, so
 * only the operation itself is counted).
 */
/** `feed: false` leaves out the 5,000-row feed (the write-units test needs only the order's operations). */
export async function requestsPerOperation(endpoint: string, options: { feed?: boolean; tableName?: string } = {}): Promise<OperationCost[]> {
  const tableName = options.tableName ?? 'bench-requests';
  await ensureTable(endpoint, tableName);
  const plain = connectTable({ tableName, region: 'us-east-1', endpoint });
  const table: Table = connectTable({ tableName, region: 'us-east-1', endpoint });
  const counter = countRequests(table);
  await seedDemoData(plain, new Date());
  for (const [vendorId, sku] of [['acme', 'AC-100'], ['globex', 'GX-200']] as const) {
    await applyInventoryFeed({ table: plain, now: () => new Date() }, vendorId, 'bench', [{ vendorSku: sku, available: 1_000_000, restockDate: null }]);
  }
  const deps = benchDependencies(table);
  const api = {
    orders: createApiHandler(orders, () => deps),
    vendorPortal: createApiHandler(vendorPortal, () => deps),
    dropship: createApiHandler(dropship, () => deps),
    returns: createApiHandler(returns, () => deps),
  };
  const results: OperationCost[] = [];
  const measure = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    counter.reset();
    const value = await work();
    const count = counter.reset();
    results.push({ operation, ...count, total: totalRequests(count), detail: describeRequests(count) });
    return value;
  };

  const place = (key: string, skus: string[]) => invoke(api.orders, 'placeOrder', { principal: storefront, body: anOrder({ skus }), headers: { 'Idempotency-Key': key } });
  const one = await measure('POST /orders (1 dropship line)', () => place('bench-1', ['CHAIR-002']));
  await measure('POST /orders (5 lines: 3 dropship over 2 vendors, 2 warehouse)', () => place('bench-5', ['CHAIR-002', 'LAMP-001', 'LAMP-001', 'MUG-003', 'MUG-003']));
  await measure('POST /orders replayed (same Idempotency-Key)', () => place('bench-1', ['CHAIR-002']));
  await measure('GET /orders/{id}', () => invoke(api.orders, 'getOrder', { principal: ops, params: { orderId: one.body.orderId } }));
  const poNumber: string = one.body.purchaseOrders[0].poNumber;
  const beforeTransmit = await readItem(plain, purchaseOrderKeys.item(poNumber));
  await measure('workflow: transmit a PO (API vendor, pull)', () => createTransmitTask(() => deps)({ poNumber }));
  const afterTransmit = await readItem(plain, purchaseOrderKeys.item(poNumber));
  await measure('workflow: park for the acknowledgment', () => createParkTask(() => deps)({ poNumber, taskToken: 'bench-token-1', waitFor: 'ACKNOWLEDGMENT' }));
  const beforeAck = await readItem(plain, purchaseOrderKeys.item(poNumber));
  const acked = await measure('vendor acknowledgment (JSON, wakes the workflow)', () =>
    invoke(api.vendorPortal, 'acknowledgePurchaseOrder', { principal: vendorPrincipal('globex'), params: { poNumber }, body: { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] } }),
  );
  if (acked.status !== 200) throw new Error(`acknowledgment answered ${acked.status}`);
  await measure('workflow: park for the shipment', () => createParkTask(() => deps)({ poNumber, taskToken: 'bench-token-2', waitFor: 'SHIPMENT' }));
  await measure('vendor shipment (JSON, 1 package)', () =>
    invoke(api.vendorPortal, 'shipPurchaseOrder', {
      principal: vendorPrincipal('globex'),
      params: { poNumber },
      body: { carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 1 }] }] },
    }),
  );
  // One re-route: DESK-004 goes to globex, which rejects it; the workflow's task moves it to acme.
  const desk = (await place('bench-reroute', ['DESK-004'])).body.purchaseOrders[0].poNumber as string;
  await createTransmitTask(() => deps)({ poNumber: desk });
  await measure('vendor rejection (JSON, the line dropped: wakes the workflow)', () =>
    invoke(api.vendorPortal, 'acknowledgePurchaseOrder', { principal: vendorPrincipal('globex'), params: { poNumber: desk }, body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'out of stock' }] } }),
  );
  await measure('workflow: re-route the rejected line (a new PO to the other source, its stock, the order)', () => createRerouteTask(() => deps)({ poNumber: desk }));
  for (let i = 0; i < 30; i++) await place(`bench-page-${i}`, ['CHAIR-002']);
  await measure('Dropship tab page (25 rows)', () => invoke(api.dropship, 'listDropshipOrders', { principal: ops, query: { limit: '25' } }));
  await measure('Dropship tab page by status and vendor (25 rows)', () => invoke(api.dropship, 'listDropshipOrders', { principal: ops, query: { status: 'PENDING', vendorId: 'globex', limit: '25' } }));

  const notifier = createNotifier(() => ({ ...deps, senders: { email: async () => 'bench', sms: async () => 'bench' }, retry: { attempts: 1, baseDelayMs: 1 } }));
  const orderItem = await readItem(plain, orderKeys.item(one.body.orderId));
  await measure('notifier: order received (email)', () => notifier(streamEvent('INSERT', orderItem)));
  const afterAck = await readItem(plain, purchaseOrderKeys.item(poNumber));
  await measure('notifier: PO milestone (acknowledged, email)', () => notifier(streamEvent('MODIFY', afterAck, beforeAck)));
  await measure('notifier: a PO sent to its vendor (no message; its list entry checked)', () => notifier(streamEvent('MODIFY', afterTransmit, beforeTransmit)));
  await measure('notifier: a PO change no customer hears of (a parked token)', () => notifier(streamEvent('MODIFY', afterAck, afterAck)));

  // The floor under the PO writes above: two of their parts alone, each written as there (the list
  // entry a plain Put after the PO's transaction, the PO item inside it).
  const summary = await readItem(plain, purchaseOrderKeys.summary(poNumber));
  const moved = { ...summary, status: 'DELIVERED' } as Record<string, unknown> & Parameters<typeof purchaseOrderKeys.listKeys>[0];
  await measure('floor: a list entry to another status alone (its 4 list index entries)', () => table.db.send(new PutCommand({ TableName: tableName, Item: { ...moved, ...purchaseOrderKeys.listKeys(moved) } })));
  const shipped = await readItem(plain, purchaseOrderKeys.item(poNumber));
  const transactAlone = (Item: Record<string, unknown>) => table.db.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: tableName, Item } }] }));
  await measure('floor: the shipped PO item rewritten alone in a transaction (no index moves)', () => transactAlone({ ...shipped, updatedAt: new Date().toISOString() }));
  // What history and shipments as items of their own would change: the PO item without them, and the item each status change would add.
  const { history, shipments: _, ...compact } = shipped as { history: Record<string, unknown>[]; shipments: unknown[] };
  await measure('floor: the same PO item without its history and shipments, alone in a transaction', () => transactAlone({ ...compact, updatedAt: new Date().toISOString() }));
  await measure('floor: one history entry as an item of its own, alone in a transaction', () => transactAlone({ PK: shipped.PK, SK: `HISTORY#${String(history.at(-1)?.at)}`, ...history.at(-1) }));
  // A customer return of a chair of its own, shipped (the rows above measure their PO as it was).
  const chair = (await place('bench-return-order', ['CHAIR-002'])).body;
  const chairPo: string = chair.purchaseOrders[0].poNumber;
  await createTransmitTask(() => deps)({ poNumber: chairPo });
  await invoke(api.vendorPortal, 'shipPurchaseOrder', {
    principal: vendorPrincipal('globex'),
    params: { poNumber: chairPo },
    body: { carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '1Z999AA10123456800', lines: [{ lineNumber: 1, quantity: 1 }] }] },
  });
  const returned = await measure('POST /orders/{id}/returns (1 line, its vendor told by webhook)', () =>
    invoke(api.returns, 'requestReturn', { principal: storefront, params: { orderId: chair.orderId }, body: { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'DEFECTIVE' }, headers: { 'Idempotency-Key': 'bench-return' } }),
  );
  const rmaId: string = returned.body.returns[0].rmaId;
  const label = '1Z999AA10123456793';
  await measure('vendor answers a return (approved with a prepaid label)', () =>
    invoke(api.returns, 'answerReturn', { principal: vendorPrincipal('globex'), params: { rmaId }, body: { approve: true, vendorRma: 'GX-RA-1', label: { carrier: 'UPS', trackingNumber: label } } }),
  );
  await measure('carrier event for a return label (delivered to the vendor)', () => applyCarrierEvents(deps, [{ trackingNumber: label, status: 'DELIVERED', at: new Date().toISOString() }], 'bench'));
  await measure('vendor receipt of a return (credited at PO cost)', () =>
    invoke(api.returns, 'receiveReturn', { principal: vendorPrincipal('globex'), params: { rmaId }, body: { lines: [{ lineNumber: 1, quantity: 1, condition: 'AS_NEW' }] } }),
  );
  if (options.feed === false) return results;
  const rows = Array.from({ length: 5000 }, (_, i) => ({ vendorSku: `BENCH-${i}`, available: i % 50, restockDate: null }));
  await measure('inventory feed (5,000 rows)', () => applyInventoryFeed(deps, 'globex', 'bench-feed', rows));
  return results;
}

async function readItem(table: Table, key: { PK: string; SK: string }): Promise<Record<string, unknown>> {
  const { Item } = await table.db.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }));
  if (!Item) throw new Error(`no item ${key.PK}`);
  return Item;
}

function streamEvent(eventName: 'INSERT' | 'MODIFY', after: Record<string, unknown>, before?: Record<string, unknown>): DynamoDBStreamEvent {
  const image = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true }) as NonNullable<DynamoDBStreamEvent['Records'][number]['dynamodb']>['NewImage'];
  return { Records: [{ eventName, eventID: 'bench', dynamodb: { SequenceNumber: '1', NewImage: image(after), ...(before && { OldImage: image(before) }) } }] };
}
