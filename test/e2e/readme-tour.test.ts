import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exceptionTypes } from '../../functions/domain/exceptions';
import { purchaseOrderStatuses } from '../../functions/domain/purchase-order-status';
import { freePort } from '../../local/dynamodb-local';
import { eventually } from '../support/eventually';
import type { JsonBody } from '../support/local-api';
import { call, startRunner, stopRunner, type Runner } from '../support/offline-runner';

/**
 * A newcomer's first five minutes: `npm start` on a data folder that does not exist yet (no flags),
 * then the README's tour, its bash blocks run as written.
 */
const dataDir = join(mkdtempSync(join(tmpdir(), 'dropship-tour-')), 'data');
const ops = 'sk_local_ops';
let runner: Runner;

beforeAll(async () => {
  runner = await startRunner({ port: await freePort(), dataDir });
}, 150_000);

afterAll(async () => {
  if (runner) await stopRunner(runner.child);
  rmSync(resolve(dataDir, '..'), { recursive: true, force: true });
});

/** The tour's bash blocks, in order, as the README shows them. */
function tourBlocks(): string[] {
  const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const tour = readme.slice(readme.indexOf('## A five-minute tour'), readme.indexOf('\n## ', readme.indexOf('## A five-minute tour') + 1));
  return [...tour.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

async function allPages(path: string): Promise<JsonBody[]> {
  const items: JsonBody[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(runner.url, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, ops);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

describe('a fresh npm start', () => {
  it('has the demo history, a PO in every status, and an open exception of every kind', async () => {
    expect(runner.output).toMatch(/Demo history\s+\d{3} orders over 60 days/);
    const scorecards = (await call(runner.url, 'GET', '/analytics/vendors', ops)).body;
    const scored = scorecards.items.filter((v: JsonBody) => v.demoData && v.score !== null);
    expect(scored.map((v: JsonBody) => v.vendorId).sort()).toEqual(['acme', 'globex', 'hooli', 'wonka']);

    // Statuses: the present's PENDING (wonka's failing webhook) and SENT_TO_VENDOR stay put while the test reads them.
    const { counts } = (await call(runner.url, 'GET', '/dropship/summary', ops)).body;
    for (const status of purchaseOrderStatuses) expect(counts[status], status).toBeGreaterThan(0);

    // Every kind of exception, each with its reason, and the refused 855 in the EDI log.
    const open = await eventually(async () => {
      const items = await allPages('/exceptions?status=open');
      expect([...new Set(items.map((e) => e.type))].sort()).toEqual([...exceptionTypes].sort());
      return items;
    });
    for (const exception of open) expect(exception.detail.length).toBeGreaterThan(10);
    const refused = (await call(runner.url, 'GET', '/edi/documents?vendorId=acme&accepted=false', ops)).body.items;
    expect(refused.map((d: JsonBody) => d.reasons.join(' '))).toContainEqual(expect.stringContaining('no purchase order PO-LIVE0O004'));

    // In the history nothing waits on anyone: hooli's portal to-do list holds only the present's cancellation.
    const hooli = (await call(runner.url, 'GET', '/vendor/purchase-orders?limit=100', 'sk_local_vendor_hooli')).body.items as JsonBody[];
    const awaitingConfirmation = hooli.filter((po) => po.status === 'CANCELLED' && !po.cancellationConfirmed).map((po) => po.poNumber);
    expect(awaitingConfirmation.every((poNumber) => poNumber.startsWith('PO-LIVE'))).toBe(true);
  });

  it("runs the README's tour as written: an order placed, a vendor acknowledging and shipping, the parcel delivered, the chair returned and credited", async () => {
    const blocks = tourBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    const script = blocks.map((block, i) => `echo '@@block ${i}'\n${block.replaceAll('http://127.0.0.1:3000', runner.url)}`).join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { timeout: 60_000 });
    const outputs = stdout.split(/@@block \d+\n/).slice(1);
    const [placed, acknowledged, refused, shipped, later, returned] = outputs;

    expect(placed).toMatch(/^order ord_/);
    // The promise the README prints is the learned one the order keeps.
    expect(placed).toMatch(/^arrives by \d{4}-\d{2}-\d{2}$/m);
    expect(acknowledged).toContain('"status":"ACKNOWLEDGED"');
    // The refusal the README prints in its comment is the one the API gives.
    const printed = /# (\{"error":\{"code":"(\w+)".*)/.exec(blocks[2] ?? '');
    expect(JSON.parse(refused ?? '{}').error.code).toBe(printed?.[2]);
    expect(JSON.parse(refused ?? '{}').error.details[0]).toMatchObject({ field: 'packages.0.trackingNumber', rule: 'tracking_format' });
    expect(shipped).toContain('"status":"DISPATCHED"');
    expect(later).toMatch(/globex DELIVERED$/m);
    expect(returned).toMatch(/^RMA-\w+ CREDITED 8900$/m);

    const orderId = /order (ord_\S+)/.exec(placed ?? '')?.[1] ?? '';
    const order = (await call(runner.url, 'GET', `/orders/${orderId}`, 'sk_local_storefront')).body;
    expect(order.storefrontOrderId).toBe('SO-1001');
    expect(order.lines.map((l: JsonBody) => l.fulfillment)).toEqual(['DROPSHIP', 'DROPSHIP', 'WAREHOUSE']);
    expect(order.purchaseOrders.map((po: JsonBody) => po.promise.basis)).toEqual(['LEARNED', 'LEARNED']);
    expect(placed).toContain(`arrives by ${order.promisedAtOrder.deliveryBy}`);
    const mailViewer = /Mail viewer\s+(http:\/\/\S+)/.exec(runner.output)?.[1];
    await eventually(async () => {
      const store = (await fetch(`${mailViewer}/store`).then((r) => r.json())) as { emails: { subject: string }[] };
      const subjects = store.emails.map((e) => e.subject);
      expect(subjects.some((s) => s.startsWith('We have your order SO-1001'))).toBe(true);
      expect(subjects.some((s) => s.includes('has shipped'))).toBe(true);
      expect(subjects).toEqual(expect.arrayContaining(['Your return for order SO-1001 is approved', 'Your refund for order SO-1001']));
    });
  });
});
