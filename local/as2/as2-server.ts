/**
 * Transfer Family's AS2 server and connector, offline. Inbound: a partner POSTs to /as2; the
 * message is decrypted, verified and decompressed, the payload written to its connection's `/in`
 * (which takes the SFTP path from there), and answered with an MDN (signed when asked, sync or
 * async) carrying the MIC. Outbound: our documents signed, encrypted and posted to the partner's
 * URL; its MDN is read, verified and its MIC compared. Our identity (AS2 id, certificate, key) is
 * made at first start in the keys folder, or set by ops (PUT /edi/as2/profile).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import forge from 'node-forge';
import type { As2EventDetail } from '../../functions/transfers/as2-events';
import type { Connection } from '../../functions/domain/edi-connections';
import { listConnections, listConnectionSenders, recordTransfer } from '../../functions/store/connection-store';
import { mailboxPaths, type MailboxStore } from '../../functions/store/mailbox-store';
import type { Table } from '../../functions/store/table';
import { logRefusedWhole } from '../../functions/services/receive-x12';
import { TransmissionError } from '../../functions/services/transmission-errors';
import type { As2SendResult } from '../../functions/services/transfer-family';
import type { Dependencies } from '../../functions/dependencies';
import { CmsError, digestOfMicalg, type Cipher, type DigestName } from './cms';
import { buildMdn, buildMessage, openMessage, readMdn, type Identity } from './messages';
import { headerValue, multipartParts } from './mime';

export interface LocalAs2Settings {
  port: number;
  keysDir: string;
  table: Table;
  mailboxes: MailboxStore;
  /** What a handler needs to log a refused message where ops look. */
  dependencies: () => Pick<Dependencies, 'table' | 'now' | 'alerts' | 'workflow'>;
  /** Transfer Family's MDN events, offline: the as2Events handler, for async MDNs to what we sent. */
  onMdnEvent(detailType: string, detail: As2EventDetail): Promise<unknown>;
  log?: (line: string) => void;
}

export interface LocalAs2 {
  url: string;
  port: number;
  identity(): Identity;
  sendAs2(connection: Connection, key: string, body: Buffer, fileName: string): Promise<As2SendResult>;
  setAs2Profile(profile: Identity): Promise<void>;
  ours(): Promise<{ as2Id: string; url: string; certificate: string }>;
  stop(): Promise<void>;
}

/** Our AS2 identity: made once (RSA-2048, self-signed for 5 years) and kept in the keys folder. */
function ensureIdentity(keysDir: string): Identity {
  const [idFile, certFile, keyFile] = ['as2-id.txt', 'as2.pem', 'as2.key'].map((name) => join(keysDir, name)) as [string, string, string];
  if (!existsSync(keyFile)) {
    const as2Id = 'DROPSHIPOMS';
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const certificate = forge.pki.createCertificate();
    certificate.publicKey = forge.pki.publicKeyFromPem(publicKey);
    certificate.serialNumber = `01${randomUUID().replace(/-/g, '').slice(0, 14)}`;
    certificate.validity.notBefore = new Date(Date.now() - 86_400_000);
    certificate.validity.notAfter = new Date(Date.now() + 5 * 365 * 86_400_000);
    const subject = [{ name: 'commonName', value: as2Id }, { name: 'organizationName', value: 'Dropship OMS (offline)' }];
    certificate.setSubject(subject);
    certificate.setIssuer(subject);
    certificate.setExtensions([{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, keyEncipherment: true }]);
    certificate.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
    writeFileSync(keyFile, privateKey, { mode: 0o600 });
    writeFileSync(certFile, forge.pki.certificateToPem(certificate));
    writeFileSync(idFile, `${as2Id}\n`);
  }
  return { as2Id: readFileSync(idFile, 'utf8').trim(), certificate: readFileSync(certFile, 'utf8'), privateKey: readFileSync(keyFile, 'utf8') };
}

const bodyOf = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/** The connection whose partner has this AS2 id (offline the connections are few: one list read). */
async function connectionByAs2Id(table: Table, as2Id: string): Promise<Connection | undefined> {
  let cursor: string | undefined;
  do {
    const page = await listConnections(table, { limit: 100, ...(cursor && { cursor }) });
    const found = page.items.find((c) => c.kind === 'AS2' && c.as2?.as2Id === as2Id);
    if (found) return found;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return undefined;
}

/** Disposition-Notification-Options (RFC 4130 §7.3): whether a signed receipt is asked for, with which MIC algorithm. */
function mdnOptions(value: string | undefined): { signed: boolean; micalg?: string } {
  const options = Object.fromEntries((value ?? '').split(';').map((part) => {
    const eq = part.indexOf('=');
    return [part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).split(',').map((v) => v.trim().toLowerCase())];
  }));
  const protocol = options['signed-receipt-protocol'] ?? [];
  const micalgs = (options['signed-receipt-micalg'] ?? []).slice(1);
  return { signed: protocol.includes('pkcs7-signature'), ...(micalgs.find((m: string) => digestOfMicalg(m)) && { micalg: micalgs.find((m: string) => digestOfMicalg(m)) }) };
}

const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'as2-message';

export async function startLocalAs2(settings: LocalAs2Settings): Promise<LocalAs2> {
  let identity = ensureIdentity(settings.keysDir);
  /** Our messages waiting for an async MDN, by Message-ID. */
  const awaitingMdn = new Map<string, { key: string }>();

  async function receive(request: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: Buffer | string }> {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const body = await bodyOf(request);
    const contentType = header('content-type') ?? 'application/octet-stream';
    const from = (header('as2-from') ?? '').replace(/^"|"$/g, '');
    const to = (header('as2-to') ?? '').replace(/^"|"$/g, '');
    const messageId = header('message-id') ?? `<${randomUUID()}@unknown>`;

    // An asynchronous MDN to one of our messages.
    const type = headerValue(contentType).value;
    const isReport = type === 'multipart/report' || (type === 'multipart/signed' && /multipart\/report/i.test(multipartParts(body, headerValue(contentType).params.boundary ?? '')[0]?.subarray(0, 300).toString('latin1') ?? ''));
    if (isReport) {
      const connection = await connectionByAs2Id(settings.table, from);
      if (!connection?.as2) return { status: 403, headers: {}, body: `no AS2 partner ${from}` };
      let mdn;
      try {
        mdn = readMdn(contentType, body, connection.as2);
      } catch (error) {
        mdn = { disposition: `processed/error: ${error instanceof CmsError ? error.disposition : 'unexpected-processing-error'} (the MDN itself: ${(error as Error).message})`, signed: false };
      }
      const sent = mdn.originalMessageId ? awaitingMdn.get(mdn.originalMessageId) : undefined;
      if (sent) {
        awaitingMdn.delete(mdn.originalMessageId ?? '');
        await settings.onMdnEvent(/^processed\s*$/i.test(mdn.disposition) ? 'AS2 MDN Receive Completed' : 'AS2 MDN Receive Failed', {
          disposition: mdn.disposition, 'as2-message-id': mdn.originalMessageId ?? '', 's3-attributes': { 'file-key': sent.key },
        });
      }
      return { status: 200, headers: {}, body: '' };
    }

    const options = mdnOptions(header('disposition-notification-options'));
    const respond = async (disposition: string, explanation: string, mic?: { value: string; algorithm: DigestName }) => {
      if (!header('disposition-notification-to')) return { status: 200, headers: {}, body: '' };
      const mdn = buildMdn(identity, {
        messageId, originalRecipient: to || identity.as2Id, disposition, explanation,
        ...(mic && { mic }),
        ...(options.signed && { signWith: digestOfMicalg(options.micalg) ?? 'sha256' }),
      });
      const mdnHeaders = { 'content-type': mdn.contentType, 'as2-version': '1.2', 'as2-from': identity.as2Id, 'as2-to': from, 'message-id': `<${randomUUID()}@dropship-oms-offline>`, 'mime-version': '1.0' };
      const asyncUrl = header('receipt-delivery-option');
      if (asyncUrl) {
        void fetch(asyncUrl, { method: 'POST', headers: mdnHeaders, body: mdn.body }).catch((error: unknown) => settings.log?.(`as2: async MDN to ${asyncUrl} failed: ${String(error)}`));
        return { status: 200, headers: {}, body: '' };
      }
      return { status: 200, headers: mdnHeaders, body: mdn.body };
    };

    const connection = from ? await connectionByAs2Id(settings.table, from) : undefined;
    const refuse = async (disposition: string, reason: string) => {
      settings.log?.(`as2: refused ${messageId} from ${from}: ${reason}`);
      if (connection) {
        const deps = settings.dependencies();
        const fileName = `as2-${safeName(messageId)}`;
        for (const sender of await listConnectionSenders(settings.table, connection.connectionId)) {
          await logRefusedWhole(deps, sender.vendorId, '', `AS2 message ${messageId} refused (${disposition}): ${reason}`, { transport: 'AS2', fileName, messageId, mdn: `processed/error: ${disposition}` });
        }
        await recordTransfer(settings.table, connection.connectionId, { at: deps.now().toISOString(), direction: 'IN', fileName, vendorIds: [], outcome: 'MDN_FAILED', reason, messageId, mdn: `processed/error: ${disposition}` });
      }
      return respond(`processed/error: ${disposition}`, `The message ${messageId} was not processed: ${reason}`);
    };
    if (!connection?.as2) return refuse('authentication-failed', `AS2-From ${from || '(none)'} is the AS2 id of no partner connection`);
    if (to !== identity.as2Id) return refuse('authentication-failed', `AS2-To ${to || '(none)'} is not our AS2 id ${identity.as2Id}`);
    let opened;
    try {
      opened = openMessage(contentType, body, identity, connection.as2, options.micalg);
    } catch (error) {
      if (error instanceof CmsError) return refuse(error.disposition, error.message);
      throw error;
    }
    const name = safeName(opened.fileName ?? `${messageId.replace(/[<>]/g, '')}.edi`);
    const existing = await settings.mailboxes.stat(mailboxPaths.inbound(connection.connectionId, name));
    const fileName = existing ? `${name}.${randomUUID().slice(0, 8)}` : name;
    await recordTransfer(settings.table, connection.connectionId, {
      at: settings.dependencies().now().toISOString(), direction: 'IN', fileName, vendorIds: [], outcome: 'MDN_OK', messageId, mdn: 'processed',
    });
    // Into /in: from here on the file takes the same path as one put there by SFTP.
    await settings.mailboxes.put(mailboxPaths.inbound(connection.connectionId, fileName), opened.payload);
    return respond('processed', `The message ${messageId} was received${opened.encrypted ? ', decrypted' : ''}${opened.signed ? ', its signature verified' : ''}${opened.compressed ? ', decompressed' : ''}, and passed on as ${fileName}.`, { value: opened.mic, algorithm: opened.micAlgorithm });
  }

  const server: Server = createServer((request, response) => {
    if (request.method !== 'POST' || !request.url?.startsWith('/as2')) {
      response.writeHead(request.method === 'GET' ? 200 : 405, { 'content-type': 'text/plain' }).end(`AS2 endpoint of ${identity.as2Id}: POST AS2 messages here`);
      return;
    }
    receive(request).then(
      (answer) => response.writeHead(answer.status, answer.headers).end(answer.body),
      (error: unknown) => {
        settings.log?.(`as2: ${String(error)}`);
        response.writeHead(500, { 'content-type': 'text/plain' }).end('unexpected-processing-error');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const ourUrl = `http://127.0.0.1:${port}/as2`;

  return {
    url: ourUrl,
    port,
    identity: () => identity,

    async sendAs2(connection, key, payload, fileName) {
      const as2 = connection.as2;
      if (!as2?.url) throw new TransmissionError(`connection ${connection.connectionId} has no AS2 url to send to`);
      const signing = as2.signing === 'NONE' ? undefined : (as2.signing.toLowerCase() as DigestName);
      const message = buildMessage(payload, identity, as2, {
        fileName,
        ...(signing && { signing }),
        ...(as2.encryption !== 'NONE' && { encryption: as2.encryption as Cipher }),
        compression: as2.compression,
      });
      const messageId = `<${randomUUID()}@dropship-oms-offline>`;
      const headers: Record<string, string> = {
        'as2-version': '1.2', 'as2-from': identity.as2Id, 'as2-to': as2.as2Id, 'message-id': messageId, subject: fileName,
        'mime-version': '1.0', 'content-type': message.contentType, 'content-transfer-encoding': 'binary',
        ...(as2.mdn !== 'NONE' && {
          'disposition-notification-to': ourUrl,
          'disposition-notification-options': `signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, ${message.micAlgorithm === 'sha1' ? 'sha1' : message.micAlgorithm.replace('sha', 'sha-')}`,
        }),
        ...(as2.mdn === 'ASYNC' && { 'receipt-delivery-option': ourUrl }),
      };
      if (as2.mdn === 'ASYNC') awaitingMdn.set(messageId, { key });
      let response: Response;
      try {
        response = await fetch(as2.url, { method: 'POST', headers, body: message.body, signal: AbortSignal.timeout(30_000) });
      } catch (error) {
        throw new TransmissionError(`could not reach the AS2 partner at ${new URL(as2.url).host}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const answer = Buffer.from(await response.arrayBuffer());
      if (!response.ok) throw new TransmissionError(`the AS2 partner answered HTTP ${response.status}`);
      if (as2.mdn !== 'SYNC') return { messageId };
      const answerType = response.headers.get('content-type');
      if (!answerType || answer.length === 0) return { messageId, mdn: 'processed/error: no synchronous MDN came back' };
      try {
        const mdn = readMdn(answerType, answer, as2);
        if (/^processed\s*$/i.test(mdn.disposition) && mdn.mic && mdn.mic !== message.mic) {
          return { messageId, mdn: `processed/error: MIC mismatch (we sent ${message.mic}, the partner received ${mdn.mic})` };
        }
        return { messageId, mdn: mdn.disposition };
      } catch (error) {
        return { messageId, mdn: `processed/error: ${error instanceof CmsError ? error.disposition : 'unexpected-processing-error'} (the MDN: ${(error as Error).message})` };
      }
    },

    async setAs2Profile(profile) {
      writeFileSync(join(settings.keysDir, 'as2.key'), profile.privateKey, { mode: 0o600 });
      writeFileSync(join(settings.keysDir, 'as2.pem'), profile.certificate);
      writeFileSync(join(settings.keysDir, 'as2-id.txt'), `${profile.as2Id}\n`);
      identity = ensureIdentity(settings.keysDir);
    },

    ours: async () => ({ as2Id: identity.as2Id, url: ourUrl, certificate: identity.certificate }),

    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
