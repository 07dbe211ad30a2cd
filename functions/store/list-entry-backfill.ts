import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PurchaseOrder } from '../domain/orders';
import { purchaseOrderStatuses } from '../domain/purchase-order-status';
import { purchaseOrderKeys } from './keys';
import { queryPage } from './list-query';
import { purchaseOrderSummaryToItem } from './order-store';
import { indexes } from './table-definition';
import { getItem, type Table } from './table';

/**
 * One-off, for a table written before PO list entries moved to summary items (run it before the
 * upgraded functions take traffic: a legacy PO they rewrite without moving a listed field leaves
 * every list, and no index finds it again). Each PO item that still carries the list index keys
 * gets its summary and loses the keys, in one transaction conditioned on its version. Reads only
 * the status partitions of the status index, never a Scan; a second run finds nothing to do.
 */
export async function backfillListEntries(table: Table): Promise<{ moved: number }> {
  let moved = 0;
  for (const status of purchaseOrderStatuses) {
    let cursor: string | undefined;
    do {
      const page = await queryPage<PurchaseOrder>(table, {
        index: indexes.poByStatus,
        partition: purchaseOrderKeys.statusPartition(status),
        limit: 100,
        cursor,
        filter: { expression: '#entity = :po', names: { '#entity': 'entity' }, values: { ':po': 'PurchaseOrder' } },
      });
      for (const po of page.items) if (await moveListEntry(table, po)) moved++;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return { moved };
}

/** Gives one legacy PO its summary; when the PO changed meanwhile, tries again on what it became. */
async function moveListEntry(table: Table, found: PurchaseOrder): Promise<boolean> {
  let po: PurchaseOrder | undefined = found;
  for (let attempt = 1; po && attempt <= 5; attempt++) {
    try {
      await table.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table.name, Item: purchaseOrderSummaryToItem(po), ConditionExpression: 'attribute_not_exists(PK)' } },
            {
              Update: {
                TableName: table.name,
                Key: purchaseOrderKeys.item(po.poNumber),
                UpdateExpression: `REMOVE ${Object.keys(purchaseOrderKeys.listKeys(po)).join(', ')}`,
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: { ':version': po.version },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // A summary already there: an upgraded function wrote this PO and its list entry; nothing to do.
      if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      po = await getItem<PurchaseOrder>(table, purchaseOrderKeys.item(found.poNumber));
    }
  }
  return false;
}
