import { describe, expect, it } from 'vitest';
import type { Product } from '../../functions/domain/catalog';
import { stockKeyOf, type StockLevel } from '../../functions/domain/inventory';
import { decideReroute, defaultRoutingRules, maxUnitCost, type DroppedLine, type RoutingRules } from '../../functions/domain/rerouting';
import { routingRulesInput } from '../../functions/contracts/routing';
import { aVendor } from '../support/builders';

const now = new Date('2026-12-02T15:00:00Z');
const vendors = new Map(['acme', 'globex', 'initech'].map((vendorId) => [vendorId, aVendor({ vendorId })]));
/** A desk three vendors carry: acme first (cheapest), globex 20 % dearer, initech 40 % dearer. */
const desk: Product = {
  sku: 'DESK-004',
  name: 'Standing desk',
  updatedAt: now.toISOString(),
  sources: [
    { vendorId: 'acme', vendorSku: 'AC-400', unitCost: 20000, priority: 1, active: true },
    { vendorId: 'globex', vendorSku: 'GX-400', unitCost: 24000, priority: 2, active: true },
    { vendorId: 'initech', vendorSku: 'IN-400', unitCost: 28000, priority: 3, active: true },
  ],
};
const stockOf = (levels: Record<string, number>) =>
  new Map<string, StockLevel>(
    Object.entries(levels).map(([vendorSku, available]) => {
      const vendorId = desk.sources.find((s) => s.vendorSku === vendorSku)?.vendorId ?? '';
      return [stockKeyOf(vendorId, vendorSku), { vendorId, vendorSku, available, restockDate: null, updatedAt: now.toISOString(), feedId: 'feed-1' }];
    }),
  );
const rejected: DroppedLine = { sku: 'DESK-004', quantity: 1, trigger: 'REJECTED', reason: 'Out of stock at the mill', triedVendorIds: ['acme'], firstUnitCost: 20000 };
const decide = (line: DroppedLine, rules: RoutingRules = defaultRoutingRules, stock = stockOf({ 'GX-400': 5, 'IN-400': 5 })) => decideReroute(line, desk, rules, { vendors, stock, now });

describe('where a dropped line goes', () => {
  it('goes to the next source by placement\'s own ranking, never back to a vendor already tried', () => {
    expect(decide(rejected)).toMatchObject({ outcome: 'REROUTE', vendorId: 'globex', vendorSku: 'GX-400', unitCost: 24000, reserve: true, needsApproval: false });
    // globex has none in stock: initech has, but costs 40 % more than the first source: beyond the default 25 %.
    expect(decide(rejected, defaultRoutingRules, stockOf({ 'GX-400': 0, 'IN-400': 5 }))).toEqual({ outcome: 'NOT_REROUTED', reason: 'no other source: none has 1 in stock (at most 0)' });
    expect(decide(rejected, { ...defaultRoutingRules, maxExtraUnitCost: { amount: null, percent: 50 } }, stockOf({ 'GX-400': 0, 'IN-400': 5 }))).toMatchObject({ outcome: 'REROUTE', vendorId: 'initech' });
  });

  it('stops at the attempts the rules allow, counting the first source', () => {
    const second = { ...rejected, triedVendorIds: ['acme', 'globex'] };
    expect(decide(second)).toEqual({ outcome: 'NOT_REROUTED', reason: 'no other source: 2 sources tried (acme, globex), the most the rules allow' });
    expect(decide(second, { ...defaultRoutingRules, maxAttempts: 3, maxExtraUnitCost: { amount: 10000, percent: null } })).toMatchObject({ outcome: 'REROUTE', vendorId: 'initech' });
    expect(decide({ ...rejected, triedVendorIds: ['acme', 'globex', 'initech'] }, { ...defaultRoutingRules, maxAttempts: 5 })).toMatchObject({ reason: 'no other source: DESK-004 has none besides acme, globex, initech' });
  });

  it('measures the extra cost from the first source, by amount and by percent, both binding when both are set', () => {
    expect(maxUnitCost(defaultRoutingRules, 20000)).toBe(25000);
    expect(maxUnitCost({ ...defaultRoutingRules, maxExtraUnitCost: { amount: 3000, percent: 25 } }, 20000)).toBe(23000);
    expect(maxUnitCost({ ...defaultRoutingRules, maxExtraUnitCost: { amount: null, percent: null } }, 20000)).toBe(Infinity);
    // A third source is judged against the first's cost, not the second's.
    expect(decide({ ...rejected, triedVendorIds: ['acme', 'globex'] }, { ...defaultRoutingRules, maxAttempts: 3 })).toEqual({
      outcome: 'NOT_REROUTED',
      reason: 'no other source within cost: the cheapest other costs 28000 a unit, above the 25000 the rules allow (first source 20000)',
    });
  });

  it('follows each trigger\'s switch and the rejection reasons it is limited to', () => {
    const onlyOutOfStock = { ...defaultRoutingRules, onRejection: { enabled: true, reasons: ['out of stock'] } };
    expect(decide(rejected, onlyOutOfStock)).toMatchObject({ outcome: 'REROUTE' });
    expect(decide({ ...rejected, reason: 'Discontinued' }, onlyOutOfStock)).toEqual({
      outcome: 'NOT_REROUTED',
      reason: "the rejection's reason (Discontinued) is not one the rules re-route (out of stock)",
    });
    expect(decide({ ...rejected, trigger: 'VENDOR_CANCELLED' })).toEqual({ outcome: 'NOT_REROUTED', reason: "re-routing is off for vendors' cancellations" });
    expect(decide({ ...rejected, trigger: 'ACK_TIMEOUT' })).toMatchObject({ outcome: 'REROUTE', vendorId: 'globex' });
    const backorders = { ...defaultRoutingRules, onBackorder: { enabled: true, laterThanDays: 14 } };
    expect(decide({ ...rejected, trigger: 'BACKORDERED', backorderDays: 10 }, backorders)).toMatchObject({ outcome: 'NOT_REROUTED', reason: 'backordered 10 days out, within the 14 the rules accept' });
    expect(decide({ ...rejected, trigger: 'BACKORDERED', backorderDays: 30 }, backorders)).toMatchObject({ outcome: 'REROUTE' });
  });

  it('asks for approval when the rules say so, naming the source it would use', () => {
    expect(decide(rejected, { ...defaultRoutingRules, requireApproval: true })).toMatchObject({ outcome: 'REROUTE', vendorId: 'globex', needsApproval: true });
  });
});

describe('the rules as ops send them', () => {
  it('keeps the defaults for parts left out, and refuses what makes no sense, naming the field', () => {
    expect(routingRulesInput.parse({})).toEqual(defaultRoutingRules);
    expect(routingRulesInput.parse({ maxAttempts: 3 })).toEqual({ ...defaultRoutingRules, maxAttempts: 3 });
    const refused = routingRulesInput.safeParse({ maxAttempts: 0, maxExtraUnitCost: { amount: -1, percent: 25 }, onRejection: { enabled: true, reasons: [] } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['maxAttempts', 'maxExtraUnitCost.amount', 'onRejection.reasons']);
  });
});
