/**
 * EDI connections offline: the mailbox store over a folder in the data dir (S3's notification is a
 * call to the same mailboxFile handler), the SFTP server on ssh2, and Transfer Family's part as it
 * looks from our code (nothing to make for a user: the SFTP server reads the connection itself).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { S3Event } from 'aws-lambda';
import type { EdiTransport } from '../functions/services/edi-transport';
import type { TransferFamily } from '../functions/services/transfer-family';
import { folderMailboxes, mailboxPaths, type MailboxStore } from '../functions/store/mailbox-store';
import { getConnection } from '../functions/store/connection-store';
import type { Table } from '../functions/store/table';
import { startLocalSftpServer, type LocalSftpServer } from './sftp-server';
import { sshKeyInfo } from '../functions/domain/edi-connections';

/** An ed25519 key pair in OpenSSH's formats, written once and kept (the private key 0600, as ssh insists). */
export function ensureSshKeyPair(path: string, comment: string): { privateKey: string; publicKey: string } {
  if (!existsSync(path)) {
    // ssh2's generator now and then writes a private key its own parser refuses (seen once in a few
    // hundred): a pair is kept only once it parses.
    let pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    for (let tries = 1; ssh2.utils.parseKey(pair.private) instanceof Error && tries < 10; tries++) pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    writeFileSync(path, pair.private, { mode: 0o600 });
    writeFileSync(`${path}.pub`, `${pair.public}\n`);
  }
  chmodSync(path, 0o600);
  return { privateKey: readFileSync(path, 'utf8'), publicKey: readFileSync(`${path}.pub`, 'utf8').trim() };
}

/** The S3 notification a new object in the bucket would send (keys URL-encoded, as S3 does). */
export const objectCreatedEvent = (key: string): S3Event =>
  ({ Records: [{ eventName: 'ObjectCreated:Put', s3: { object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } } }] }) as unknown as S3Event;

/** Transfer Family's AS2 part offline (local/as2/as2-server.ts). */
export type LocalAs2Part = Pick<TransferFamily, 'sendAs2' | 'setAs2Profile'> & { ours(): Promise<{ as2Id: string; url: string; certificate: string }> };

export interface LocalEdi {
  transport: EdiTransport;
  /** Plugs in the AS2 server and connector once they run (they need the mailboxes made here). */
  useAs2(as2: LocalAs2Part): void;
  sftp: LocalSftpServer;
  keysDir: string;
  hostKeyFingerprint: string;
  /** Files a crash left in an `/in` unprocessed, handed to the handler again (as S3's retries would). */
  resumeInbound(): Promise<number>;
  stop(): Promise<void>;
}

export interface LocalEdiSettings {
  /** The folder the mailboxes (`mailboxes/…`) and keys (`keys/…`) live in. */
  root: string;
  table: Table;
  sftpPort: number;
  /** The mailboxFile Lambda's handler: called for each new object, as S3 calls it. */
  onObjectCreated(event: S3Event): Promise<unknown>;
  log?: (line: string) => void;
}

export async function startLocalEdi(settings: LocalEdiSettings): Promise<LocalEdi> {
  const keysDir = join(settings.root, 'keys');
  mkdirSync(keysDir, { recursive: true });
  const hostKey = ensureSshKeyPair(join(keysDir, 'sftp_host_ed25519'), 'dropship-oms local sftp');
  const hostKeyFingerprint = sshKeyInfo(hostKey.publicKey).fingerprint;
  // Files are handled one at a time, in the order they arrived, each after the put that made it.
  let queue: Promise<unknown> = Promise.resolve();
  const notify = (key: string) => {
    if (!mailboxPaths.parseInbound(key)) return;
    queue = queue.then(() => settings.onObjectCreated(objectCreatedEvent(key))).catch((error: unknown) => settings.log?.(`mailbox file ${key} failed: ${String(error)}`));
  };
  const mailboxes: MailboxStore = folderMailboxes(settings.root, notify);
  const sftp = await startLocalSftpServer({
    port: settings.sftpPort,
    hostKey: hostKey.privateKey,
    mailboxes,
    connectionOf: (user) => getConnection(settings.table, user),
    ...(settings.log && { log: settings.log }),
  });
  let as2: LocalAs2Part | undefined;
  const running = () => {
    if (!as2) throw new Error('AS2 is not running offline in this process');
    return as2;
  };
  const transfer: TransferFamily = {
    saveConnection: async (connection) => (connection.kind === 'SFTP' ? { userName: connection.connectionId } : {}),
    removeConnection: async () => undefined,
    sendAs2: (connection, key, body, fileName) => running().sendAs2(connection, key, body, fileName),
    setAs2Profile: (profile) => running().setAs2Profile(profile),
    ours: async () => ({ sftp: { host: '127.0.0.1', port: sftp.port, hostKeyFingerprint }, ...(as2 && { as2: await as2.ours() }) }),
  };
  return {
    transport: { mailboxes, transfer },
    useAs2: (part) => {
      as2 = part;
    },
    sftp,
    keysDir,
    hostKeyFingerprint,
    async resumeInbound() {
      let count = 0;
      for (const folder of (await mailboxes.list('mailboxes/')).folders) {
        for (const object of (await mailboxes.list(`${folder}in/`)).objects) {
          notify(object.key);
          count++;
        }
      }
      await queue;
      return count;
    },
    async stop() {
      await queue;
      await sftp.stop();
    },
  };
}
