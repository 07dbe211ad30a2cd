import { createApiHandler } from '../functions/api/http/api-handler';
import { operations as orders } from '../functions/api/orders';
import { operations as vendorPortal } from '../functions/api/vendor-portal';
import type { PackageStatus } from '../functions/domain/orders';
import type { CarrierEvent } from '../functions/domain/package-tracking';
import { applyInventoryFeed } from '../functions/services/inventory-feeds';
import { applyCarrierEvents } from '../functions/services/tracking-events';
import { connectTable } from '../functions/store/table';
import { createTransmitTask } from '../functions/workflow/transmit';
import { ensureTable } from '../local/dynamodb-local';
import { seedDemoData } from '../local/seed';
import { anOrder } from '../test/support/builders';
import { invoke, storefront, vendorPrincipal } from '../test/support/invoke';
import { upsNumber } from '../test/support/tracking';
import { benchDependencies, countRequests, describeRequests, round, totalRequests } from './support';

export interface TrackingIngestion {
  packages: number;
  events: number;
  eventsPerSecond: number;
  requestsPerEvent: number;
  writeUnitsPerEvent: number;
  detail: string;
  /** The same events again (a resent history): all duplicates. */
  duplicateRequestsPerEvent: number;
}

/**
 * Carrier events for shipped packages, posted in batches of 500 as a carrier feed would: four
 * events per package (in transit twice, out for delivery, delivered), counted through the SDK.
 */
export async function trackingIngestion(endpoint: string, packages = 250): Promise<TrackingIngestion> {
  const tableName = 'bench-tracking';
  await ensureTable(endpoint, tableName);
  const table = connectTable({ tableName, region: 'us-east-1', endpoint });
  await seedDemoData(table, new Date());
  await applyInventoryFeed({ table, now: () => new Date() }, 'globex', 'bench', [{ vendorSku: 'GX-200', available: 1_000_000, restockDate: null }]);
  const deps = benchDependencies(table);
  const api = { orders: createApiHandler(orders, () => deps), vendorPortal: createApiHandler(vendorPortal, () => deps) };
  const transmit = createTransmitTask(() => deps);
  const numbers: string[] = [];
  for (let i = 0; i < packages; i++) {
    const placed = await invoke(api.orders, 'placeOrder', { principal: storefront, body: anOrder({ skus: ['CHAIR-002'] }), headers: { 'Idempotency-Key': `track-${i}` } });
    const poNumber: string = placed.body.purchaseOrders[0].poNumber;
    await transmit({ poNumber });
    const trackingNumber = upsNumber(500_000 + i);
    await invoke(api.vendorPortal, 'shipPurchaseOrder', {
      principal: vendorPrincipal('globex'),
      params: { poNumber },
      body: { carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber, lines: [{ lineNumber: 1, quantity: 1 }] }] },
    });
    numbers.push(trackingNumber);
  }
  const journey: [PackageStatus, number][] = [['IN_TRANSIT', 4], ['IN_TRANSIT', 20], ['OUT_FOR_DELIVERY', 44], ['DELIVERED', 50]];
  const events: CarrierEvent[] = numbers.flatMap((trackingNumber) => journey.map(([status, hours]) => ({ trackingNumber, status, at: new Date(Date.UTC(2026, 10, 25, 18) + hours * 3_600_000).toISOString() })));
  const counter = countRequests(table);
  const post = async () => {
    for (let i = 0; i < events.length; i += 500) await applyCarrierEvents(deps, events.slice(i, i + 500), 'bench');
  };
  const started = performance.now();
  await post();
  const seconds = (performance.now() - started) / 1000;
  const first = counter.reset();
  await post();
  const again = counter.reset();
  return {
    packages,
    events: events.length,
    eventsPerSecond: Math.round(events.length / seconds),
    requestsPerEvent: round(totalRequests(first) / events.length, 2),
    writeUnitsPerEvent: round(first.writeUnits / events.length, 1),
    detail: describeRequests(first),
    duplicateRequestsPerEvent: round(totalRequests(again) / events.length, 2),
  };
}
