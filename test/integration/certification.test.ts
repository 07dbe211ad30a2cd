import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';
import { workflowsParked } from '../support/sent-purchase-order';
import { upsNumber } from '../support/tracking';
import { parseX12, segmentsOf } from '../support/x12';
import { acknowledgment, functionalAck, sent850Of, shipNotice, stepOf, type Sent850 } from '../support/certification-script';

/**
 * Certification runs on the offline stack: a new EDI vendor gets the six scripted test POs as 850s
 * with ISA15 T and answers them as its translator would; the run passes, or fails naming what was wrong.
 */
let client: ApiClient;
const ops = { key: demoKeys.ops };
let serial = 700;

beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

/** A new EDI vendor (ONBOARDING by default) and a key for it. */
async function ediVendor(vendorId: string, senderId: string): Promise<{ key: string }> {
  const saved = await client.call('PUT', `/vendors/${vendorId}`, {
    ...ops,
    body: {
      name: `${vendorId} (EDI)`,
      channel: 'EDI',
      edi: { senderId, receiverId: 'DROPSHIPOMS', qualifier: 'ZZ' },
      sla: { ackWithinHours: 24, shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'America/New_York' },
    },
  });
  expect(saved.body.status).toBe('ONBOARDING');
  const key = await client.call('POST', '/api-keys', { ...ops, body: { role: 'vendor', vendorId } });
  return { key: key.body.secret };
}

/** The run's 850s as the vendor collects them. */
async function collect850s(vendor: { key: string }, count: number): Promise<Sent850[]> {
  return eventually(async () => {
    const { body } = await client.call('GET', '/vendor/edi/outbound?limit=100', vendor);
    const documents = body.documents.filter((d: JsonBody) => d.type === '850');
    expect(documents).toHaveLength(count);
    return documents.map((d: JsonBody) => sent850Of(d.x12));
  });
}

const postX12 = (vendor: { key: string }, x12: string) => client.call('POST', '/vendor/edi', { ...vendor, body: x12 });
const report = async (vendorId: string) => (await client.call('GET', `/vendors/${vendorId}/certification`, ops)).body;

describe('a certification run', () => {
  it('is passed by a well-behaved EDI vendor, which may then go LIVE without a reason', async () => {
    const vendor = await ediVendor('zenith', 'ZENITHEDI');
    // Nothing to show yet, and no way to go LIVE without a reason.
    expect((await client.call('GET', '/vendors/zenith/certification', ops)).status).toBe(404);

    const started = await client.call('POST', '/vendors/zenith/certification', { ...ops, body: { vendorSkus: ['ZN-1', 'ZN-2'] } });
    expect(started.status).toBe(201);
    expect(started.body.steps.map((s: JsonBody) => s.step)).toEqual(['ACCEPT', 'PARTIAL_ACCEPT', 'BACKORDER', 'REJECT', 'TWO_PACKAGES', 'CANCELLATION']);
    expect(started.body.status).toBe('RUNNING');

    const sent = await collect850s(vendor, 6);
    await workflowsParked(client);
    for (const po of sent) {
      expect(po.isa[14]).toBe('T');
      expect(po.message).toMatch(/^TEST PO, certification step \d of 6: /);
    }
    for (const po of sent) {
      const step = stepOf(po.message) ?? '';
      // A partner's 997 is kept, never answered.
      expect(await postX12(vendor, functionalAck('ZENITHEDI', po))).toMatchObject({ status: 200, body: '' });
      const answer = parseX12((await postX12(vendor, acknowledgment('ZENITHEDI', step, po))).body);
      expect(segmentsOf(answer.sets[0], 'AK5')).toEqual([['A']]);
      if (['ACCEPT', 'PARTIAL_ACCEPT', 'TWO_PACKAGES'].includes(step)) {
        expect(segmentsOf(parseX12((await postX12(vendor, shipNotice('ZENITHEDI', step, po))).body).sets[0], 'AK5')).toEqual([['A']]);
      }
    }

    // The cancellation step's PO is cancelled after the acknowledgment, and the vendor gets an 860 (also ISA15 T).
    const cancellation = sent.find((po) => stepOf(po.message) === 'CANCELLATION');
    await eventually(async () => {
      const { body } = await client.call('GET', '/vendor/edi/outbound?limit=100', vendor);
      const change = body.documents.find((d: JsonBody) => d.type === '860' && d.poNumber === cancellation?.poNumber);
      expect(parseX12(change.x12).isa[14]).toBe('T');
    });
    const passed = await eventually(async () => {
      const current = await report('zenith');
      expect(current.steps.filter((s: JsonBody) => s.status !== 'PASSED').map((s: JsonBody) => [s.step, s.checks.filter((c: JsonBody) => c.status !== 'PASSED')])).toEqual([]);
      return current;
    });
    expect(passed.status).toBe('PASSED');
    expect(passed.steps.find((s: JsonBody) => s.step === 'TWO_PACKAGES').checks.map((c: JsonBody) => c.check)).toEqual([
      'answered within the SLA', 'every line answered', 'answer as scripted', 'shipped within the SLA', 'valid tracking', 'quantities add up', '997 clean', 'documents accepted',
    ]);
    // The vendor sees the same report.
    expect((await client.call('GET', '/vendor/certification', vendor)).body).toEqual(passed);

    const { body: current } = await client.call('GET', '/vendors/zenith', ops);
    const { updatedAt: _u, statusHistory: _h, ...input } = current;
    const live = await client.call('PUT', '/vendors/zenith', { ...ops, body: { ...input, status: 'LIVE' } });
    expect(live.status).toBe(200);
    expect(live.body.statusHistory.at(-1)).toMatchObject({ status: 'LIVE', reason: `certification run ${passed.runId} passed` });
  });

  it('keeps test POs out of analytics, the Exceptions tab and customer messages', async () => {
    const { body: scorecard } = await client.call('GET', '/analytics/vendors/zenith', ops);
    // Six POs went to zenith, all of them tests: its scorecard has seen none, closed none, and no exception is open.
    expect([scorecard.posSent, scorecard.closed, scorecard.openExceptions]).toEqual([0, 0, {}]);
    const exceptions = await client.call('GET', '/exceptions?vendorId=zenith', ops);
    expect(exceptions.body.items).toEqual([]);
    const run = await report('zenith');
    const rejected = await client.call('GET', `/dropship/orders/${run.steps.find((s: JsonBody) => s.step === 'REJECT').poNumber}`, ops);
    const order = await client.call('GET', `/orders/${rejected.body.purchaseOrder.orderId}`, ops);
    expect(order.body.notify).toEqual({ email: false, sms: false });
    expect(order.body.notifications).toEqual([]);
    expect(rejected.body.purchaseOrder.test).toMatchObject({ step: 'REJECT' });
  });

  it('is failed by a vendor whose 855 skips a line, naming the line', async () => {
    const vendor = await ediVendor('skipper', 'SKIPPEREDI');
    await client.call('POST', '/vendors/skipper/certification', ops);
    const sent = await collect850s(vendor, 6);
    await workflowsParked(client);
    const accept = sent.find((po) => stepOf(po.message) === 'ACCEPT');
    if (!accept) throw new Error('no ACCEPT step');
    // Read as production would (BAK02 AC: a line left out is accepted), so the 997 accepts it …
    const answer = parseX12((await postX12(vendor, acknowledgment('SKIPPEREDI', 'ACCEPT', accept, true))).body);
    expect(segmentsOf(answer.sets[0], 'AK5')).toEqual([['A']]);

    // … but certification asks for an answer on every line, and says which one had none.
    const failed = await eventually(async () => {
      const current = await report('skipper');
      expect(current.status).toBe('FAILED');
      return current;
    });
    const step = failed.steps.find((s: JsonBody) => s.step === 'ACCEPT');
    expect(step.status).toBe('FAILED');
    expect(step.checks.find((c: JsonBody) => c.check === 'every line answered')).toMatchObject({ status: 'FAILED', detail: expect.stringMatching(/^line 2 had no answer of its own/) });
    // The other steps are still waiting on the vendor.
    expect(failed.steps.filter((s: JsonBody) => s.step !== 'ACCEPT').every((s: JsonBody) => s.status === 'WAITING')).toBe(true);

    // Not passed: going LIVE still needs a reason.
    const { body: current } = await client.call('GET', '/vendors/skipper', ops);
    const { updatedAt: _u, statusHistory: _h, ...input } = current;
    const refused = await client.call('PUT', '/vendors/skipper', { ...ops, body: { ...input, status: 'LIVE' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0]).toMatchObject({ field: 'statusReason', rule: 'required_to_go_live' });
  });

  it('is passed by a portal vendor answering through the vendor API, confirming the cancellation', async () => {
    await client.call('PUT', '/vendors/pinecone', {
      ...ops,
      body: { name: 'Pinecone', channel: 'PORTAL', contact: { email: 'orders@pinecone.example' }, sla: { ackWithinHours: 24, shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'UTC' } },
    });
    const vendor = { key: (await client.call('POST', '/api-keys', { ...ops, body: { role: 'vendor', vendorId: 'pinecone' } })).body.secret };
    const run = (await client.call('POST', '/vendors/pinecone/certification', { ...ops, body: {} })).body;
    await eventually(async () => {
      const { body } = await client.call('GET', '/vendor/purchase-orders?status=SENT_TO_VENDOR&limit=10', vendor);
      expect(body.items).toHaveLength(6);
    });
    await workflowsParked(client);
    const answers: Record<string, JsonBody[]> = {
      ACCEPT: [{ lineNumber: 1, status: 'ACCEPTED' }, { lineNumber: 2, status: 'ACCEPTED' }],
      PARTIAL_ACCEPT: [{ lineNumber: 1, status: 'ACCEPTED', quantity: 2 }],
      BACKORDER: [{ lineNumber: 1, status: 'ACCEPTED' }, { lineNumber: 2, status: 'BACKORDERED', backorderDate: '2026-12-20' }],
      REJECT: [{ lineNumber: 1, status: 'REJECTED', reason: 'discontinued' }],
      TWO_PACKAGES: [{ lineNumber: 1, status: 'ACCEPTED' }, { lineNumber: 2, status: 'ACCEPTED' }],
      CANCELLATION: [{ lineNumber: 1, status: 'ACCEPTED' }],
    };
    const packages: Record<string, JsonBody[]> = {
      ACCEPT: [{ trackingNumber: upsNumber(++serial), lines: [{ lineNumber: 1, quantity: 1 }, { lineNumber: 2, quantity: 2 }] }],
      PARTIAL_ACCEPT: [{ trackingNumber: upsNumber(++serial), lines: [{ lineNumber: 1, quantity: 2 }] }],
      TWO_PACKAGES: [{ trackingNumber: upsNumber(++serial), lines: [{ lineNumber: 1, quantity: 1 }] }, { trackingNumber: upsNumber(++serial), lines: [{ lineNumber: 2, quantity: 1 }] }],
    };
    for (const { step, poNumber } of run.steps) {
      const lines = answers[step];
      const acked = await client.call('POST', `/vendor/purchase-orders/${poNumber}/acknowledgment`, { ...vendor, body: { estimatedShipDate: '2026-12-01', lines } });
      expect(acked.status).toBe(200);
      const shipping = packages[step];
      if (shipping) expect((await client.call('POST', `/vendor/purchase-orders/${poNumber}/shipments`, { ...vendor, body: { shipDate: '2026-11-26', packages: shipping } })).status).toBe(201);
    }
    const cancelled = run.steps.find((s: JsonBody) => s.step === 'CANCELLATION').poNumber;
    // Until the vendor accepts the cancellation, the step waits for it, and says so.
    const waiting = await eventually(async () => {
      const step = (await report('pinecone')).steps.find((s: JsonBody) => s.step === 'CANCELLATION');
      expect(step.checks.find((c: JsonBody) => c.check === 'cancellation taken, nothing shipped').detail).toMatch(/confirm the cancellation/);
      return step;
    });
    expect(waiting.status).toBe('WAITING');
    const confirmed = await client.call('POST', `/vendor/purchase-orders/${cancelled}/cancellation-confirmation`, vendor);
    expect(confirmed.body.cancellationConfirmed).toMatchObject({ lineNumbers: [1] });
    // A repeat changes nothing; a PO with nothing cancelled is refused, saying why.
    expect((await client.call('POST', `/vendor/purchase-orders/${cancelled}/cancellation-confirmation`, vendor)).body.version).toBe(confirmed.body.version);
    const nothing = await client.call('POST', `/vendor/purchase-orders/${run.steps[0].poNumber}/cancellation-confirmation`, vendor);
    expect([nothing.status, nothing.body.error.details[0].rule]).toEqual([409, 'has_cancellation']);

    const passed = await eventually(async () => {
      const current = await report('pinecone');
      expect(current.status).toBe('PASSED');
      return current;
    });
    expect(passed.steps.every((s: JsonBody) => s.status === 'PASSED')).toBe(true);
  });

  it('refuses a run for an inactive vendor, saying why', async () => {
    const { body } = await client.call('PUT', '/vendors/sleepy', {
      ...ops,
      body: { name: 'Sleepy', active: false, channel: 'PORTAL', contact: { email: 'sleepy@example.com' }, sla: { ackWithinHours: 24, shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'UTC' } },
    });
    expect(body.active).toBe(false);
    const refused = await client.call('POST', '/vendors/sleepy/certification', ops);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0]).toMatchObject({ field: 'vendorId', rule: 'active_vendor' });
  });
});
