import { putProduct, putVendor } from '../functions/store/catalog-store';
import { applyInventoryFeed } from '../functions/services/inventory-feeds';
import type { Product } from '../functions/domain/catalog';
import { demoKeys } from '../local/seed';
import { aProduct, aVendor, anOrder } from '../test/support/builders';
import type { BenchStack } from './offline-stack';
import { percentile, round } from './support';

export interface IntakeRow {
  lines: number;
  concurrency: number;
  orders: number;
  ordersPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
}

const vendors = ['bench-a', 'bench-b', 'bench-c', 'bench-d'];

/** A catalog for the benchmark: 40 dropship SKUs over 4 API vendors, 40 warehouse SKUs, stock to spare. */
async function benchCatalog(stack: BenchStack): Promise<{ dropship: Product[]; warehouse: Product[] }> {
  for (const vendorId of vendors) await putVendor(stack.table, aVendor({ vendorId, sla: { ...aVendor().sla, ackWithinHours: 48 } }));
  const dropship = Array.from({ length: 40 }, (_, i) => aProduct({ sku: `BENCH-D${i}`, vendorIds: [vendors[i % vendors.length] ?? 'bench-a'] }));
  const warehouse = Array.from({ length: 40 }, (_, i) => aProduct({ sku: `BENCH-W${i}` }));
  for (const product of [...dropship, ...warehouse]) await putProduct(stack.table, product);
  for (const vendorId of vendors) {
    const rows = dropship.flatMap((p) => p.sources.filter((s) => s.vendorId === vendorId).map((s) => ({ vendorSku: s.vendorSku, available: 10_000_000, restockDate: null })));
    await applyInventoryFeed({ table: stack.table, now: () => new Date() }, vendorId, 'bench-stock', rows);
  }
  return { dropship, warehouse };
}

/** Waits until no PO is still being transmitted, so one run's workflows do not slow the next. */
async function quiet(stack: BenchStack): Promise<void> {
  for (;;) {
    const pending = await stack.call('GET', '/dropship/orders?status=PENDING&limit=1', demoKeys.ops);
    if (pending.body.items.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Order intake through the local API (authorizer, validation, handler, DynamoDB Local) while the
 * rest of the offline stack works on what it accepted: workflows transmit the POs and the notifier
 * emails the customers, in the same process, as `npm start` runs it. Orders have 1, 5 or 50 lines,
 * half of them dropship; 1, 8 or 32 clients send them as fast as answers come back.
 */
export async function orderIntake(stack: BenchStack, options: { seconds: number }): Promise<IntakeRow[]> {
  const catalog = await benchCatalog(stack);
  const rows: IntakeRow[] = [];
  let sequence = 0;
  const orderOf = (lines: number) => {
    const body = anOrder({ skus: [] });
    body.lines = Array.from({ length: lines }, (_, i) => {
      const pool = i % 2 === 0 ? catalog.dropship : catalog.warehouse;
      return { sku: pool[(sequence + i) % pool.length]?.sku ?? 'BENCH-W0', quantity: 1, unitPrice: 1000 };
    });
    return body;
  };
  for (const lines of [1, 5, 50]) {
    for (const concurrency of [1, 8, 32]) {
      await quiet(stack);
      const latencies: number[] = [];
      let errors = 0;
      const warmupUntil = performance.now() + 500;
      const until = warmupUntil + options.seconds * 1000;
      let measuredFrom = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < until) {
            const started = performance.now();
            const answer = await stack.call('POST', '/orders', demoKeys.storefront, orderOf(lines), { 'Idempotency-Key': `intake-${++sequence}` });
            const finished = performance.now();
            if (started < warmupUntil) continue;
            measuredFrom ||= started;
            if (answer.status !== 201) errors++;
            latencies.push(finished - started);
          }
        }),
      );
      const seconds = (performance.now() - Math.max(warmupUntil, measuredFrom)) / 1000;
      const sorted = [...latencies].sort((a, b) => a - b);
      rows.push({
        lines,
        concurrency,
        orders: latencies.length,
        ordersPerSecond: round(latencies.length / seconds),
        p50Ms: round(percentile(sorted, 0.5)),
        p95Ms: round(percentile(sorted, 0.95)),
        p99Ms: round(percentile(sorted, 0.99)),
        errors,
      });
      console.error(`  intake ${lines} lines × ${concurrency} clients: ${rows.at(-1)?.ordersPerSecond} orders/s`);
    }
  }
  return rows;
}
