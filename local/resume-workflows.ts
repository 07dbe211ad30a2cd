import { openPurchaseOrderStatuses } from '../functions/domain/purchase-order-status';
import { wakeOutput } from '../functions/domain/purchase-order-lifecycle';
import { listPurchaseOrders } from '../functions/store/purchase-order-store';
import type { Table } from '../functions/store/table';
import type { LocalStepFunctions } from './step-functions';

/**
 * Local executions live in memory, but the data survives a restart: every open PO gets a fresh
 * execution (it starts at Transmit, which sends nothing for a PO already sent, and each wait wakes
 * at once unless the PO is in its status, so the execution settles where the status says). Reads the
 * status index, never the whole table. Returns how many were resumed.
 */
export async function resumeOpenPurchaseOrders(table: Table, stepFunctions: LocalStepFunctions): Promise<number> {
  let resumed = 0;
  for (const status of openPurchaseOrderStatuses) {
    let cursor: string | undefined;
    do {
      const page = await listPurchaseOrders(table, { status }, { limit: 100, cursor });
      for (const po of page.items) {
        await fetch(stepFunctions.endpoint, {
          method: 'POST',
          headers: { 'x-amz-target': 'AWSStepFunctions.StartExecution', 'content-type': 'application/x-amz-json-1.0' },
          body: JSON.stringify({ stateMachineArn: stepFunctions.stateMachineArn, name: po.poNumber, input: JSON.stringify(wakeOutput(po)) }),
        });
        resumed++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return resumed;
}
