import { markTransmitted } from '../functions/domain/purchase-order-lifecycle';
import { randomIds } from '../functions/ids';
import { createSlaCheck } from '../functions/schedules/sla-check';
import { noAlerts } from '../functions/services/alerts';
import { writeAll } from '../functions/store/batch-write';
import { purchaseOrderItems, purchaseOrderToItem } from '../functions/store/order-store';
import { defaultEdiTransport } from '../functions/services/edi-transport';
import { connectTable } from '../functions/store/table';
import { missingWorkflow } from '../functions/workflow/workflow-client';
import { ensureTable } from '../local/dynamodb-local';
import { aPurchaseOrder, aVendor } from '../test/support/builders';
import { countRequests, describeRequests } from './support';

export interface SlaScalingRow {
  purchaseOrders: number;
  overdue: number;
  requests: string;
  itemsRead: number;
  exceptionsOpened: number;
  readUnits: number;
  writeUnits: number;
  checkMs: number;
}

const overdue = 20;
const now = new Date('2026-11-24T18:00:00Z');
const sla = { ...aVendor().sla, ackWithinHours: 24, ackReminderAtShare: 0.99 };

/**
 * POs sent to their vendor: the first `overdueCount` 30 hours ago (ack overdue), the rest an hour
 * ago. The filler writes the PO items only, not their list entries (the check reads the SLA index
 * alone), which makes 100,000 of them quick to write on DynamoDB Local without changing what it sees;
 * the overdue ones have their list entries, as every PO has, since the check moves them.
 */
const sentPurchaseOrders = (from: number, to: number, overdueCount: number) =>
  Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const sentAt = new Date(now.getTime() - (i < overdueCount ? 30 : 1) * 3_600_000);
    const po = markTransmitted(aPurchaseOrder({ poNumber: `PO-B${String(i).padStart(7, '0')}`, lineCount: 1, createdAt: sentAt.toISOString() }), [1], { by: 'workflow', at: sentAt }, sla);
    return i < overdueCount ? purchaseOrderItems(po) : [purchaseOrderToItem(po)];
  }).flat();

/**
 * The SLA check against 1,000 / 10,000 / 100,000 POs with the same 20 overdue: the table grows
 * between runs, and the 20 are written overdue again before each. The check reads a sparse index
 * up to now, so what it reads should follow the 20, not the table.
 */
export async function slaCheckScaling(endpoint: string, sizes: readonly number[]): Promise<SlaScalingRow[]> {
  const tableName = 'bench-sla';
  await ensureTable(endpoint, tableName, { stream: false });
  const table = connectTable({ tableName, region: 'us-east-1', endpoint });
  const rows: SlaScalingRow[] = [];
  let filled = overdue;
  for (const size of sizes) {
    await writeAll(table, sentPurchaseOrders(filled, size, 0));
    filled = size;
    await writeAll(table, sentPurchaseOrders(0, overdue, overdue));
    const counter = countRequests(table);
    const check = createSlaCheck(() => ({ table, now: () => now, ids: randomIds, workflow: missingWorkflow, fetch, alerts: noAlerts, edi: defaultEdiTransport }));
    const started = performance.now();
    const report = await check();
    const checkMs = performance.now() - started;
    const count = counter.reset();
    table.db.middlewareStack.remove('benchCountRequests');
    rows.push({ purchaseOrders: size, overdue, requests: describeRequests(count), itemsRead: report.itemsRead, exceptionsOpened: report.changed, readUnits: count.readUnits, writeUnits: count.writeUnits, checkMs: Math.round(checkMs) });
    console.error(`  SLA check over ${size} POs: read ${report.itemsRead} items`);
  }
  return rows;
}
