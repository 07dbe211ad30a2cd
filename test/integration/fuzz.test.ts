import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../functions/contracts/api-keys';
import { routeList, type OperationId } from '../../functions/api/route-table';
import type { RouteDefinition } from '../../functions/api/route-definition';
import { connectTable, type Table } from '../../functions/store/table';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { startSeededApi, type ApiClient } from '../support/local-api';
import { vendorInterchange } from '../support/x12';

/**
 * Property-based fuzzing of every route through the offline stack (authorizer, validation,
 * handlers, DynamoDB Local): generated bodies (valid examples with one field broken, random JSON,
 * random text), query strings, path parameters and headers. Every answer must be a 2xx, or a 4xx
 * in the JSON error shape; never a 5xx. Every refused request must leave the table as it was.
 */
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 20);

let client: ApiClient;
let table: Table;
let poNumber = 'PO-NONE';
let orderId = 'ord_none';

beforeAll(async () => {
  client = await startSeededApi();
  table = connectTable({ tableName: process.env.TABLE_NAME ?? '', region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const placed = await client.call('POST', '/orders', { key: demoKeys.storefront, body: anOrder({ skus: ['CHAIR-002'] }), headers: { 'Idempotency-Key': 'fuzz-seed' } });
  orderId = placed.body.orderId;
  poNumber = placed.body.purchaseOrders[0].poNumber;
});
afterAll(() => client.close());

const keys: Record<Role, string> = { storefront: demoKeys.storefront, ops: demoKeys.ops, vendor: demoKeys.vendor('globex'), carrier: demoKeys.carrier };

/** A valid request body per route, the seed the mutations start from. */
const examples: Partial<Record<OperationId, () => unknown>> = {
  putVendor: () => ({ name: 'Fuzz Vendor', active: true, channel: 'API', api: { webhookUrl: null, signingSecret: 'whsec_fuzz_secret_000001' }, sla: { ackWithinHours: 24, shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'America/Chicago', holidays: [] } }),
  putProduct: () => ({ name: 'Fuzz product', sources: [{ vendorId: 'globex', vendorSku: 'GX-FZ', unitCost: 100, priority: 1, active: true }] }),
  placeOrder: () => anOrder({ skus: ['CHAIR-002', 'MUG-003'] }),
  cancelOrder: () => ({ lines: [1], reason: 'fuzz' }),
  acknowledgePurchaseOrder: () => ({ estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] }),
  shipPurchaseOrder: () => ({ carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 1 }] }] }),
  putInventory: () => ({ feedId: 'F-fuzz', items: [{ vendorSku: 'GX-200', available: 5, restockDate: null }] }),
  resolveException: () => ({ note: 'fuzz', action: 'EXTEND_DUE_DATE', extendHours: 24 }),
  createApiKey: () => ({ role: 'vendor', vendorId: 'globex', description: 'fuzz' }),
  receiveX12: () => vendorInterchange({ setId: '855', functionalId: 'PR', control: 7001, sender: 'GLOBEXDIRECT', segments: ['BAK*00*AC*PO-NONE*20261124', 'PO1*1*1*EA', 'ACK*IA*1*EA*068*20261201', 'CTT*1'] }),
};

type Json = unknown;
type Path = (string | number)[];

function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
}

function setAt(value: Json, path: Path, replacement: Json | typeof remove): Json {
  if (path.length === 0) return replacement === remove ? undefined : replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  const next = setAt(copy[head as string], rest, replacement);
  if (next === undefined && rest.length === 0) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}
const remove = Symbol('remove');

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 2000 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, '', ' ', '0', -1, 0, 1e308, '2026-02-30', '../../etc/passwd', '<script>', "' OR 1=1 --", '\u0000', '💥'),
  fc.constant(remove),
);

function bodyArbitrary(operation: OperationId, route: RouteDefinition): fc.Arbitrary<string | undefined> {
  const example = examples[operation]?.();
  if (!route.body || example === undefined) return fc.option(fc.jsonValue().map((v) => JSON.stringify(v)), { nil: undefined });
  if (typeof example === 'string') {
    // X12: the example with a character range cut, replaced or repeated, or random text.
    return fc.oneof(
      fc.tuple(fc.nat(example.length), fc.nat(example.length), fc.string({ maxLength: 20 })).map(([a, b, s]) => example.slice(0, Math.min(a, b)) + s + example.slice(Math.max(a, b))),
      fc.string({ maxLength: 500 }),
      fc.constant(example.replaceAll('~', '\n')),
      fc.constant(example.repeat(50)),
    );
  }
  const mutated = fc.tuple(fc.constantFrom(...pathsOf(example)), oddValue).map(([path, value]) => JSON.stringify(setAt(example, path, value) ?? null));
  return fc.oneof({ weight: 6, arbitrary: mutated }, { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: fc.string({ maxLength: 200 }) });
}

const paramValue = () => fc.oneof(fc.constantFrom(poNumber, orderId, 'acme', 'LAMP-001', 'PO-NONE.ACK_OVERDUE.1764000000000'), fc.string({ minLength: 1, maxLength: 80 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }));
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 });

interface FuzzRequest {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

function requestArbitrary(operation: OperationId, route: RouteDefinition): fc.Arbitrary<FuzzRequest> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const queryNames = ['status', 'vendorId', 'type', 'limit', 'cursor', 'from', 'to', 'weights', 'x'];
  const allowed = route.roles[0] ?? 'ops';
  return fc.record({
    params: fc.tuple(...names.map(() => paramValue())),
    query: fc.dictionary(fc.constantFrom(...queryNames), fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('open', 'SENT_TO_VENDOR', '0', '101', '25', 'eyJ4IjoxfQ', '2026-11-01', 'onTimeShip:x'))),
    key: fc.oneof({ weight: 8, arbitrary: fc.constant(keys[allowed]) }, { weight: 1, arbitrary: fc.constantFrom(...Object.values(keys)) }, { weight: 1, arbitrary: headerValue }),
    idempotencyKey: fc.option(headerValue, { nil: undefined }),
    contentType: fc.constantFrom('application/json', 'application/edi-x12', 'text/plain', 'application/json; charset=latin1', ''),
    body: bodyArbitrary(operation, route),
  }).map(({ params, query, key, idempotencyKey, contentType, body }) => {
    let path = route.path;
    names.forEach((name, i) => (path = path.replace(`{${name}}`, encodeURIComponent(params[i] ?? ''))));
    return {
      path,
      query,
      headers: { ...(key && { 'x-api-key': key }), ...(idempotencyKey !== undefined && { 'Idempotency-Key': idempotencyKey }), ...(contentType && { 'content-type': contentType }) },
      ...(body !== undefined && { body }),
    };
  });
}

/**
 * The whole table, as a digest: the same digest means nothing was written. One write a refusal
 * makes on purpose is left out: a shipment refused for its tracking number counts against the
 * vendor's valid-tracking rate (the `trackingRefused` day counter).
 */
async function tableDigest(): Promise<string> {
  const hash = createHash('sha256');
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  const items: string[] = [];
  do {
    const page = await table.db.send(new ScanCommand({ TableName: table.name, ConsistentRead: true, ExclusiveStartKey }));
    for (const { trackingRefused: _counted, ...item } of page.Items ?? []) {
      const counterOnly = String(item.SK).startsWith('STATS#DAY#') && Object.keys(item).every((name) => ['PK', 'SK', 'entity'].includes(name));
      if (!counterOnly) items.push(JSON.stringify(item, Object.keys(item).sort()));
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  for (const item of items.sort()) hash.update(item);
  return hash.digest('hex');
}

/**
 * After an accepted request the workflow may still be writing: wait until every execution is parked
 * on a task token (the workflow is the only writer besides the request itself), then read the table.
 * A pause between two of a workflow's writes can be longer than any fixed wait on a loaded machine.
 */
async function settledDigest(): Promise<string> {
  while (!client.stepFunctions.quiet()) await new Promise((resolve) => setTimeout(resolve, 20));
  return tableDigest();
}

const isErrorShape = (body: unknown) => {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  return (
    typeof error?.code === 'string' &&
    typeof error.message === 'string' &&
    Array.isArray(error.details) &&
    error.details.every((d: { field?: unknown; rule?: unknown; message?: unknown }) => typeof d.field === 'string' && typeof d.rule === 'string' && typeof d.message === 'string')
  );
};

describe('every route under generated input', () => {
  const seen: Record<number, number> = {};
  afterAll(() => console.info(`fuzz: ${Object.entries(seen).map(([s, n]) => `${n}×${s}`).join(', ')}`));

  it.each(routeList())('%s answers 2xx or a 4xx in the error shape, and a refusal changes nothing', async (operation, route) => {
    let digest = await settledDigest();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(operation, route), async (request) => {
        const url = `${client.api.url}${request.path}?${new URLSearchParams(request.query)}`;
        const response = await fetch(url, { method: route.method, headers: request.headers, ...(request.body !== undefined && route.method !== 'GET' && { body: request.body }) });
        const text = await response.text();
        seen[response.status] = (seen[response.status] ?? 0) + 1;
        expect(response.status, `${route.method} ${request.path}: ${text.slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get('content-type')).toContain('application/json');
          expect(isErrorShape(JSON.parse(text)), text.slice(0, 300)).toBe(true);
          const after = await tableDigest();
          expect(after, `${route.method} ${request.path} answered ${response.status} but wrote to the table`).toBe(digest);
        } else {
          digest = await settledDigest();
        }
      }),
      { numRuns: runsPerRoute, seed: Number(process.env.FUZZ_SEED ?? 20261126), endOnFailure: true },
    );
  }, 120_000);
});
