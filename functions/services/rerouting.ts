import type { Dependencies } from '../dependencies';
import { notFound } from '../domain/errors';
import type { Reservation } from '../domain/order-placement';
import type { PurchaseOrder, PurchaseOrderLine } from '../domain/orders';
import { advance, cancelLines, droppedLines, markDropped } from '../domain/purchase-order-lifecycle';
import { backorderDaysAfter, decideReroute, droppedLineOf, reroutedPurchaseOrder, type RerouteDecision } from '../domain/rerouting';
import type { RerouteOutcome } from '../domain/reroute-types';
import { slaPromise } from '../domain/delivery-estimate';
import { withPublicHolidays } from '../domain/sla-calendar';
import { readSources } from '../store/order-store';
import { getPurchaseOrder } from '../store/purchase-order-store';
import { writeReroute, RerouteRaced } from '../store/reroute-store';
import { readForReroute } from '../store/routing-store';
import { logger } from '../logger';
import { changeAndWake } from './change-purchase-order';

type Move = { line: PurchaseOrderLine; decision: Extract<RerouteDecision, { outcome: 'REROUTE' }> };

const maxRaces = 5;

/**
 * Decides the PO's dropped lines still undecided, or (ops' approval) moves those waiting for it in
 * `approved`; returns the PO as it then stands. Decides again on what is there after a race.
 */
export async function decideDroppedLines(deps: Dependencies, poNumber: string, approved: readonly number[] = []): Promise<PurchaseOrder> {
  for (let attempt = 1; ; attempt++) {
    const po = await getPurchaseOrder(deps.table, poNumber);
    if (!po) throw notFound('Purchase order', poNumber);
    const lines = [...droppedLines(po), ...po.lines.filter((l) => approved.includes(l.lineNumber) && l.reroute?.outcome === 'AWAITING_APPROVAL')];
    if (lines.length === 0) {
      // Decided already (a retry after the function stopped between its write and the start): the new
      // POs' executions are started again, which does nothing to those already running.
      const moved = po.lines.flatMap((l) => (l.reroute?.outcome === 'REROUTED' ? [l.reroute.poNumber] : []));
      if (moved.length > 0 && approved.length === 0) await deps.workflow.start(moved);
      return po;
    }
    try {
      return await reroute(deps, po, lines, approved);
    } catch (error) {
      if (!(error instanceof RerouteRaced) || attempt >= maxRaces) throw error;
    }
  }
}

async function reroute(deps: Dependencies, po: PurchaseOrder, dropped: PurchaseOrderLine[], approved: readonly number[]): Promise<PurchaseOrder> {
  const at = deps.now();
  const stamp = at.toISOString();
  const { order, rules, products } = await readForReroute(deps.table, po.orderId, [...new Set(dropped.map((l) => l.sku))]);
  const { vendors, stock } = await readSources(deps.table, products.values());
  // One line after another, so two lines of the same SKU do not count the same stock twice.
  const remaining = new Map<string, number>();
  const decided = dropped.map((line) => {
    // A move ops approved is made without asking again.
    const asked = approved.includes(line.lineNumber) ? { ...rules, requireApproval: false } : rules;
    return { line, decision: decideReroute(droppedLineOf(po, line), products.get(line.sku), asked, { vendors, stock, now: at }, remaining) };
  });

  const moves = decided.filter((d): d is Move => d.decision.outcome === 'REROUTE' && !d.decision.needsApproval);
  const byVendor = new Map<string, Move[]>();
  for (const move of moves) byVendor.set(move.decision.vendorId, [...(byVendor.get(move.decision.vendorId) ?? []), move]);
  const gtins = new Map([...products.values()].flatMap((p) => (p.gtin ? [[p.sku, p.gtin] as const] : [])));
  const purchaseOrders = [...byVendor.values()].map((group) => reroutedPurchaseOrder(po, group, deps.ids.poNumber(), gtins, at));
  const movedTo = new Map(purchaseOrders.flatMap((newPo) => newPo.lines.map((l) => [l.rerouteOf?.lineNumber ?? 0, newPo] as const)));

  const outcomes = new Map<number, RerouteOutcome>(
    decided.map(({ line, decision }) => {
      const to = movedTo.get(line.lineNumber);
      if (to) {
        const sla = vendors.get(to.vendorId)?.sla;
        const promise = sla && slaPromise(at, withPublicHolidays(sla));
        const reason = `${decision.reason}${approved.includes(line.lineNumber) ? ' (approved by ops)' : ''}`;
        return [line.lineNumber, { outcome: 'REROUTED', poNumber: to.poNumber, vendorId: to.vendorId, reason, at: stamp, ...(promise && { estimatedShipDate: promise.shipBy }), ...(promise?.deliverBy && { estimatedDeliveryDate: promise.deliverBy }) }];
      }
      if (decision.outcome === 'REROUTE') return [line.lineNumber, { outcome: 'AWAITING_APPROVAL', vendorId: decision.vendorId, reason: `waiting for ops to approve: would go ${decision.reason}`, at: stamp }];
      return [line.lineNumber, { outcome: 'NOT_REROUTED', reason: decision.reason, at: stamp }];
    }),
  );
  const lines = po.lines.map((line) => {
    const outcome = outcomes.get(line.lineNumber);
    return outcome ? { ...line, reroute: outcome } : line;
  });
  const words = (o: RerouteOutcome) => (o.outcome === 'REROUTED' ? `re-routed to ${o.poNumber} (${o.reason})` : o.outcome === 'AWAITING_APPROVAL' ? o.reason : `not re-routed: ${o.reason}`);
  const note = [...outcomes.entries()].map(([n, o]) => `line ${n} ${words(o)}`).join('; ');
  const after = advance(po, { lines }, { by: 'rerouting', at }, note);

  const reservations: Reservation[] = purchaseOrders.flatMap((newPo) =>
    newPo.lines.filter((l) => (l.reservedQuantity ?? 0) > 0).map((l) => ({ vendorId: newPo.vendorId, vendorSku: l.vendorSku, quantity: l.reservedQuantity ?? 0 })),
  );
  const orderLines = purchaseOrders.flatMap((newPo) =>
    newPo.lines.map((l) => ({ index: order?.lines.findIndex((ol) => ol.lineNumber === l.orderLineNumber) ?? -1, poNumber: newPo.poNumber, vendorId: newPo.vendorId })),
  ).filter((l) => l.index >= 0);
  await writeReroute(deps.table, { before: po, after, purchaseOrders, reservations, orderLines });
  if (purchaseOrders.length > 0) await deps.workflow.start(purchaseOrders.map((p) => p.poNumber));
  logger.info('Dropped lines decided', { poNumber: po.poNumber, rerouted: moves.length, kept: decided.length - moves.length, newPurchaseOrders: purchaseOrders.map((p) => p.poNumber) });
  return after;
}

/**
 * After an acknowledgment: lines newly backordered further out than the rules accept are cancelled
 * with the vendor (an 860 or webhook, by the workflow) and dropped for re-routing, but only when
 * another source would take them now; otherwise the backorder stands. Reads nothing unless such a
 * backorder came in.
 */
export async function dropFarBackorders(deps: Pick<Dependencies, 'table' | 'workflow' | 'alerts' | 'now'>, before: PurchaseOrder, after: PurchaseOrder): Promise<void> {
  const acknowledgedAt = after.acknowledgedAt ?? after.updatedAt;
  const backordered = after.lines.filter((l) => l.status === 'BACKORDERED' && l.backorderDate && !l.dropped && before.lines.find((b) => b.lineNumber === l.lineNumber)?.status !== 'BACKORDERED');
  if (after.test || backordered.length === 0) return;
  const { rules, products } = await readForReroute(deps.table, after.orderId, [...new Set(backordered.map((l) => l.sku))]);
  const far = backordered.filter((l) => rules.onBackorder.enabled && backorderDaysAfter(l, acknowledgedAt) > rules.onBackorder.laterThanDays);
  if (far.length === 0) return;
  const { vendors, stock } = await readSources(deps.table, products.values());
  const at = deps.now();
  const movable = far.filter((l) => decideReroute({ ...droppedLineOf(after, l), trigger: 'BACKORDERED', backorderDays: backorderDaysAfter(l, acknowledgedAt) }, products.get(l.sku), rules, { vendors, stock, now: at }).outcome === 'REROUTE');
  if (movable.length === 0) return;
  const numbers = movable.map((l) => l.lineNumber);
  await changeAndWake(deps, after.poNumber, (current) => {
    const still = current.lines.filter((l) => numbers.includes(l.lineNumber) && l.status === 'BACKORDERED' && !l.dropped).map((l) => l.lineNumber);
    if (still.length === 0 || current.status !== 'ACKNOWLEDGED') return { response: null };
    const reason = `backordered beyond the ${rules.onBackorder.laterThanDays} days the retailer accepts; another source has it`;
    return { next: markDropped(cancelLines(current, still, reason, { by: 'rerouting', at }), still, 'BACKORDERED', at), response: null };
  });
}
