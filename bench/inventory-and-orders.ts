/**
 * Inventory feed ingestion and order placement with stock reservations, against DynamoDB Local:
 * - feeds of 5,000 rows (1 % malformed) applied one after another: rows per second and the
 *   DynamoDB requests each feed takes;
 * - orders of 1, 5 and 50 lines over two vendors with fresh stock: DynamoDB requests per order
 *   (counted through the SDK), and the same order refused for stock.
 * `npm run bench:inventory`
 */
import { createApiHandler } from '../functions/api/http/api-handler';
import { operations } from '../functions/api/orders';
import { applyInventoryFeed } from '../functions/services/inventory-feeds';
import { putProduct, putVendor } from '../functions/store/catalog-store';
import { connectTable, type Table } from '../functions/store/table';
import { ensureTable, startDynamoDbLocal } from '../local/dynamodb-local';
import { aProduct, aVendor, anOrder } from '../test/support/builders';
import { invoke, storefront } from '../test/support/invoke';
import { testDependencies } from '../test/support/test-table';

const feeds = 5;
const rowsPerFeed = 5_000;

function countRequests(table: Table): Record<string, number> {
  const requests: Record<string, number> = {};
  table.db.middlewareStack.add(
    (next, context) => (args) => {
      requests[String(context.commandName).replace('Command', '')] = (requests[String(context.commandName).replace('Command', '')] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return requests;
}
const summary = (requests: Record<string, number>) => Object.entries(requests).map(([name, n]) => `${n} ${name}`).join(', ');
const reset = (requests: Record<string, number>) => Object.keys(requests).forEach((k) => delete requests[k]);

const dynamo = await startDynamoDbLocal();
try {
  await ensureTable(dynamo.endpoint, 'bench-inventory');
  const table = connectTable({ tableName: 'bench-inventory', region: 'us-east-1', endpoint: dynamo.endpoint });
  const requests = countRequests(table);

  console.log('## Inventory feed ingestion\n');
  console.log('| feed | rows | applied | rejected | DynamoDB requests | rows/s |');
  console.log('| ---: | ---: | ---: | ---: | --- | ---: |');
  let totalRows = 0;
  let totalMs = 0;
  for (let f = 1; f <= feeds; f++) {
    const rows = Array.from({ length: rowsPerFeed }, (_, i) => (i % 100 === 99 ? { vendorSku: `V-${i}`, available: -1 } : { vendorSku: `V-${i}`, available: (i * f) % 50, restockDate: null }));
    reset(requests);
    const started = performance.now();
    const result = await applyInventoryFeed({ table, now: () => new Date() }, 'bench-vendor', `F-${f}`, rows);
    const ms = performance.now() - started;
    totalRows += rows.length;
    totalMs += ms;
    console.log(`| ${f} | ${rows.length} | ${result.applied} | ${result.rejected.length} | ${summary(requests)} | ${Math.round(rows.length / (ms / 1000))} |`);
  }
  console.log(`\nOverall: ${Math.round(totalRows / (totalMs / 1000))} rows/s over ${totalRows} rows.\n`);

  console.log('## Order placement with stock reservations\n');
  const vendors = [aVendor({ vendorId: 'north' }), aVendor({ vendorId: 'south' })];
  for (const vendor of vendors) await putVendor(table, vendor);
  const products = Array.from({ length: 50 }, (_, i) => aProduct({ sku: `BENCH-${i}`, vendorIds: [vendors[i % 2]?.vendorId ?? 'north'] }));
  for (const product of products) await putProduct(table, product);
  for (const vendor of vendors) {
    const own = products.flatMap((p) => p.sources.filter((s) => s.vendorId === vendor.vendorId).map((s) => ({ vendorSku: s.vendorSku, available: 1_000, restockDate: null })));
    await applyInventoryFeed({ table, now: () => new Date() }, vendor.vendorId, 'stock-1', own);
  }
  const handler = createApiHandler(operations, () => testDependencies(table));
  console.log('| lines | vendors | reservations | answer | DynamoDB requests |');
  console.log('| ---: | ---: | ---: | ---: | --- |');
  let n = 0;
  for (const lines of [1, 5, 50]) {
    reset(requests);
    const body = anOrder({ skus: products.slice(0, lines).map((p) => p.sku) });
    const { status } = await invoke(handler, 'placeOrder', { principal: storefront, body, headers: { 'Idempotency-Key': `bench-${++n}` } });
    console.log(`| ${lines} | ${Math.min(lines, 2)} | ${lines} | ${status} | ${summary(requests)} |`);
  }
  reset(requests);
  const tooMany = anOrder({ skus: ['BENCH-0'] });
  tooMany.lines[0] = { sku: 'BENCH-0', quantity: 5_000, unitPrice: 100 };
  const refused = await invoke(handler, 'placeOrder', { principal: storefront, body: tooMany, headers: { 'Idempotency-Key': `bench-${++n}` } });
  console.log(`| 1 (5,000 units, short) | 1 | 0 | ${refused.status} ${refused.body.error.code} | ${summary(requests)} |`);
} finally {
  await dynamo.stop();
}
