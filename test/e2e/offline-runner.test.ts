import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local';
import { anOrder } from '../support/builders';
import type { JsonBody } from '../support/local-api';
import { eventually } from '../support/eventually';
import { call, startRunner, stopRunner as stop } from '../support/offline-runner';
import { parseX12, segmentsOf, vendorInterchange } from '../support/x12';
import { sftpBatch } from '../support/openssh';

const dataDir = mkdtempSync(join(tmpdir(), 'dropship-e2e-'));
const running: ChildProcess[] = [];

async function startRunnerHere(port: number, args: string[] = []) {
  const runner = await startRunner({ port, dataDir, args });
  running.push(runner.child);
  return runner;
}

// Ctrl-C, as a person would: the stack then stops its DynamoDB Local (a SIGKILL to its process alone would leave that JVM running).
afterAll(async () => {
  for (const child of running) await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}-edi`, { recursive: true, force: true });
});

describe('npm start, driven over HTTP as a newcomer would', () => {
  let orderId = '';
  let poNumbers: string[] = [];

  it('takes an order, shows it in the Dropship tab, and follows both vendors to DISPATCHED', async () => {
    const port = await freePort();
    // Without the demo history, so the Dropship tab holds exactly this order's POs (the browser tests cover the history).
    const runner = await startRunnerHere(port, ['--reset', '--no-demo-history']);
    expect(runner.output).toContain(`API             ${runner.url}`);
    for (const key of ['sk_local_storefront', 'sk_local_ops', 'sk_local_vendor_acme', 'sk_local_vendor_globex']) expect(runner.output).toContain(key);

    const placed = await call(runner.url, 'POST', '/orders', 'sk_local_storefront', anOrder({ skus: ['LAMP-001', 'CHAIR-002', 'MUG-003'] }), {
      'Idempotency-Key': 'e2e-1',
    });
    console.log(`offline runner: ready ${Math.round(runner.startupMs)} ms after start, first order served ${Math.round(performance.now() - runner.launchedAt)} ms after start`);
    expect(placed.status).toBe(201);
    orderId = placed.body.orderId;
    poNumbers = placed.body.purchaseOrders.map((po: { poNumber: string }) => po.poNumber);
    expect(poNumbers).toHaveLength(2);

    const tab = await call(runner.url, 'GET', '/dropship/orders', 'sk_local_ops');
    expect(tab.body.items.map((row: { poNumber: string }) => row.poNumber).sort()).toEqual([...poNumbers].sort());

    const openapi = (await fetch(`${runner.url}/openapi.json`).then((r) => r.json())) as JsonBody;
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/orders');

    // The EDI vendor takes its 850 from its SFTP mailbox with OpenSSH's sftp (the line the banner prints) and answers
    // with an 855 and an 856 put into /in; the API vendor uses JSON.
    const [acmePo, globexPo] = ['acme', 'globex'].map((vendorId) => placed.body.purchaseOrders.find((po: { vendorId: string }) => po.vendorId === vendorId).poNumber as string);
    const globex = 'sk_local_vendor_globex';
    const sftpLine = /SFTP mailboxes\s+sftp -i \S+ -P (\d+) acme@127\.0\.0\.1/.exec(runner.output);
    expect(sftpLine).not.toBeNull();
    const sftp = (commands: string[], cwd: string) => sftpBatch({ port: Number(sftpLine?.[1]), user: 'acme', keyPath: `${dataDir}-edi/keys/acme`, commands, cwd });
    const partner = mkdtempSync(join(tmpdir(), 'acme-edi-'));
    await eventually(async () => expect((await sftp(['get /out/850_*'], partner)).code).toBe(0));
    const [file850] = readdirSync(partner);
    expect(segmentsOf(parseX12(readFileSync(join(partner, file850 ?? ''), 'utf8')).sets[0], 'BEG')[0]?.[2]).toBe(acmePo);
    const ack = vendorInterchange({ setId: '855', functionalId: 'PR', control: 7001, segments: [`BAK*00*AC*${acmePo}*20261124`, 'PO1*1*1*EA', 'ACK*IA*1*EA*068*20261201', 'CTT*1'] });
    const asn = vendorInterchange({
      setId: '856', functionalId: 'SH', control: 7002,
      segments: ['BSN*00*ASN-1*20261125*1400', 'HL*1**S', 'TD5*B*2*UPSN*M*GROUND', 'REF*CN*1Z999AA10123456784', 'HL*2*1*O', `PRF*${acmePo}`, 'HL*3*2*I', 'LIN*1*VP*AC-100', 'SN1**1*EA'],
    });
    writeFileSync(join(partner, 'ack.edi'), ack);
    expect((await sftp(['put ack.edi /in/'], partner)).code).toBe(0);
    await eventually(async () => expect((await call(runner.url, 'GET', `/dropship/orders/${acmePo}`, 'sk_local_ops')).body.purchaseOrder.status).toBe('ACKNOWLEDGED'));
    writeFileSync(join(partner, 'asn.edi'), asn);
    expect((await sftp(['put asn.edi /in/'], partner)).code).toBe(0);
    await eventually(async () => expect((await call(runner.url, 'GET', `/dropship/orders/${acmePo}`, 'sk_local_ops')).body.purchaseOrder.status).toBe('DISPATCHED'));

    await eventually(async () => expect((await call(runner.url, 'GET', `/vendor/purchase-orders/${globexPo}`, globex)).body.status).toBe('SENT_TO_VENDOR'));
    await call(runner.url, 'POST', `/vendor/purchase-orders/${globexPo}/acknowledgment`, globex, { estimatedShipDate: '2026-12-01', lines: [{ lineNumber: 1, status: 'ACCEPTED' }] });
    await call(runner.url, 'POST', `/vendor/purchase-orders/${globexPo}/shipments`, globex, {
      carrier: 'FedEx', service: 'GROUND', shipDate: '2026-11-25', packages: [{ trackingNumber: '799531274483', lines: [{ lineNumber: 1, quantity: 1 }] }],
    });

    const order = await call(runner.url, 'GET', `/orders/${orderId}`, 'sk_local_storefront');
    expect(order.body.purchaseOrders.map((po: { status: string }) => po.status)).toEqual(['DISPATCHED', 'DISPATCHED']);
    expect(order.body.purchaseOrders.flatMap((po: JsonBody) => po.shipments.flatMap((s: JsonBody) => s.packages.map((p: JsonBody) => p.trackingUrl))).sort()).toEqual([
      'https://www.fedex.com/fedextrack/?trknbr=799531274483',
      'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    ]);

    // The customer's emails are in the SES emulator, whose viewer the runner printed.
    const mailViewer = /Mail viewer\s+(http:\/\/\S+)/.exec(runner.output)?.[1];
    const subjects = await eventually(async () => {
      const store = (await fetch(`${mailViewer}/store`).then((r) => r.json())) as { emails: { subject: string }[] };
      expect(store.emails.filter((e) => e.subject.includes('has shipped'))).toHaveLength(2);
      return store.emails.map((e) => e.subject);
    });
    expect(subjects.filter((s) => s.startsWith('We have your order'))).toHaveLength(1);

    expect(await stop(runner.child)).toBe(0);
  });

  it('keeps the data across a restart and stops DynamoDB Local with Ctrl-C', async () => {
    const port = await freePort();
    const runner = await startRunnerHere(port);
    const dynamoUrl = /DynamoDB Local\s+(http:\/\/\S+)/.exec(runner.output)?.[1];
    const order = await call(runner.url, 'GET', `/orders/${orderId}`, 'sk_local_storefront');
    expect(order.status).toBe(200);
    expect(order.body.purchaseOrders.map((po: { poNumber: string }) => po.poNumber)).toEqual(poNumbers);

    expect(await stop(runner.child)).toBe(0);
    await expect(fetch(dynamoUrl ?? 'http://127.0.0.1:1')).rejects.toThrow();
  });
});
