import { openPurchaseOrderStatuses } from '../functions/domain/purchase-order-status';
import { droppedLines, wakeOutput } from '../functions/domain/purchase-order-lifecycle';
import { listPurchaseOrders } from '../functions/store/purchase-order-store';
import type { Table } from '../functions/store/table';
import type { LocalStepFunctions } from './step-functions';

/**
 * Local executions live in memory, but the data survives a restart: every open PO (and every closed
 * one whose dropped lines still wait for their re-routing decision) gets a fresh
 * execution (it starts at Transmit, which sends nothing for a PO already sent, and each wait wakes
 * at once unless the PO is in its status, so the execution settles where the status says). Reads the
 * status index, never the whole table. Returns how many were resumed.
 */
export async function resumeOpenPurchaseOrders(table: Table, stepFunctions: LocalStepFunctions, now = new Date()): Promise<number> {
  let resumed = 0;
  // Closed POs too when a line they dropped waits for its re-routing decision: the last 30 days of
  // them (newest first; the decision follows the drop within seconds unless a crash came between).
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  for (const status of [...openPurchaseOrderStatuses, 'REJECTED', 'CANCELLED'] as const) {
    const open = openPurchaseOrderStatuses.includes(status);
    let cursor: string | undefined;
    do {
      const page = await listPurchaseOrders(table, { status }, { limit: 100, cursor });
      for (const po of page.items) {
        if (!open && droppedLines(po).length === 0) continue;
        await fetch(stepFunctions.endpoint, {
          method: 'POST',
          headers: { 'x-amz-target': 'AWSStepFunctions.StartExecution', 'content-type': 'application/x-amz-json-1.0' },
          body: JSON.stringify({ stateMachineArn: stepFunctions.stateMachineArn, name: po.poNumber, input: JSON.stringify(wakeOutput(po)) }),
        });
        resumed++;
      }
      cursor = open || (page.items.at(-1)?.createdAt ?? '') >= since ? (page.nextCursor ?? undefined) : undefined;
    } while (cursor);
  }
  return resumed;
}
