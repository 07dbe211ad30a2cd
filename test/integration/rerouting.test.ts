import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRoutingRules } from '../../functions/domain/rerouting';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { inbox } from '../support/ses-inbox';
import { vendorInterchange } from '../support/x12';

let client: ApiClient;
const ops = { key: demoKeys.ops };
const storefront = { key: demoKeys.storefront };

beforeAll(async () => {
  client = await startSeededApi({ notifications: true });
});
afterAll(() => client.close());

describe('the re-routing rules', () => {
  it('serves the defaults until ops set theirs, keeps parts left out at their default, and refuses a bad rule naming the field', async () => {
    expect((await client.call('GET', '/routing/rules', ops)).body).toEqual(defaultRoutingRules);
    const bad = await client.call('PUT', '/routing/rules', { ...ops, body: { maxAttempts: 0, maxExtraUnitCost: { amount: -100, percent: 25 }, onAckTimeout: { enabled: 'yes' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: JsonBody) => d.field).sort()).toEqual(['maxAttempts', 'maxExtraUnitCost.amount', 'onAckTimeout.enabled']);
    expect((await client.call('GET', '/routing/rules', ops)).body).toEqual(defaultRoutingRules);

    const set = await client.call('PUT', '/routing/rules', { ...ops, body: { onRejection: { enabled: true, reasons: ['out of stock', 'discontinued'] }, maxAttempts: 3, requireApproval: true } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ maxAttempts: 3, requireApproval: true, onAckTimeout: { enabled: true }, maxExtraUnitCost: { amount: null, percent: 25 }, updatedBy: 'ops:key_local_ops' });
    expect((await client.call('GET', '/routing/rules', ops)).body).toEqual(set.body);
    for (const key of [demoKeys.storefront, demoKeys.vendor('acme')]) expect((await client.call('GET', '/routing/rules', { key })).status).toBe(403);
  });
});

const stockAt = async (vendorId: string) =>
  ((await client.call('GET', '/inventory/DESK-004', ops)).body.sources as JsonBody[]).find((s) => s.vendorId === vendorId)?.available as number;
const poOf = async (poNumber: string) => (await client.call('GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder as JsonBody;
const sentTo = async (poNumber: string, vendorId: string) =>
  eventually(async () => expect((await client.call('GET', `/vendor/purchase-orders/${poNumber}`, { key: demoKeys.vendor(vendorId) })).body.status).toBe('SENT_TO_VENDOR'));

describe('a line the first vendor rejects', () => {
  it('goes to the other vendor that has it, with its stock reserved and the customer told once; rejected there too, it is cancelled with the reason', async () => {
    await client.call('PUT', '/routing/rules', { ...ops, body: {} });
    const body = anOrder({ skus: ['DESK-004'] });
    const placed = await client.call('POST', '/orders', { ...storefront, body, headers: { 'Idempotency-Key': 'reroute-api-1' } });
    expect(placed.status).toBe(201);
    const first: string = placed.body.purchaseOrders[0].poNumber;
    expect(placed.body.purchaseOrders[0].vendorId).toBe('globex');
    await sentTo(first, 'globex');
    const acmeBefore = await stockAt('acme');

    const rejected = await client.call('POST', `/vendor/purchase-orders/${first}/acknowledgment`, {
      key: demoKeys.vendor('globex'),
      body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'out of stock' }] },
    });
    expect(rejected.body.status).toBe('REJECTED');

    // The first PO keeps its status and reason; its line names where it went.
    const moved = await eventually(async () => {
      const line = (await poOf(first)).lines[0];
      expect(line).toMatchObject({ reason: 'out of stock', reroute: { outcome: 'REROUTED', vendorId: 'acme' } });
      return line.reroute;
    });
    const second: string = moved.poNumber;
    const order = (await client.call('GET', `/orders/${placed.body.orderId}`, storefront)).body;
    expect(order.lines[0]).toMatchObject({ poNumber: second, vendorId: 'acme' });
    expect(order.purchaseOrders.map((po: JsonBody) => [po.poNumber, po.vendorId, po.status])).toEqual([[first, 'globex', 'REJECTED'], [second, 'acme', expect.any(String)]]);
    const secondPo = order.purchaseOrders[1];
    expect(secondPo).toMatchObject({ rerouteOf: first });
    expect(secondPo.lines[0]).toMatchObject({ sku: 'DESK-004', vendorSku: 'AC-400', unitCost: 21000, rerouteOf: { poNumber: first, lineNumber: 1, triedVendorIds: ['globex'], firstUnitCost: 19500 } });
    expect(await stockAt('acme')).toBe(acmeBefore - 1);
    // The Dropship tab's re-routed filter lists both, each saying which side of the move it is.
    const listed = await eventually(async () => {
      const items = (await client.call('GET', '/dropship/orders?rerouted=true&limit=100', ops)).body.items as JsonBody[];
      expect(items.map((row) => row.poNumber)).toEqual(expect.arrayContaining([first, second]));
      return items;
    });
    expect(listed.find((row) => row.poNumber === first)).toMatchObject({ reroutedAway: 1 });
    expect(listed.find((row) => row.poNumber === second)).toMatchObject({ rerouteOf: first });
    expect(listed.every((row) => row.rerouteOf || row.reroutedAway)).toBe(true);
    // The first vendor's rejection still counts against it.
    const globexCard = (await client.call('GET', '/analytics/vendors/globex', ops)).body;
    expect(globexCard).toMatchObject({ closed: 1, cancellationRate: { byVendor: 1 }, openExceptions: { VENDOR_REJECTED: 1 } });

    // acme gets its own 850 and workflow; it rejects too (an 855): two sources tried, the most the default rules allow.
    await sentTo(second, 'acme');
    const ack = vendorInterchange({ setId: '855', functionalId: 'PR', control: 8101, segments: [`BAK*00*RD*${second}*20261202`, 'PO1*1*1*EA*210.00**VP*AC-400', 'ACK*IR*1*EA', 'CTT*1'] });
    expect((await client.call('POST', '/vendor/edi', { key: demoKeys.vendor('acme'), body: ack })).status).toBe(200);
    await eventually(async () => {
      const line = (await poOf(second)).lines[0];
      expect(line.reroute).toMatchObject({ outcome: 'NOT_REROUTED', reason: 'no other source: 2 sources tried (globex, acme), the most the rules allow' });
    });

    // The customer heard once that the desk moved, and once that it will not arrive, with why.
    const notices = await eventually(async () => {
      const found = ((await client.call('GET', `/orders/${placed.body.orderId}`, storefront)).body.notifications as JsonBody[]).filter((n) => n.channel === 'EMAIL');
      expect(found.map((n) => n.milestone).sort()).toEqual(['LINE_REJECTED', 'LINE_REROUTED', 'ORDER_RECEIVED']);
      return found;
    });
    expect(notices.filter((n) => n.milestone === 'LINE_REJECTED')).toHaveLength(1);
    // The move's message gives the new source's promise, as its SLA makes it from the move.
    const moveEmail = (await inbox(client.sesEndpoint, body.customer.email)).find((e) => e.subject.includes('comes from another supplier'));
    expect(moveEmail?.body.text).toMatch(/They should now ship by \w+day, \w+ \d+, \d{4} and arrive by \w+day, \w+ \d+, \d{4}\./);
    expect(moved).toMatchObject({ estimatedShipDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), estimatedDeliveryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

    // Analytics: globex dropped its one line and another source took it, so customers saw no drop from
    // globex; acme dropped its one and nobody took it.
    const cards = (await client.call('GET', '/analytics/vendors', ops)).body;
    const rerouting = (vendorId: string) => cards.items.find((c: JsonBody) => c.vendorId === vendorId).rerouting;
    expect(rerouting('globex')).toEqual({ linesSent: 1, linesDropped: 1, linesReroutedAway: 1, dropRate: 1, dropRateSeenByCustomers: 0 });
    expect(rerouting('acme')).toEqual({ linesSent: 1, linesDropped: 1, linesReroutedAway: 0, dropRate: 1, dropRateSeenByCustomers: 1 });
    expect(cards.rerouting).toEqual({ linesSent: 2, linesDropped: 2, linesRescued: 1, dropRateSeenByCustomers: 0.5 });
  });
});

/** A vase acme (EDI) sells cheapest and hooli (portal) also has, both with fresh stock. */
let feeds = 0;
async function vase(): Promise<string> {
  const sku = `VASE-${++feeds}`;
  expect((await client.call('PUT', `/products/${sku}`, { ...ops, body: { name: 'Glass vase', sources: [{ vendorId: 'acme', vendorSku: `AC-${sku}`, unitCost: 1000, priority: 1 }, { vendorId: 'hooli', vendorSku: `HO-${sku}`, unitCost: 1100, priority: 2 }] } })).status).toBeLessThan(300);
  await restock(sku);
  return sku;
}
const restock = async (sku: string) => {
  for (const vendorId of ['acme', 'hooli']) {
    const feed = await client.call('PUT', '/vendor/inventory', { key: demoKeys.vendor(vendorId), body: { feedId: `F-${sku}-${vendorId}-${++feeds}`, items: [{ vendorSku: `${vendorId === 'acme' ? 'AC' : 'HO'}-${sku}`, available: 10 }] } });
    expect(feed.status).toBe(200);
  }
};
const stockOf = async (sku: string, vendorId: string) => ((await client.call('GET', `/inventory/${sku}`, ops)).body.sources as JsonBody[]).find((s) => s.vendorId === vendorId)?.available as number;
const place = async (sku: string, key: string, quantity = 1) => {
  const body = anOrder({ skus: [sku] });
  body.lines = body.lines.map((line) => ({ ...line, quantity }));
  const placed = await client.call('POST', '/orders', { ...storefront, body, headers: { 'Idempotency-Key': key } });
  expect(placed.status).toBe(201);
  return { orderId: placed.body.orderId as string, poNumber: placed.body.purchaseOrders[0].poNumber as string };
};
const rerouteOfLine = (poNumber: string) =>
  eventually(async () => {
    const line = (await poOf(poNumber)).lines[0];
    expect(line.reroute).toBeDefined();
    return line.reroute as JsonBody;
  });
const settled = async () => {
  while (!client.stepFunctions.quiet()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('each way a vendor drops a line', () => {
  it('an 855 rejection moves the line to the portal vendor, whose rejection in the portal closes it', async () => {
    const sku = await vase();
    const { poNumber: first } = await place(sku, 'reroute-855');
    await sentTo(first, 'acme');
    const ack = vendorInterchange({ setId: '855', functionalId: 'PR', control: 8201, segments: [`BAK*00*RD*${first}*20261202`, `PO1*1*1*EA*10.00**VP*AC-${sku}`, 'ACK*IR*1*EA', 'CTT*1'] });
    expect((await client.call('POST', '/vendor/edi', { key: demoKeys.vendor('acme'), body: ack })).status).toBe(200);
    const moved = await rerouteOfLine(first);
    expect(moved).toMatchObject({ outcome: 'REROUTED', vendorId: 'hooli' });
    await sentTo(moved.poNumber, 'hooli');
    expect(await stockOf(sku, 'hooli')).toBe(9);
    // The portal answers through the vendor API with the vendor's session key.
    const portal = await client.call('POST', `/vendor/purchase-orders/${moved.poNumber}/acknowledgment`, { key: demoKeys.vendor('hooli'), body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'broken in the warehouse' }] } });
    expect(portal.status).toBe(200);
    expect(await rerouteOfLine(moved.poNumber)).toMatchObject({ outcome: 'NOT_REROUTED', reason: 'no other source: 2 sources tried (acme, hooli), the most the rules allow' });
    // Each rejection gives back what its PO reserved: hooli's unit too.
    expect(await stockOf(sku, 'hooli')).toBe(10);
    expect(await stockOf(sku, 'acme')).toBe(10);
  });

  it('a rejection in the portal moves the line to the EDI vendor, which gets its 850', async () => {
    const sku = `MAT-${++feeds}`;
    expect((await client.call('PUT', `/products/${sku}`, { ...ops, body: { name: 'Wool mat', sources: [{ vendorId: 'hooli', vendorSku: `HO-${sku}`, unitCost: 900, priority: 1 }, { vendorId: 'acme', vendorSku: `AC-${sku}`, unitCost: 1000, priority: 2 }] } })).status).toBeLessThan(300);
    await restock(sku);
    const { poNumber } = await place(sku, 'reroute-portal');
    await sentTo(poNumber, 'hooli');
    // The portal answers through the vendor API with the vendor's session key.
    await client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, { key: demoKeys.vendor('hooli'), body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'out of stock' }] } });
    const moved = await rerouteOfLine(poNumber);
    expect(moved).toMatchObject({ outcome: 'REROUTED', vendorId: 'acme' });
    await sentTo(moved.poNumber, 'acme');
    const documents = (await client.call('GET', '/vendor/edi/outbound?limit=100', { key: demoKeys.vendor('acme') })).body.documents as JsonBody[];
    expect(documents.filter((d) => d.poNumber === moved.poNumber).map((d) => d.type)).toEqual(['850']);
    expect(await stockOf(sku, 'acme')).toBe(9);
  });

  it('a rejection whose reason the rules do not re-route closes the line, saying so to the customer', async () => {
    await client.call('PUT', '/routing/rules', { ...ops, body: { onRejection: { enabled: true, reasons: ['out of stock'] } } });
    try {
      const sku = await vase();
      const { orderId, poNumber } = await place(sku, 'reroute-reason');
      await sentTo(poNumber, 'acme');
      await client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, { key: demoKeys.vendor('acme'), body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'Discontinued' }] } });
      expect(await rerouteOfLine(poNumber)).toMatchObject({ outcome: 'NOT_REROUTED', reason: "the rejection's reason (Discontinued) is not one the rules re-route (out of stock)" });
      expect((await client.call('GET', `/orders/${orderId}`, storefront)).body.purchaseOrders).toHaveLength(1);
    } finally {
      await client.call('PUT', '/routing/rules', { ...ops, body: {} });
    }
  });

  it('an acknowledgment timeout sends the 860 to the first vendor, then moves the line', async () => {
    const sku = await vase();
    const { poNumber } = await place(sku, 'reroute-timeout');
    await sentTo(poNumber, 'acme');
    await settled();
    await client.call('POST', '/_local/clock', { ...ops, body: { advanceHours: 73 } });
    try {
      await restock(sku);
      await client.call('POST', '/_local/checks', ops);
      const moved = await rerouteOfLine(poNumber);
      expect(moved).toMatchObject({ outcome: 'REROUTED', vendorId: 'hooli' });
      const first = await poOf(poNumber);
      expect(first.status).toBe('CANCELLED');
      expect(first.lines[0].dropped.trigger).toBe('ACK_TIMEOUT');
      // The 860 was written before the move: the history says so in order.
      const documents = (await client.call('GET', '/vendor/edi/outbound?limit=100', { key: demoKeys.vendor('acme') })).body.documents as JsonBody[];
      expect(documents.filter((d) => d.poNumber === poNumber).map((d) => d.type).sort()).toEqual(['850', '860']);
      const notes = (first.history as JsonBody[]).map((h) => h.note ?? h.status);
      expect(notes.findIndex((n) => String(n).startsWith('line 1 re-routed to'))).toBeGreaterThan(notes.findIndex((n) => String(n).includes('not acknowledged within 72 hours')));

      // acme ships it anyway (an 856 after the 860): recorded, and ops told two parcels may be on the way.
      const asn = vendorInterchange({
        setId: '856', functionalId: 'SH', control: 8301,
        segments: ['BSN*00*LATE-1*20261205*0900', 'HL*1**S', 'TD5*B*2*UPSN*M*GROUND', 'REF*CN*1Z999AA10123456784', 'HL*2*1*O', `PRF*${poNumber}`, 'HL*3*2*I', `LIN*1*VP*AC-${sku}`, 'SN1**1*EA'],
      });
      const answer = await client.call('POST', '/vendor/edi', { key: demoKeys.vendor('acme'), body: asn });
      expect(answer.body).toContain('AK5*A');
      const shippedAnyway = await poOf(poNumber);
      expect(shippedAnyway.status).toBe('CANCELLED');
      expect(shippedAnyway.shipments.map((s: JsonBody) => s.packages[0].trackingNumber)).toEqual(['1Z999AA10123456784']);
      const exceptions = (await client.call('GET', `/exceptions?type=SHIPPED_AFTER_REROUTE`, ops)).body.items as JsonBody[];
      expect(exceptions.find((e) => e.poNumber === poNumber)?.detail).toBe(`line 1 (${sku}) was re-routed to ${moved.poNumber} (hooli) and shipped here anyway (1Z999AA10123456784): two parcels may be on the way`);
    } finally {
      await client.call('POST', '/_local/clock', { ...ops, body: { reset: true } });
    }
  });

  it('a backorder further out than the rules accept is cancelled with the vendor and moved; a nearer one stands', async () => {
    await client.call('PUT', '/routing/rules', { ...ops, body: { onBackorder: { enabled: true, laterThanDays: 14 } } });
    try {
      const sku = await vase();
      const [far, near] = await Promise.all([place(sku, 'backorder-far'), place(sku, 'backorder-near')]);
      for (const { poNumber } of [far, near]) await sentTo(poNumber, 'acme');
      const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
      const backorder = (poNumber: string, days: number) =>
        client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, { key: demoKeys.vendor('acme'), body: { estimatedShipDate: inDays(days), lines: [{ lineNumber: 1, status: 'BACKORDERED', backorderDate: inDays(days) }] } });
      expect((await backorder(far.poNumber, 30)).status).toBe(200);
      expect((await backorder(near.poNumber, 7)).status).toBe(200);
      expect(await rerouteOfLine(far.poNumber)).toMatchObject({ outcome: 'REROUTED', vendorId: 'hooli' });
      const cancelled = await poOf(far.poNumber);
      expect(cancelled).toMatchObject({ status: 'CANCELLED' });
      expect(cancelled.lines[0]).toMatchObject({ status: 'CANCELLED', dropped: { trigger: 'BACKORDERED' }, reason: 'backordered beyond the 14 days the retailer accepts; another source has it' });
      await settled();
      const documents = (await client.call('GET', '/vendor/edi/outbound?limit=100', { key: demoKeys.vendor('acme') })).body.documents as JsonBody[];
      expect(documents.filter((d) => d.poNumber === far.poNumber).map((d) => d.type).sort()).toEqual(['850', '860']);
      const stands = await poOf(near.poNumber);
      expect(stands).toMatchObject({ status: 'ACKNOWLEDGED' });
      expect(stands.lines[0]).toMatchObject({ status: 'BACKORDERED' });
      expect(stands.lines[0].dropped).toBeUndefined();
    } finally {
      await client.call('PUT', '/routing/rules', { ...ops, body: {} });
    }
  });

  it('re-routes each line once when rejections and the timeout race on the same POs', async () => {
    const sku = await vase();
    const placed = await Promise.all([1, 2, 3, 4, 5].map((i) => place(sku, `reroute-race-${i}`)));
    for (const { poNumber } of placed) await sentTo(poNumber, 'acme');
    await settled();
    await client.call('POST', '/_local/clock', { ...ops, body: { advanceHours: 73 } });
    try {
      await restock(sku);
      const hooliStock = await stockOf(sku, 'hooli');
      const reject = (poNumber: string, i: number) =>
        client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, { key: demoKeys.vendor('acme'), body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: `out of stock ${i}` }] } });
      await Promise.all([...placed.flatMap(({ poNumber }) => [1, 2, 3, 4].map((i) => reject(poNumber, i))), ...[1, 2, 3].map(() => client.call('POST', '/_local/checks', ops))]);
      for (const { poNumber } of placed) expect(await rerouteOfLine(poNumber)).toMatchObject({ outcome: 'REROUTED', vendorId: 'hooli' });
      await settled();
      for (const { orderId } of placed) {
        const order = (await client.call('GET', `/orders/${orderId}`, storefront)).body;
        expect(order.purchaseOrders.map((po: JsonBody) => po.vendorId)).toEqual(['acme', 'hooli']);
      }
      expect(await stockOf(sku, 'hooli')).toBe(hooliStock - 5);
    } finally {
      await client.call('POST', '/_local/clock', { ...ops, body: { reset: true } });
    }
  });
});

describe('re-routing that waits for ops', () => {
  it('records where each line would go and tells the customer nothing until ops approve; approved, it moves; declined, it closes with the note', async () => {
    await client.call('PUT', '/routing/rules', { ...ops, body: { requireApproval: true } });
    try {
      const sku = await vase();
      const placed = await Promise.all([place(sku, 'approve-1'), place(sku, 'approve-2')]);
      for (const { poNumber } of placed) {
        await sentTo(poNumber, 'acme');
        await client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, { key: demoKeys.vendor('acme'), body: { lines: [{ lineNumber: 1, status: 'REJECTED', reason: 'out of stock' }] } });
        expect(await rerouteOfLine(poNumber)).toMatchObject({ outcome: 'AWAITING_APPROVAL', vendorId: 'hooli', reason: expect.stringContaining('waiting for ops to approve: would go to hooli') });
      }
      await settled();
      const [yes, no] = placed as [{ orderId: string; poNumber: string }, { orderId: string; poNumber: string }];
      const waiting = (await client.call('GET', '/dropship/orders?rerouted=true&limit=100', ops)).body.items as JsonBody[];
      expect(waiting.filter((row) => row.rerouteAwaitingApproval === 1).map((row) => row.poNumber).sort()).toEqual([yes.poNumber, no.poNumber].sort());
      const silent = (await client.call('GET', `/orders/${yes.orderId}`, storefront)).body.notifications as JsonBody[];
      expect(silent.map((n) => n.milestone).filter((m) => m !== 'ORDER_RECEIVED')).toEqual([]);

      // A line not waiting is refused, naming it; nothing changes.
      const wrong = await client.call('POST', `/dropship/orders/${yes.poNumber}/reroute-approval`, { ...ops, body: { lineNumbers: [2], decision: 'APPROVE', note: 'go' } });
      expect(wrong.status).toBe(409);
      expect(wrong.body.error.details).toEqual([{ field: 'lineNumbers.0', rule: 'awaiting_approval', message: `line 2 is not on ${yes.poNumber}` }]);

      const approved = await client.call('POST', `/dropship/orders/${yes.poNumber}/reroute-approval`, { ...ops, body: { lineNumbers: [1], decision: 'APPROVE', note: 'hooli confirmed stock by phone' } });
      expect(approved.status).toBe(200);
      expect(approved.body.lines[0].reroute).toMatchObject({ outcome: 'REROUTED', vendorId: 'hooli', reason: expect.stringContaining('(approved by ops)') });
      await sentTo(approved.body.lines[0].reroute.poNumber, 'hooli');

      const declined = await client.call('POST', `/dropship/orders/${no.poNumber}/reroute-approval`, { ...ops, body: { lineNumbers: [1], decision: 'DECLINE', note: 'the customer asked to wait for acme' } });
      expect(declined.body.lines[0].reroute).toMatchObject({ outcome: 'NOT_REROUTED', reason: 'ops declined the move: the customer asked to wait for acme' });
      await eventually(async () => {
        const heard = async (orderId: string) => ((await client.call('GET', `/orders/${orderId}`, storefront)).body.notifications as JsonBody[]).filter((n) => n.channel === 'EMAIL').map((n) => n.milestone).sort();
        expect(await heard(yes.orderId)).toEqual(['LINE_REROUTED', 'ORDER_RECEIVED']);
        expect(await heard(no.orderId)).toEqual(['LINE_REJECTED', 'ORDER_RECEIVED']);
      });
    } finally {
      await client.call('PUT', '/routing/rules', { ...ops, body: {} });
    }
  });
});
