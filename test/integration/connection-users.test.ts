import { beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../functions/domain/edi-connections';
import type { EdiTransport } from '../../functions/services/edi-transport';
import { deleteConnection, placeVendorOnConnection, saveConnection } from '../../functions/services/edi-connections';
import { folderMailboxes } from '../../functions/store/mailbox-store';
import type { Table } from '../../functions/store/table';
import { aVendor } from '../support/builders';
import { partnerKey } from '../support/openssh';
import { createTestTable, testDependencies } from '../support/test-table';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Transfer Family as the connection service drives it: which users exist, by connection. */
function recordingTransfer(): EdiTransport & { users: Set<string> } {
  const users = new Set<string>();
  return {
    users,
    mailboxes: folderMailboxes(mkdtempSync(join(tmpdir(), 'users-'))),
    transfer: {
      saveConnection: async (c: Connection) => (users.add(c.connectionId), { userName: c.connectionId }),
      removeConnection: async (c: Connection) => void users.delete(c.connectionId),
      sendAs2: () => Promise.reject(new Error('not here')),
      setAs2Profile: () => Promise.reject(new Error('not here')),
      ours: async () => ({}),
    },
  };
}

let table: Table;
beforeAll(async () => {
  table = await createTestTable();
});

describe("an SFTP connection's Transfer Family user", () => {
  it('exists while a vendor on it is active, goes with its last active vendor, comes back with one, and goes with the connection', async () => {
    const transport = recordingTransfer();
    const deps = testDependencies(table, { edi: async () => transport });
    await saveConnection(deps, 'shared-van', { kind: 'SFTP', sshPublicKeys: [partnerKey('van').publicKey] });
    expect(transport.users.has('shared-van')).toBe(true);

    const edi = { senderId: 'ONEEDI', receiverId: 'DROPSHIPOMS', qualifier: 'ZZ', version: '004010' as const, functionalAck: '997' as const, connectionId: 'shared-van' };
    const one = aVendor({ vendorId: 'one', channel: 'EDI', edi });
    const two = aVendor({ vendorId: 'two', channel: 'EDI', edi: { ...edi, senderId: 'TWOEDI' } });
    await placeVendorOnConnection(deps, one, undefined);
    await placeVendorOnConnection(deps, two, undefined);
    await placeVendorOnConnection(deps, { ...one, active: false }, one);
    expect(transport.users.has('shared-van')).toBe(true);
    await placeVendorOnConnection(deps, { ...two, active: false }, two);
    expect(transport.users.has('shared-van')).toBe(false);
    await placeVendorOnConnection(deps, two, two);
    expect(transport.users.has('shared-van')).toBe(true);

    await expect(deleteConnection(deps, 'shared-van')).rejects.toMatchObject({ code: 'CONFLICT', details: [expect.objectContaining({ message: expect.stringContaining('one, two') })] });
    await placeVendorOnConnection(deps, { ...one, edi: { ...edi, connectionId: undefined } }, one);
    await placeVendorOnConnection(deps, { ...two, edi: { ...edi, connectionId: undefined } }, two);
    await deleteConnection(deps, 'shared-van');
    expect(transport.users.has('shared-van')).toBe(false);
  });
});
