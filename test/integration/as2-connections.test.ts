import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { eventually } from '../support/eventually';
import { startSeededApi, type ApiClient } from '../support/local-api';
import { openssl, partnerCertificate, writeIn } from '../support/openssl';
import { sentPurchaseOrder, workflowsParked } from '../support/sent-purchase-order';
import { scriptedAnswers, sent850Of } from '../support/certification-script';
import { vendorInterchange } from '../support/x12';

let client: ApiClient;
const ops = { key: demoKeys.ops };
let partner: Awaited<ReturnType<typeof partnerCertificate>>;
let partnerServer: Server;
let partnerUrl = '';
/** What the partner's AS2 server got from us, as OpenSSL read it. */
const received: { headers: Record<string, string | string[] | undefined>; decrypt: number; verify: string; payload: string }[] = [];
let ourCertPath = '';
let control = 8100;

const status = async (poNumber: string) => (await client.call('GET', `/dropship/orders/${poNumber}`, ops)).body.purchaseOrder.status;

/** The partner's side, written with OpenSSL: decrypt our message, verify our signature, answer with a signed MDN. */
async function partnerReceives(headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<{ contentType: string; body: Buffer }> {
  // Messages may arrive together (a certification run sends six): each gets a folder of its own.
  const dir = mkdtempSync(join(partner.dir, 'received-'));
  writeIn(dir, 'in.der', body);
  const decrypted = await openssl(['cms', '-decrypt', '-binary', '-inform', 'DER', '-in', 'in.der', '-recip', partner.certPath, '-inkey', partner.keyPath, '-out', 'in.mime'], dir);
  const verified = await openssl(['cms', '-verify', '-in', 'in.mime', '-CAfile', ourCertPath, '-partial_chain', '-out', 'content.bin'], dir);
  const content = readFileSync(join(dir, 'content.bin'), 'latin1');
  received.push({ headers, decrypt: decrypted.code, verify: verified.output, payload: content });
  // The MIC in the algorithm we asked for (signed-receipt-micalg), as RFC 4130 §7.3.1 says.
  const micalg = /signed-receipt-micalg=[^,]*,\s*([\w-]+)/.exec(String(headers['disposition-notification-options']))?.[1] ?? 'sha-256';
  const mic = createHash(micalg.replace('-', '')).update(Buffer.from(content, 'latin1')).digest('base64');
  const report = [
    'Content-Type: multipart/report; report-type=disposition-notification; boundary="rep"', '', '--rep', 'Content-Type: text/plain', '', 'Received.', '--rep',
    'Content-Type: message/disposition-notification', '', `Original-Message-ID: ${headers['message-id']}`, 'Final-Recipient: rfc822; ACMEAS2',
    'Disposition: automatic-action/MDN-sent-automatically; processed', `Received-Content-MIC: ${mic}, ${micalg}`, '', '--rep--', '',
  ].join('\r\n');
  writeIn(dir, 'report.mime', report);
  await openssl(['cms', '-sign', '-binary', '-in', 'report.mime', '-signer', partner.certPath, '-inkey', partner.keyPath, '-md', 'sha256', '-out', 'mdn.mime'], dir);
  const mdn = readFileSync(join(dir, 'mdn.mime'));
  const split = mdn.indexOf('\n\n') >= 0 && (mdn.indexOf('\r\n\r\n') < 0 || mdn.indexOf('\n\n') < mdn.indexOf('\r\n\r\n')) ? { at: mdn.indexOf('\n\n'), length: 2 } : { at: mdn.indexOf('\r\n\r\n'), length: 4 };
  const contentType = /Content-Type: ([^\r\n]+)/i.exec(mdn.subarray(0, split.at).toString('latin1'))?.[1] ?? '';
  return { contentType, body: mdn.subarray(split.at + split.length) };
}

/** A partner's 855/856 as its AS2 software sends it: signed and encrypted by OpenSSL, optionally changed after signing. */
async function postAs2(x12: string, options: { tamper?: (signed: string) => string; from?: string } = {}) {
  const dir = partner.dir;
  writeIn(dir, 'payload.mime', `Content-Type: application/edi-x12\r\nContent-Disposition: attachment; filename="doc-${control}.edi"\r\n\r\n${x12}`);
  expect((await openssl(['cms', '-sign', '-binary', '-in', 'payload.mime', '-signer', partner.certPath, '-inkey', partner.keyPath, '-md', 'sha256', '-out', 'signed.mime'], dir)).code).toBe(0);
  if (options.tamper) writeIn(dir, 'signed.mime', options.tamper(readFileSync(join(dir, 'signed.mime'), 'latin1')));
  expect((await openssl(['cms', '-encrypt', '-binary', '-aes256', '-in', 'signed.mime', '-outform', 'DER', '-out', 'message.der', ourCertPath], dir)).code).toBe(0);
  const response = await fetch(client.as2.url, {
    method: 'POST',
    headers: {
      'AS2-Version': '1.2', 'AS2-From': options.from ?? 'ACMEAS2', 'AS2-To': 'DROPSHIPOMS', 'Message-ID': `<msg-${control}@partner.example>`,
      'Content-Type': 'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m',
      'Disposition-Notification-To': 'edi@partner.example',
      'Disposition-Notification-Options': 'signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256',
    },
    body: readFileSync(join(dir, 'message.der')),
  });
  const mdn = Buffer.from(await response.arrayBuffer());
  writeIn(dir, 'mdn.mime', Buffer.concat([Buffer.from(`Content-Type: ${response.headers.get('content-type')}\r\n\r\n`), mdn]));
  const verified = await openssl(['cms', '-verify', '-in', 'mdn.mime', '-CAfile', ourCertPath, '-partial_chain', '-out', 'report.txt'], dir);
  const report = verified.code === 0 ? readFileSync(join(dir, 'report.txt'), 'latin1') : '';
  return { verified, report, signedContentMic: createHash('sha256').update(readFileSync(join(dir, 'payload.mime'))).digest('base64') };
}

beforeAll(async () => {
  client = await startSeededApi();
  partner = await partnerCertificate('ACMEAS2');
  ourCertPath = writeIn(partner.dir, 'ours.pem', client.as2.identity().certificate);
  partnerServer = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      void partnerReceives(request.headers, Buffer.concat(chunks)).then((mdn) => response.writeHead(200, { 'content-type': mdn.contentType, 'as2-from': 'ACMEAS2', 'as2-to': 'DROPSHIPOMS' }).end(mdn.body));
    });
  });
  await new Promise<void>((resolve) => partnerServer.listen(0, '127.0.0.1', resolve));
  const address = partnerServer.address();
  partnerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/as2`;
  await client.call('PUT', '/vendor/inventory', { key: demoKeys.vendor('acme'), body: { feedId: 'as2-tests', items: [{ vendorSku: 'AC-100', available: 10_000, restockDate: null }] } });
  const saved = await client.call('PUT', '/edi/connections/acme-as2', { ...ops, body: { kind: 'AS2', as2Id: 'ACMEAS2', url: partnerUrl, signingCertificate: partner.certificate, mdn: 'SYNC' } });
  expect(saved.status).toBe(201);
  const { body: acme } = await client.call('GET', '/vendors/acme', ops);
  const { updatedAt: _u, statusHistory: _h, status: _s, ...vendor } = acme;
  expect((await client.call('PUT', '/vendors/acme', { ...ops, body: { ...vendor, edi: { ...vendor.edi, connectionId: 'acme-as2' } } })).status).toBe(200);
});
afterAll(async () => {
  await client.close();
  partnerServer.close();
});

describe('an AS2 connection, checked with OpenSSL', () => {
  it('shows the partner certificate with its expiry, and ours to hand the partner', async () => {
    const { body } = await client.call('GET', '/edi/connections/acme-as2', ops);
    expect(body.as2).toMatchObject({ as2Id: 'ACMEAS2', mdn: 'SYNC', encryption: 'AES256_CBC', signing: 'SHA256', signingCertificate: { subject: expect.stringContaining('CN=ACMEAS2'), expired: false } });
    expect(body.ours.as2).toMatchObject({ as2Id: 'DROPSHIPOMS', url: client.as2.url, certificate: expect.stringContaining('BEGIN CERTIFICATE') });
  });

  it('refuses a certificate past its expiry when the connection is saved', async () => {
    // OpenSSL 3.0's req cannot back-date a certificate, so this lapsed one is made with node-forge.
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const old = forge.pki.createCertificate();
    old.publicKey = keys.publicKey;
    old.serialNumber = '0a';
    old.validity.notBefore = new Date('2020-01-01T00:00:00Z');
    old.validity.notAfter = new Date('2021-01-01T00:00:00Z');
    old.setSubject([{ name: 'commonName', value: 'OLD' }]);
    old.setIssuer([{ name: 'commonName', value: 'OLD' }]);
    old.sign(keys.privateKey, forge.md.sha256.create());
    const { status: code, body } = await client.call('PUT', '/edi/connections/old-as2', { ...ops, body: { kind: 'AS2', as2Id: 'OLD', signingCertificate: forge.pki.certificateToPem(old) } });
    expect(code).toBe(400);
    expect(body.error.details[0]).toMatchObject({ field: 'signingCertificate', rule: 'valid_certificate', message: expect.stringContaining('expired on 2021-01-01') });
  });

  it('sends the 850 signed and encrypted: OpenSSL decrypts it and verifies our signature, and the MDN it returns is recorded', async () => {
    const poNumber = await sentPurchaseOrder(client, [['LAMP-001', 1]]);
    const message = await eventually(async () => {
      const found = received.find((r) => r.payload.includes(`BEG*00*DS*${poNumber}`));
      expect(found).toBeDefined();
      return found;
    });
    expect(message?.decrypt).toBe(0);
    expect(message?.verify).toContain('Verification successful');
    expect(message?.headers).toMatchObject({ 'as2-from': 'DROPSHIPOMS', 'as2-to': 'ACMEAS2' });
    const log = await eventually(async () => {
      const { body } = await client.call('GET', `/edi/documents?vendorId=acme&type=850&limit=10`, ops);
      const entry = body.items.find((d: { poNumbers: string[] }) => d.poNumbers.includes(poNumber));
      expect(entry).toMatchObject({ transport: 'AS2', mdn: 'processed' });
      return entry;
    });
    expect(log.fileName).toMatch(new RegExp(`^850_acme_${poNumber}_\\d{14}\\.edi$`));
    const view = await client.call('GET', '/edi/connections/acme-as2', ops);
    expect(view.body.recentFiles.find((f: { fileName: string }) => f.fileName === log.fileName)).toMatchObject({ direction: 'OUT', outcome: 'MDN_OK', mdn: 'processed' });
  });

  it("applies an 856 OpenSSL signed and encrypted, and answers with a signed MDN OpenSSL verifies, carrying the MIC of what was signed", async () => {
    const poNumber = await sentPurchaseOrder(client, [['LAMP-001', 1]]);
    const ack = await postAs2(vendorInterchange({ setId: '855', functionalId: 'PR', control: ++control, segments: [`BAK*00*AC*${poNumber}*20261124`, 'PO1*1*1*EA', 'ACK*IA*1*EA*068*20261201', 'CTT*1'] }));
    expect(ack.verified.code).toBe(0);
    await eventually(async () => expect(await status(poNumber)).toBe('ACKNOWLEDGED'));
    const asn = vendorInterchange({
      setId: '856', functionalId: 'SH', control: ++control,
      segments: [`BSN*00*SHIP-${control}*20261125*1400`, 'HL*1**S', 'TD5*B*2*UPSN*M*GROUND', 'REF*CN*1Z999AA10123456784', 'HL*2*1*O', `PRF*${poNumber}`, 'HL*3*2*I', 'LIN*1*VP*AC-100', 'SN1**1*EA'],
    });
    const shipped = await postAs2(asn);
    expect(shipped.verified.output).toContain('Verification successful');
    expect(shipped.report).toMatch(/Disposition: automatic-action\/MDN-sent-automatically; processed\r?\n/);
    expect(shipped.report).toContain(`Received-Content-MIC: ${shipped.signedContentMic}, sha-256`);
    await eventually(async () => expect(await status(poNumber)).toBe('DISPATCHED'));
    // The log is written once the set is applied: the MDN answered when the file reached /in.
    await eventually(async () => {
      const { body } = await client.call('GET', `/edi/documents?vendorId=acme&type=856&limit=5`, ops);
      expect(body.items[0]).toMatchObject({ transport: 'AS2', fileName: `doc-${control}.edi`, outcome: 'ACCEPTED' });
    });
  });

  it('answers integrity-check-failed to an 856 changed after it was signed, and changes nothing', async () => {
    const poNumber = await sentPurchaseOrder(client, [['LAMP-001', 1]]);
    const asn = vendorInterchange({
      setId: '856', functionalId: 'SH', control: ++control,
      segments: [`BSN*00*SHIP-${control}*20261125*1400`, 'HL*1**S', 'TD5*B*2*UPSN*M*GROUND', 'REF*CN*1Z999AA10123456784', 'HL*2*1*O', `PRF*${poNumber}`, 'HL*3*2*I', 'LIN*1*VP*AC-100', 'SN1**1*EA'],
    });
    const tampered = await postAs2(asn, { tamper: (signed) => signed.replace('SN1**1*EA', 'SN1**7*EA') });
    expect(tampered.verified.code).toBe(0);
    expect(tampered.report).toContain('processed/error: integrity-check-failed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await status(poNumber)).toBe('SENT_TO_VENDOR');
    await eventually(async () => {
      const { body } = await client.call('GET', '/edi/documents?vendorId=acme&accepted=false&limit=5', ops);
      expect(body.items[0]).toMatchObject({ transport: 'AS2', mdn: 'processed/error: integrity-check-failed', reasons: [expect.stringContaining('changed after signing')] });
    });
  });

  it('answers authentication-failed to an AS2 id no connection has, and decryption-failed to what is not encrypted to us', async () => {
    const stranger = await postAs2(vendorInterchange({ setId: '855', functionalId: 'PR', control: ++control, segments: ['BAK*00*AC*PO-NONE*20261124', 'CTT*0'] }), { from: 'STRANGER' });
    expect(stranger.report).toContain('processed/error: authentication-failed');
    const garbage = await fetch(client.as2.url, {
      method: 'POST',
      headers: { 'AS2-From': 'ACMEAS2', 'AS2-To': 'DROPSHIPOMS', 'Message-ID': '<garbage@partner.example>', 'Content-Type': 'application/pkcs7-mime; smime-type=enveloped-data', 'Disposition-Notification-To': 'x' },
      body: Buffer.from('not a CMS message'),
    });
    expect(Buffer.from(await garbage.arrayBuffer()).toString()).toContain('processed/error: decryption-failed');
  });
});

describe('certification over AS2', () => {
  it('passes for a new vendor whose test 850s arrive by AS2 and whose answers come back signed and encrypted', async () => {
    expect((await client.call('PUT', '/edi/connections/harbor-as2', { ...ops, body: { kind: 'AS2', as2Id: 'HARBORAS2', url: partnerUrl, signingCertificate: partner.certificate, mdn: 'SYNC', encryption: 'DES_EDE3_CBC', signing: 'SHA1' } })).status).toBe(201);
    const saved = await client.call('PUT', '/vendors/harbor', {
      ...ops,
      body: {
        name: 'Harbor (EDI over AS2)', channel: 'EDI', edi: { senderId: 'HARBOREDI', receiverId: 'DROPSHIPOMS', qualifier: 'ZZ', connectionId: 'harbor-as2' },
        sla: { ackWithinHours: 24, shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'America/New_York' },
      },
    });
    expect(saved.status).toBe(201);
    expect((await client.call('POST', '/vendors/harbor/certification', { ...ops, body: { vendorSkus: ['HB-1', 'HB-2'] } })).status).toBe(201);
    const sent = await eventually(async () => {
      const ours = received.filter((r) => r.payload.includes('*ZZ*HARBOREDI') && r.payload.includes('ST*850*'));
      expect(ours).toHaveLength(6);
      return ours.map((r) => sent850Of(r.payload.slice(r.payload.indexOf('ISA*'))));
    }, 20_000);
    // 3DES and SHA-1, as this older partner asked: OpenSSL still opened and verified each.
    expect(received.filter((r) => r.payload.includes('*ZZ*HARBOREDI')).every((r) => r.decrypt === 0 && r.verify.includes('Verification successful'))).toBe(true);
    await workflowsParked(client);
    for (const po of sent) {
      for (const answer of scriptedAnswers('HARBOREDI', po)) expect((await postAs2(answer, { from: 'HARBORAS2' })).report).toMatch(/; processed\r?\n/);
    }
    const report = await eventually(async () => {
      const { body } = await client.call('GET', '/vendors/harbor/certification', ops);
      expect(body.status).toBe('PASSED');
      return body;
    }, 30_000);
    expect(report.steps.every((s: { status: string }) => s.status === 'PASSED')).toBe(true);
  }, 90_000);
});
