/**
 * AS2 messages in the dress other partners' software sends, made here with OpenSSL (the partner
 * side) and read by our endpoint's code: 3DES like Mendelson, SHA-1 without signed attributes and
 * a raw binary signature like IBM Sterling, compressed before signing, the bare payload inside
 * the envelope, LF-only header lines, and an unsigned MDN with a folded Content-Type.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../../local/as2/cms';
import { buildMdn, openMessage, readMdn, type Identity } from '../../local/as2/messages';
import { openssl, partnerCertificate, writeIn } from '../support/openssl';

let partner: Awaited<ReturnType<typeof partnerCertificate>>;
let ours: Awaited<ReturnType<typeof partnerCertificate>>;
let identity: Identity;
const x12 = 'ISA*00*          *00*          *ZZ*ACMESUPPLY     *ZZ*DROPSHIPOMS    *261124*1200*U*00401*000000001*0*P*>~\nGS*SH*ACMESUPPLY*DROPSHIPOMS*20261124*1200*1*X*004010~\n';
const certificates = () => ({ signingCertificate: partner.certificate, encryptionCertificate: partner.certificate });

beforeAll(async () => {
  [partner, ours] = await Promise.all([partnerCertificate('PARTNER'), partnerCertificate('DROPSHIPOMS')]);
  identity = { as2Id: 'DROPSHIPOMS', certificate: ours.certificate, privateKey: readFileSync(ours.keyPath, 'utf8') };
});

/** OpenSSL's S/MIME output split into its Content-Type and body, as an HTTP request carries them. */
const asHttp = (mime: Buffer) => {
  const text = mime.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return { contentType: /Content-Type: ([^\r\n]+)/i.exec(text.slice(0, end))?.[1] ?? '', body: mime.subarray(end + (text.slice(end).startsWith('\r\n\r\n') ? 4 : 2)) };
};

describe('opening a partner\'s AS2 message', () => {
  it('reads a 3DES-encrypted, SHA-256-signed message (Mendelson\'s defaults) and gives the MIC of the signed part', async () => {
    const payloadEntity = `Content-Type: application/EDI-X12\r\nContent-Transfer-Encoding: binary\r\nContent-Disposition: attachment; filename=asn-1.edi\r\n\r\n${x12}`;
    writeIn(partner.dir, 'p.mime', payloadEntity);
    await openssl(['cms', '-sign', '-binary', '-in', 'p.mime', '-signer', partner.certPath, '-inkey', partner.keyPath, '-md', 'sha256', '-out', 's.mime'], partner.dir);
    await openssl(['cms', '-encrypt', '-binary', '-des3', '-in', 's.mime', '-outform', 'DER', '-out', 'e.der', ours.certPath], partner.dir);
    const opened = openMessage('application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m', readFileSync(join(partner.dir, 'e.der')), identity, certificates());
    expect(opened).toMatchObject({ encrypted: true, signed: true, compressed: false, fileName: 'asn-1.edi', micAlgorithm: 'sha256' });
    expect(opened.payload.toString()).toBe(x12);
    expect(opened.mic).toBe(createHash('sha256').update(payloadEntity).digest('base64'));
  });

  it('reads SHA-1 without signed attributes and a raw binary signature part (IBM Sterling), and answers with the SHA-1 MIC asked for', async () => {
    const payloadEntity = `Content-type: Application/EDI-X12; name=Mclane_856\r\n\r\n${x12}`;
    writeIn(partner.dir, 'q.mime', payloadEntity);
    await openssl(['cms', '-sign', '-binary', '-noattr', '-in', 'q.mime', '-signer', partner.certPath, '-inkey', partner.keyPath, '-md', 'sha1', '-outform', 'DER', '-out', 'q.p7s'], partner.dir);
    const boundary = 'Sterling-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\n${payloadEntity}\r\n--${boundary}\r\nContent-Type: Application/pkcs7-signature;name=EDIINTSIG.p7s\r\n\r\n`),
      readFileSync(join(partner.dir, 'q.p7s')),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const opened = openMessage(`multipart/signed; protocol="application/pkcs7-signature"; micalg=SHA1;\tboundary="${boundary}"`, body, identity, certificates(), 'sha1');
    expect(opened).toMatchObject({ encrypted: false, signed: true, micAlgorithm: 'sha1' });
    expect(opened.mic).toBe(createHash('sha1').update(payloadEntity).digest('base64'));
  });

  it('reads a message compressed before it was signed, and one whose envelope holds the bare payload with no headers', async () => {
    const inner = Buffer.from(`Content-Type: application/edi-x12\r\n\r\n${x12}`);
    const compressed = Buffer.concat([Buffer.from('Content-Type: application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z\r\nContent-Transfer-Encoding: binary\r\n\r\n'), compress(inner)]);
    writeIn(partner.dir, 'c.mime', compressed);
    await openssl(['cms', '-sign', '-binary', '-in', 'c.mime', '-signer', partner.certPath, '-inkey', partner.keyPath, '-md', 'sha256', '-out', 'cs.mime'], partner.dir);
    const signed = asHttp(readFileSync(join(partner.dir, 'cs.mime')));
    expect(openMessage(signed.contentType, signed.body, identity, certificates())).toMatchObject({ compressed: true, signed: true, payload: Buffer.from(x12) });

    writeIn(partner.dir, 'bare.edi', x12);
    await openssl(['cms', '-encrypt', '-binary', '-aes128', '-in', 'bare.edi', '-outform', 'DER', '-out', 'bare.der', ours.certPath], partner.dir);
    const bare = openMessage('application/pkcs7-mime; smime-type=enveloped-data', readFileSync(join(partner.dir, 'bare.der')), identity, certificates());
    expect(bare).toMatchObject({ encrypted: true, signed: false, payload: Buffer.from(x12) });
  });

  it('verifies a signed part its sender stored with LF header lines once the headers are CRLF again, as the sender signed them', async () => {
    const payloadEntity = `Content-Type: application/edi-x12\r\n\r\n${x12}`;
    writeIn(partner.dir, 'lf.mime', payloadEntity);
    await openssl(['cms', '-sign', '-binary', '-in', 'lf.mime', '-signer', partner.certPath, '-inkey', partner.keyPath, '-md', 'sha256', '-out', 'lfs.mime'], partner.dir);
    const stored = asHttp(Buffer.from(readFileSync(join(partner.dir, 'lfs.mime'), 'latin1').replace('Content-Type: application/edi-x12\r\n', 'Content-Type: application/edi-x12\n'), 'latin1'));
    expect(openMessage(stored.contentType, stored.body, identity, certificates()).mic).toBe(createHash('sha256').update(payloadEntity).digest('base64'));
  });

  it('says authentication-failed for a message signed by another certificate, and decryption-failed for one encrypted to another', async () => {
    const stranger = await partnerCertificate('STRANGER');
    writeIn(stranger.dir, 'p.mime', `Content-Type: application/edi-x12\r\n\r\n${x12}`);
    await openssl(['cms', '-sign', '-binary', '-in', 'p.mime', '-signer', stranger.certPath, '-inkey', stranger.keyPath, '-out', 's.mime'], stranger.dir);
    const signed = asHttp(readFileSync(join(stranger.dir, 's.mime')));
    expect(() => openMessage(signed.contentType, signed.body, identity, certificates())).toThrow(expect.objectContaining({ disposition: 'authentication-failed' }));
    await openssl(['cms', '-encrypt', '-binary', '-aes256', '-in', 'p.mime', '-outform', 'DER', '-out', 'e.der', stranger.certPath], stranger.dir);
    expect(() => openMessage('application/pkcs7-mime; smime-type=enveloped-data', readFileSync(join(stranger.dir, 'e.der')), identity, certificates())).toThrow(expect.objectContaining({ disposition: 'decryption-failed' }));
  });
});

describe('MDNs', () => {
  it('reads an unsigned MDN with LF lines, a folded Content-Type and no final newline (Mendelson style)', () => {
    const body = Buffer.from(
      ['--b1', 'Content-Type: text/plain', '', 'The message could not be verified.', '--b1', 'Content-Type: message/disposition-notification', '',
        'Original-Message-ID: <m-1@dropship-oms>', 'Disposition: automatic-action/MDN-sent-automatically; processed/error: authentication-failed', '--b1--'].join('\n'),
    );
    expect(readMdn('multipart/report; report-type=disposition-notification;\n\tboundary="b1"', body, certificates())).toEqual({
      disposition: 'processed/error: authentication-failed', originalMessageId: '<m-1@dropship-oms>', signed: false,
    });
  });

  it('signs our MDN so that OpenSSL verifies it, with the MIC and disposition in the report', async () => {
    const mdn = buildMdn(identity, { messageId: '<p-1@partner>', originalRecipient: 'DROPSHIPOMS', disposition: 'processed', explanation: 'Received.', mic: { value: 'abc=', algorithm: 'sha256' }, signWith: 'sha256' });
    writeIn(ours.dir, 'mdn.mime', Buffer.concat([Buffer.from(`Content-Type: ${mdn.contentType}\r\n\r\n`), mdn.body]));
    const verified = await openssl(['cms', '-verify', '-in', 'mdn.mime', '-CAfile', ours.certPath, '-partial_chain', '-out', 'report.txt'], ours.dir);
    expect(verified.output).toContain('Verification successful');
    expect(readFileSync(join(ours.dir, 'report.txt'), 'latin1')).toContain('Received-Content-MIC: abc=, sha-256');
  });
});
