import type { Dependencies } from '../dependencies';
import type { Principal } from '../contracts/api-keys';
import { DomainError, notFound } from '../domain/errors';
import { fingerprint } from '../domain/fingerprint';
import type { PurchaseOrder } from '../domain/orders';
import { answerReturn, defaultReturnPolicy, receiveReturn, requestReturns, returnOnPo, type ItemCondition, type ReturnPolicy, type ReturnRecord, type ReturnRequest } from '../domain/returns';
import { logger } from '../logger';
import { getVendors } from '../store/catalog-store';
import { returnKeys } from '../store/keys';
import { getOrderWithPurchaseOrders } from '../store/order-store';
import { changePurchaseOrder } from '../store/purchase-order-store';
import { advance } from '../domain/purchase-order-lifecycle';
import type { Vendor } from '../domain/catalog';
import { claimReturnRequest, getReturn, getReturnRequest, getReturns, returnToItem } from '../store/return-store';
import { sendReturnRequest } from './vendor-channels';

type Deps = Pick<Dependencies, 'table' | 'now' | 'ids'>;

/** The PO with the return recorded on it and a line in its history; the return item is written in the same transaction. */
function withReturn(po: PurchaseOrder, record: ReturnRecord, by: string): PurchaseOrder {
  const last = record.history.at(-1);
  const note = `return ${record.rmaId} ${record.status.toLowerCase()}${last?.note ? `: ${last.note}` : ''}`;
  return advance(po, { returns: { ...po.returns, [record.rmaId]: returnOnPo(record) } }, { by, at: new Date(record.updatedAt) }, note);
}

/** The message record that makes writing one return happen once, whoever retries it. */
const createdKey = (rmaId: string) => ({ ...returnKeys.item(rmaId), SK: 'CREATED' });

/**
 * A customer's return request for an order: one return per vendor involved, each written with its
 * PO in one transaction (the PO keeps what each return took, so two requests racing for the same
 * units cannot both have them). Idempotent on the storefront's key: the key's record names the RMAs
 * first, so a retry after a crash finishes the same returns and a repeat answers them.
 */
export async function requestReturn(
  deps: Deps & Pick<Dependencies, 'fetch' | 'edi'>,
  principal: Principal,
  orderId: string,
  request: ReturnRequest,
  idempotencyKey: string,
): Promise<{ returns: ReturnRecord[]; created: boolean }> {
  const found = await getOrderWithPurchaseOrders(deps.table, orderId);
  if (!found || (principal.role === 'storefront' && found.order.storefrontId !== principal.storefrontId)) throw notFound('Order', orderId);
  const { order, purchaseOrders } = found;
  const storefrontId = order.storefrontId;
  const requestHash = fingerprint({ orderId, request });
  const vendors = await getVendors(deps.table, [...new Set(purchaseOrders.map((po) => po.vendorId))]);
  const policies = new Map([...vendors.values()].map((v) => [v.vendorId, v.returns ?? defaultReturnPolicy]));
  const now = deps.now();
  const reused = (hash: string) => {
    if (hash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another return request', [{ field: 'header.Idempotency-Key', rule: 'unique_per_request', message: 'use a new key for a new request' }]);
  };
  // A repeat answers the returns its key made; a retry after a crash finishes them under the same RMAs.
  const earlier = await getReturnRequest(deps.table, storefrontId, idempotencyKey);
  if (earlier) {
    reused(earlier.requestHash);
    const existing = await getReturns(deps.table, earlier.rmaIds);
    if (existing.length === earlier.rmaIds.length) return { returns: existing, created: false };
  }
  let i = 0;
  const records = earlier
    ? returnsFor(order, purchaseOrders, request, policies, now, () => earlier.rmaIds[i++] ?? 'RMA-?', new Set(earlier.rmaIds))
    : returnsFor(order, purchaseOrders, request, policies, now, () => `RMA-${deps.ids.poNumber().replace(/^PO-/, '')}`);
  if (!earlier) {
    const claim = await claimReturnRequest(deps.table, { storefrontId, idempotencyKey, requestHash, orderId, rmaIds: records.map((r) => r.rmaId), createdAt: now.toISOString() });
    // Another request with the same key got there first: it is answered as a repeat.
    if (claim.rmaIds.join() !== records.map((r) => r.rmaId).join()) {
      reused(claim.requestHash);
      throw new DomainError('CONFLICT', 'The same return request is being made at this moment; send it again to read its returns', []);
    }
  }
  const written: ReturnRecord[] = [];
  for (const record of records) {
    const change = await changePurchaseOrder(
      deps.table,
      record.poNumber,
      (po) => ({ next: withReturn(po, record, principal.role === 'ops' ? `ops:${principal.keyId}` : `storefront:${storefrontId}`), response: record, items: [returnToItem(record)] }),
      { message: createdKey(record.rmaId) },
    );
    written.push(change.response);
  }
  for (const record of written.filter((r) => r.status === 'REQUESTED')) await tellVendor(deps, vendors.get(record.vendorId), record);
  logger.info('Return requested', { orderId, rmaIds: written.map((r) => r.rmaId), statuses: written.map((r) => r.status) });
  return { returns: written, created: !earlier };
}

function returnsFor(
  order: Parameters<typeof requestReturns>[0],
  pos: readonly PurchaseOrder[],
  request: ReturnRequest,
  policies: ReadonlyMap<string, ReturnPolicy>,
  now: Date,
  newRmaId: () => string,
  ignoring?: ReadonlySet<string>,
): ReturnRecord[] {
  // The returns a retry is finishing do not count against themselves.
  const view = ignoring ? pos.map((po) => ({ ...po, returns: Object.fromEntries(Object.entries(po.returns ?? {}).filter(([rma]) => !ignoring.has(rma))) })) : pos;
  return requestReturns(order, view, request, { policies, now, newRmaId });
}

/** A new return reaches its vendor over its channel; a failure is logged and ops see the return waiting. */
async function tellVendor(deps: Pick<Dependencies, 'table' | 'now' | 'fetch' | 'edi'>, vendor: Vendor | undefined, record: ReturnRecord): Promise<void> {
  if (!vendor) return;
  try {
    await sendReturnRequest(deps, vendor, record);
  } catch (error) {
    logger.warn('Return request not delivered to the vendor; it waits in its list', { rmaId: record.rmaId, vendorId: record.vendorId, detail: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * A vendor's change to its own return (another vendor's is "not found", as a missing one), written
 * with its PO in one transaction (the PO's version guards both).
 */
async function changeReturn(deps: Deps, rmaId: string, vendorId: string, change: (record: ReturnRecord, by: string, at: string) => ReturnRecord): Promise<ReturnRecord> {
  const record = await getReturn(deps.table, rmaId);
  if (!record || record.vendorId !== vendorId) throw notFound('Return', rmaId);
  const by = `vendor:${vendorId}`;
  const result = await changePurchaseOrder(deps.table, record.poNumber, (po) => {
    const next = change(record, by, deps.now().toISOString());
    return { next: withReturn(po, next, by), response: next, items: [returnToItem(next)] };
  });
  logger.info('Return changed', { rmaId, status: result.response.status });
  return result.response;
}

export const answerAsVendor = (deps: Deps, vendorId: string, rmaId: string, answer: Parameters<typeof answerReturn>[1]) =>
  changeReturn(deps, rmaId, vendorId, (record, by, at) => answerReturn(record, answer, by, at));

export const receiveAsVendor = (deps: Deps, vendorId: string, rmaId: string, lines: { lineNumber: number; quantity: number; condition: ItemCondition }[]) =>
  changeReturn(deps, rmaId, vendorId, (record, by, at) => receiveReturn(record, lines, by, at));
