import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { SendTaskSuccessCommand, SFNClient, SFNServiceException, TaskTimedOut } from '@aws-sdk/client-sfn';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/http/api-handler';
import { operations as orderOperations } from '../../functions/api/orders';
import { operations as vendorOperations } from '../../functions/api/vendor-portal';
import { markTransmitted } from '../../functions/domain/purchase-order-lifecycle';
import { createSlaCheck } from '../../functions/schedules/sla-check';
import { putProduct, putVendor } from '../../functions/store/catalog-store';
import { idempotencyKeys } from '../../functions/store/keys';
import { purchaseOrderToItem } from '../../functions/store/order-store';
import { getPurchaseOrder } from '../../functions/store/purchase-order-store';
import { connectTable, getItem, type Table } from '../../functions/store/table';
import { stepFunctionsWorkflow } from '../../functions/workflow/workflow-client';
import { aProduct, aPurchaseOrder, aVendor, anOrder } from '../support/builders';
import { invoke, storefront, vendorPrincipal } from '../support/invoke';
import { createTestTable, recordingWorkflow, testDependencies } from '../support/test-table';
import { PutCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Failures an emulator cannot produce, injected with aws-sdk-client-mock on otherwise real parts:
 * DynamoDB throttling after the SDK's own retries, and Step Functions refusing to wake a workflow.
 */
let table: Table;
const vendor = aVendor({ vendorId: 'faulty' });
const product = aProduct({ sku: 'FAULT-1', vendorIds: ['faulty'] });

beforeAll(async () => {
  table = await createTestTable();
  await putVendor(table, vendor);
  await putProduct(table, product);
});

const throttled = () => new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput.', $metadata: { httpStatusCode: 400 } });

/** A second client on the same table whose chosen commands fail; the others pass through to DynamoDB Local. */
function flakyTable(fail: Partial<Record<'BatchGet' | 'TransactWrite', () => Error>>): Table {
  const real = table;
  const flaky = connectTable({ tableName: table.name, region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const mock = mockClient(flaky.db as DynamoDBDocumentClient);
  mock.on(BatchGetCommand).callsFake((input) => (fail.BatchGet ? Promise.reject(fail.BatchGet()) : real.db.send(new BatchGetCommand(input))));
  mock.on(TransactWriteCommand).callsFake((input) => (fail.TransactWrite ? Promise.reject(fail.TransactWrite()) : real.db.send(new TransactWriteCommand(input))));
  mock.on(GetCommand).callsFake((input) => real.db.send(new GetCommand(input)));
  mock.on(QueryCommand).callsFake((input) => real.db.send(new QueryCommand(input)));
  return flaky;
}

describe('DynamoDB throttling that outlasts the SDK retries', () => {
  const place = (t: Table, key: string, body = anOrder({ skus: ['FAULT-1'] })) =>
    invoke(createApiHandler(orderOperations, () => testDependencies(t)), 'placeOrder', { principal: storefront, body, headers: { 'Idempotency-Key': key } });

  it.each([
    ['reading the catalog', { BatchGet: throttled }],
    ['writing the order', { TransactWrite: throttled }],
  ] as const)('answers 503 when throttled %s, writes nothing, and the same request succeeds later', async (_when, fail) => {
    const key = `throttle-${Object.keys(fail)[0]}`;
    const body = anOrder({ skus: ['FAULT-1'] });
    const refused = await place(flakyTable(fail), key, body);
    expect(refused).toMatchObject({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE' } } });
    expect(await getItem(table, idempotencyKeys.item('shop', key))).toBeUndefined();
    const placed = await place(table, key, body);
    expect(placed.status).toBe(201);
    expect((await place(table, key, body)).body.orderId).toBe(placed.body.orderId);
  });
});

describe('Step Functions refusing to wake a workflow', () => {
  const sfn = mockClient(SFNClient);
  beforeEach(() => sfn.reset());

  async function waitingPo(token: string) {
    const po = { ...markTransmitted(aPurchaseOrder({ vendorId: 'faulty', lineCount: 1 }), [1], { by: 'workflow', at: new Date() }, vendor.sla), taskToken: token };
    await table.db.send(new PutCommand({ TableName: table.name, Item: purchaseOrderToItem(po) }));
    return po;
  }
  const acknowledge = (poNumber: string, workflow = stepFunctionsWorkflow(new SFNClient({ region: 'us-east-1' }), 'arn:aws:states:us-east-1:0:stateMachine:po')) =>
    invoke(createApiHandler(vendorOperations, () => testDependencies(table, { workflow })), 'acknowledgePurchaseOrder', {
      principal: vendorPrincipal('faulty'),
      params: { poNumber },
      body: { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] },
    });

  it("keeps the vendor's acknowledgment and the token when Step Functions is down, and the SLA check wakes the workflow later", async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new SFNServiceException({ name: 'ServiceUnavailable', message: 'Service unavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } }));
    const po = await waitingPo('token-outage');
    const acked = await acknowledge(po.poNumber);
    expect(acked).toMatchObject({ status: 200, body: { status: 'ACKNOWLEDGED' } });
    const kept = await getPurchaseOrder(table, po.poNumber);
    expect(kept).toMatchObject({ status: 'ACKNOWLEDGED', pendingWakeToken: 'token-outage' });
    expect(kept?.taskToken).toBeUndefined();
    expect(acked.body).not.toHaveProperty('pendingWakeToken');

    const workflow = recordingWorkflow();
    const report = await createSlaCheck(() => testDependencies(table, { workflow }))();
    expect(report.workflowsWoken).toBe(1);
    expect(workflow.woken).toEqual([{ taskToken: 'token-outage', output: { poNumber: po.poNumber, status: 'ACKNOWLEDGED' } }]);
    expect((await getPurchaseOrder(table, po.poNumber))?.pendingWakeToken).toBeUndefined();
    expect((await createSlaCheck(() => testDependencies(table, { workflow }))()).workflowsWoken).toBe(0);
  });

  it('lets go of a token Step Functions says has timed out: nothing is waiting on it any more', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: { httpStatusCode: 400 } }));
    const po = await waitingPo('token-expired');
    expect((await acknowledge(po.poNumber)).status).toBe(200);
    expect((await getPurchaseOrder(table, po.poNumber))?.pendingWakeToken).toBeUndefined();
  });
});
