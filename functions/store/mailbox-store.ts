/**
 * EDI mailboxes: one folder tree per connection (`mailboxes/<connectionId>/in|out/…`), S3 on AWS
 * (the bucket Transfer Family's SFTP and AS2 servers read and write) and a folder under the data
 * dir offline. The store knows keys and bytes, nothing of SFTP or AS2: the protocol adapters
 * (Transfer Family on AWS, local/sftp-server.ts and local/as2-endpoint.ts offline) translate to it.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface MailboxObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface MailboxStore {
  /** The object's bytes, or undefined when there is none (taken or moved by someone else). */
  get(key: string): Promise<Buffer | undefined>;
  put(key: string, body: Buffer | string): Promise<void>;
  /** Moves an object; false when the source is gone (a duplicate event already moved it). */
  move(from: string, to: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /** Objects and sub-folders directly under a folder (`prefix` ends in `/`), a page at a time. */
  list(prefix: string, cursor?: string): Promise<{ objects: MailboxObject[]; folders: string[]; nextCursor?: string }>;
  stat(key: string): Promise<MailboxObject | undefined>;
}

function fileIn(key: string, folder: 'in' | 'out'): { connectionId: string; name: string } | undefined {
  const match = /^mailboxes\/([^/]+)\/(in|out)\/([^/]+)$/.exec(key);
  return match?.[1] && match[2] === folder && match[3] ? { connectionId: match[1], name: match[3] } : undefined;
}

/** The folder of a connection's mailbox, and where each kind of file goes. */
export const mailboxPaths = {
  root: (connectionId: string) => `mailboxes/${connectionId}/`,
  inbound: (connectionId: string, name: string) => `mailboxes/${connectionId}/in/${name}`,
  processed: (connectionId: string, name: string) => `mailboxes/${connectionId}/in/processed/${name}`,
  rejected: (connectionId: string, name: string) => `mailboxes/${connectionId}/in/rejected/${name}`,
  outbound: (connectionId: string, name: string) => `mailboxes/${connectionId}/out/${name}`,
  /** A file a partner put in `/in` itself (not in a sub-folder of ours): `{ connectionId, name }`. */
  parseInbound: (key: string) => fileIn(key, 'in'),
  /** A file of ours in `/out` (what an AS2 MDN event names). */
  parseOutbound: (key: string) => fileIn(key, 'out'),
};

const missing = (error: unknown) => error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');

/**
 * Offline: the same keys as files under a folder. `onCreated` is the bucket's notification: called
 * after each put, as S3 calls the inbound Lambda for a new object.
 */
export function folderMailboxes(root: string, onCreated?: (key: string) => void): MailboxStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    // Keys come from our own code, never from a partner's path, but a folder store must not leave its folder.
    if (path !== base && !path.startsWith(base + sep)) throw new Error(`mailbox key outside the store: ${key}`);
    return path;
  };
  const statOf = async (key: string): Promise<MailboxObject | undefined> => {
    try {
      const info = await stat(pathOf(key));
      return info.isFile() ? { key, size: info.size, modifiedAt: info.mtime } : undefined;
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
  };
  return {
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if (missing(error) || (error instanceof Error && 'code' in error && error.code === 'EISDIR')) return undefined;
        throw error;
      }
    },
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written beside and renamed into place: a reader never sees half a file.
      const partial = `${path}.${process.pid}.${Date.now()}.partial`;
      await writeFile(partial, body);
      await rename(partial, path);
      onCreated?.(key);
    },
    async move(from, to) {
      const target = pathOf(to);
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(pathOf(from), target);
        return true;
      } catch (error) {
        if (missing(error)) return false;
        throw error;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async list(prefix) {
      const folder = pathOf(prefix);
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        if (missing(error)) return { objects: [], folders: [] };
        throw error;
      }
      const objects: MailboxObject[] = [];
      const folders: string[] = [];
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.endsWith('.partial')) continue;
        const key = relative(base, join(folder, entry.name)).split(sep).join('/');
        if (entry.isDirectory()) folders.push(`${key}/`);
        else {
          const object = await statOf(key);
          if (object) objects.push(object);
        }
      }
      return { objects, folders };
    },
    stat: statOf,
  };
}
