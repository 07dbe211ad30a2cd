import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CertificationRun, TestPoDocument } from '../domain/certification';
import type { Order, PurchaseOrder } from '../domain/orders';
import { batchGetFound } from './batch-get';
import { certificationKeys, poDocumentKeys, purchaseOrderKeys, vendorKeys } from './keys';
import { orderToItem, purchaseOrderItems } from './order-store';
import { queryAll, withoutKeys, type Table } from './table';

/** The run, its test order and its test POs in one transaction: a run exists whole or not at all. */
export async function createCertificationRun(table: Table, run: CertificationRun, order: Order, purchaseOrders: readonly PurchaseOrder[]): Promise<void> {
  const put = (Item: Record<string, unknown>) => ({ Put: { TableName: table.name, Item, ConditionExpression: 'attribute_not_exists(PK)' } });
  await table.db.send(
    new TransactWriteCommand({
      TransactItems: [
        put({ ...certificationKeys.run(run.vendorId, run.startedAt, run.runId), entity: 'CertificationRun', ...run }),
        put(orderToItem(order)),
        ...purchaseOrders.flatMap((po) => purchaseOrderItems(po).map(put)),
      ],
    }),
  );
}

/** The vendor's latest run: one Query of its partition, newest first, one item. */
export async function latestCertificationRun(table: Table, vendorId: string): Promise<CertificationRun | undefined> {
  const { Items } = await table.db.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': vendorKeys.item(vendorId).PK, ':prefix': certificationKeys.prefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items?.[0];
  return item && withoutKeys<CertificationRun>(item);
}

/**
 * The run's test POs (one BatchGet) and, for an EDI vendor, the documents kept beside each (one
 * Query per PO of its document items: six at most).
 */
export async function readCertificationRun(
  table: Table,
  run: CertificationRun,
): Promise<{ purchaseOrders: Map<string, PurchaseOrder>; documents: Map<string, TestPoDocument[]> }> {
  const poNumbers = run.steps.map((s) => s.poNumber);
  const found = await batchGetFound<PurchaseOrder>(table, poNumbers.map(purchaseOrderKeys.item));
  const documents = new Map<string, TestPoDocument[]>();
  if (run.channel === 'EDI') {
    await Promise.all(
      poNumbers.map(async (poNumber) => {
        const items = await queryAll(table, {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': purchaseOrderKeys.item(poNumber).PK, ':prefix': poDocumentKeys.prefix },
          ProjectionExpression: 'direction, #type, accepted, reasons',
          ExpressionAttributeNames: { '#type': 'type' },
        });
        documents.set(poNumber, items.map((item) => item as unknown as TestPoDocument));
      }),
    );
  }
  return { purchaseOrders: new Map(found.map((po) => [po.poNumber, po])), documents };
}
