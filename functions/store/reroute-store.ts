import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Reservation } from '../domain/order-placement';
import type { PurchaseOrder } from '../domain/orders';
import { reservationUpdate } from './inventory-store';
import { counterDeltas } from '../domain/vendor-analytics';
import { counterUpdate } from './analytics-store';
import { analyticsKeys, orderKeys } from './keys';
import { purchaseOrderItems, purchaseOrderToItem } from './order-store';
import { putListEntryOrLeaveIt } from './purchase-order-store';
import { summaryChanged } from '../domain/purchase-order-summary';
import type { Table } from './table';

/** Another writer moved the PO, or the chosen source's stock went, between the read and the write: decide again. */
export class RerouteRaced extends Error {}

export interface RerouteWrite {
  before: PurchaseOrder;
  /** The dropped PO with each line's decision recorded. */
  after: PurchaseOrder;
  purchaseOrders: PurchaseOrder[];
  reservations: Reservation[];
  /** The order's lines that now belong to a new PO, by their index in the order item. */
  orderLines: { index: number; poNumber: string; vendorId: string }[];
}

/**
 * One transaction: the dropped PO (conditioned on the version read, so a line is re-routed once
 * however many events race), the new POs and their list entries, the order's PO list and lines
 * pointing at them, and the new vendors' stock reservations (never below zero).
 */
export async function writeReroute(table: Table, write: RerouteWrite): Promise<void> {
  const names: Record<string, string> = { '#lines': 'lines' };
  const values: Record<string, unknown> = { ':new': write.purchaseOrders.map((po) => po.poNumber) };
  const sets = ['poNumbers = list_append(poNumbers, :new)'];
  write.orderLines.forEach((line, i) => {
    sets.push(`#lines[${line.index}].poNumber = :po${i}`, `#lines[${line.index}].vendorId = :vendor${i}`);
    Object.assign(values, { [`:po${i}`]: line.poNumber, [`:vendor${i}`]: line.vendorId });
  });
  const day = write.after.test ? undefined : counterDeltas(write.before, write.after);
  const items = [
    { Put: { TableName: table.name, Item: purchaseOrderToItem(write.after), ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': write.before.version } } },
    ...write.purchaseOrders.flatMap((po) => purchaseOrderItems(po).map((Item) => ({ Put: { TableName: table.name, Item, ConditionExpression: 'attribute_not_exists(PK)' } }))),
    ...(write.purchaseOrders.length > 0
      ? [{ Update: { TableName: table.name, Key: orderKeys.item(write.before.orderId), UpdateExpression: `SET ${sets.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } }]
      : []),
    ...write.reservations.map((reservation) => reservationUpdate(table.name, reservation)),
    // The dropping vendor's day: lines dropped and re-routed away, counted with the decision, once.
    ...(day ? [{ Update: counterUpdate(table.name, analyticsKeys.day(write.after.vendorId, day.day), day.counters, day.violations) }] : []),
  ];
  try {
    await table.db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new RerouteRaced(error.message);
    throw error;
  }
  // The dropped PO's list entry now shows its lines moved away; a lost write is repaired from the stream.
  if (summaryChanged(write.before, write.after)) await putListEntryOrLeaveIt(table, write.after);
}
