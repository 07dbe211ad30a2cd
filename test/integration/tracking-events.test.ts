import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAfterShip } from '../../functions/domain/aftership';
import { demoAfterShipSecret, demoKeys } from '../../local/seed';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { sentPurchaseOrder } from '../support/sent-purchase-order';
import { upsNumber } from '../support/tracking';

/** The parcel after Dispatched: carrier events and the aggregator's webhook, through the offline API. */
let client: ApiClient;
const globex = { key: demoKeys.vendor('globex') };
const carrier = { key: demoKeys.carrier };
let serial = 1000;

beforeAll(async () => {
  client = await startSeededApi();
  await client.call('PUT', '/vendor/inventory', { ...globex, body: { feedId: 'tracking', items: [{ vendorSku: 'GX-200', available: 10_000, restockDate: null }] } });
});
afterAll(() => client.close());

/** A globex PO for two chairs, shipped today in `boxes` packages (one chair each when two). */
async function shippedPurchaseOrder(boxes: 1 | 2 = 1): Promise<{ poNumber: string; tracking: string[] }> {
  const poNumber = await sentPurchaseOrder(client, [['CHAIR-002', 2]], 'globex');
  const tracking = Array.from({ length: boxes }, () => upsNumber(++serial));
  const packages = tracking.map((trackingNumber) => ({ trackingNumber, lines: [{ lineNumber: 1, quantity: 2 / boxes }] }));
  const shipped = await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: { carrier: 'UPS', service: 'GROUND', shipDate: new Date().toISOString().slice(0, 10), packages } });
  expect(shipped.status).toBe(201);
  return { poNumber, tracking };
}

const post = (events: unknown[], key = carrier) => client.call('POST', '/tracking/events', { ...key, body: { events } });
const po = async (poNumber: string): Promise<JsonBody> => (await client.call('GET', `/dropship/orders/${poNumber}`, { key: demoKeys.ops })).body.purchaseOrder;
const packageOf = async (poNumber: string, trackingNumber: string) =>
  (await po(poNumber)).shipments.flatMap((s: JsonBody) => s.packages).find((p: JsonBody) => p.trackingNumber === trackingNumber);
const event = (trackingNumber: string, status: string, at: string, extra: Record<string, string> = {}) => ({ trackingNumber, status, at, ...extra });

describe('carrier events', () => {
  it('moves a package through its journey and the PO to DELIVERED, whatever order the events arrive in', async () => {
    const { poNumber, tracking: [number = ''] } = await shippedPurchaseOrder();
    const journey = [
      event(number, 'IN_TRANSIT', '2026-11-25T20:04:00-06:00', { location: 'Chicago, IL' }),
      event(number, 'DELIVERED', '2026-11-28T14:02:00-06:00', { location: 'Springfield, IL', description: 'Left at front door' }),
      event(number, 'OUT_FOR_DELIVERY', '2026-11-28T06:22:00-06:00'),
      event(number, 'IN_TRANSIT', '2026-11-27T09:00:00-06:00'),
    ];
    const { body } = await post(journey);
    expect(body).toMatchObject({ applied: 4, duplicates: 0, unknown: 0 });
    const pkg = await packageOf(poNumber, number);
    expect(pkg.tracking).toMatchObject({ status: 'DELIVERED', deliveredAt: '2026-11-28T20:02:00.000Z', firstScanAt: '2026-11-26T02:04:00.000Z' });
    expect(pkg.tracking.events.map((e: JsonBody) => e.status)).toEqual(['IN_TRANSIT', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    const after = await po(poNumber);
    expect(after).toMatchObject({ status: 'DELIVERED', deliveredAt: '2026-11-28T20:02:00.000Z' });
    expect(after.history.at(-1)).toMatchObject({ status: 'DELIVERED', note: expect.stringContaining('Left at front door') });
  });

  it('applies each event once and never moves a package backwards', async () => {
    const { poNumber, tracking: [number = ''] } = await shippedPurchaseOrder();
    await post([event(number, 'OUT_FOR_DELIVERY', '2026-11-28T06:22:00Z', { eventId: 'e-1' })]);
    const before = await po(poNumber);
    const again = await post([event(number, 'OUT_FOR_DELIVERY', '2026-11-28T06:22:00Z', { eventId: 'e-1' }), event(number, 'IN_TRANSIT', '2026-11-27T06:22:00Z')]);
    expect(again.body.results.map((r: JsonBody) => r.outcome)).toEqual(['DUPLICATE', 'APPLIED']);
    expect((await packageOf(poNumber, number)).tracking.status).toBe('OUT_FOR_DELIVERY');
    expect((await po(poNumber)).version).toBe(before.version + 1);
  });

  it('delivers the PO only when every package is delivered', async () => {
    const { poNumber, tracking: [first = '', second = ''] } = await shippedPurchaseOrder(2);
    await post([event(first, 'DELIVERED', '2026-11-28T10:00:00Z')]);
    expect((await po(poNumber)).status).toBe('DISPATCHED');
    await post([event(second, 'DELIVERED', '2026-11-29T10:00:00Z')]);
    expect(await po(poNumber)).toMatchObject({ status: 'DELIVERED', deliveredAt: '2026-11-29T10:00:00.000Z' });
  });

  it('reports unknown tracking numbers per event in a 500-event batch, and applies the rest', async () => {
    const { poNumber, tracking: [number = ''] } = await shippedPurchaseOrder();
    const events = Array.from({ length: 500 }, (_, i) =>
      i % 100 === 0 ? event(number, 'IN_TRANSIT', new Date(Date.UTC(2026, 10, 26, 0, i)).toISOString()) : event(upsNumber(900_000 + i), 'IN_TRANSIT', '2026-11-26T00:00:00Z'),
    );
    const { status, body } = await post(events);
    expect(status).toBe(200);
    expect(body).toMatchObject({ applied: 5, unknown: 495 });
    expect(body.results[1]).toEqual({ index: 1, trackingNumber: expect.any(String), outcome: 'UNKNOWN_TRACKING_NUMBER', poNumbers: [] });
    expect((await packageOf(poNumber, number)).tracking.events).toHaveLength(5);
  });

  it('is for carrier keys only, and refuses a batch over 500 naming the field', async () => {
    expect((await post([event(upsNumber(1), 'IN_TRANSIT', '2026-11-26T00:00:00Z')], globex)).status).toBe(403);
    const tooMany = await post(Array.from({ length: 501 }, () => event(upsNumber(1), 'IN_TRANSIT', '2026-11-26T00:00:00Z')));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0]).toMatchObject({ field: 'events' });
    const badStatus = await post([event(upsNumber(1), 'TELEPORTED', '2026-11-26T00:00:00Z')]);
    expect(badStatus.body.error.details[0]).toMatchObject({ field: 'events.0.status' });
  });
});

describe('the AfterShip webhook', () => {
  const recorded = readFileSync(join(import.meta.dirname, '../fixtures/aftership/tracking-update-delivered.json'), 'utf8');
  const send = (body: string, signature: string) => client.call('POST', '/tracking/webhooks/aftership', { body, headers: { 'aftership-hmac-sha256': signature, 'content-type': 'application/json' } });

  it('applies a recorded delivery, checkpoint by checkpoint, when its signature matches', async () => {
    const { poNumber, tracking: [number = ''] } = await shippedPurchaseOrder();
    const body = recorded.replaceAll('{{TRACKING}}', number);
    const { status, body: result } = await send(body, signAfterShip(demoAfterShipSecret, body));
    expect(status).toBe(200);
    expect(result).toMatchObject({ applied: 4 });
    expect((await packageOf(poNumber, number)).tracking.events.map((e: JsonBody) => [e.status, e.location])).toEqual([
      ['LABEL_CREATED', 'United States'],
      ['IN_TRANSIT', 'Chicago, IL, United States'],
      ['OUT_FOR_DELIVERY', 'Springfield, IL, United States'],
      ['DELIVERED', 'Springfield, IL, United States'],
    ]);
    expect((await po(poNumber)).status).toBe('DELIVERED');
    // AfterShip resends the whole history with each update: nothing changes the second time.
    expect((await send(body, signAfterShip(demoAfterShipSecret, body))).body).toMatchObject({ applied: 0, duplicates: 4 });
  });

  it('refuses a wrong signature with 401 and applies nothing', async () => {
    const { poNumber, tracking: [number = ''] } = await shippedPurchaseOrder();
    const body = recorded.replaceAll('{{TRACKING}}', number);
    const before = await po(poNumber);
    for (const signature of [signAfterShip('another-secret', body), '', signAfterShip(demoAfterShipSecret, `${body} `)]) {
      const answer = await send(body, signature);
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('UNAUTHORIZED');
    }
    expect((await po(poNumber)).version).toBe(before.version);
  });
});

describe('the parcel checks', () => {
  const ops = { key: demoKeys.ops };
  const advance = (hours: number) => client.call('POST', '/_local/clock', { ...ops, body: { advanceHours: hours } });
  const runChecks = () => client.call('POST', '/_local/checks', ops);
  const exceptionsOf = async (poNumber: string, type: string, status = 'open') =>
    (await client.call('GET', `/exceptions?status=${status}&type=${type}&limit=100`, ops)).body.items.filter((e: JsonBody) => e.poNumber === poNumber);

  it('opens NO_CARRIER_SCAN once when a label is never scanned, and closes it with the first scan', async () => {
    const { poNumber, tracking: [number = ''] } = await shippedPurchaseOrder();
    try {
      // Shipped today: globex's window ends with its next business day, within a week whatever the weekday and holidays.
      await runChecks();
      expect(await exceptionsOf(poNumber, 'NO_CARRIER_SCAN')).toEqual([]);
      await advance(24 * 7);
      await runChecks();
      await runChecks();
      const open = await exceptionsOf(poNumber, 'NO_CARRIER_SCAN');
      expect(open).toMatchObject([{ detail: expect.stringContaining(number) }]);
      await post([event(number, 'IN_TRANSIT', new Date().toISOString())]);
      expect(await exceptionsOf(poNumber, 'NO_CARRIER_SCAN')).toEqual([]);
      expect(await exceptionsOf(poNumber, 'NO_CARRIER_SCAN', 'resolved')).toMatchObject([{ exceptionId: open[0].exceptionId }]);
    } finally {
      await client.call('POST', '/_local/clock', { ...ops, body: { reset: true } });
    }
  });

  it('opens STUCK_IN_TRANSIT when a scanned package falls silent for the vendor’s days, and closes it when it moves', async () => {
    const { poNumber, tracking: [number = ''] } = await shippedPurchaseOrder();
    await post([event(number, 'IN_TRANSIT', new Date().toISOString())]);
    try {
      await runChecks();
      expect(await exceptionsOf(poNumber, 'STUCK_IN_TRANSIT')).toEqual([]);
      await advance(24 * 5);
      await runChecks();
      expect(await exceptionsOf(poNumber, 'STUCK_IN_TRANSIT')).toMatchObject([{ detail: expect.stringContaining(`${number} last seen`) }]);
      await post([event(number, 'OUT_FOR_DELIVERY', new Date(Date.now() + 5 * 86_400_000).toISOString())]);
      expect(await exceptionsOf(poNumber, 'STUCK_IN_TRANSIT')).toEqual([]);
    } finally {
      await client.call('POST', '/_local/clock', { ...ops, body: { reset: true } });
    }
  });
});

describe('shipments by any carrier', () => {
  const ship = async (body: Record<string, unknown>) => {
    const poNumber = await sentPurchaseOrder(client, [['CHAIR-002', 1]], 'globex');
    return { poNumber, answer: await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...globex, body: { shipDate: '2026-11-25', ...body } }) };
  };

  it('detects the carrier of a JSON shipment that names none', async () => {
    const { answer } = await ship({ packages: [{ trackingNumber: '9400111899223972361544', lines: [{ lineNumber: 1, quantity: 1 }] }] });
    expect(answer.status).toBe(201);
    expect(answer.body.shipments[0]).toMatchObject({ carrier: 'USPS', service: 'STANDARD', packages: [{ carrier: 'USPS', verification: 'VERIFIED' }] });
  });

  it('keeps a freight PRO number UNVERIFIED with its carrier, and counts it against valid tracking', async () => {
    const { answer } = await ship({ carrier: 'ODFL', service: 'LTL', packages: [{ trackingNumber: '07712345678', lines: [{ lineNumber: 1, quantity: 1 }] }] });
    expect(answer.status).toBe(201);
    expect(answer.body.shipments[0].packages[0]).toMatchObject({ carrier: 'ODFL', verification: 'UNVERIFIED', trackingUrl: expect.stringContaining('odfl.com') });
    const card = (await client.call('GET', '/analytics/vendors/globex', { key: demoKeys.ops })).body;
    expect(card.validTrackingRate).toBeLessThan(1);
  });

  it("refuses another carrier's number, saying whose it is", async () => {
    const { poNumber, answer } = await ship({ carrier: 'FedEx', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 1 }] }] });
    expect([answer.status, answer.body.error.code]).toEqual([422, 'INVALID_TRACKING_NUMBER']);
    expect(answer.body.error.details).toEqual([{ field: 'packages.0.trackingNumber', rule: 'tracking_format', message: 'is a UPS tracking number, not FedEx' }]);
    expect((await po(poNumber)).status).toBe('SENT_TO_VENDOR');
  });
});
