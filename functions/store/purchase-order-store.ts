import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, TransactWriteCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { DomainError, notFound } from '../domain/errors';
import type { PurchaseOrder } from '../domain/orders';
import type { PurchaseOrderStatus } from '../domain/purchase-order-status';
import { exceptionChanges, type ExceptionRecord, type Resolution } from '../domain/exceptions';
import type { PoDocument } from './po-document-store';
import { counterDeltas, openExceptionDeltas } from '../domain/vendor-analytics';
import { counterUpdate, learningUpdates } from './analytics-store';
import { learningDeltas } from '../domain/delivery-learning';
import { exceptionToItem } from './exception-store';
import { releaseUpdates } from './inventory-store';
import { analyticsKeys, purchaseOrderKeys, type ItemKey } from './keys';
import { purchaseOrderSummaryToItem, purchaseOrderToItem } from './order-store';
import { logger } from '../logger';
import { purchaseOrderSummary, summaryChanged, type PurchaseOrderSummary } from '../domain/purchase-order-summary';
import { batchGetFound } from './batch-get';
import { queryPage, type Page } from './list-query';
import { indexes, type IndexDefinition } from './table-definition';
import { getItem, queryAll, withoutKeys, type Table } from './table';

export function getPurchaseOrder(table: Table, poNumber: string): Promise<PurchaseOrder | undefined> {
  return getItem<PurchaseOrder>(table, purchaseOrderKeys.item(poNumber));
}

export interface PurchaseOrderDetail {
  po: PurchaseOrder;
  exceptions: ExceptionRecord[];
  documents: PoDocument[];
}

/** A PO with every exception it raised and every EDI document exchanged about it: one Query of its partition. */
export async function getPurchaseOrderDetail(table: Table, poNumber: string): Promise<PurchaseOrderDetail | undefined> {
  const items = await queryAll(table, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': purchaseOrderKeys.item(poNumber).PK }, ConsistentRead: true });
  const po = items.find((item) => item.entity === 'PurchaseOrder');
  if (!po) return undefined;
  const of = <T>(entity: string) => items.filter((item) => item.entity === entity).map((item) => withoutKeys<T>(item));
  return { po: withoutKeys<PurchaseOrder>(po), exceptions: of<ExceptionRecord>('Exception'), documents: of<PoDocument>('PoDocument') };
}

/**
 * How many POs are in a status, counted up to `cap`: a COUNT Query of the status partition, so the
 * cost is bounded by the cap, not by the table. The Dropship tab shows "1,000+" beyond it.
 */
export async function countByStatus(table: Table, status: PurchaseOrderStatus, cap: number, vendorId?: string): Promise<number> {
  const [index, partition] = purchaseOrderPartition({ status, vendorId });
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        Select: 'COUNT',
        Limit: cap - count,
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && count < cap);
  return count;
}

export interface PurchaseOrderFilter {
  status?: PurchaseOrderStatus;
  vendorId?: string;
  /** Only POs re-routing touched: a filter within the partition (they are few; a page may take several Query rounds). */
  rerouted?: boolean;
}

/** The index partition holding exactly the POs of a filter: each combination has its own. */
function purchaseOrderPartition({ status, vendorId }: PurchaseOrderFilter): [IndexDefinition, string] {
  if (status && vendorId) return [indexes.poByVendorStatus, purchaseOrderKeys.vendorStatusPartition(vendorId, status)];
  if (status) return [indexes.poByStatus, purchaseOrderKeys.statusPartition(status)];
  if (vendorId) return [indexes.poByVendor, purchaseOrderKeys.vendorPartition(vendorId)];
  return [indexes.byCollection, purchaseOrderKeys.allPartition];
}

/**
 * Patterns 4 and 5: POs newest first, by status and/or vendor, as their list entries. Each filter
 * combination has an index partition of its own, so every page is one Query that reads only the
 * matching POs' summaries (a few hundred bytes each, not the POs).
 */
export async function listPurchaseOrderSummaries(
  table: Table,
  filter: PurchaseOrderFilter,
  page: { limit: number; cursor?: string },
): Promise<Page<PurchaseOrderSummary>> {
  const [index, partition] = purchaseOrderPartition(filter);
  const rerouted = filter.rerouted
    ? { expression: 'attribute_exists(#from) OR attribute_exists(#away) OR attribute_exists(#waiting)', names: { '#from': 'rerouteOf', '#away': 'reroutedAway', '#waiting': 'rerouteAwaitingApproval' }, values: {} }
    : undefined;
  const found = await queryPage<(PurchaseOrderSummary & { poVersion?: number }) | PurchaseOrder>(table, { index, partition, newestFirst: true, ...page, ...(rerouted && { filter: rerouted }) });
  // A PO written before list entries existed carries the index keys itself: it lists as its summary.
  return { ...found, items: found.items.map((item) => ('history' in item ? purchaseOrderSummary(item) : withoutVersion(item))) };
}

const withoutVersion = ({ poVersion: _, ...summary }: PurchaseOrderSummary & { poVersion?: number }): PurchaseOrderSummary => summary;

/**
 * Writes a PO's list entry after the PO itself, outside its transaction: a list entry's status change
 * moves it in four indexes, which a transaction would bill twice (`npm run bench`). Conditioned on the
 * PO version it shows, so a slower writer never puts back an older entry. Lists are read from
 * eventually consistent indexes in any case; should this write be lost (the function stops between
 * the two), the notifier puts the entry right from the PO's stream record (`repairListEntry`).
 * Answers whether it wrote.
 */
export async function putListEntry(table: Table, po: PurchaseOrder): Promise<boolean> {
  try {
    await table.db.send(
      new PutCommand({
        TableName: table.name,
        Item: purchaseOrderSummaryToItem(po),
        ConditionExpression: 'attribute_not_exists(poVersion) OR poVersion < :version',
        ExpressionAttributeValues: { ':version': po.version },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false; // a newer entry is there already
    throw error;
  }
}

/**
 * From the PO's stream record, when the change moved something a list shows: puts the list entry
 * unless it already shows this version or a later one (one strongly consistent Get when it does).
 */
export async function repairListEntry(table: Table, po: PurchaseOrder): Promise<boolean> {
  const entry = await getItem<{ poVersion?: number }>(table, purchaseOrderKeys.summary(po.poNumber));
  if (entry?.poVersion !== undefined && entry.poVersion >= po.version) return false;
  return putListEntry(table, po);
}

/** The same page with the whole POs: one Query of the list, then one BatchGet of its POs (a vendor's pull, the offline runners). */
export async function listPurchaseOrders(table: Table, filter: PurchaseOrderFilter, page: { limit: number; cursor?: string }): Promise<Page<PurchaseOrder>> {
  const summaries = await listPurchaseOrderSummaries(table, filter, page);
  const found = new Map((await batchGetFound<PurchaseOrder>(table, summaries.items.map((s) => purchaseOrderKeys.item(s.poNumber)))).map((po) => [po.poNumber, po]));
  return { ...summaries, items: summaries.items.flatMap((s) => found.get(s.poNumber) ?? []) };
}

export interface Decision<R> {
  /** The PO to store; left out when nothing changes. */
  next?: PurchaseOrder;
  /** Why exceptions closed by this change closed, when a person closed them. */
  resolution?: Resolution;
  /** What the caller answers; stored with the message record so a duplicate gets it again. */
  response: R;
  /** Items written in the same transaction (exception records, outbound documents). */
  items?: Record<string, unknown>[];
}

export interface Change<R> {
  before: PurchaseOrder;
  after: PurchaseOrder;
  response: R;
  /** True when the message had been applied before: nothing was written this time. */
  duplicate: boolean;
}

const maxAttempts = 25;

/** The change is committed whatever becomes of its list entry: a failed one is logged, and the stream repairs it. */
export async function putListEntryOrLeaveIt(table: Table, po: PurchaseOrder): Promise<void> {
  try {
    await putListEntry(table, po);
  } catch (error) {
    logger.warn('PO list entry not written; the notifier puts it from the stream', { poNumber: po.poNumber, version: po.version, error: error instanceof Error ? error.name : String(error) });
  }
}

/**
 * Reads a PO, lets `decide` (pure domain rules) say what it becomes, and writes it conditioned on
 * the version it read, with the message record and any other items, in one transaction. When
 * another writer got there first the decision is made again on what that writer left: a lost
 * update cannot happen, and a message already applied gets its first answer back.
 */
export async function changePurchaseOrder<R>(
  table: Table,
  poNumber: string,
  decide: (po: PurchaseOrder) => Decision<R>,
  options: { message?: ItemKey; initial?: PurchaseOrder } = {},
): Promise<Change<R>> {
  for (let attempt = 1; ; attempt++) {
    // The PO is read before the message record: a writer that commits in between is then seen as
    // a duplicate, never judged against a PO it has already moved on (a false 409). A caller that
    // already holds the PO (from an index page) saves the first read; a stale copy only costs a retry.
    const po = attempt === 1 && options.initial ? options.initial : await getPurchaseOrder(table, poNumber);
    if (!po) throw notFound('Purchase order', poNumber);
    const earlier = options.message && (await getItem<{ response: R }>(table, options.message));
    if (earlier) return { before: po, after: po, response: earlier.response, duplicate: true };
    const decision = decide(po);
    if (!decision.next) return { before: po, after: po, response: decision.response, duplicate: false };
    const put = (Item: Record<string, unknown>, ConditionExpression: string, values?: Record<string, unknown>) => ({
      Put: { TableName: table.name, Item, ConditionExpression, ExpressionAttributeValues: values },
    });
    const after = decision.next;
    // A certification run's test PO keeps its own page, but counts in no analytics and opens nothing in the Exceptions tab.
    const live = !after.test;
    const day = live ? counterDeltas(po, after) : undefined;
    const open = live ? openExceptionDeltas(po, after) : {};
    const learned = live ? learningDeltas(po, after) : undefined;
    const exceptionRecords = live ? exceptionChanges(po, after, new Date(after.updatedAt), decision.resolution) : [];
    const writes = [
      put(purchaseOrderToItem(after), 'version = :version', { ':version': po.version }),
      ...(options.message
        ? [put({ ...options.message, entity: 'Message', poNumber, response: decision.response, receivedAt: after.updatedAt }, 'attribute_not_exists(PK)')]
        : []),
      ...exceptionRecords.map((record) => ({ Put: { TableName: table.name, Item: exceptionToItem(record) } })),
      // Counters change in the same transaction as the PO, so a retried event is never counted twice.
      ...(day ? [{ Update: counterUpdate(table.name, analyticsKeys.day(after.vendorId, day.day), day.counters, day.violations) }] : []),
      ...(Object.keys(open).length > 0 ? [{ Update: counterUpdate(table.name, analyticsKeys.openExceptions(after.vendorId), open) }] : []),
      ...(learned ? learningUpdates(table.name, after.vendorId, learned) : []),
      ...releaseUpdates(table.name, po, after),
      ...(decision.items ?? []).map((item) => ({ Put: { TableName: table.name, Item: item } })),
    ];
    try {
      // The PO alone (a parked task token, a cleared notice) is a conditional Put: half a transaction's units.
      const onlyThePo = writes.length === 1 ? writes[0] : undefined;
      if (onlyThePo && 'Put' in onlyThePo && onlyThePo.Put) await table.db.send(new PutCommand(onlyThePo.Put as PutCommandInput));
      else await table.db.send(new TransactWriteCommand({ TransactItems: writes }));
      // The list entry only when something a list shows moved: a token or a history entry writes no index.
      if (summaryChanged(po, after)) await putListEntryOrLeaveIt(table, after);
      return { before: po, after, response: decision.response, duplicate: false };
    } catch (error) {
      const conflict =
        error instanceof ConditionalCheckFailedException ||
        (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed'));
      if (!conflict) throw error;
      if (attempt >= maxAttempts) {
        throw new DomainError('CONCURRENT_UPDATE', `Purchase order ${poNumber} is changing too often right now; retry shortly`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * Math.min(attempt, 5)));
    }
  }
}
