import { expect } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from './builders';
import { eventually } from './eventually';
import type { ApiClient } from './local-api';

let sequence = 0;

/** The workflow writes once more after SENT_TO_VENDOR (its task token): wait until every execution is parked. */
export async function workflowsParked(client: ApiClient): Promise<void> {
  while (!client.stepFunctions.quiet()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Places an order whose lines all go to one vendor (acme unless told) and waits until the PO is
 * with the vendor and its workflow waits. Returns its PO number.
 */
export async function sentPurchaseOrder(client: ApiClient, lines: [sku: string, quantity: number][], vendorId = 'acme'): Promise<string> {
  const body = anOrder({ skus: lines.map(([sku]) => sku) });
  body.lines = body.lines.map((line, i) => ({ ...line, quantity: lines[i]?.[1] ?? 1 }));
  const order = await client.call('POST', '/orders', { key: demoKeys.storefront, body, headers: { 'Idempotency-Key': `sent-po-${++sequence}-${Date.now()}` } });
  const poNumber: string = order.body.purchaseOrders[0].poNumber;
  await eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, { key: demoKeys.vendor(vendorId) })).body.status).toBe('SENT_TO_VENDOR'));
  await workflowsParked(client);
  return poNumber;
}
