import { upsNumber } from '../../local/demo-history';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local';
import { anOrder } from '../support/builders';
import { eventually } from '../support/eventually';
import type { JsonBody } from '../support/local-api';
import { vendorInterchange } from '../support/x12';
import { demoKeys } from '../../local/seed';
import { messageData } from '../../functions/domain/notifications';
import { milestones, vendorMilestones } from '../../functions/domain/notification-kinds';
import { renderEmail } from '../../functions/notifications/templates';
import { exceptionTypes } from '../../functions/domain/exceptions';
import { purchaseOrderStatuses } from '../../functions/domain/purchase-order-status';
import { call, startRunner, stopRunner, type Runner } from '../support/offline-runner';

/**
 * The ops console in real headless Chromium (Debian's, driven by playwright-core) against the
 * offline stack as `npm start` runs it, with its demo data. Each page is photographed for the README.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = resolve(import.meta.dirname, '../../docs/screenshots');
// A data folder that does not exist yet: a plain start seeds the demo, history and present, as a newcomer's first does.
const dataDir = join(mkdtempSync(join(tmpdir(), 'dropship-console-')), 'data');
const ops = 'sk_local_ops';
let runner: Runner;
let browser: Browser;
let page: Page;
const placed: JsonBody[] = [];
const started = performance.now();

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is not at ${chromiumPath}: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH`);
  runner = await startRunner({ port: await freePort(), dataDir });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 150_000);

afterAll(async () => {
  await browser?.close();
  if (runner) await stopRunner(runner.child);
  rmSync(resolve(dataDir, '..'), { recursive: true, force: true });
  console.info(`browser tests: ${((performance.now() - started) / 1000).toFixed(1)} s including the offline stack's start`);
});

const customerMilestones = milestones.filter((m) => !vendorMilestones.includes(m));
const shot = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
const signIn = async (key = ops) => {
  await page.goto(`${runner.url}/console/#/sign-in`);
  await page.getByLabel('Ops API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

describe('the ops console', () => {
  it('refuses a key that is not an ops key, and signs in with one', async () => {
    await signIn('sk_local_storefront');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not an ops key');
    await shot('sign-in');
    await signIn();
    await page.getByRole('heading', { name: 'Dropship orders' }).waitFor();
    expect(page.url()).not.toContain('sk_local');
  });

  it("shows a newcomer's first screen: the demo's present, a PO in every status and an exception of every kind", async () => {
    const summary = (await call(runner.url, 'GET', '/dropship/summary', ops)).body;
    for (const status of purchaseOrderStatuses) {
      expect(summary.counts[status], status).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId(`count-${status}`).textContent()).toBe(String(summary.counts[status]));
    }
    await page.getByRole('tab', { name: /Acknowledged/ }).click();
    await page.locator('[data-po]').first().waitFor();
    await shot('fresh-dropship-tab');
    await page.goto(`${runner.url}/console/#/exceptions`);
    for (const type of exceptionTypes) await expect.poll(() => page.locator(`[data-type="${type}"]`).count(), { message: type }).toBeGreaterThan(0);
    await shot('fresh-exceptions-tab');
    // The orders the next tests follow; each leaves PENDING within a second.
    for (const [i, skus] of [['LAMP-001'], ['CHAIR-002'], ['LAMP-001', 'CHAIR-002']].entries()) {
      placed.push((await call(runner.url, 'POST', '/orders', 'sk_local_storefront', anOrder({ skus }), { 'Idempotency-Key': `console-${i}` })).body);
    }
    await eventually(async () => {
      const pending = (await call(runner.url, 'GET', '/dropship/orders?status=PENDING', ops)).body.items.map((po: JsonBody) => po.poNumber);
      expect(pending.filter((n: string) => placed.some((o) => o.purchaseOrders.some((po: JsonBody) => po.poNumber === n)))).toEqual([]);
    });
  });

  it('filters the Dropship tab by status and vendor, with badge counts from the API, and opens a PO with its timeline', async () => {
    await page.goto(`${runner.url}/console/#/`);
    const summary = (await call(runner.url, 'GET', '/dropship/summary', ops)).body;
    await expect.poll(() => page.getByTestId('count-SENT_TO_VENDOR').textContent()).toBe(String(summary.counts.SENT_TO_VENDOR));
    await page.getByRole('tab', { name: /Sent to vendor/ }).click();
    await page.getByTestId('vendor-filter').selectOption('acme');
    const acmeSummary = (await call(runner.url, 'GET', '/dropship/summary?vendorId=acme', ops)).body;
    await expect.poll(() => page.getByTestId('count-SENT_TO_VENDOR').textContent()).toBe(String(acmeSummary.counts.SENT_TO_VENDOR));
    const acmePos = placed.flatMap((o) => o.purchaseOrders.filter((po: JsonBody) => po.vendorId === 'acme').map((po: JsonBody) => po.poNumber));
    // Exactly acme's sent POs, as the API lists them: ours and the demo's present.
    const listed = (await call(runner.url, 'GET', '/dropship/orders?status=SENT_TO_VENDOR&vendorId=acme&limit=100', ops)).body.items.map((po: JsonBody) => po.poNumber);
    expect(listed).toEqual(expect.arrayContaining(acmePos));
    await expect.poll(async () => (await page.locator('[data-po]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-po')))).sort()).toEqual([...listed].sort());
    await shot('dropship-tab');
    await page.setViewportSize({ width: 768, height: 1024 });
    await shot('dropship-tab-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.locator(`[data-po="${acmePos[0]}"]`).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(acmePos[0]) }).waitFor();
    await expect.poll(() => page.getByTestId('timeline').locator('li').count()).toBe(2);
    expect(await page.getByTestId('timeline').textContent()).toMatch(/Pending.*Sent to vendor/s);
    await page.getByTestId('doc-850').click();
    expect(await page.locator('pre.x12').first().textContent()).toContain(`BEG*00*DS*${acmePos[0]}`);
    await shot('purchase-order');
  });

  it('shows an exception once a PO is overdue, and resolves it from the Exceptions tab', async () => {
    await call(runner.url, 'POST', '/_local/clock', ops, { advanceHours: 30 });
    await call(runner.url, 'POST', '/_local/checks', ops);
    await call(runner.url, 'POST', '/_local/clock', ops, { reset: true });
    const open = (await call(runner.url, 'GET', '/exceptions?type=ACK_OVERDUE', ops)).body.items as JsonBody[];
    expect(open.length).toBeGreaterThan(0);
    await page.goto(`${runner.url}/console/#/exceptions`);
    await page.getByTestId('exception-type').selectOption('ACK_OVERDUE');
    const target = open[0];
    const row = page.locator(`[data-exception="${target.exceptionId}"]`);
    await row.waitFor();
    await shot('exceptions-tab');
    await row.getByRole('button', { name: 'Resolve…' }).click();
    await page.getByLabel('Note (kept with the exception)').fill('Vendor confirmed by phone; two more days');
    await page.getByLabel('Action').selectOption('EXTEND_DUE_DATE');
    await page.getByLabel('Extend by (hours)').fill('48');
    await shot('exception-resolve');
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => page.getByTestId('exception-result').textContent()).toContain(`resolved (extend the due date)`);
    await expect.poll(() => row.count()).toBe(0);
    const resolved = (await call(runner.url, 'GET', `/exceptions/${target.exceptionId}`, ops)).body;
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolution: { note: 'Vendor confirmed by phone; two more days', action: 'EXTEND_DUE_DATE' } });
  });

  it("edits a vendor's SLA, which the API then reads back", async () => {
    await page.goto(`${runner.url}/console/#/vendors`);
    await page.locator('[data-vendor="acme"] a').click();
    await page.getByLabel('Acknowledge within (hours)').fill('36');
    await page.getByLabel('Other closed days (YYYY-MM-DD, one per line)').fill('2026-12-24\n2026-12-25');
    await page.getByLabel('Public holidays of (US, US-NY, GB-ENG …)').fill('US');
    await page.getByRole('button', { name: 'Save vendor' }).click();
    await expect.poll(() => page.getByTestId('vendor-saved').textContent()).toContain('Saved');
    await shot('vendor');
    const vendor = (await call(runner.url, 'GET', '/vendors/acme', ops)).body;
    expect(vendor.sla).toMatchObject({ ackWithinHours: 36, holidays: ['2026-12-24', '2026-12-25'], holidayCalendar: 'US', cutoffTime: '14:00', timeZone: 'America/Chicago' });
    expect(vendor.edi).toMatchObject({ senderId: 'ACMESUPPLY' });
  });

  it("shows every vendor's figures exactly as the analytics API gives them", async () => {
    await page.goto(`${runner.url}/console/#/analytics`);
    await page.getByTestId('ranking').waitFor();
    const from = await page.getByTestId('period-from').inputValue();
    const to = await page.getByTestId('period-to').inputValue();
    const ranking = (await call(runner.url, 'GET', `/analytics/vendors?from=${from}&to=${to}`, ops)).body.items as JsonBody[];
    expect(await page.locator('[data-testid="ranking"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vendor')))).toEqual(ranking.map((r) => r.vendorId));
    for (const expected of ranking) {
      await page.locator(`[data-testid="ranking"] tr[data-vendor="${expected.vendorId}"] button`).click();
      await expect.poll(() => page.getByRole('heading', { name: `Scorecard: ${expected.vendorId}` }).count()).toBe(1);
      const card = (await call(runner.url, 'GET', `/analytics/vendors/${expected.vendorId}?from=${from}&to=${to}`, ops)).body;
      await expect.poll(() => page.getByTestId('score').getAttribute('data-value')).toBe(String(card.score));
      const shown = Object.fromEntries(await page.locator('[data-figure]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-figure'), n.getAttribute('data-value')])));
      expect(shown).toMatchObject({
        'POs sent': String(card.posSent),
        'Success rate': String(card.successRate),
        'On-time acknowledgment': String(card.onTimeAckRate),
        'On-time shipment': String(card.onTimeShipRate),
        'Fill rate': String(card.fillRate),
        'Delay frequency': String(card.delayFrequency),
        'Cancelled by vendor': String(card.cancellationRate.byVendor),
      });
    }
    await shot('analytics');
  });

  it('shows the demo history on a fresh start: 60 days, tiers and charges, each equal to the API', async () => {
    await page.goto(`${runner.url}/console/#/analytics`);
    const to = await page.getByTestId('period-to').inputValue();
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 59 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('period-from').fill(from);
    await page.getByTestId('period-from').dispatchEvent('change');
    await page.getByTestId('demo-data').waitFor();
    const ranking = (await call(runner.url, 'GET', `/analytics/vendors?from=${from}&to=${to}`, ops)).body.items as JsonBody[];
    // Four vendors behaving differently land in different tiers; wonka (careless ship notices) is flagged.
    expect(new Set(ranking.map((r) => r.tier)).size).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('[data-testid="ranking"] tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-vendor'), r.querySelector('[data-tier]')?.getAttribute('data-tier') ?? null])))
      .toEqual(ranking.map((r) => [r.vendorId, r.tier]));
    const acme = (await call(runner.url, 'GET', `/analytics/vendors/acme?from=${from}&to=${to}`, ops)).body;
    expect(acme.daily.length).toBeGreaterThanOrEqual(50);
    expect(acme.demoData).toBe(true);
    // Delivery promises beside the scorecard, per vendor and across vendors, as the API counts them.
    expect(acme.promiseAccuracy.delivered).toBeGreaterThan(0);
    const totals = (await call(runner.url, 'GET', `/analytics/vendors?from=${from}&to=${to}`, ops)).body.promiseAccuracy;
    await expect.poll(() => page.getByTestId('promise-totals').locator('[data-figure="adherence"]').getAttribute('data-value')).toBe(String(totals.adherence));
    await page.locator('[data-testid="ranking"] tr[data-vendor="acme"] button').click();
    await expect.poll(() => page.getByTestId('promise-figures').locator('[data-figure="adherence"]').getAttribute('data-value')).toBe(String(acme.promiseAccuracy.adherence));
    expect(await page.getByTestId('promise-figures').locator('[data-figure="medianWindowDays"]').getAttribute('data-value')).toBe(String(acme.promiseAccuracy.medianWindowDays));
    await shot('analytics-demo-history');

    await page.goto(`${runner.url}/console/#/compliance`);
    await page.getByTestId('charges-by-vendor').waitFor();
    const charges = (await call(runner.url, 'GET', '/compliance/charges', ops)).body.items as JsonBody[];
    expect(charges.reduce((t, v) => t + v.total, 0)).toBeGreaterThan(0);
    const shown = await page.locator('[data-testid="charges-by-vendor"] tr[data-vendor]').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-vendor'), r.querySelector('[data-testid="vendor-total"]')?.getAttribute('data-value')]));
    expect(shown).toEqual(charges.map((v) => [v.vendorId, String(v.total)]));
    await page.locator('[data-testid="charges-by-vendor"] tr[data-vendor="wonka"] button').click();
    await shot('compliance');
  });

  it("shows a parcel's journey on its PO: each package's status, its carrier events, DELIVERED once every package is", async () => {
    const poNumber: string = placed[1].purchaseOrders[0].poNumber;
    const today = new Date().toISOString().slice(0, 10);
    const packages = [{ trackingNumber: '1Z999AA10123456784', lines: [{ lineNumber: 1, quantity: 1 }] }];
    expect((await call(runner.url, 'POST', `/vendor/purchase-orders/${poNumber}/shipments`, demoKeys.vendor('globex'), { carrier: 'UPS', service: 'GROUND', shipDate: today, packages })).status).toBe(201);
    const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const events = [
      { trackingNumber: '1Z999AA10123456784', status: 'IN_TRANSIT', at: at(1), location: 'Chicago, IL', description: 'Arrived at facility' },
      { trackingNumber: '1Z999AA10123456784', status: 'OUT_FOR_DELIVERY', at: at(2), location: 'Springfield, IL' },
      { trackingNumber: '1Z999AA10123456784', status: 'DELIVERED', at: at(3), location: 'Springfield, IL', description: 'Left at front door' },
    ];
    expect((await call(runner.url, 'POST', '/tracking/events', demoKeys.carrier, { events })).body).toMatchObject({ applied: 3 });
    await page.goto(`${runner.url}/console/#/po/${poNumber}`);
    await page.getByRole('heading', { name: new RegExp(poNumber) }).waitFor();
    const pkg = page.getByTestId('package-1Z999AA10123456784');
    await pkg.getByRole('button', { name: /Show 3 carrier events/ }).click();
    await expect.poll(() => pkg.textContent()).toMatch(/Delivered.*Left at front door.*Out for delivery.*In transit.*Arrived at facility/s);
    expect(await page.getByRole('heading', { name: new RegExp(poNumber) }).textContent()).toContain('Delivered');
    await shot('parcel-journey');
  });

  it("lists a vendor's refused 855 in the EDI log with the reason, beside the 997 we answered", async () => {
    const poNumber: string = placed[0].purchaseOrders[0].poNumber;
    const x12 = vendorInterchange({ setId: '855', functionalId: 'PR', control: 777, segments: [`BAK*00*AC*${poNumber}*20261124`, 'PO1**2*EA***VP*AC-999', 'ACK*IA*2*EA*068*20261201', 'CTT*1'] });
    expect((await call(runner.url, 'POST', '/vendor/edi', demoKeys.vendor('acme'), x12)).status).toBe(200);
    await page.getByRole('link', { name: 'EDI log' }).click();
    await page.getByTestId('edi-accepted').selectOption('false');
    const row = page.getByTestId('edi-rows').locator('tr', { hasText: '855' }).first();
    await expect.poll(() => row.textContent()).toContain('no line has vendor part AC-999');
    await row.getByRole('button').click();
    await expect.poll(() => page.getByTestId('edi-document').textContent()).toContain('AK4*7**7*AC-999');
    await shot('edi-log');
    const refused = (await call(runner.url, 'GET', '/exceptions?type=EDI_REJECTED', ops)).body.items;
    expect(refused).toMatchObject([{ vendorId: 'acme', detail: expect.stringContaining('AC-999') }]);
  });

  it("shows the demo EDI vendor's SFTP mailbox: its key's fingerprint, what to hand the partner, and the 850s written to /out", async () => {
    const connection = (await call(runner.url, 'GET', '/edi/connections/acme', ops)).body;
    await page.getByRole('link', { name: 'Connections' }).click();
    const card = page.getByTestId('connection').filter({ hasText: 'acme' });
    await expect.poll(() => card.textContent()).toContain(connection.sshPublicKeys[0].fingerprint);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('ISA sender ZZ/ACMESUPPLY');
    expect(text).toContain(`Port${connection.ours.sftp.port}`);
    const acmePo: string = placed[0].purchaseOrders[0].poNumber;
    expect(text).toMatch(new RegExp(`850_acme_${acmePo}_\\d{14}\\.edi`));
    await shot('connections');
    // The EDI log says how each document travelled.
    await page.getByRole('link', { name: 'EDI log' }).click();
    await page.getByTestId('edi-type').selectOption('850');
    await expect.poll(() => page.getByTestId('edi-rows').locator('tr', { hasText: acmePo }).first().textContent()).toContain('SFTP');
  });

  it("sends the customer a receipt a retailer would: its name, each item with its price, the total and the address, as a phone shows it", async () => {
    const mailViewer = /Mail viewer\s+(\S+)/.exec(runner.log())?.[1] ?? '';
    const storefrontOrderId: string = placed[0].storefrontOrderId;
    type Store = { emails: { subject: string; body: { html?: string } }[] };
    const email = await eventually(async () => {
      const found = ((await (await fetch(`${mailViewer}/store`)).json()) as Store).emails.find((e) => e.subject === `We have your order ${storefrontOrderId}`);
      expect(found?.body.html).toBeDefined();
      return found;
    });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.setContent(email?.body.html ?? '');
    const text = (await phone.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Dropship OMS Demo Store');
    expect(text).toMatch(/1 × Brass desk lamp — \$\d+\.\d{2}/);
    expect(text).toMatch(/Total: \$\d+\.\d{2}/);
    expect(text).toContain('Shipping to:');
    await phone.screenshot({ path: join(screenshots, 'email-order-received.png'), fullPage: true });
    await phone.close();
  });

  it.each(customerMilestones)('renders the %s email so a phone shows it whole: the retailer, the order, its items and a link to it', async (milestone) => {
    const storefront = { retailerName: 'Dropship OMS Demo Store', orderUrlTemplate: 'https://shop.example/orders/{storefrontOrderId}' };
    const order = {
      orderId: 'ord_demo', storefrontOrderId: 'SO-1001', currency: 'USD',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: null },
      shippingAddress: { line1: '1 Main St', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
      lines: [
        { lineNumber: 1, sku: 'CHAIR-002', name: 'Ergonomic office chair', quantity: 1, unitPrice: 24900, fulfillment: 'DROPSHIP' as const },
        { lineNumber: 2, sku: 'LAMP-001', name: 'Brass desk lamp', quantity: 2, unitPrice: 1999, fulfillment: 'DROPSHIP' as const },
      ],
    };
    const pkg = { trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784', items: [{ sku: 'CHAIR-002', quantity: 1 }] };
    const email = renderEmail(milestone, messageData(order, {
      milestone, key: milestone, poNumber: 'PO-7K2M9QX4TB', estimatedShipDate: '2026-12-04', estimatedDeliveryDate: '2026-12-10',
      ...(milestone === 'SHIPPED' && { shipment: { carrier: 'UPS', service: 'GROUND', shipDate: '2026-12-02', packages: [pkg] } }),
      ...(['OUT_FOR_DELIVERY', 'DELIVERED', 'DELIVERY_EXCEPTION'].includes(milestone) && { package: { ...pkg, carrier: 'UPS', at: '2026-12-04T15:20:00Z', location: 'Springfield, IL', description: milestone === 'DELIVERY_EXCEPTION' ? 'Address information needed; contact the carrier' : 'On its way' } }),
      ...((milestone === 'CANCELLED' || milestone === 'LINE_REJECTED') && { lines: [{ sku: 'LAMP-001', quantity: 2, reason: 'discontinued by the maker' }] }),
      ...(milestone === 'LINE_REROUTED' && { lines: [{ sku: 'LAMP-001', quantity: 2 }] }),
      ...(milestone === 'ACKNOWLEDGED' && { lines: [{ sku: 'LAMP-001', quantity: 2, backorderDate: '2026-12-20' }] }),
      ...(milestone.startsWith('RETURN_') || milestone === 'REFUND_DUE' ? {
        lines: [{ sku: 'CHAIR-002', quantity: 1, ...(milestone === 'RETURN_RECEIVED' && { reason: 'damaged' }) }],
        customerReturn: {
          rmaId: 'RMA-7K2M9QX4TB', returnless: false, returnAddress: 'Globex Returns, 400 Industrial Way, Reno, NV 89502',
          label: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' },
          ...(milestone === 'RETURN_REJECTED' && { rejection: 'assembled chairs cannot be returned' }), refund: '$249.00',
        },
      } : {}),
    }, storefront));
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.setContent(email.html);
    const text = (await phone.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Dropship OMS Demo Store');
    expect(text).toContain('SO-1001');
    expect(text).not.toMatch(/undefined|\{\{/);
    if (milestone !== 'DELAYED') expect(text).toMatch(/Ergonomic office chair|Brass desk lamp/);
    expect(await phone.getByRole('link', { name: 'See your order' }).getAttribute('href')).toBe('https://shop.example/orders/SO-1001');
    // Nothing wider than the phone: no sideways scrolling.
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(screenshots, `email-${milestone.toLowerCase().replaceAll('_', '-')}.png`), fullPage: true });
    await phone.close();
  });

  it('lets a portal vendor sign in by the emailed link, acknowledge with a backordered line and ship in two packages, on a phone', async () => {
    const order = (await call(runner.url, 'POST', '/orders', 'sk_local_storefront', anOrder({ skus: ['RUG-005', 'RUG-005'] }), { 'Idempotency-Key': 'portal-1' })).body;
    const poNumber: string = order.purchaseOrders[0].poNumber;
    await eventually(async () => expect((await call(runner.url, 'GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder.status).toBe('SENT_TO_VENDOR'));
    expect((await call(runner.url, 'POST', '/vendor/sign-in-links', '', { email: 'orders@hooli.example' })).status).toBe(202);
    const mailViewer = /Mail viewer\s+(\S+)/.exec(runner.log())?.[1] ?? '';
    type Store = { emails: { subject: string; destination: { to: string[] }; body: { text?: string } }[] };
    // The new-PO email comes from the notifier on the table's stream: a moment after the PO.
    const store = await eventually(async () => {
      const emails = ((await (await fetch(`${mailViewer}/store`)).json()) as Store).emails;
      expect(emails.some((e) => e.subject === `New purchase order ${poNumber}` && e.destination.to.includes('orders@hooli.example'))).toBe(true);
      return emails;
    });
    const link = /(http\S+#\/sign-in\/[\w-]+)/.exec(store.filter((e) => e.subject.includes('sign-in link')).at(-1)?.body.text ?? '')?.[1] ?? '';

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(link);
    await page.getByTestId('portal-pos').getByRole('link', { name: poNumber }).click();
    const ack = page.getByTestId('ack-form');
    await ack.locator('[data-line="2"] select').selectOption('BACKORDER');
    await ack.locator('[data-line="2"]').getByLabel('Available on').fill('2026-12-20');
    await ack.getByLabel('Estimated ship date').fill('2026-12-01');
    await shot('portal-acknowledge');
    await ack.getByRole('button', { name: 'Send acknowledgment' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Acknowledgment sent.');

    const ship = page.getByTestId('ship-form');
    await ship.getByRole('button', { name: 'Add a package' }).click();
    await ship.locator('[data-package="0"]').getByLabel('Tracking number').fill('1Z999AA10123456784');
    await ship.locator('[data-package="0"]').getByLabel(/Line 2/).fill('0');
    await ship.locator('[data-package="1"]').getByLabel('Tracking number').fill('1Z999AA10123456793');
    await ship.locator('[data-package="1"]').getByLabel(/Line 2/).fill('1');
    await expect.poll(() => page.getByTestId('carrier-1').textContent()).toBe('UPS');
    await shot('portal-ship');
    await ship.getByRole('button', { name: 'Send shipment' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Shipment sent.');

    // One click invoices what shipped, prefilled at PO cost: a freight charge the rules do not allow is disputed, in words.
    const invoice = page.getByTestId('invoice-form');
    await invoice.getByLabel('Freight').fill('9.95');
    await expect.poll(() => invoice.getByTestId('invoice-total').textContent()).toBe('$157.95');
    await shot('portal-invoice');
    await invoice.getByRole('button', { name: 'Send invoice' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain("is disputed: freight of USD 9.95 is charged, and the retailer's rules allow no freight charge");
    // Corrected under the same number (the form offers it), it matches.
    expect(await invoice.getByLabel('Invoice number').inputValue()).toBe(`${poNumber}-1`);
    await invoice.getByLabel('Freight').fill('0');
    await invoice.getByRole('button', { name: 'Send invoice' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('matched and approved: $148.00');
    const invoiced = (await call(runner.url, 'GET', `/invoices/hooli/${poNumber}-1`, ops)).body;
    expect(invoiced).toMatchObject({ status: 'APPROVED', revision: 2, source: 'PORTAL', total: 14_800 });

    const seen = (await call(runner.url, 'GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder;
    expect(seen.status).toBe('DISPATCHED');
    expect(seen.lines.map((l: JsonBody) => l.status)).toEqual(['ACCEPTED', 'BACKORDERED']);
    expect(seen.shipments[0].packages.map((p: JsonBody) => p.trackingNumber)).toEqual(['1Z999AA10123456784', '1Z999AA10123456793']);
    await page.goto(`${runner.url}/console/portal/#/po/${poNumber}/slip`);
    await expect.poll(() => page.getByTestId('packing-slip').textContent()).toContain('Dropship OMS Demo Store');
    expect(await page.getByTestId('packing-slip').textContent()).not.toMatch(/\$/);
    await shot('portal-packing-slip');

    // Stock by CSV: good rows apply, a bad one is named by its row as the API reports it.
    await page.goto(`${runner.url}/console/portal/#/inventory`);
    const csv = 'vendorSku,available,restockDate\nHO-RUG-5,30,\nHO-RUG-6,-3,\nHO-RUG-7,4,2026-12-24\n';
    await page.getByTestId('csv-upload').setInputFiles({ name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('feed-result').textContent()).toMatch(/2 rows applied, 1 refused:.*Row 3 \(HO-RUG-6\): available/s);
    await shot('portal-inventory');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('runs a certification for the portal vendor: ops start it and read the report; the vendor accepts the cancellation in the portal', async () => {
    await signIn();
    await page.getByRole('heading', { name: 'Dropship orders' }).waitFor();
    await page.goto(`${runner.url}/console/#/vendors/hooli`);
    await page.getByRole('button', { name: 'Start certification run' }).click();
    await expect.poll(() => page.getByTestId('certification-report').locator('li[data-step]').count()).toBe(6);
    const run = (await call(runner.url, 'GET', '/vendors/hooli/certification', ops)).body;
    expect(await page.getByTestId('certification-report').textContent()).toContain(run.runId);
    await shot('vendor-certification');

    const cancellation = run.steps.find((s: JsonBody) => s.step === 'CANCELLATION').poNumber;
    await eventually(async () => expect((await call(runner.url, 'GET', `/dropship/orders/${cancellation}`, ops)).body.purchaseOrder.status).toBe('SENT_TO_VENDOR'));
    const hooli = 'sk_local_vendor_hooli';
    expect((await call(runner.url, 'POST', `/vendor/purchase-orders/${cancellation}/acknowledgment`, hooli, { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] })).status).toBe(200);
    // The vendor signs in with its key this time.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${runner.url}/console/portal/#/sign-in`);
    await page.getByText('Sign in with an API key instead').click();
    await page.getByLabel('Vendor API key').fill(hooli);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('portal-pos').waitFor();
    await page.goto(`${runner.url}/console/portal/#/po/${cancellation}`);
    await expect.poll(() => page.getByTestId('test-po').textContent()).toContain('Accept it. We then cancel it');
    await page.getByTestId('cancel-request').getByRole('button', { name: 'Accept cancellation' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Cancellation confirmed.');
    await page.goto(`${runner.url}/console/portal/#/certification`);
    await expect.poll(() => page.locator('li[data-step="CANCELLATION"]').getAttribute('data-status')).toBe('PASSED');
    await shot('portal-certification');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('lists a disputed invoice first with its three-way comparison, and records a payment for the vendor, as the API gives them', async () => {
    const order = (await call(runner.url, 'POST', '/orders', 'sk_local_storefront', anOrder({ skus: ['CHAIR-002'] }), { 'Idempotency-Key': 'invoice-1' })).body;
    const poNumber: string = order.purchaseOrders[0].poNumber;
    const globex = 'sk_local_vendor_globex';
    await eventually(async () => expect((await call(runner.url, 'GET', `/vendor/purchase-orders/${poNumber}`, globex)).body.status).toBe('SENT_TO_VENDOR'));
    expect((await call(runner.url, 'POST', `/vendor/purchase-orders/${poNumber}/shipments`, globex, { shipDate: '2026-11-30', carrier: 'UPS', packages: [{ trackingNumber: upsNumber(99_001), lines: [{ lineNumber: 1, quantity: 1 }] }] })).status).toBe(201);
    const sent = await call(runner.url, 'POST', '/vendor/invoices', globex, { invoiceNumber: `GX-${poNumber}`, poNumber, invoiceDate: '2026-11-30', lines: [{ lineNumber: 1, quantity: 1, unitCost: 9400 }], total: 9400 });
    expect(sent.body.status).toBe('DISPUTED');
    await page.goto(`${runner.url}/console/#/invoices`);
    await page.locator(`[data-testid="invoices"] tr[data-invoice="GX-${poNumber}"] button`).first().click();
    await expect.poll(() => page.getByTestId('three-way').locator('tr[data-line="1"]').textContent()).toContain('$89.00');
    expect(await page.getByTestId('disputes').textContent()).toContain("unit cost USD 94.00 against the PO's USD 89.00");
    await page.getByTestId('payables-vendor').selectOption('globex');
    await shot('invoices');
    await page.getByTestId('decision-reason').fill('new price list from 1 December agreed');
    await page.getByRole('button', { name: /Approve as sent/ }).click();
    await expect.poll(async () => (await call(runner.url, 'GET', `/invoices/globex/GX-${poNumber}`, ops)).body.status).toBe('APPROVED');
    const payables = (await call(runner.url, 'GET', `/payables?vendorId=globex`, ops)).body;
    await expect.poll(() => page.getByTestId('net').getAttribute('data-value')).toBe(String(payables.net));
    await page.getByTestId('payment-reference').fill('ACH-BROWSER-1');
    await page.getByRole('button', { name: /Record payment/ }).click();
    await expect.poll(() => page.getByTestId('remittances').textContent()).toContain('ACH-BROWSER-1');
    expect((await call(runner.url, 'GET', '/remittances?vendorId=globex', ops)).body.items[0]).toMatchObject({ reference: 'ACH-BROWSER-1', amount: payables.net });
  });

  it("lists the open returns first with what each waits on, and the period's return figures as the API gives them", async () => {
    await signIn();
    await page.getByRole('heading', { name: 'Dropship orders' }).waitFor();
    await page.goto(`${runner.url}/console/#/returns`);
    await expect.poll(() => page.getByTestId('open-returns').locator('tr[data-rma]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rma')))).toEqual(expect.arrayContaining(['RMA-LIVE0001', 'RMA-LIVE0002', 'RMA-LIVE0003']));
    expect(await page.locator('tr[data-rma="RMA-LIVE0001"]').textContent()).toContain('answer overdue');
    expect(await page.locator('tr[data-rma="RMA-LIVE0002"]').textContent()).toContain('parcel delivered');
    const statuses = await page.getByTestId('closed-returns').locator('tr[data-rma]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['REJECTED', 'CREDITED', 'SETTLED']));
    const { items } = (await call(runner.url, 'GET', '/analytics/vendors', ops)).body;
    for (const card of items as JsonBody[]) {
      await expect.poll(() => page.locator(`[data-testid="return-figures"] tr[data-vendor="${card.vendorId}"] td[data-value]`).getAttribute('data-value')).toBe(String(card.returns.returnRate));
    }
    await shot('returns');
  });

  it("lets ops confirm a return that came to the retailer's desk, as the API then reads it", async () => {
    const { body: vendor } = await call(runner.url, 'GET', '/vendors/hooli', ops);
    const { updatedAt: _u, statusHistory: _h, ...settings } = vendor;
    const desk = 'Returns desk, 100 Warehouse Way, Springfield, IL 62701';
    expect((await call(runner.url, 'PUT', '/vendors/hooli', ops, { ...settings, returns: { returnTo: 'RETAILER', requiresApproval: false, returnAddress: desk } })).status).toBe(200);
    const hooli = 'sk_local_vendor_hooli';
    const order = (await call(runner.url, 'POST', '/orders', 'sk_local_storefront', anOrder({ skus: ['RUG-005'] }), { 'Idempotency-Key': 'desk-return-1' })).body;
    const poNumber: string = order.purchaseOrders[0].poNumber;
    await eventually(async () => expect((await call(runner.url, 'GET', `/vendor/purchase-orders/${poNumber}`, hooli)).body.status).toBe('SENT_TO_VENDOR'));
    expect((await call(runner.url, 'POST', `/vendor/purchase-orders/${poNumber}/shipments`, hooli, { shipDate: '2026-12-01', carrier: 'UPS', packages: [{ trackingNumber: upsNumber(99_201), lines: [{ lineNumber: 1, quantity: 1 }] }] })).status).toBe(201);
    const asked = (await call(runner.url, 'POST', `/orders/${order.orderId}/returns`, 'sk_local_storefront', { lines: [{ lineNumber: 1, quantity: 1 }], reason: 'NO_LONGER_NEEDED' }, { 'Idempotency-Key': 'desk-return-2' })).body;
    const rmaId: string = asked.returns[0].rmaId;
    expect(asked.returns[0]).toMatchObject({ status: 'APPROVED', returnTo: 'RETAILER', returnAddress: desk });
    await page.goto(`${runner.url}/console/#/returns`);
    await page.reload();
    const row = page.locator(`tr[data-rma="${rmaId}"]`);
    await row.getByLabel('Condition of RUG-005').selectOption('DAMAGED');
    await row.getByRole('button', { name: 'Received at our desk' }).click();
    await expect.poll(async () => (await call(runner.url, 'GET', `/returns/${rmaId}`, ops)).body.status).toBe('CREDITED');
    expect((await call(runner.url, 'GET', `/returns/${rmaId}`, ops)).body.lines[0].received).toEqual({ quantity: 1, condition: 'DAMAGED' });
    await expect.poll(() => page.locator(`tr[data-rma="${rmaId}"]`).getAttribute('data-status')).toBe('CREDITED');
    await call(runner.url, 'PUT', '/vendors/hooli', ops, { ...settings, returns: {} });
  });

  it('lets a vendor answer a return in the portal with its RMA, address and label, then confirm a damaged receipt', async () => {
    const globex = 'sk_local_vendor_globex';
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${runner.url}/console/portal/#/sign-in`);
    await page.getByText('Sign in with an API key instead').click();
    await page.getByLabel('Vendor API key').fill(globex);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('portal-pos').waitFor();
    await page.goto(`${runner.url}/console/portal/#/returns`);
    const card = page.locator('article[data-rma="RMA-LIVE0001"]');
    await card.getByLabel('Your RMA number').fill('GX-RA-900');
    await card.getByLabel('Send it to').fill('Globex Returns, 400 Industrial Way, Reno, NV 89502');
    await card.getByLabel('Label tracking number').fill(upsNumber(99_101));
    await shot('portal-return-answer');
    await card.getByRole('button', { name: 'Approve the return' }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('APPROVED');
    expect((await call(runner.url, 'GET', '/returns/RMA-LIVE0001', ops)).body).toMatchObject({ status: 'APPROVED', vendorRma: 'GX-RA-900', label: { carrier: 'UPS', trackingNumber: upsNumber(99_101) } });
    await card.getByLabel('Condition').selectOption('DAMAGED');
    await card.getByRole('button', { name: 'Confirm receipt' }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('CREDITED');
    expect(await card.textContent()).toContain('Credit to the retailer: $89.00');
    await shot('portal-returns');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('edits the re-routing rules, which the API reads back, beside the lines re-routing rescued, as the API counts them', async () => {
    await page.goto(`${runner.url}/console/#/routing`);
    const figures = (await call(runner.url, 'GET', '/analytics/vendors', ops)).body;
    // The demo's present has one line re-routed (globex's desk to acme).
    expect(figures.rerouting.linesRescued).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('lines-rescued').textContent()).toContain(`${figures.rerouting.linesRescued} rescued`);
    for (const card of figures.items as JsonBody[]) {
      await expect.poll(() => page.locator(`[data-testid="rerouting-figures"] tr[data-vendor="${card.vendorId}"] [data-testid="rerouted-away"]`).textContent()).toBe(String(card.rerouting.linesReroutedAway));
    }
    await page.getByLabel('Only these rejection reasons').fill('out of stock, discontinued');
    await page.getByLabel("… and as a percent of the first source's cost").fill('30');
    await page.getByRole('button', { name: 'Save the rules' }).click();
    await expect.poll(() => page.getByTestId('rules-saved').textContent()).toContain('Saved by ops:key_local_ops');
    await shot('routing');
    const rules = (await call(runner.url, 'GET', '/routing/rules', ops)).body;
    expect(rules).toMatchObject({ onRejection: { enabled: true, reasons: ['out of stock', 'discontinued'] }, onAckTimeout: { enabled: true }, maxAttempts: 2, maxExtraUnitCost: { amount: null, percent: 30 } });
    await call(runner.url, 'PUT', '/routing/rules', ops, {});

    // The Dropship tab lists only what re-routing touched when asked: the demo's desk on both sides.
    await page.goto(`${runner.url}/console/#/dropship`);
    await page.getByTestId('rerouted-filter').check();
    await expect.poll(async () => page.locator('[data-po]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-po')))).toEqual(expect.arrayContaining(['PO-LIVE0014', 'PO-LIVE0014R']));
    await expect.poll(() => page.locator('[data-po="PO-LIVE0014R"] [data-testid="reroute-of"]').textContent()).toBe('re-routed from PO-LIVE0014');
    await shot('dropship-rerouted');
  });

  it('sends a user whose key was revoked back to sign in, saying why', async () => {
    const created = (await call(runner.url, 'POST', '/api-keys', ops, { role: 'ops', description: 'console test' })).body;
    await signIn(created.secret);
    await page.getByRole('heading', { name: 'Dropship orders' }).waitFor();
    // The tab's own requests finish first: one still in flight when the key goes would sign out before the click.
    await page.waitForLoadState('networkidle');
    await call(runner.url, 'DELETE', `/api-keys/${created.keyId}`, ops);
    await page.getByRole('link', { name: 'Exceptions' }).click();
    await page.getByLabel('Ops API key').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('revoked');
  });
});
