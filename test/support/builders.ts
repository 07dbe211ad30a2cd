import type { PlaceOrderInput } from '../../functions/contracts/orders';
import type { Product, Vendor } from '../../functions/domain/catalog';
import type { PurchaseOrder } from '../../functions/domain/orders';

let sequence = 0;
const next = () => ++sequence;

export function aVendor(overrides: Partial<Vendor> = {}): Vendor {
  return {
    vendorId: `vendor-${next()}`,
    name: 'Test Vendor',
    active: true,
    channel: 'API',
    api: { webhookUrl: null, signingSecret: 'test-signing-secret-0001' },
    sla: {
      ackWithinHours: 24,
      shipWithinBusinessDays: 2,
      cutoffTime: '14:00',
      timeZone: 'America/Chicago',
      holidays: [],
      ackReminderAtShare: 0.5,
      firstScanWithinBusinessHours: 24,
      stuckAfterDays: 4,
      transitBusinessDays: { '*': 5 },
    },
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

export function aProduct(overrides: Partial<Product> & { vendorIds?: string[] } = {}): Product {
  const { vendorIds = [], ...rest } = overrides;
  return {
    sku: `SKU-${next()}`,
    name: 'Test product',
    sources: vendorIds.map((vendorId, index) => ({
      vendorId,
      vendorSku: `${vendorId}-V${index}`,
      unitCost: 1000 + index,
      priority: index + 1,
      active: true,
    })),
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...rest,
  };
}

/** A valid order body; `skus` become one line each, or `lineCount` lines of SKU-1… */
export function anOrder(options: { skus?: string[]; lineCount?: number } & Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  const { skus, lineCount = 1, ...overrides } = options;
  const lineSkus = skus ?? Array.from({ length: lineCount }, (_, i) => `SKU-${i + 1}`);
  return {
    storefrontOrderId: `SO-${next()}`,
    currency: 'USD',
    customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+14155550100' },
    shippingAddress: { line1: '1 Main St', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
    lines: lineSkus.map((sku) => ({ sku, quantity: 1, unitPrice: 1999 })),
    notify: { email: true, sms: false },
    allowSourceFallback: false,
    ...overrides,
  };
}

/** A purchase order as placement makes it: PENDING, `lineCount` lines of quantity `quantity`. */
export function aPurchaseOrder(overrides: Partial<PurchaseOrder> & { lineCount?: number; quantity?: number } = {}): PurchaseOrder {
  const { lineCount = 2, quantity = 2, ...rest } = overrides;
  const n = next();
  const createdAt = rest.createdAt ?? '2026-11-24T15:00:00.000Z';
  return {
    poNumber: `PO-TEST${String(n).padStart(5, '0')}`,
    orderId: `ord_test_${n}`,
    vendorId: 'acme',
    status: 'PENDING',
    version: 1,
    currency: 'USD',
    shipTo: { name: 'Ada Lovelace', line1: '1 Main St', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
    lines: Array.from({ length: lineCount }, (_, i) => ({
      lineNumber: i + 1,
      orderLineNumber: i + 1,
      sku: `SKU-${i + 1}`,
      vendorSku: `V-${i + 1}`,
      quantity,
      unitCost: 1200,
      status: 'OPEN' as const,
      acceptedQuantity: quantity,
      shippedQuantity: 0,
    })),
    history: [{ at: createdAt, status: 'PENDING', by: 'order-placement' }],
    shipments: [],
    createdAt,
    updatedAt: createdAt,
    ...rest,
  };
}
