import { demoKeys } from '../local/seed';
import { anOrder } from '../test/support/builders';
import type { BenchStack } from './offline-stack';

export interface WorkflowPath {
  path: string;
  transitions: number;
  states: string;
}

const globex = demoKeys.vendor('globex');
const ack = (status = 'ACCEPTED') => ({ estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status, ...(status === 'REJECTED' && { reason: 'discontinued' }) }] });
const ship = (quantity: number, messageId: string) => ({ messageId, carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity }] }] });

/**
 * State transitions per PO (what Step Functions bills), read from the local executions of the real
 * ASL file: the happy path, a partial then final shipment, a rejection, a cancellation while waiting.
 */
export async function workflowTransitions(stack: BenchStack): Promise<WorkflowPath[]> {
  let n = 0;
  const run = async (path: string, drive: (poNumber: string, orderId: string) => Promise<void>): Promise<WorkflowPath> => {
    const body = anOrder({ skus: ['CHAIR-002'] });
    body.lines = [{ sku: 'CHAIR-002', quantity: 2, unitPrice: 24900 }];
    const placed = await stack.call('POST', '/orders', demoKeys.storefront, body, { 'Idempotency-Key': `wf-bench-${++n}` });
    const poNumber: string = placed.body.purchaseOrders[0].poNumber;
    await until(async () => (await stack.call('GET', `/vendor/purchase-orders/${poNumber}`, globex)).body.status === 'SENT_TO_VENDOR');
    await until(async () => stack.stepFunctions.executions.get(poNumber)?.states.at(-1) === 'WaitForAcknowledgment');
    await drive(poNumber, placed.body.orderId);
    const execution = stack.stepFunctions.executions.get(poNumber);
    await execution?.done;
    return { path, transitions: execution?.states.length ?? 0, states: execution?.states.join(' → ') ?? '' };
  };
  const post = (path: string, body: unknown, key = globex) => stack.call('POST', path, key, body);
  return [
    await run('happy: acknowledged, shipped', async (po) => {
      await post(`/vendor/purchase-orders/${po}/acknowledgment`, ack());
      await post(`/vendor/purchase-orders/${po}/shipments`, ship(2, 'asn-all'));
    }),
    await run('partial: acknowledged, two shipments', async (po) => {
      await post(`/vendor/purchase-orders/${po}/acknowledgment`, ack());
      await post(`/vendor/purchase-orders/${po}/shipments`, ship(1, 'asn-1'));
      await until(async () => stack.stepFunctions.executions.get(po)?.states.filter((s) => s === 'WaitForShipment').length === 2);
      await post(`/vendor/purchase-orders/${po}/shipments`, ship(1, 'asn-2'));
    }),
    await run('reject: every line rejected', async (po) => {
      await post(`/vendor/purchase-orders/${po}/acknowledgment`, ack('REJECTED'));
    }),
    await run('cancel: cancelled while waiting (vendor told)', async (_po, orderId) => {
      await post(`/orders/${orderId}/cancel`, {}, demoKeys.storefront);
    }),
  ];
}

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the workflow');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
