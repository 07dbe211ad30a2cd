import type { Product } from './catalog';
import { route, type PlacementContext } from './order-placement';
import type { PurchaseOrder, PurchaseOrderLine } from './orders';
import type { RerouteTrigger } from './reroute-types';

/**
 * Re-routing: when a vendor drops a line (rejects it, backorders it too far out, lets the
 * acknowledgment time out, or cancels it), the line may go to another source that has it instead of
 * being cancelled for the customer. These are the retailer's rules and the decision for one line;
 * the choice among sources is placement's own (`route`: active vendor, fresh stock, cost, priority),
 * over the sources the rules still allow.
 */
export { rerouteTriggers, type RerouteOrigin, type RerouteOutcome, type RerouteTrigger } from './reroute-types';

export interface RoutingRules {
  /** A vendor's rejection; `reasons`, when set, limits it to rejections whose reason contains one of them (any case). */
  onRejection: { enabled: boolean; reasons: string[] | null };
  /** A backorder whose date is more than `laterThanDays` days after the acknowledgment. */
  onBackorder: { enabled: boolean; laterThanDays: number };
  /** The PO cancelled by the SLA check because the vendor never acknowledged it. */
  onAckTimeout: { enabled: boolean };
  /** Lines the vendor itself cancels after accepting them. */
  onVendorCancellation: { enabled: boolean };
  /** Sources a line may go to in all, the first included. */
  maxAttempts: number;
  /** The most a new source may cost a unit above the first source: an amount (minor units) and/or a percent; both bind when both are set. */
  maxExtraUnitCost: { amount: number | null; percent: number | null };
  /** The line waits for ops to approve the move instead of moving at once. */
  requireApproval: boolean;
}

/** On for rejections and acknowledgment timeouts, up to 25 % more a unit, two sources in all: a rescued sale is usually worth more than the margin lost. */
export const defaultRoutingRules: RoutingRules = {
  onRejection: { enabled: true, reasons: null },
  onBackorder: { enabled: false, laterThanDays: 14 },
  onAckTimeout: { enabled: true },
  onVendorCancellation: { enabled: false },
  maxAttempts: 2,
  maxExtraUnitCost: { amount: null, percent: 25 },
  requireApproval: false,
};

/** The line a vendor dropped, with what its earlier moves already spent. */
export interface DroppedLine {
  sku: string;
  quantity: number;
  trigger: RerouteTrigger;
  /** The vendor's reason (a rejection's words), matched against `onRejection.reasons`. */
  reason?: string;
  /** Days from the acknowledgment to the backorder date (trigger BACKORDERED). */
  backorderDays?: number;
  /** Every vendor the line has been with, the one dropping it included. */
  triedVendorIds: readonly string[];
  /** The unit cost at the first source: the limit on extra cost is measured from it, not from the last move. */
  firstUnitCost: number;
}

export type RerouteDecision =
  | { outcome: 'REROUTE'; vendorId: string; vendorSku: string; unitCost: number; reserve: boolean; needsApproval: boolean; reason: string }
  | { outcome: 'NOT_REROUTED'; reason: string };

const triggerRule = (rules: RoutingRules, trigger: RerouteTrigger) =>
  ({ REJECTED: rules.onRejection, BACKORDERED: rules.onBackorder, ACK_TIMEOUT: rules.onAckTimeout, VENDOR_CANCELLED: rules.onVendorCancellation })[trigger];

const triggerWords: Record<RerouteTrigger, string> = {
  REJECTED: 'rejections',
  BACKORDERED: 'backorders',
  ACK_TIMEOUT: 'acknowledgment timeouts',
  VENDOR_CANCELLED: "vendors' cancellations",
};

/** The highest unit cost the rules allow a new source, from the first source's. */
export function maxUnitCost(rules: RoutingRules, firstUnitCost: number): number {
  const { amount, percent } = rules.maxExtraUnitCost;
  const limits = [amount === null ? Infinity : firstUnitCost + amount, percent === null ? Infinity : Math.floor((firstUnitCost * (100 + percent)) / 100)];
  return Math.min(...limits);
}

/**
 * Where a dropped line goes next, or why it stays cancelled, in words ops and the customer's message can use.
 * `remaining`, as in placement, holds stock earlier lines of the same decision already took (and is updated).
 */
export function decideReroute(
  line: DroppedLine,
  product: Product | undefined,
  rules: RoutingRules,
  ctx: Pick<PlacementContext, 'vendors' | 'stock' | 'now'>,
  remaining = new Map<string, number>(),
): RerouteDecision {
  const rule = triggerRule(rules, line.trigger);
  if (!rule.enabled) return { outcome: 'NOT_REROUTED', reason: `re-routing is off for ${triggerWords[line.trigger]}` };
  if (line.trigger === 'REJECTED' && rules.onRejection.reasons) {
    const said = (line.reason ?? '').toLowerCase();
    if (!rules.onRejection.reasons.some((r) => said.includes(r.toLowerCase()))) {
      return { outcome: 'NOT_REROUTED', reason: `the rejection's reason (${line.reason ?? 'none given'}) is not one the rules re-route (${rules.onRejection.reasons.join(', ')})` };
    }
  }
  if (line.trigger === 'BACKORDERED' && (line.backorderDays ?? 0) <= rules.onBackorder.laterThanDays) {
    return { outcome: 'NOT_REROUTED', reason: `backordered ${line.backorderDays ?? 0} days out, within the ${rules.onBackorder.laterThanDays} the rules accept` };
  }
  if (line.triedVendorIds.length >= rules.maxAttempts) {
    return { outcome: 'NOT_REROUTED', reason: `no other source: ${line.triedVendorIds.length} sources tried (${line.triedVendorIds.join(', ')}), the most the rules allow` };
  }
  const untried = (product?.sources ?? []).filter((s) => s.active && !line.triedVendorIds.includes(s.vendorId));
  if (untried.length === 0) return { outcome: 'NOT_REROUTED', reason: `no other source: ${line.sku} has none besides ${line.triedVendorIds.join(', ')}` };
  const ceiling = maxUnitCost(rules, line.firstUnitCost);
  const affordable = untried.filter((s) => s.unitCost <= ceiling);
  if (affordable.length === 0) {
    const cheapest = Math.min(...untried.map((s) => s.unitCost));
    return { outcome: 'NOT_REROUTED', reason: `no other source within cost: the cheapest other costs ${cheapest} a unit, above the ${ceiling} the rules allow (first source ${line.firstUnitCost})` };
  }
  const routing = route({ ...(product as Product), sources: affordable }, line.quantity, ctx, remaining);
  if (!('routed' in routing)) {
    const why = 'short' in routing ? `none has ${line.quantity} in stock (at most ${routing.short.available})` : 'their vendors take no orders';
    return { outcome: 'NOT_REROUTED', reason: `no other source: ${why}` };
  }
  const { source, reserve, reason } = routing.routed;
  return { outcome: 'REROUTE', vendorId: source.vendorId, vendorSku: source.vendorSku, unitCost: source.unitCost, reserve, needsApproval: rules.requireApproval, reason: `to ${source.vendorId}: ${reason === 'only source' ? 'the only other source allowed' : reason}` };
}

/** Whole days from `from` (an instant) to the line's backorder date; 0 without one. */
export const backorderDaysAfter = (line: Pick<PurchaseOrderLine, 'backorderDate'>, from: string): number =>
  line.backorderDate ? Math.ceil((Date.parse(`${line.backorderDate}T00:00:00Z`) - Date.parse(from)) / 86_400_000) : 0;

/** The dropped line as the decision reads it: its trigger and reason, and the vendors and cost of its earlier moves. */
export function droppedLineOf(po: PurchaseOrder, line: PurchaseOrderLine): DroppedLine {
  return {
    sku: line.sku,
    quantity: line.quantity - line.shippedQuantity,
    trigger: line.dropped?.trigger ?? 'REJECTED',
    ...(line.reason && { reason: line.reason }),
    ...(line.dropped && { backorderDays: backorderDaysAfter(line, line.dropped.at) }),
    triedVendorIds: [...(line.rerouteOf?.triedVendorIds ?? []), po.vendorId],
    firstUnitCost: line.rerouteOf?.firstUnitCost ?? line.unitCost,
  };
}

/**
 * The new PO for the lines going to one vendor: PENDING, like a placed one, on the same order and
 * ship-to, each line naming where it came from. The old lines keep their status and reason.
 */
export function reroutedPurchaseOrder(
  from: PurchaseOrder,
  moves: readonly { line: PurchaseOrderLine; decision: Extract<RerouteDecision, { outcome: 'REROUTE' }> }[],
  poNumber: string,
  gtins: ReadonlyMap<string, string>,
  at: Date,
): PurchaseOrder {
  const createdAt = at.toISOString();
  const vendorId = moves[0]?.decision.vendorId ?? '';
  return {
    poNumber,
    orderId: from.orderId,
    vendorId,
    status: 'PENDING',
    version: 1,
    currency: from.currency,
    shipTo: from.shipTo,
    ...(from.shipMethod && { shipMethod: from.shipMethod }),
    ...(from.packingSlipMessage && { packingSlipMessage: from.packingSlipMessage }),
    rerouteOf: from.poNumber,
    lines: moves.map(({ line, decision }, i) => {
      const dropped = droppedLineOf(from, line);
      const { quantity } = dropped;
      const gtin = gtins.get(line.sku);
      return {
        lineNumber: i + 1,
        orderLineNumber: line.orderLineNumber,
        sku: line.sku,
        vendorSku: decision.vendorSku,
        ...(gtin && { gtin }),
        ...(line.shipMethod && { shipMethod: line.shipMethod }),
        quantity,
        unitCost: decision.unitCost,
        status: 'OPEN',
        acceptedQuantity: quantity,
        shippedQuantity: 0,
        reservedQuantity: decision.reserve ? quantity : 0,
        rerouteOf: { poNumber: from.poNumber, lineNumber: line.lineNumber, triedVendorIds: [...dropped.triedVendorIds], firstUnitCost: dropped.firstUnitCost },
      };
    }),
    history: [{ at: createdAt, status: 'PENDING', by: 'rerouting', note: `re-routed from ${from.poNumber} (${from.vendorId}): ${moves.map((m) => `line ${m.line.lineNumber} ${m.decision.reason}`).join('; ')}` }],
    shipments: [],
    createdAt,
    updatedAt: createdAt,
  };
}
