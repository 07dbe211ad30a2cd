import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { createApiHandler } from '../functions/api/http/api-handler';
import { operations as orders } from '../functions/api/orders';
import { connectTable, type Table } from '../functions/store/table';
import { ensureTable } from '../local/dynamodb-local';
import { invoke, storefront } from '../test/support/invoke';
import { benchDependencies } from './support';
import { benchCatalog, benchOrder, closedLoop, intakeClients, intakeLines, warmUp, type IntakeRow } from './order-intake';

/** A request exactly as the order handler sent it, to send again. */
interface Recorded {
  command: new (input: object) => object;
  input: object;
}

/** One order's requests and the ids in them that must be fresh on each replay. */
interface RecordedOrder {
  requests: Recorded[];
  ids: string[];
}

const variants = 40;

/**
 * The floor under order intake: the DynamoDB requests an order costs (its two BatchGets and its
 * TransactWriteItems, the same items and sizes, recorded from the real handler), sent straight to
 * a fresh DynamoDB Local by 1, 8 and 32 clients, without the API, the workflow or the notifier.
 * Order intake divided by this is how much of DynamoDB Local's pace the service keeps. Then the
 * order handler alone, called in this process (no HTTP, no authorizer, workflows not started, no
 * notifier), to split the gap between our handler and the rest of the offline stack.
 */
export async function intakeFloor(endpoint: string, options: { seconds: number }): Promise<{ floor: IntakeRow[]; handler: IntakeRow[] }> {
  const tableName = 'bench-floor';
  await ensureTable(endpoint, tableName);
  const table = connectTable({ tableName, region: 'us-east-1', endpoint });
  const catalog = await benchCatalog(table);
  const recorded = new Map<number, RecordedOrder[]>();
  for (const lines of intakeLines) {
    const list: RecordedOrder[] = [];
    // As many variants as the catalog has dropship SKUs, so concurrent replays touch the same stock items as intake does.
    for (let sequence = 0; sequence < variants; sequence++) list.push(await recordOrder(table, benchOrder(catalog, lines, sequence), `floor-${lines}-${sequence}`));
    recorded.set(lines, list);
  }
  const floor: IntakeRow[] = [];
  const handler: IntakeRow[] = [];
  const placeOrder = createApiHandler(orders, () => benchDependencies(table));
  let n = 0;
  const replay = (lines: number, concurrency: number) =>
    closedLoop(concurrency, options.seconds, async () => {
      const order = recorded.get(lines)?.[++n % variants];
      return order ? replayOrder(table, order, `~${n}`) : false;
    });
  const handle = (lines: number, concurrency: number) =>
    closedLoop(concurrency, options.seconds, async () => {
      const answer = await invoke(placeOrder, 'placeOrder', { principal: storefront, body: benchOrder(catalog, lines, ++n), headers: { 'Idempotency-Key': `handler-${n}` } });
      return answer.status === 201;
    });
  // Warmed up as intake is, each on its own.
  console.error(`  floor warmed up in ${await warmUp(() => replay(1, 8))} runs, handler in ${await warmUp(() => handle(1, 8))}`);
  for (const lines of intakeLines) {
    for (const concurrency of intakeClients) {
      const replayed = await replay(lines, concurrency);
      floor.push({ lines, concurrency, ...replayed });
      const handled = await handle(lines, concurrency);
      handler.push({ lines, concurrency, ...handled });
      console.error(`  ${lines} lines × ${concurrency} clients: floor ${replayed.ordersPerSecond}, handler alone ${handled.ordersPerSecond} orders/s`);
    }
  }
  return { floor, handler };
}

/** Places one order through the real handler, keeping every request it sends (it then exists; replays use fresh ids). */
async function recordOrder(table: Table, body: unknown, idempotencyKey: string): Promise<RecordedOrder> {
  const requests: Recorded[] = [];
  const send = table.db.send.bind(table.db);
  const recording = new Proxy(table.db, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: Recorded['command']; input: object }) => {
        requests.push({ command: command.constructor, input: structuredClone(command.input) });
        return send(command as unknown as Parameters<typeof send>[0]);
      };
    },
  });
  const deps = benchDependencies({ ...table, db: recording });
  const answer = await invoke(createApiHandler(orders, () => deps), 'placeOrder', { principal: storefront, body, headers: { 'Idempotency-Key': idempotencyKey } });
  if (answer.status !== 201) throw new Error(`recording an order: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { requests, ids: [idempotencyKey, answer.body.orderId, ...answer.body.purchaseOrders.map((po: { poNumber: string }) => po.poNumber)] };
}

/** Sends an order's requests again, in order, with `suffix` on its ids: a new order as DynamoDB sees it. */
async function replayOrder(table: Table, order: RecordedOrder, suffix: string): Promise<boolean> {
  const pattern = new RegExp(order.ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const fresh = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(pattern, (id) => `${id}${suffix}`);
    if (Array.isArray(value)) return value.map(fresh);
    if (value instanceof Set) return new Set([...value].map(fresh));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [fresh(k), fresh(v)]));
    return value;
  };
  for (const { command, input } of order.requests) {
    // The store retries a transaction that met another on the same stock item; so does the floor.
    for (let attempt = 1; ; attempt++) {
      try {
        await table.db.send(new command(fresh(input) as object) as Parameters<typeof table.db.send>[0]);
        break;
      } catch (error) {
        const conflict = error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict');
        if (!conflict || attempt >= 10) return false;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 30 * attempt));
      }
    }
  }
  return true;
}
