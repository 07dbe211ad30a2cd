import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { scriptedAnswers, sent850Of } from '../support/certification-script';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient } from '../support/local-api';
import { partnerKey, sftpBatch } from '../support/openssh';
import { sentPurchaseOrder, workflowsParked } from '../support/sent-purchase-order';
import { parseX12, segmentsOf, vendorInterchange } from '../support/x12';

let client: ApiClient;
const ops = { key: demoKeys.ops };
const acmeKey = partnerKey('acme');
let sftpPort = 0;
let control = 4000;

const sftp = (commands: string[], options: { user?: string; keyPath?: string; cwd?: string } = {}) =>
  sftpBatch({ port: sftpPort, user: options.user ?? 'acme-mailbox', keyPath: options.keyPath ?? acmeKey.path, commands, ...(options.cwd && { cwd: options.cwd }) });

/** A local folder holding one file, for `put`. */
function localFile(name: string, content: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'partner-out-'));
  writeFileSync(join(folder, name), content);
  return folder;
}

async function putVendor(vendorId: string, edi: Record<string, unknown>) {
  const { body } = await client.call('GET', `/vendors/${vendorId}`, ops);
  const { updatedAt: _u, statusHistory: _h, status: _s, ...vendor } = body;
  return client.call('PUT', `/vendors/${vendorId}`, { ...ops, body: { ...vendor, edi: { ...vendor.edi, ...edi } } });
}

beforeAll(async () => {
  client = await startSeededApi();
  sftpPort = client.edi.sftp.port;
  await client.call('PUT', '/vendor/inventory', { key: demoKeys.vendor('acme'), body: { feedId: 'sftp-tests', items: [{ vendorSku: 'AC-100', available: 10_000, restockDate: null }] } });
  const created = await client.call('PUT', '/edi/connections/acme-mailbox', { ...ops, body: { kind: 'SFTP', sshPublicKeys: [acmeKey.publicKey] } });
  expect(created.status).toBe(201);
  expect((await putVendor('acme', { connectionId: 'acme-mailbox' })).status).toBe(200);
});
afterAll(() => client.close());

describe('an SFTP connection as ops see it', () => {
  it('shows the key by its fingerprint, the vendor on it and what to hand the partner', async () => {
    const { status, body } = await client.call('GET', '/edi/connections/acme-mailbox', ops);
    expect(status).toBe(200);
    expect(body.sshPublicKeys[0]).toMatchObject({ type: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/), comment: 'acme@partner.example' });
    expect(body.vendors).toEqual([{ vendorId: 'acme', qualifier: 'ZZ', senderId: 'ACMESUPPLY', active: true }]);
    expect(body.ours.sftp).toEqual({ host: '127.0.0.1', port: sftpPort, user: 'acme-mailbox', hostKeyFingerprint: expect.stringMatching(/^SHA256:/) });
  });

  it('refuses a key that is not an OpenSSH public key, naming the field', async () => {
    const { status, body } = await client.call('PUT', '/edi/connections/broken', { ...ops, body: { kind: 'SFTP', sshPublicKeys: ['ssh-ed25519 bm90IGEga2V5 x'] } });
    expect(status).toBe(400);
    expect(body.error.details[0]).toMatchObject({ field: 'sshPublicKeys.0', rule: 'ssh_public_key' });
  });

  it('refuses a vendor on a connection that does not exist', async () => {
    const { status, body } = await putVendor('acme', { connectionId: 'nowhere' });
    expect(status).toBe(400);
    expect(body.error.details[0]).toMatchObject({ field: 'edi.connectionId', rule: 'known_connection' });
    expect((await client.call('GET', '/vendors/acme', ops)).body.edi.connectionId).toBe('acme-mailbox');
  });
});

describe('a vendor on an SFTP mailbox, with OpenSSH', () => {
  it('gets its 850 from /out, puts an 855 and an 856 into /in, and the PO is acknowledged then dispatched with 997s in /out', async () => {
    const poNumber = await sentPurchaseOrder(client, [['LAMP-001', 2]]);
    const download = mkdtempSync(join(tmpdir(), 'partner-in-'));
    const listing = await eventually(async () => {
      const result = await sftp(['cd /out', 'ls -1'], { cwd: download });
      expect(result.output).toMatch(new RegExp(`850_acme_${poNumber}_\\d{14}\\.edi`));
      return result.output;
    });
    const name850 = listing.match(new RegExp(`850_acme_${poNumber}_\\d{14}\\.edi`))?.[0] ?? '';
    expect((await sftp([`get /out/${name850}`, `rename /out/${name850} /out/archive/${name850}`], { cwd: download })).code).toBe(0);
    const x850 = parseX12(readFileSync(join(download, name850), 'utf8'));
    expect(segmentsOf(x850.sets[0], 'BEG')[0]?.[2]).toBe(poNumber);
    // Not offered over HTTPS as well: the mailbox is the vendor's channel now.
    const https = await client.call('GET', '/vendor/edi/outbound?limit=100', { key: demoKeys.vendor('acme') });
    expect(https.body.documents.map((d: { poNumber: string }) => d.poNumber)).not.toContain(poNumber);

    const ack = vendorInterchange({ setId: '855', functionalId: 'PR', control: ++control, segments: [`BAK*00*AC*${poNumber}*20261124`, 'PO1*1*2*EA', 'ACK*IA*2*EA*068*20261201', 'CTT*1'] });
    expect((await sftp([`put 855-${control}.edi /in/`], { cwd: localFile(`855-${control}.edi`, ack) })).code).toBe(0);
    await eventually(async () => expect((await client.call('GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder.status).toBe('ACKNOWLEDGED'));

    const asn = vendorInterchange({
      setId: '856', functionalId: 'SH', control: ++control,
      segments: [`BSN*00*SHIP-${control}*20261125*1400`, 'HL*1**S', 'TD5*B*2*UPSN*M*GROUND', 'REF*CN*1Z999AA10123456784', 'HL*2*1*O', `PRF*${poNumber}`, 'HL*3*2*I', 'LIN*1*VP*AC-100', 'SN1**2*EA'],
    });
    expect((await sftp([`put 856-${control}.edi /in/`], { cwd: localFile(`856-${control}.edi`, asn) })).code).toBe(0);
    await eventually(async () => expect((await client.call('GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder.status).toBe('DISPATCHED'));

    // The 856's 997 is written once the set is applied: the PO may say DISPATCHED a moment before.
    const answers = mkdtempSync(join(tmpdir(), 'partner-997-'));
    await eventually(async () => {
      expect((await sftp(['get /out/997_acme_*'], { cwd: answers })).code).toBe(0);
      expect(readdirSync(answers)).toHaveLength(2);
    });
    const acks = readdirSync(answers).map((file) => parseX12(readFileSync(join(answers, file), 'utf8')));
    expect(acks.map((a) => segmentsOf(a.sets[0], 'AK1')[0]?.[0]).sort()).toEqual(['PR', 'SH']);
    expect(acks.every((a) => segmentsOf(a.sets[0], 'AK9')[0]?.[0] === 'A')).toBe(true);
    // The partner's files moved out of /in once taken.
    await eventually(async () => {
      const processed = await sftp(['ls -1 /in/processed']);
      expect(processed.output).toContain(`855-${control - 1}.edi`);
      expect(processed.output).toContain(`856-${control}.edi`);
    });
    const log = await client.call('GET', `/edi/documents?vendorId=acme&type=856&limit=5`, ops);
    expect(log.body.items[0]).toMatchObject({ transport: 'SFTP', fileName: `856-${control}.edi`, outcome: 'ACCEPTED' });
  });

  it('refuses a key that is not on the connection, with no listing', async () => {
    const stranger = partnerKey('stranger');
    const result = await sftp(['ls /out'], { keyPath: stranger.path });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Permission denied/);
    expect(result.output).not.toMatch(/850_/);
  });

  it('refuses a path outside the home', async () => {
    const download = mkdtempSync(join(tmpdir(), 'escape-'));
    const result = await sftp(['get ../x'], { cwd: download });
    expect(result.code).not.toBe(0);
    expect(readdirSync(download)).toEqual([]);
    expect((await sftp(['ls /../../mailboxes'])).code).not.toBe(0);
  });

  it('moves a file that is not X12 to /in/rejected with its reason beside it', async () => {
    expect((await sftp(['put prices.csv /in/'], { cwd: localFile('prices.csv', 'sku,price\nAC-100,12.00\n') })).code).toBe(0);
    const folder = mkdtempSync(join(tmpdir(), 'rejected-'));
    await eventually(async () => expect((await sftp(['get /in/rejected/prices.csv.reason.txt'], { cwd: folder })).code).toBe(0));
    expect(readFileSync(join(folder, 'prices.csv.reason.txt'), 'utf8')).toMatch(/not X12: it must start with an ISA segment/);
    const exceptions = await client.call('GET', '/exceptions?type=EDI_REJECTED&vendorId=acme', ops);
    expect(exceptions.body.items[0].detail).toContain('prices.csv');
  });
});

describe('a service provider carrying two vendors on one connection', () => {
  const vanKey = partnerKey('van');
  beforeAll(async () => {
    expect((await client.call('PUT', '/edi/connections/van', { ...ops, body: { kind: 'SFTP', sshPublicKeys: [vanKey.publicKey] } })).status).toBe(201);
  });

  it('applies each interchange of one file to the vendor its ISA sender names, and refuses a file with a third sender whole', async () => {
    // acme moves to the VAN's connection; globex becomes an EDI vendor on it as well.
    expect((await putVendor('acme', { connectionId: 'van' })).status).toBe(200);
    const { body: globex } = await client.call('GET', '/vendors/globex', ops);
    const { updatedAt: _u, statusHistory: _h, status: _s, api: _a, ...rest } = globex;
    const saved = await client.call('PUT', '/vendors/globex', { ...ops, body: { ...rest, channel: 'EDI', edi: { senderId: 'GLOBEXEDI', receiverId: 'DROPSHIPOMS', qualifier: 'ZZ', connectionId: 'van' } } });
    expect(saved.status).toBe(200);
    const clash = await putVendor('globex', { senderId: 'ACMESUPPLY' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details[0]).toMatchObject({ field: 'edi.senderId', rule: 'unique_on_connection' });

    const acmePo = await sentPurchaseOrder(client, [['LAMP-001', 1]]);
    const globexPo = await sentPurchaseOrder(client, [['CHAIR-002', 1]], 'globex');
    const ackOf = (poNumber: string, sender: string) =>
      vendorInterchange({ setId: '855', functionalId: 'PR', control: ++control, sender, segments: [`BAK*00*AC*${poNumber}*20261124`, 'PO1*1*1*EA', 'ACK*IA*1*EA*068*20261201', 'CTT*1'] });
    const both = `${ackOf(acmePo, 'ACMESUPPLY')}\n${ackOf(globexPo, 'GLOBEXEDI')}`;
    expect((await sftp(['put both.edi /in/'], { user: 'van', keyPath: vanKey.path, cwd: localFile('both.edi', both) })).code).toBe(0);
    await eventually(async () => {
      expect((await client.call('GET', `/dropship/orders/${acmePo}`, ops)).body.purchaseOrder.status).toBe('ACKNOWLEDGED');
      expect((await client.call('GET', `/dropship/orders/${globexPo}`, ops)).body.purchaseOrder.status).toBe('ACKNOWLEDGED');
    });

    const nextAcme = await sentPurchaseOrder(client, [['LAMP-001', 1]]);
    const mixed = `${ackOf(nextAcme, 'ACMESUPPLY')}\n${ackOf(nextAcme, 'INITECH')}`;
    expect((await sftp(['put mixed.edi /in/'], { user: 'van', keyPath: vanKey.path, cwd: localFile('mixed.edi', mixed) })).code).toBe(0);
    const folder = mkdtempSync(join(tmpdir(), 'van-rejected-'));
    await eventually(async () => expect((await sftp(['get /in/rejected/mixed.edi.reason.txt'], { user: 'van', keyPath: vanKey.path, cwd: folder })).code).toBe(0));
    expect(readFileSync(join(folder, 'mixed.edi.reason.txt'), 'utf8')).toMatch(/ISA06 INITECH \(ISA05 ZZ\) .* is the sender id of no vendor on connection van/);
    // Refused whole: not even acme's interchange in it was applied.
    expect((await client.call('GET', `/dropship/orders/${nextAcme}`, ops)).body.purchaseOrder.status).toBe('SENT_TO_VENDOR');
    const ta1 = await sftp(['ls -1 /out'], { user: 'van', keyPath: vanKey.path });
    expect(ta1.output).toMatch(/TA1_acme_\d+_\d{14}\.edi/);
    await eventually(async () => {
      const view = await client.call('GET', '/edi/connections/van', ops);
      expect(view.body.vendors.map((v: { vendorId: string }) => v.vendorId).sort()).toEqual(['acme', 'globex']);
      expect(view.body.recentFiles[0]).toMatchObject({ fileName: 'mixed.edi', outcome: 'REJECTED', direction: 'IN' });
    });
  });
});

describe('certification over an SFTP mailbox', () => {
  it('passes for a new vendor that takes its test 850s from /out and puts its answers in /in', async () => {
    const key = partnerKey('skyline');
    expect((await client.call('PUT', '/edi/connections/skyline-sftp', { ...ops, body: { kind: 'SFTP', sshPublicKeys: [key.publicKey] } })).status).toBe(201);
    const saved = await client.call('PUT', '/vendors/skyline', {
      ...ops,
      body: {
        name: 'Skyline (EDI over SFTP)', channel: 'EDI', edi: { senderId: 'SKYLINEEDI', receiverId: 'DROPSHIPOMS', qualifier: 'ZZ', connectionId: 'skyline-sftp' },
        sla: { ackWithinHours: 24, shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'America/New_York' },
      },
    });
    expect(saved.body).toMatchObject({ status: 'ONBOARDING', edi: { connectionId: 'skyline-sftp' } });
    expect((await client.call('POST', '/vendors/skyline/certification', { ...ops, body: { vendorSkus: ['SK-1', 'SK-2'] } })).status).toBe(201);

    const inbox = mkdtempSync(join(tmpdir(), 'skyline-'));
    const as = { user: 'skyline-sftp', keyPath: key.path, cwd: inbox };
    await eventually(async () => {
      expect((await sftp(['get /out/850_skyline_*'], as)).code).toBe(0);
      expect(readdirSync(inbox).filter((f) => f.startsWith('850_'))).toHaveLength(6);
    }, 20_000);
    const sent = readdirSync(inbox).filter((f) => f.startsWith('850_')).map((file) => sent850Of(readFileSync(join(inbox, file), 'utf8')));
    expect(sent.every((po) => po.isa[14] === 'T')).toBe(true);
    await workflowsParked(client);
    const files = sent.flatMap((po) => scriptedAnswers('SKYLINEEDI', po).map((x12, i) => ({ name: `${po.poNumber}-${i}.edi`, x12 })));
    for (const file of files) writeFileSync(join(inbox, file.name), file.x12);
    // One session, as a translator's scheduled job would: every answer in order.
    expect((await sftp(files.map((f) => `put ${f.name} /in/`), as)).code).toBe(0);
    const report = await eventually(async () => {
      const { body } = await client.call('GET', '/vendors/skyline/certification', ops);
      expect(body.status).toBe('PASSED');
      return body;
    }, 30_000);
    expect(report.steps.every((s: { status: string }) => s.status === 'PASSED')).toBe(true);
    // The cancellation step's 860 went to the mailbox too.
    await eventually(async () => expect((await sftp(['ls -1 /out'], as)).output).toMatch(/860_skyline_/));
  }, 90_000);
});
