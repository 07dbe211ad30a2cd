import { describe, expect, inject, it } from 'vitest';
import { costModel } from '../../bench/cost-model';
import { requestsPerOperation } from '../../bench/requests-per-operation';

/**
 * What a typical order (3 lines, 2 POs, each acknowledged and shipped, the customer emailed) costs in
 * DynamoDB write units, from the ConsumedCapacity DynamoDB Local reports for the real handlers: a
 * regression here is a bigger bill at every order.
 */
describe('write units of a typical order', () => {
  it('stays within its budget, and a token parked on a PO writes no list index', async () => {
    process.env.TABLE_NAME ??= 'bench-requests'; // the handlers' config asks for one; the measurement passes its own table
    const operations = await requestsPerOperation(inject('dynamoEndpoint'), { feed: false, tableName: `write-units-${Date.now()}` });
    const units = (prefix: string) => operations.find((o) => o.operation.startsWith(prefix))?.writeUnits ?? Number.NaN;
    const { perOrder } = costModel(operations, []);
    // 318 before list entries moved off the PO item, 198 with them in the PO's transaction, 156 since
    // they are written after it. Issue 15 aimed at 100, below the floor of this design: each of a PO's
    // three status changes moves its list entry in four indexes (7 units alone, the bench's floor rows).
    // 166 since each customer message's claim holds a lease in the keys-only due index until its
    // outcome is recorded (1 unit in, 1 out per email: how an uncertain send is found without a scan).
    // This fails on any regression past 170.
    expect(perOrder.writeUnits).toBeLessThanOrEqual(170);
    // Parking writes the PO item alone (4 units for a 2 KB item in a transaction), no index entry.
    expect(units('workflow: park for the acknowledgment')).toBeLessThanOrEqual(4);
    // Placing stays three requests whatever the order's size.
    expect(operations.find((o) => o.operation.startsWith('POST /orders (5 lines'))?.total).toBe(3);
  }, 120_000);
});
