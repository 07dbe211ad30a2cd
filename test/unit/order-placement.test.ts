import { describe, expect, it } from 'vitest';
import { placeOrder, maxPurchaseOrdersPerOrder } from '../../functions/domain/order-placement';
import { refusal } from '../support/refusal';
import type { Product, Vendor } from '../../functions/domain/catalog';
import { stockKeyOf, type StockLevel } from '../../functions/domain/inventory';
import { aProduct, aVendor, anOrder } from '../support/builders';

const now = new Date('2026-11-24T15:00:00.000Z');

function context(products: Product[], vendors: Vendor[], stock: StockLevel[] = []) {
  let po = 0;
  return {
    orderId: 'ord_1',
    storefrontId: 'shop',
    now,
    products: new Map(products.map((p) => [p.sku, p])),
    vendors: new Map(vendors.map((v) => [v.vendorId, v])),
    stock: new Map(stock.map((level) => [stockKeyOf(level.vendorId, level.vendorSku), level])),
    newPoNumber: () => `PO-${++po}`,
  };
}


describe('order placement', () => {
  const acme = aVendor({ vendorId: 'acme' });
  const globex = aVendor({ vendorId: 'globex' });

  it('classifies a SKU with an active source as dropship and one without as warehouse', () => {
    const lamp = aProduct({ sku: 'LAMP', vendorIds: ['acme'] });
    const mug = aProduct({ sku: 'MUG' });
    const { order, purchaseOrders } = placeOrder(anOrder({ skus: ['LAMP', 'MUG'] }), context([lamp, mug], [acme]));
    expect(order.lines.map((l) => [l.sku, l.fulfillment])).toEqual([
      ['LAMP', 'DROPSHIP'],
      ['MUG', 'WAREHOUSE'],
    ]);
    expect(purchaseOrders).toHaveLength(1);
    expect(order.lines[1]?.poNumber).toBeUndefined();
  });

  it('groups dropship lines into one purchase order per vendor, numbering PO lines from 1', () => {
    const products = [
      aProduct({ sku: 'A1', vendorIds: ['acme'] }),
      aProduct({ sku: 'G1', vendorIds: ['globex'] }),
      aProduct({ sku: 'A2', vendorIds: ['acme'] }),
    ];
    const { order, purchaseOrders } = placeOrder(anOrder({ skus: ['A1', 'G1', 'A2'] }), context(products, [acme, globex]));
    expect(purchaseOrders.map((po) => [po.vendorId, po.lines.map((l) => [l.lineNumber, l.sku, l.orderLineNumber])])).toEqual([
      ['acme', [[1, 'A1', 1], [2, 'A2', 3]]],
      ['globex', [[1, 'G1', 2]]],
    ]);
    expect(order.lines.map((l) => l.poNumber)).toEqual(['PO-1', 'PO-2', 'PO-1']);
    expect(order.poNumbers).toEqual(['PO-1', 'PO-2']);
  });

  it('starts every purchase order PENDING at version 1 with one history entry and the ship-to address', () => {
    const { purchaseOrders } = placeOrder(anOrder({ skus: ['A1'] }), context([aProduct({ sku: 'A1', vendorIds: ['acme'] })], [acme]));
    const [po] = purchaseOrders;
    expect(po).toMatchObject({ status: 'PENDING', version: 1, createdAt: now.toISOString(), shipTo: { name: 'Ada Lovelace', postalCode: '62701' } });
    expect(po?.history).toEqual([{ at: now.toISOString(), status: 'PENDING', by: 'order-placement' }]);
  });

  it('routes a SKU with several vendors to the cheapest active source, then the lowest priority number', () => {
    const desk: Product = aProduct({
      sku: 'DESK',
      sources: [
        { vendorId: 'acme', vendorSku: 'A-D', unitCost: 2000, priority: 1, active: true },
        { vendorId: 'globex', vendorSku: 'G-D', unitCost: 1500, priority: 2, active: true },
      ],
    });
    expect(placeOrder(anOrder({ skus: ['DESK'] }), context([desk], [acme, globex])).order.lines[0]?.vendorId).toBe('globex');
    const sameCost = { ...desk, sources: desk.sources.map((s) => ({ ...s, unitCost: 1000 })) };
    expect(placeOrder(anOrder({ skus: ['DESK'] }), context([sameCost], [acme, globex])).order.lines[0]?.vendorId).toBe('acme');
  });

  it('skips an inactive vendor when another source is active', () => {
    const desk = aProduct({ sku: 'DESK', vendorIds: ['acme', 'globex'] });
    const { order } = placeOrder(anOrder({ skus: ['DESK'] }), context([desk], [{ ...acme, active: false }, globex]));
    expect(order.lines[0]?.vendorId).toBe('globex');
  });

  it('treats a SKU whose sources are all switched off as a warehouse SKU', () => {
    const lamp = aProduct({ sku: 'LAMP', vendorIds: ['acme'] });
    const off = { ...lamp, sources: lamp.sources.map((s) => ({ ...s, active: false })) };
    expect(placeOrder(anOrder({ skus: ['LAMP'] }), context([off], [acme])).order.lines[0]?.fulfillment).toBe('WAREHOUSE');
  });

  it('refuses a SKU sold only through inactive vendors, naming the line', () => {
    const lamp = aProduct({ sku: 'LAMP', vendorIds: ['acme'] });
    const error = refusal(() => placeOrder(anOrder({ skus: ['MUG', 'LAMP'] }), context([lamp, aProduct({ sku: 'MUG' })], [{ ...acme, active: false }])));
    expect(error.code).toBe('VENDOR_INACTIVE');
    expect(error.details).toEqual([expect.objectContaining({ field: 'lines.1.sku', rule: 'active_vendor' })]);
  });

  it('refuses unknown SKUs, naming every one', () => {
    const error = refusal(() => placeOrder(anOrder({ skus: ['NOPE', 'MUG', 'GONE'] }), context([aProduct({ sku: 'MUG' })], [])));
    expect(error.code).toBe('UNKNOWN_SKU');
    expect(error.details.map((d) => d.field)).toEqual(['lines.0.sku', 'lines.2.sku']);
  });

  it('refuses an order that would need more purchase orders than one transaction can hold', () => {
    const count = maxPurchaseOrdersPerOrder + 1;
    const vendors = Array.from({ length: count }, (_, i) => aVendor({ vendorId: `v${i}` }));
    const products = vendors.map((v, i) => aProduct({ sku: `S${i}`, vendorIds: [v.vendorId] }));
    const error = refusal(() => placeOrder(anOrder({ skus: products.map((p) => p.sku) }), context(products, vendors)));
    expect(error.code).toBe('TOO_MANY_VENDORS');
  });

});

describe('stock-aware routing', () => {
  const acme = aVendor({ vendorId: 'acme' });
  const globex = aVendor({ vendorId: 'globex' });
  const desk: Product = aProduct({
    sku: 'DESK',
    sources: [
      { vendorId: 'acme', vendorSku: 'A-D', unitCost: 1500, priority: 2, active: true },
      { vendorId: 'globex', vendorSku: 'G-D', unitCost: 2000, priority: 1, active: true },
    ],
  });
  const level = (vendorId: string, vendorSku: string, available: number, hoursOld = 1) => ({
    vendorId, vendorSku, available, restockDate: null, feedId: 'F', updatedAt: new Date(now.getTime() - hoursOld * 3_600_000).toISOString(),
  });

  it('picks the cheapest source with fresh stock and reserves it', () => {
    const placement = placeOrder(anOrder({ skus: ['DESK'] }), context([desk], [acme, globex], [level('acme', 'A-D', 5), level('globex', 'G-D', 5)]));
    expect(placement.order.lines[0]).toMatchObject({ vendorId: 'acme', routing: { stock: 'RESERVED', reason: 'cheapest in-stock source of 2' } });
    expect(placement.reservations).toEqual([{ vendorId: 'acme', vendorSku: 'A-D', quantity: 1 }]);
  });

  it('passes over a cheaper source that is out of stock', () => {
    const placement = placeOrder(anOrder({ skus: ['DESK'] }), context([desk], [acme, globex], [level('acme', 'A-D', 0), level('globex', 'G-D', 5)]));
    expect(placement.order.lines[0]?.vendorId).toBe('globex');
    expect(placement.order.lines[0]?.routing?.reason).toContain('cheaper acme is short');
  });

  it('prefers fresh stock over a cheaper source whose feed is stale', () => {
    const placement = placeOrder(anOrder({ skus: ['DESK'] }), context([desk], [acme, globex], [level('acme', 'A-D', 50, 48), level('globex', 'G-D', 5)]));
    expect(placement.order.lines[0]?.vendorId).toBe('globex');
  });

  it('accepts and flags unknown stock when the vendor policy says so, reserving nothing', () => {
    const placement = placeOrder(anOrder({ skus: ['DESK'] }), context([desk], [acme, globex]));
    expect(placement.order.lines[0]).toMatchObject({ vendorId: 'acme', routing: { stock: 'UNKNOWN' } });
    expect(placement.reservations).toEqual([]);
  });

  it('refuses unknown stock when the vendor policy says so', () => {
    const strict = (v: Vendor) => ({ ...v, inventory: { freshForHours: 24, whenStale: 'REFUSE' as const } });
    const error = refusal(() => placeOrder(anOrder({ skus: ['DESK'] }), context([desk], [strict(acme), strict(globex)], [level('acme', 'A-D', 9, 30)])));
    expect(error.code).toBe('INSUFFICIENT_STOCK');
  });

  it('counts stock across lines of the same SKU and names each short line with sku, asked and available', () => {
    const order = anOrder({ skus: ['DESK', 'DESK'] });
    order.lines = order.lines.map((line) => ({ ...line, quantity: 3 }));
    const error = refusal(() => placeOrder(order, context([desk], [acme, globex], [level('acme', 'A-D', 4), level('globex', 'G-D', 1)])));
    expect(error.code).toBe('INSUFFICIENT_STOCK');
    expect(error.details).toEqual([{ field: 'lines.1.quantity', rule: 'in_stock', message: 'SKU DESK: 3 asked, 1 available', sku: 'DESK', asked: 3, available: 1 }]);
  });

  it('reserves one figure per vendor SKU for several lines', () => {
    const order = anOrder({ skus: ['DESK', 'DESK'] });
    const placement = placeOrder(order, context([desk], [acme, globex], [level('acme', 'A-D', 4)]));
    expect(placement.reservations).toEqual([{ vendorId: 'acme', vendorSku: 'A-D', quantity: 2 }]);
  });
});
