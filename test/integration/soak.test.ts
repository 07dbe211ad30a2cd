import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';

/**
 * The soak: orders through the whole offline stack (API, workflow, stream notifier, SES
 * emulator), each PO driven by a random vendor script with duplicated, reordered and concurrent
 * events. At the end every PO must be in the state the accepted events explain, every reservation
 * must be accounted for, and no customer message may have gone out twice.
 */
/**
 * 200 in `npm test` (about a minute); `npm run soak` runs the full 5,000 (about 9 minutes: DynamoDB
 * Local serves a few hundred writes a second on 2 cores, and the 10-minute test budget is the limit).
 */
const orders = Number(process.env.SOAK_ORDERS ?? 150);
const seed = Number(process.env.SOAK_SEED ?? 1126);
const stock = 1_000_000;

let client: ApiClient;
const globex = { key: demoKeys.vendor('globex') };
const ops = { key: demoKeys.ops };
const storefront = { key: demoKeys.storefront };

beforeAll(async () => {
  client = await startSeededApi({ notifications: true });
  await client.call('PUT', '/vendor/inventory', { ...globex, body: { feedId: 'soak', items: [{ vendorSku: 'GX-200', available: stock, restockDate: null }] } });
});
afterAll(() => client.close());

/** mulberry32: the same seed gives the same scripts, so a failure can be replayed. */
function random(seedValue: number) {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Step = { kind: 'ack' | 'reject' | 'ship' | 'cancel'; quantity?: number; messageId: string };
interface Scripted {
  orderId: string;
  poNumber: string;
  quantity: number;
  email: string;
  steps: Step[];
  accepted: Step[];
}

const scenarios = ['happy', 'happy', 'happy', 'partial', 'implicit', 'reject', 'cancelEarly', 'cancelLate', 'reordered'] as const;

function scriptFor(n: number, quantity: number, next: () => number): Step[] {
  const id = (kind: string, i = 0) => `${kind}-${n}-${i}`;
  const ack: Step = { kind: 'ack', messageId: id('ack') };
  const shipAll: Step = { kind: 'ship', quantity, messageId: id('ship') };
  const scenario = scenarios[Math.floor(next() * scenarios.length)] ?? 'happy';
  switch (scenario) {
    case 'partial':
      return quantity > 1 ? [ack, { kind: 'ship', quantity: 1, messageId: id('ship', 1) }, { kind: 'ship', quantity: quantity - 1, messageId: id('ship', 2) }] : [ack, shipAll];
    case 'implicit':
      return [shipAll];
    case 'reject':
      return [{ kind: 'reject', messageId: id('reject') }];
    case 'cancelEarly':
      return [{ kind: 'cancel', messageId: id('cancel') }, ack];
    case 'cancelLate':
      return [ack, { kind: 'cancel', messageId: id('cancel') }, shipAll];
    case 'reordered':
      return [shipAll, ack];
    default:
      return [ack, shipAll];
  }
}

async function send(po: Scripted, step: Step) {
  if (step.kind === 'cancel') return client.call('POST', `/orders/${po.orderId}/cancel`, { ...storefront, body: { reason: 'soak' } });
  if (step.kind === 'ship') {
    return client.call('POST', `/vendor/purchase-orders/${po.poNumber}/shipments`, {
      ...globex,
      body: { messageId: step.messageId, carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: step.quantity }] }] },
    });
  }
  const line = step.kind === 'reject' ? { lineNumber: 1, status: 'REJECTED', reason: 'soak' } : { lineNumber: 1, status: 'ACCEPTED' };
  return client.call('POST', `/vendor/purchase-orders/${po.poNumber}/acknowledgment`, { ...globex, body: { messageId: step.messageId, estimatedShipDate: '2026-12-01', lines: [line] } });
}

/** The status the accepted events explain, applied in the order they were accepted. */
function explainedStatus(po: Scripted): string {
  let status = 'SENT_TO_VENDOR';
  let shipped = 0;
  for (const step of po.accepted) {
    if (step.kind === 'cancel') status = 'CANCELLED';
    if (step.kind === 'reject') status = 'REJECTED';
    if (step.kind === 'ack') status = 'ACKNOWLEDGED';
    if (step.kind === 'ship') {
      shipped += step.quantity ?? 0;
      status = shipped >= po.quantity ? 'DISPATCHED' : 'PARTIALLY_DISPATCHED';
    }
  }
  return status;
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)));
}

describe(`the soak: ${orders} orders`, () => {
  it('leaves every PO where its accepted events say, no stock unaccounted for, no message sent twice', { timeout: 900_000 }, async () => {
    const next = random(seed);
    const started = performance.now();
    const scripted: Scripted[] = [];
    await inBatches(Array.from({ length: orders }, (_, n) => n), 40, async (n) => {
      const quantity = 1 + Math.floor(next() * 3);
      const email = `soak-${n}@example.com`;
      const body = anOrder({ skus: ['CHAIR-002'], customer: { name: `Soak ${n}`, email, phone: null } });
      body.lines = [{ sku: 'CHAIR-002', quantity, unitPrice: 24900 }];
      const place = () => client.call('POST', '/orders', { ...storefront, body, headers: { 'Idempotency-Key': `soak-${n}` } });
      // One order in ten is sent twice at once, as a storefront retrying on a timeout would.
      const answers = await Promise.all(next() < 0.1 ? [place(), place()] : [place()]);
      expect(answers.map((a) => a.status).sort()).toEqual(answers.length === 2 ? [200, 201] : [201]);
      expect(new Set(answers.map((a) => a.body.orderId)).size).toBe(1);
      const order = answers[0]?.body;
      scripted[n] = { orderId: order.orderId, poNumber: order.purchaseOrders[0].poNumber, quantity, email, steps: [], accepted: [] };
    });
    for (const [n, po] of scripted.entries()) po.steps = scriptFor(n, po.quantity, next);
    const placedMs = performance.now() - started;

    await eventually(async () => {
      const pending = await client.call('GET', '/dropship/orders?status=PENDING&limit=1', ops);
      expect(pending.body.items).toHaveLength(0);
    }, 300_000);

    // Vendor events: POs concurrently; within a PO in script order, each sometimes duplicated at once.
    const outcomes: Record<string, number> = {};
    await inBatches(scripted, 50, async (po) => {
      for (const step of po.steps) {
        const copies = next() < 0.2 ? 2 : 1;
        const answers = await Promise.all(Array.from({ length: copies }, () => send(po, step)));
        for (const answer of answers) {
          outcomes[`${step.kind} ${answer.status}`] = (outcomes[`${step.kind} ${answer.status}`] ?? 0) + 1;
          expect([200, 201, 409], `${step.kind} on ${po.poNumber}: ${JSON.stringify(answer.body).slice(0, 200)}`).toContain(answer.status);
        }
        // Duplicates answer alike: the message is accepted (201, or 200 for a replay) or refused the same way.
        expect(new Set(answers.map((a) => (a.status < 300 ? 'accepted' : a.status))).size, `${step.kind} on ${po.poNumber}: ${answers.map((a) => `${a.status} ${JSON.stringify(a.body).slice(0, 160)}`).join(' | ')}`).toBe(1);
        if (answers[0] && answers[0].status < 300) po.accepted.push(step);
      }
    });
    const eventsMs = performance.now() - started - placedMs;

    // Every PO is where its accepted events put it.
    const actual = new Map<string, string>();
    await inBatches(scripted, 50, async (po) => {
      actual.set(po.poNumber, (await client.call('GET', `/vendor/purchase-orders/${po.poNumber}`, globex)).body.status);
    });
    const wrong = scripted.filter((po) => actual.get(po.poNumber) !== explainedStatus(po));
    expect(wrong.map((po) => `${po.poNumber}: ${actual.get(po.poNumber)} but events say ${explainedStatus(po)} (${po.accepted.map((s) => s.kind).join(', ')})`)).toEqual([]);

    // No reservation leaked: what is left is the feed less every unit still going to a customer.
    const held = scripted.filter((po) => !['CANCELLED', 'REJECTED'].includes(actual.get(po.poNumber) ?? '')).reduce((total, po) => total + po.quantity, 0);
    const chair = (await client.call('GET', '/inventory/CHAIR-002', ops)).body.sources.find((s: JsonBody) => s.vendorId === 'globex');
    expect(chair.available).toBe(stock - held);

    // Each workflow ended with its PO, or still waits on an open one; none failed.
    await eventually(async () => {
      for (const po of scripted) {
        const execution = client.stepFunctions.executions.get(po.poNumber);
        const closed = ['DISPATCHED', 'CANCELLED', 'REJECTED'].includes(actual.get(po.poNumber) ?? '');
        expect(execution?.status, po.poNumber).toBe(closed ? 'SUCCEEDED' : 'RUNNING');
      }
    }, 120_000);

    // Every milestone told once: the emails the accepted events call for, each a distinct claimed notification.
    const expectedEmails = scripted.reduce((total, po) => total + 1 + po.accepted.filter((s) => s.kind !== 'cancel' || explainedStatus(po) === 'CANCELLED').length, 0);
    const sent = await eventually(async () => {
      const store = (await (await fetch(`${client.sesEndpoint}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string; body: { text?: string } }[] };
      expect(store.emails.length).toBe(expectedEmails);
      return store.emails;
    }, 600_000, 2_000);
    expect(await claimedEmails(scripted)).toBe(expectedEmails);
    // Nothing arrives late either; and apart from shipments (two parcels of one PO can read alike) no email repeats.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const settled = (await (await fetch(`${client.sesEndpoint}/store`)).json()) as { emails: unknown[] };
    expect(settled.emails.length).toBe(expectedEmails);
    const keys = sent.filter((e) => !e.subject.includes('has shipped')).map((e) => `${e.destination.to.join()}|${e.subject}|${e.body.text}`);
    expect(keys.length - new Set(keys).size).toBe(0);
    console.info(
      `soak: ${orders} orders placed in ${(placedMs / 1000).toFixed(0)} s, vendor events in ${(eventsMs / 1000).toFixed(0)} s; ` +
        `${sent.length} emails; outcomes ${JSON.stringify(outcomes)}; final ${JSON.stringify(countBy([...actual.values()]))}`,
    );
  });
});

const countBy = (values: string[]) => values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});

/** Email notifications claimed and sent, read from each order (a Query of its partition). */
async function claimedEmails(scripted: Scripted[]): Promise<number> {
  let total = 0;
  await inBatches(scripted, 50, async (po) => {
    const { body } = await client.call('GET', `/orders/${po.orderId}`, ops);
    total += body.notifications.filter((n: JsonBody) => n.channel === 'EMAIL' && n.status === 'SENT').length;
  });
  return total;
}
