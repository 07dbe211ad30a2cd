/**
 * Our documents out over a vendor's connection: written to its mailbox's `/out` (the SFTP partner
 * collects from there), and for AS2 also sent to the partner's endpoint through the connector.
 */
import type { Dependencies } from '../dependencies';
import type { Vendor } from '../domain/catalog';
import { mailboxFileName, type Connection } from '../domain/edi-connections';
import { countSend, getConnection, recordTransfer } from '../store/connection-store';
import { recordDelivery, type OutboundDocument } from '../store/edi-store';
import { mailboxPaths } from '../store/mailbox-store';
import { logger } from '../logger';
import { readInterchanges } from '../domain/x12/read-interchange';
import { isoDateOf } from '../domain/x12/x12-date';
import { TransmissionError, VendorRefusedError } from './transmission-errors';

type Deps = Pick<Dependencies, 'table' | 'now' | 'edi'>;

export async function connectionOf(deps: Pick<Dependencies, 'table'>, vendor: Vendor): Promise<Connection> {
  const connectionId = vendor.edi?.connectionId;
  const connection = connectionId ? await getConnection(deps.table, connectionId) : undefined;
  if (!connection) throw new VendorRefusedError(`vendor ${vendor.vendorId} is on connection ${connectionId}, which does not exist`);
  return connection;
}

/** An AS2 MDN that says the partner took the message (RFC 4130 §7.4.3: `processed`, with no error modifier). */
export const mdnAccepted = (disposition: string | undefined) => disposition === undefined || /processed\s*$/i.test(disposition.split(';').pop() ?? '');

/**
 * Puts a document in the vendor's mailbox, and sends it to an AS2 partner. Its file name is fixed by
 * the document, so a retry writes the same file; once delivered it is never written again.
 */
export async function deliverOverConnection(deps: Deps, vendor: Vendor, document: OutboundDocument): Promise<void> {
  if (document.delivery && mdnAccepted(document.delivery.mdn)) return;
  const connection = await connectionOf(deps, vendor);
  const { mailboxes, transfer } = await deps.edi();
  const fileName = document.delivery?.fileName ?? mailboxFileName({ type: document.type, vendorId: vendor.vendorId, reference: document.poNumber, at: new Date(document.createdAt) });
  const key = mailboxPaths.outbound(connection.connectionId, fileName);
  const body = Buffer.from(document.x12);
  if (!document.delivery) await mailboxes.put(key, body);
  const at = deps.now().toISOString();
  if (connection.kind === 'SFTP') {
    await recordDelivery(deps.table, vendor.vendorId, document.documentId, { connectionId: connection.connectionId, transport: 'SFTP', fileName, at });
    await recordTransfer(deps.table, connection.connectionId, { at, direction: 'OUT', fileName, vendorIds: [vendor.vendorId], outcome: 'WRITTEN' });
    return;
  }
  let sent;
  try {
    await countSend(deps.table, connection.connectionId, { fileName, vendorId: vendor.vendorId, documentId: document.documentId, poNumber: document.poNumber });
    sent = await transfer.sendAs2(connection, key, body, fileName);
  } catch (error) {
    await recordTransfer(deps.table, connection.connectionId, { at, direction: 'OUT', fileName, vendorIds: [vendor.vendorId], outcome: 'MDN_FAILED', reason: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  const ok = mdnAccepted(sent.mdn);
  await recordAs2Outcome(deps, connection.connectionId, { fileName, vendorId: vendor.vendorId, documentId: document.documentId }, { at, messageId: sent.messageId, ok, ...(sent.mdn && { mdn: sent.mdn }) });
  if (!ok) {
    logger.warn('AS2 MDN negative', { vendorId: vendor.vendorId, connectionId: connection.connectionId, mdn: sent.mdn });
    // Retried like a failed push; after the retries the transmission exception carries the disposition.
    throw new TransmissionError(`the AS2 partner answered with MDN disposition "${sent.mdn}"`);
  }
}

/**
 * Records how an AS2 send went on the document and the connection's files: its MDN when one came
 * (sync offline, or Transfer Family's MDN event on AWS), else sent and waiting for it.
 */
export async function recordAs2Outcome(
  deps: Pick<Dependencies, 'table'>,
  connectionId: string,
  file: { fileName: string; vendorId: string; documentId: string },
  outcome: { at: string; messageId: string; mdn?: string; ok: boolean },
): Promise<void> {
  const { at, messageId, mdn, ok } = outcome;
  await recordDelivery(deps.table, file.vendorId, file.documentId, { connectionId, transport: 'AS2', fileName: file.fileName, at, messageId, ...(mdn && { mdn }) });
  await recordTransfer(deps.table, connectionId, {
    at, direction: 'OUT', fileName: file.fileName, vendorIds: [file.vendorId], outcome: mdn === undefined ? 'SENT' : ok ? 'MDN_OK' : 'MDN_FAILED', messageId, ...(mdn && { mdn }),
  });
}

/** Our 997/999/TA1 answers to a connection's files go to its `/out`, named from their own envelope (ISA13, ISA09/10). */
export async function writeAnswer(deps: Deps, connection: Connection, vendorId: string, answer: string): Promise<string> {
  const [envelope] = readInterchanges(answer);
  const day = isoDateOf(envelope?.date);
  const at = day && envelope ? new Date(`${day}T${envelope.time.slice(0, 2)}:${envelope.time.slice(2, 4)}:00Z`) : deps.now();
  const type = envelope?.groups[0]?.sets[0]?.id ?? 'TA1';
  const fileName = mailboxFileName({ type, vendorId, reference: String(Number(envelope?.controlNumber)), at });
  const { mailboxes } = await deps.edi();
  await mailboxes.put(mailboxPaths.outbound(connection.connectionId, fileName), answer);
  return fileName;
}
