/**
 * SLA check scaling: the same 20 overdue POs among 1,000 / 10,000 / 100,000, against DynamoDB
 * Local. Prints, per size, the check's DynamoDB requests, the items its index read returned and
 * the time it took. `npm run bench:sla` (sizes can be given: `npm run bench:sla -- 1000 100000`).
 */
import { markTransmitted } from '../functions/domain/purchase-order-lifecycle';
import { randomIds } from '../functions/ids';
import { createSlaCheck } from '../functions/schedules/sla-check';
import { noAlerts } from '../functions/services/alerts';
import { purchaseOrderToItem } from '../functions/store/order-store';
import { connectTable, type Table } from '../functions/store/table';
import { missingWorkflow } from '../functions/workflow/workflow-client';
import { ensureTable, startDynamoDbLocal } from '../local/dynamodb-local';
import { aPurchaseOrder, aVendor } from '../test/support/builders';
import { writeAll as writeItems } from '../functions/store/batch-write';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const overdue = 20;
const now = new Date('2026-11-24T18:00:00Z');
const sla = { ...aVendor().sla, ackWithinHours: 24, ackReminderAtShare: 0.99 };

async function fill(table: Table, total: number) {
  const items = Array.from({ length: total }, (_, i) => {
    const sentAt = new Date(now.getTime() - (i < overdue ? 30 : 1) * 3_600_000);
    const po = aPurchaseOrder({ poNumber: `PO-B${String(i).padStart(7, '0')}`, lineCount: 1, createdAt: sentAt.toISOString() });
    return purchaseOrderToItem(markTransmitted(po, [1], { by: 'workflow', at: sentAt }, sla));
  });
  await writeItems(table, items);
}

const dynamo = await startDynamoDbLocal();
try {
  console.log('| POs | overdue | DynamoDB requests | items read by the index query | exceptions opened | check time |');
  console.log('| ---: | ---: | --- | ---: | ---: | ---: |');
  for (const total of sizes.length ? sizes : [1_000, 10_000, 100_000]) {
    const tableName = `bench-${total}`;
    await ensureTable(dynamo.endpoint, tableName);
    const table = connectTable({ tableName, region: 'us-east-1', endpoint: dynamo.endpoint });
    await fill(table, total);
    const requests: Record<string, number> = {};
    table.db.middlewareStack.add(
      (next, context) => (args) => {
        requests[String(context.commandName)] = (requests[String(context.commandName)] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: 'count' },
    );
    const check = createSlaCheck(() => ({ table, now: () => now, ids: randomIds, workflow: missingWorkflow, fetch, alerts: noAlerts }));
    const started = performance.now();
    const report = await check();
    const ms = performance.now() - started;
    const counts = Object.entries(requests).map(([name, n]) => `${n} ${name.replace('Command', '')}`).join(', ');
    console.log(`| ${total.toLocaleString('en-US')} | ${overdue} | ${counts} | ${report.itemsRead} | ${report.changed} | ${ms.toFixed(0)} ms |`);
  }
} finally {
  await dynamo.stop();
}
