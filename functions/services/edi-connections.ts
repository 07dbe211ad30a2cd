/**
 * Connections as ops manage them: saved with their Transfer Family side, shown with the vendors on
 * them, their last files and what ops hand the partner; vendors put on and taken off them.
 */
import type { ConnectionInput, ConnectionView } from '../contracts/edi-connections';
import type { Dependencies } from '../dependencies';
import type { Vendor } from '../domain/catalog';
import { checkConnection, readCertificate, sshKeyInfo, type Connection, type ConnectionSender } from '../domain/edi-connections';
import type { OurEndpoints } from './transfer-family';
import { DomainError, notFound } from '../domain/errors';
import {
  deleteConnectionItem,
  getConnection,
  listConnectionSenders,
  putConnection,
  putConnectionSender,
  recentTransfers,
  removeConnectionSender,
} from '../store/connection-store';

type Deps = Pick<Dependencies, 'table' | 'now' | 'edi'>;

/** Saves a connection and makes (or updates) its Transfer Family side; a new one answers 201. */
export async function saveConnection(deps: Deps, connectionId: string, input: ConnectionInput): Promise<{ created: boolean; connection: Connection }> {
  const now = deps.now();
  const existing = await getConnection(deps.table, connectionId);
  if (existing && existing.kind !== input.kind) {
    throw new DomainError('CONFLICT', `Connection ${connectionId} is ${existing.kind}`, [
      { field: 'kind', rule: 'unchanged', message: `must stay ${existing.kind}: delete the connection and make a new one to change how the partner connects` },
    ]);
  }
  const settings: Pick<Connection, 'kind' | 'sshPublicKeys' | 'as2'> =
    input.kind === 'SFTP'
      ? { kind: 'SFTP', sshPublicKeys: input.sshPublicKeys.map((key) => key.trim()) }
      : {
          kind: 'AS2',
          as2: {
            as2Id: input.as2Id,
            ...(input.url && { url: input.url }),
            signingCertificate: input.signingCertificate,
            encryptionCertificate: input.encryptionCertificate ?? input.signingCertificate,
            mdn: input.mdn,
            encryption: input.encryption,
            signing: input.signing,
            compression: input.compression,
          },
        };
  checkConnection(settings, now);
  const connection: Connection = {
    connectionId,
    ...settings,
    ...(existing?.transfer && { transfer: existing.transfer }),
    createdAt: existing?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const { transfer } = await deps.edi();
  const senders = await listConnectionSenders(deps.table, connectionId);
  if (connection.kind === 'AS2' || wantsUser(senders)) connection.transfer = await transfer.saveConnection(connection);
  await putConnection(deps.table, connection);
  return { created: !existing, connection };
}

export async function deleteConnection(deps: Deps, connectionId: string): Promise<void> {
  const connection = await getConnection(deps.table, connectionId);
  if (!connection) throw notFound('Connection', connectionId);
  const senders = await listConnectionSenders(deps.table, connectionId);
  if (senders.length > 0) {
    throw new DomainError('CONFLICT', `Vendors are on connection ${connectionId}`, [
      { field: 'connectionId', rule: 'no_vendors', message: `move ${senders.map((s) => s.vendorId).join(', ')} off it first (their edi.connectionId)` },
    ]);
  }
  const { transfer } = await deps.edi();
  await transfer.removeConnection(connection);
  await deleteConnectionItem(deps.table, connectionId);
}

/** What ops hand partners (on AWS, three Transfer Family reads): read once per request, however many connections it shows. */
export const ourEndpoints = async (deps: Deps) => (await deps.edi()).transfer.ours();

/** A connection as ops read it. */
export async function connectionView(deps: Deps, connection: Connection, endpoints?: OurEndpoints): Promise<ConnectionView> {
  const [senders, recentFiles, ours] = await Promise.all([
    listConnectionSenders(deps.table, connection.connectionId),
    recentTransfers(deps.table, connection.connectionId),
    endpoints ?? ourEndpoints(deps),
  ]);
  // Shown with its expiry, and whether it has passed: a certificate saved good may have expired since.
  const certificate = (pem: string) => readCertificate(pem, deps.now());
  return {
    connectionId: connection.connectionId,
    kind: connection.kind,
    ...(connection.sshPublicKeys && { sshPublicKeys: connection.sshPublicKeys.map((key) => ({ key, ...sshKeyInfo(key) })) }),
    ...(connection.as2 && {
      as2: {
        as2Id: connection.as2.as2Id,
        ...(connection.as2.url && { url: connection.as2.url }),
        mdn: connection.as2.mdn,
        encryption: connection.as2.encryption,
        signing: connection.as2.signing,
        compression: connection.as2.compression,
        signingCertificate: certificate(connection.as2.signingCertificate),
        encryptionCertificate: certificate(connection.as2.encryptionCertificate),
      },
    }),
    vendors: senders.map(({ vendorId, qualifier, senderId, active }) => ({ vendorId, qualifier, senderId, active })),
    ours: {
      ...(connection.kind === 'SFTP' && ours.sftp && { sftp: { ...ours.sftp, user: connection.connectionId } }),
      ...(connection.kind === 'AS2' && ours.as2 && { as2: { ...ours.as2, ...(ours.as2.certificate && { certificateExpiry: readCertificate(ours.as2.certificate, deps.now()).notAfter }) } }),
    },
    recentFiles,
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
  };
}

/**
 * Keeps a vendor's place on connections as it is saved: on its connection under its ISA sender
 * (refused when another vendor there has that sender: routing would be a guess), off the one it
 * left; the connection's SFTP user is removed when its last active vendor goes, made again when one returns.
 */
export async function placeVendorOnConnection(deps: Deps, vendor: Pick<Vendor, 'vendorId' | 'active' | 'edi'>, before: Pick<Vendor, 'edi'> | undefined): Promise<void> {
  const next = vendor.edi?.connectionId ? { connectionId: vendor.edi.connectionId, qualifier: vendor.edi.qualifier, senderId: vendor.edi.senderId } : undefined;
  const previous = before?.edi?.connectionId ? { connectionId: before.edi.connectionId, qualifier: before.edi.qualifier, senderId: before.edi.senderId } : undefined;
  let connection: Connection | undefined;
  if (next) {
    connection = await getConnection(deps.table, next.connectionId);
    if (!connection) {
      throw new DomainError('VALIDATION_FAILED', `No connection ${next.connectionId}`, [
        { field: 'edi.connectionId', rule: 'known_connection', message: `connection ${next.connectionId} does not exist (PUT /edi/connections/${next.connectionId} makes it)` },
      ]);
    }
    const placed = await putConnectionSender(deps.table, { ...next, vendorId: vendor.vendorId, active: vendor.active });
    if (!placed) {
      const other = (await listConnectionSenders(deps.table, next.connectionId)).find((s) => s.qualifier === next.qualifier && s.senderId === next.senderId);
      throw new DomainError('CONFLICT', `Another vendor on connection ${next.connectionId} has sender ${next.qualifier}/${next.senderId}`, [
        { field: 'edi.senderId', rule: 'unique_on_connection', message: `${next.qualifier}/${next.senderId} is vendor ${other?.vendorId}'s sender on connection ${next.connectionId}: interchanges are routed by it, so it must be one vendor's` },
      ]);
    }
  }
  const moved = previous && (!next || previous.connectionId !== next.connectionId || previous.qualifier !== next.qualifier || previous.senderId !== next.senderId);
  if (previous && moved) await removeConnectionSender(deps.table, { ...previous, vendorId: vendor.vendorId });
  for (const connectionId of new Set([next?.connectionId, moved ? previous.connectionId : undefined].filter((id): id is string => Boolean(id)))) {
    await syncSftpUser(deps, connectionId);
  }
}

/** An SFTP connection has its Transfer Family user unless every vendor on it is inactive. */
const wantsUser = (senders: readonly ConnectionSender[]) => senders.length === 0 || senders.some((s) => s.active);

async function syncSftpUser(deps: Deps, connectionId: string): Promise<void> {
  const connection = await getConnection(deps.table, connectionId);
  if (connection?.kind !== 'SFTP') return;
  const active = wantsUser(await listConnectionSenders(deps.table, connectionId));
  const { transfer } = await deps.edi();
  if (active && !connection.transfer?.userName) {
    await putConnection(deps.table, { ...connection, transfer: await transfer.saveConnection(connection) });
  } else if (!active && connection.transfer?.userName) {
    await transfer.removeConnection(connection);
    const { transfer: _removed, ...rest } = connection;
    await putConnection(deps.table, rest);
  }
}
