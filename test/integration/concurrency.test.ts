import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/http/api-handler';
import { operations } from '../../functions/api/vendor-portal';
import { canonicalJson } from '../../functions/domain/fingerprint';
import { markTransmitted } from '../../functions/domain/purchase-order-lifecycle';
import { purchaseOrderToItem } from '../../functions/store/order-store';
import { getPurchaseOrder } from '../../functions/store/purchase-order-store';
import type { Table } from '../../functions/store/table';
import { aPurchaseOrder } from '../support/builders';
import { invoke, vendorPrincipal } from '../support/invoke';
import { createTestTable, recordingWorkflow, testDependencies } from '../support/test-table';

let table: Table;
const workflow = recordingWorkflow();
let handler: ReturnType<typeof createApiHandler>;
const acme = vendorPrincipal('acme');

beforeAll(async () => {
  table = await createTestTable();
  handler = createApiHandler(operations, () => testDependencies(table, { workflow }));
});

async function sentPurchaseOrder(quantity: number, lineCount = 1) {
  const po = { ...markTransmitted(aPurchaseOrder({ lineCount, quantity }), [1], { by: 'workflow', at: new Date() }), taskToken: 'token-waiting' };
  await table.db.send(new PutCommand({ TableName: table.name, Item: purchaseOrderToItem(po) }));
  return po.poNumber;
}

const ack = { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] };

describe('concurrent vendor events on one purchase order', () => {
  it('applies 20 simultaneous identical acknowledgments once, and answers all 20 alike', async () => {
    const poNumber = await sentPurchaseOrder(2);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => invoke(handler, 'acknowledgePurchaseOrder', { principal: acme, params: { poNumber }, body: ack })),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => canonicalJson(a.body))).size).toBe(1);
    const po = await getPurchaseOrder(table, poNumber);
    expect(po?.history.filter((h) => h.status === 'ACKNOWLEDGED')).toHaveLength(1);
    expect(po?.version).toBe(3);
    expect(workflow.woken.filter((w) => w.taskToken === 'token-waiting' && (w.output as { poNumber: string }).poNumber === poNumber)).toHaveLength(1);
  });

  // Twenty writers on one item retry on each other's conditions: slow on a loaded 2-core machine, so a longer limit.
  it('applies 20 simultaneous distinct shipments each exactly once, losing none', { timeout: 120_000 }, async () => {
    const poNumber = await sentPurchaseOrder(20);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        invoke(handler, 'shipPurchaseOrder', {
          principal: acme,
          params: { poNumber },
          body: {
            messageId: `ship-${i}`,
            carrier: 'UPS',
            service: 'GROUND',
            shipDate: '2026-11-25',
            packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 1 }] }],
          },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const po = await getPurchaseOrder(table, poNumber);
    expect(po?.lines[0]?.shippedQuantity).toBe(20);
    expect(po?.shipments).toHaveLength(20);
    expect(po?.status).toBe('DISPATCHED');
    expect(po?.version).toBe(2 + 20);
    expect(po?.history.map((h) => h.status)).toEqual(['PENDING', 'SENT_TO_VENDOR', ...Array(19).fill('PARTIALLY_DISPATCHED'), 'DISPATCHED']);
  });

  it('applies a repeated shipment message once and refuses a 21st unit', async () => {
    const poNumber = await sentPurchaseOrder(1);
    const body = { messageId: 'only-one', carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 1 }] }] };
    const [first, repeat] = await Promise.all([0, 1].map(() => invoke(handler, 'shipPurchaseOrder', { principal: acme, params: { poNumber }, body })));
    expect([first?.status, repeat?.status].sort()).toEqual([200, 201]);
    const extra = await invoke(handler, 'shipPurchaseOrder', { principal: acme, params: { poNumber }, body: { ...body, messageId: 'another' } });
    expect(extra.status).toBe(409);
    expect(extra.body.error.message).toContain('DISPATCHED');
  });

  it("answers 404 to a vendor acknowledging another vendor's PO", async () => {
    const poNumber = await sentPurchaseOrder(1);
    const { status } = await invoke(handler, 'acknowledgePurchaseOrder', { principal: vendorPrincipal('globex'), params: { poNumber }, body: ack });
    expect(status).toBe(404);
  });
});
