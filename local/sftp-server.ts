/**
 * Transfer Family's SFTP server, offline: ssh2's server mode over the local mailbox store. A user is
 * a connection id, signing in with one of the connection's SSH keys (keys only, as service-managed
 * Transfer Family users); its home `/` is `mailboxes/<connectionId>/`: `/in` to put files in,
 * `/out` to take ours from (and `/out/archive` to move them to). The adapter only translates
 * requests to the store; a path is rooted under `/` and normalised before the prefix is added, and
 * one that climbs above the home is refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { posix } from 'node:path';
import ssh2, { type Attributes, type Connection as SshConnection, type SFTPWrapper } from 'ssh2';
import type { Connection } from '../functions/domain/edi-connections';
import type { MailboxStore } from '../functions/store/mailbox-store';

const { Server, utils } = ssh2;
const { OPEN_MODE, STATUS_CODE } = utils.sftp;

export interface LocalSftpServer {
  port: number;
  stop(): Promise<void>;
}

export interface LocalSftpSettings {
  port: number;
  /** The host key, in OpenSSH's private key format. */
  hostKey: string;
  mailboxes: MailboxStore;
  /** The connection a user name names (undefined: no such user). */
  connectionOf(user: string): Promise<Connection | undefined>;
  log?: (line: string) => void;
}

/** Folders every mailbox shows, even empty. */
const fixedFolders = ['/in', '/out', '/in/processed', '/in/rejected', '/out/archive'];

/**
 * A client's path as a path in the home: rooted, `.` and `..` resolved, `a//b` collapsed.
 * Undefined when it climbs above `/`, holds NUL or a backslash (refused, never clamped).
 */
export function homePath(requested: string): string | undefined {
  if (requested.includes('\0') || requested.includes('\\')) return undefined;
  const parts: string[] = [];
  for (const part of requested.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

const DIRECTORY = 0o040755;
const FILE = 0o100644;

interface OpenFile {
  path: string;
  writing: boolean;
  data: Buffer;
  length: number;
}

interface OpenDirectory {
  path: string;
  done: boolean;
}

export async function startLocalSftpServer(settings: LocalSftpSettings): Promise<LocalSftpServer> {
  const { mailboxes } = settings;
  const server = new Server({ hostKeys: [settings.hostKey] }, (client: SshConnection) => {
    // SFTP is request and answer, one small packet each way: Nagle's wait would add ~40 ms to every request.
    // (ssh2 has it on the connection; its types omit it.)
    (client as SshConnection & { setNoDelay(noDelay: boolean): unknown }).setNoDelay(true);
    let connectionId = '';
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const offered = ctx.key.data;
      void settings
        .connectionOf(ctx.username)
        .then((connection) => {
          const match = (connection?.kind === 'SFTP' ? connection.sshPublicKeys ?? [] : [])
            .map((line) => utils.parseKey(line))
            .find((key): key is ssh2.ParsedKey => !(key instanceof Error) && key.getPublicSSH().length === offered.length && timingSafeEqual(key.getPublicSSH(), offered));
          if (!match) {
            settings.log?.(`sftp: refused ${ctx.username}: key not on the connection`);
            return ctx.reject();
          }
          // Without a signature the client only asks whether this key would do.
          if (ctx.signature && ctx.blob && match.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject();
          connectionId = ctx.username;
          ctx.accept();
        })
        .catch(() => ctx.reject());
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => serveSftp(acceptSftp(), connectionId));
      });
    });
    client.on('error', () => undefined);
  });

  function serveSftp(sftp: SFTPWrapper, connectionId: string) {
    const files = new Map<string, OpenFile>();
    const directories = new Map<string, OpenDirectory>();
    const keyOf = (path: string) => `mailboxes/${connectionId}${path}`;
    const newHandle = () => randomBytes(16);
    const denied = (id: number, message: string) => sftp.status(id, STATUS_CODE.PERMISSION_DENIED, message);
    const noFile = (id: number) => sftp.status(id, STATUS_CODE.NO_SUCH_FILE, 'No such file');
    const fail = (id: number) => (error: unknown) => sftp.status(id, STATUS_CODE.FAILURE, error instanceof Error ? error.message : 'failure');

    const isFolder = async (path: string) => path === '/' || fixedFolders.includes(path) || (await mailboxes.list(keyOf(`${path}/`))).objects.length > 0;
    const attributesOf = async (path: string): Promise<Attributes | undefined> => {
      const object = path === '/' ? undefined : await mailboxes.stat(keyOf(path));
      const now = Math.floor(Date.now() / 1000);
      if (object) {
        const at = Math.floor(object.modifiedAt.getTime() / 1000);
        return { mode: FILE, uid: 0, gid: 0, size: object.size, atime: at, mtime: at };
      }
      return (await isFolder(path)) ? { mode: DIRECTORY, uid: 0, gid: 0, size: 0, atime: now, mtime: now } : undefined;
    };
    const longname = (name: string, attrs: Attributes) => {
      const kind = attrs.mode === DIRECTORY ? 'drwxr-xr-x' : '-rw-r--r--';
      const date = new Date(attrs.mtime * 1000).toISOString().slice(0, 16).replace('T', ' ');
      return `${kind} 1 ${connectionId} ${connectionId} ${String(attrs.size).padStart(10)} ${date} ${name}`;
    };
    /** A request's path in the home, or a refusal sent and undefined. */
    const resolvePath = (id: number, requested: string) => {
      const path = homePath(requested);
      if (path === undefined) denied(id, `${requested} is outside your mailbox`);
      return path;
    };

    sftp.on('REALPATH', (id, requested) => {
      const path = resolvePath(id, requested);
      if (path !== undefined) sftp.name(id, [{ filename: path, longname: path, attrs: { mode: DIRECTORY, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0 } }]);
    });

    const stat = (id: number, requested: string) => {
      const path = resolvePath(id, requested);
      if (path === undefined) return;
      attributesOf(path).then((attrs) => (attrs ? sftp.attrs(id, attrs) : noFile(id)), fail(id));
    };
    sftp.on('STAT', stat);
    sftp.on('LSTAT', stat);

    sftp.on('OPENDIR', (id, requested) => {
      const path = resolvePath(id, requested);
      if (path === undefined) return;
      isFolder(path).then((folder) => {
        if (!folder) return noFile(id);
        const handle = newHandle();
        directories.set(handle.toString('hex'), { path, done: false });
        sftp.handle(id, handle);
      }, fail(id));
    });

    sftp.on('READDIR', (id, handle) => {
      const directory = directories.get(handle.toString('hex'));
      if (!directory) return sftp.status(id, STATUS_CODE.FAILURE, 'bad handle');
      if (directory.done) return sftp.status(id, STATUS_CODE.EOF);
      directory.done = true;
      void (async () => {
        const prefix = keyOf(directory.path === '/' ? '/' : `${directory.path}/`);
        const names = new Map<string, Attributes>();
        let cursor: string | undefined;
        do {
          const page = await mailboxes.list(prefix, cursor);
          for (const object of page.objects) {
            const at = Math.floor(object.modifiedAt.getTime() / 1000);
            names.set(object.key.slice(prefix.length), { mode: FILE, uid: 0, gid: 0, size: object.size, atime: at, mtime: at });
          }
          for (const folder of page.folders) names.set(folder.slice(prefix.length).replace(/\/$/, ''), { mode: DIRECTORY, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0 });
          cursor = page.nextCursor;
        } while (cursor);
        for (const fixed of fixedFolders.filter((f) => posix.dirname(f) === directory.path)) {
          if (!names.has(posix.basename(fixed))) names.set(posix.basename(fixed), { mode: DIRECTORY, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0 });
        }
        sftp.name(id, [...names].map(([filename, attrs]) => ({ filename, longname: longname(filename, attrs), attrs })));
      })().catch(fail(id));
    });

    sftp.on('OPEN', (id, requested, flags) => {
      const path = resolvePath(id, requested);
      if (path === undefined) return;
      const writing = (flags & OPEN_MODE.WRITE) !== 0;
      if (writing) {
        // Partners put files in /in only (its sub-folders are ours).
        if (posix.dirname(path) !== '/in') return denied(id, 'files go in /in (ours are in /out)');
        const handle = newHandle();
        files.set(handle.toString('hex'), { path, writing: true, data: Buffer.alloc(0), length: 0 });
        return sftp.handle(id, handle);
      }
      mailboxes.get(keyOf(path)).then((data) => {
        if (!data) return noFile(id);
        const handle = newHandle();
        files.set(handle.toString('hex'), { path, writing: false, data, length: data.length });
        sftp.handle(id, handle);
      }, fail(id));
    });

    sftp.on('READ', (id, handle, offset, length) => {
      const file = files.get(handle.toString('hex'));
      if (!file || file.writing) return sftp.status(id, STATUS_CODE.FAILURE, 'bad handle');
      if (offset >= file.length) return sftp.status(id, STATUS_CODE.EOF);
      sftp.data(id, file.data.subarray(offset, Math.min(file.length, offset + length)));
    });

    sftp.on('WRITE', (id, handle, offset, data) => {
      const file = files.get(handle.toString('hex'));
      if (!file?.writing) return sftp.status(id, STATUS_CODE.FAILURE, 'bad handle');
      const end = offset + data.length;
      if (end > file.data.length) {
        const grown = Buffer.alloc(Math.max(end, file.data.length * 2));
        file.data.copy(grown, 0, 0, file.length);
        file.data = grown;
      }
      data.copy(file.data, offset);
      file.length = Math.max(file.length, end);
      sftp.status(id, STATUS_CODE.OK);
    });

    sftp.on('FSTAT', (id, handle) => {
      const file = files.get(handle.toString('hex'));
      if (!file) return sftp.status(id, STATUS_CODE.FAILURE, 'bad handle');
      const now = Math.floor(Date.now() / 1000);
      sftp.attrs(id, { mode: FILE, uid: 0, gid: 0, size: file.length, atime: now, mtime: now });
    });

    sftp.on('CLOSE', (id, handle) => {
      const name = handle.toString('hex');
      if (directories.delete(name)) return sftp.status(id, STATUS_CODE.OK);
      const file = files.get(name);
      if (!file) return sftp.status(id, STATUS_CODE.FAILURE, 'bad handle');
      files.delete(name);
      if (!file.writing) return sftp.status(id, STATUS_CODE.OK);
      // The object appears whole when the file is closed, as an S3 upload does.
      mailboxes.put(keyOf(file.path), file.data.subarray(0, file.length)).then(() => sftp.status(id, STATUS_CODE.OK), fail(id));
    });

    sftp.on('REMOVE', (id, requested) => {
      const path = resolvePath(id, requested);
      if (path === undefined) return;
      if (!path.startsWith('/out/')) return denied(id, 'only files in /out may be removed');
      mailboxes.stat(keyOf(path)).then(async (object) => {
        if (!object) return noFile(id);
        await mailboxes.remove(keyOf(path));
        sftp.status(id, STATUS_CODE.OK);
      }, fail(id));
    });

    sftp.on('RENAME', (id, fromRequested, toRequested) => {
      const from = resolvePath(id, fromRequested);
      const to = from === undefined ? undefined : resolvePath(id, toRequested);
      if (from === undefined || to === undefined) return;
      if (!from.startsWith('/out/') || !to.startsWith('/out/')) return denied(id, 'files in /out may be moved within /out (to /out/archive) only');
      mailboxes.move(keyOf(from), keyOf(to)).then((moved) => (moved ? sftp.status(id, STATUS_CODE.OK) : noFile(id)), fail(id));
    });

    sftp.on('MKDIR', (id, requested) => {
      const path = resolvePath(id, requested);
      if (path !== undefined) fixedFolders.includes(path) ? sftp.status(id, STATUS_CODE.OK) : denied(id, 'the mailbox has fixed folders: /in, /out, /out/archive');
    });
    sftp.on('RMDIR', (id) => denied(id, 'the mailbox has fixed folders'));
    // The client's EOF ends the subsystem; closing our side lets `sftp -b` exit.
    sftp.on('end', () => sftp.end());
    sftp.on('SETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
    sftp.on('FSETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : settings.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
