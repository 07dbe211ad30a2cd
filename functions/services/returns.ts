import type { Dependencies } from '../dependencies';
import type { Principal } from '../contracts/api-keys';
import { DomainError, notFound } from '../domain/errors';
import { fingerprint } from '../domain/fingerprint';
import type { PurchaseOrder } from '../domain/orders';
import { answerReturn, returnPolicyOf, receiveReturn, requestReturns, returnOnPo, trackReturnParcel, type ItemCondition, type ReturnPolicy, type ReturnRecord, type ReturnRequest } from '../domain/returns';
import { logger } from '../logger';
import { getVendors } from '../store/catalog-store';
import { returnKeys, type ItemKey } from '../store/keys';
import { getOrderWithPurchaseOrders } from '../store/order-store';
import { changePurchaseOrder, getPurchaseOrder } from '../store/purchase-order-store';
import { advance } from '../domain/purchase-order-lifecycle';
import type { Vendor } from '../domain/catalog';
import { claimReturnRequest, getReturn, getReturnRequest, getReturns, returnToItem, returnTrackingPointer } from '../store/return-store';
import { sendReturnRequest } from './vendor-channels';
import { actionOf180, looksLikeOurRma, type Return180, type Return180Action } from '../domain/x12/return-180';
import { problemAt, X12Refusal } from '../domain/x12/set-problem';
import { elementErrors } from '../domain/x12/codes';
import { ownedBy } from './vendor-events';
import { amountText } from '../domain/invoices';

type Deps = Pick<Dependencies, 'table' | 'now' | 'ids'>;

/** The PO with the return recorded on it and a line in its history; the return item is written in the same transaction. */
export function withReturn(po: PurchaseOrder, record: ReturnRecord, by: string): PurchaseOrder {
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
  const policies = new Map([...vendors.values()].map((v) => [v.vendorId, returnPolicyOf(v.returns)]));
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
      (po) => ({ next: withReturn(po, record, principal.role === 'ops' ? `ops:${principal.keyId}` : `storefront:${storefrontId}`), response: record, items: returnItems(undefined, record) }),
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
 * What a return's change writes beside its PO: the return, and when it gained a label, the pointer
 * from the label's tracking number to it, so the label's carrier events find it (as outbound parcels' do).
 */
export const returnItems = (before: ReturnRecord | undefined, after: ReturnRecord) => [
  returnToItem(after),
  ...(after.label && after.label.trackingNumber !== before?.label?.trackingNumber ? [returnTrackingPointer(after.rmaId, after.poNumber, after.vendorId, after.label.trackingNumber)] : []),
];

/**
 * A change to a return, written with its PO in one transaction (the PO's version guards both). The
 * return is read first; should another writer have moved it on before the PO's write (the PO's
 * summary says so), it is read again and the change decided anew. `change` answers undefined when
 * there is nothing to do.
 */
export async function changeReturn(
  deps: Pick<Dependencies, 'table' | 'now'>,
  rmaId: string,
  by: string,
  change: (record: ReturnRecord, at: string, po: PurchaseOrder) => ReturnRecord | undefined,
  owner?: string,
  message?: ItemKey,
): Promise<ReturnRecord> {
  for (let attempt = 1; ; attempt++) {
    const record = await getReturn(deps.table, rmaId);
    // Another vendor's return is "not found", as a missing one.
    if (!record || (owner !== undefined && record.vendorId !== owner)) throw notFound('Return', rmaId);
    const result = await changePurchaseOrder(deps.table, record.poNumber, (po) => {
      // A payment settles the return without its PO (the PO keeps it CREDITED): both are the same return.
      const onPo = po.returns?.[rmaId]?.status;
      if (onPo !== record.status && !(onPo === 'CREDITED' && record.status === 'SETTLED')) return { response: undefined };
      const next = change(record, deps.now().toISOString(), po);
      if (!next) return { response: record };
      return { next: withReturn(po, next, by), response: next, items: returnItems(record, next) };
    }, message ? { message } : {});
    if (result.response) {
      if (result.response !== record) logger.info('Return changed', { rmaId, status: result.response.status });
      return result.response;
    }
    if (attempt >= 5) throw new DomainError('CONFLICT', `${rmaId} is changing at this moment; send it again`, []);
  }
}

const asVendor = (vendorId: string) => `vendor:${vendorId}`;

export const answerAsVendor = (deps: Deps, vendorId: string, rmaId: string, answer: Parameters<typeof answerReturn>[1]) =>
  changeReturn(deps, rmaId, asVendor(vendorId), (record, at) => answerReturn(record, answer, asVendor(vendorId), at), vendorId);

export const receiveAsVendor = (deps: Deps, vendorId: string, rmaId: string, lines: { lineNumber: number; quantity: number; condition: ItemCondition }[]) =>
  changeReturn(deps, rmaId, asVendor(vendorId), (record, at) => receiveReturn(record, lines, asVendor(vendorId), at), vendorId);

/** The retailer's returns desk (ops) confirms what came back: a return sent to the retailer, or one ops receive on the vendor's behalf. */
export const receiveAsRetailer = (deps: Deps, by: string, rmaId: string, lines: { lineNumber: number; quantity: number; condition: ItemCondition }[]) =>
  changeReturn(deps, rmaId, by, (record, at) => receiveReturn(record, lines, by, at));

/** A carrier event for a return label: the parcel back moves; delivered to the vendor, its receipt falls due. Whether it changed anything. */
export async function trackReturn(deps: Pick<Dependencies, 'table' | 'now'>, rmaId: string, event: { status: string; at: string; location?: string }, source: string): Promise<boolean> {
  let moved = false;
  await changeReturn(deps, rmaId, source, (record, at) => {
    const next = trackReturnParcel(record, event, at);
    moved = next !== undefined;
    return next;
  });
  return moved;
}

/**
 * A vendor's 180 put to its return: the return it names (our RMA wherever the partner wrote it, else
 * the one open return on the PO in PRF), answered, or received line by line (approved first when a
 * parcel came back unasked). Once per interchange: a resend answers what the first did.
 */
export async function answerReturnBy180(deps: Pick<Dependencies, 'table' | 'now'>, vendorId: string, reading: Return180, messageKey: string): Promise<{ record: ReturnRecord; outcome: string }> {
  const named = reading.references.find((r) => looksLikeOurRma(r.value));
  const rmaId = named?.value.toUpperCase() ?? (await onlyOpenReturn(deps, vendorId, reading));
  const theirs = reading.references.find((r) => r.segment.tag === 'BGN' && r.element === 2 && !looksLikeOurRma(r.value))?.value;
  const vendorRma = reading.vendorRma ?? theirs;
  const by = asVendor(vendorId);
  let action: Return180Action['kind'] | undefined;
  const record = await changeReturn(deps, rmaId, by, (current, at, po) => {
    const act = actionOf180({ ...reading, ...(vendorRma && { vendorRma }) }, current, po);
    action = act.kind;
    if (act.kind === 'PENDING') return undefined;
    if (act.kind === 'ANSWER') return answerReturn(current, act.answer, by, at);
    const approved = current.status === 'REQUESTED' ? answerReturn(current, { approve: true, ...(vendorRma && { vendorRma }) }, by, at) : current;
    return receiveReturn(approved, act.lines, by, at);
  }, vendorId, { ...returnKeys.item(rmaId), SK: `X12#${messageKey}` });
  const credit = record.credit ? `, ${amountText(record.credit.amount, record.currency)} credited` : '';
  const outcome = action === 'PENDING'
    ? `return ${rmaId}: the vendor's authorisation is pending (RDR01 RP); nothing changes`
    : `return ${rmaId} ${action ? '' : 'already '}${record.status.toLowerCase()}${record.rejection ? `: ${record.rejection}` : ''}${credit}`;
  return { record, outcome };
}

/** Without our RMA, the PO's one open return is meant; none is "not found", several must be told apart. */
async function onlyOpenReturn(deps: Pick<Dependencies, 'table' | 'now'>, vendorId: string, reading: Return180): Promise<string> {
  const poNumber = reading.poNumber?.value;
  if (!poNumber) throw new X12Refusal([problemAt(undefined, 'PRF', 'name the return: our RMA in BGN06 or N9*QJ, or the PO in PRF01')]);
  const po = ownedBy(await getPurchaseOrder(deps.table, poNumber), vendorId, poNumber);
  const open = Object.entries(po.returns ?? {}).filter(([, r]) => r.status === 'REQUESTED' || r.status === 'APPROVED').map(([rma]) => rma).sort();
  if (open.length === 1 && open[0]) return open[0];
  if (open.length === 0) throw notFound('Return', `on ${poNumber}`);
  throw new X12Refusal([problemAt(reading.poNumber?.segment, 'PRF', `PO ${poNumber} has ${open.length} open returns (${open.join(', ')}): name ours in BGN06 or N9*QJ`, { element: 1, elementCode: elementErrors.invalidCode, badData: poNumber })]);
}
