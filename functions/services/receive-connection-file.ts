/**
 * A file a partner put in a connection's `/in` (by SFTP, or AS2 delivering it there): each
 * interchange is routed to the vendor on that connection whose ISA05/ISA06 it carries, then takes
 * the same receive path as `POST /vendor/edi`. Our answers go to `/out`; the file moves to
 * `/in/processed/`, or to `/in/rejected/` with `<name>.reason.txt` beside it when it was refused whole.
 */
import type { Dependencies } from '../dependencies';
import { unreadableFile, vendorForSender, type Connection, type ConnectionSender } from '../domain/edi-connections';
import { interchangeAck } from '../domain/x12/functional-acks';
import { interchange } from '../domain/x12/envelope';
import { readInterchanges, X12EnvelopeError, type InboundInterchange } from '../domain/x12/read-interchange';
import { logger } from '../logger';
import { getVendor } from '../store/catalog-store';
import { getConnection, listConnectionSenders, recordTransfer } from '../store/connection-store';
import { nextControlNumber } from '../store/edi-store';
import { mailboxPaths, type MailboxStore } from '../store/mailbox-store';
import { writeAnswer } from './connection-delivery';
import { logRefusedWhole, receiveInterchanges, type EdiVendor } from './receive-x12';

type Deps = Pick<Dependencies, 'table' | 'workflow' | 'now' | 'alerts' | 'edi'>;

export type FileOutcome = 'PROCESSED' | 'REJECTED' | 'GONE';

/** TA105 006: the interchange sender id is not one we know on this connection. */
const invalidSenderNote = '006';

/**
 * Answers an interchange from a sender on no vendor of the connection with a TA1 in `/out`, from the
 * receiver it addressed (ISA07/08) back to its sender. The control number is the first vendor's
 * counter on the connection (the answer must carry one; none is the sender's): no vendor, no TA1.
 */
async function answerUnknownSender(deps: Deps, connection: Connection, senders: ConnectionSender[], ic: InboundInterchange): Promise<void> {
  const counterOwner = senders[0]?.vendorId;
  if (!counterOwner) return;
  const ta1 = interchange(
    {
      sender: { qualifier: ic.receiverQualifier, id: ic.receiverId },
      receiver: { qualifier: ic.senderQualifier, id: ic.senderId },
      functionalId: 'FA',
      controlNumber: await nextControlNumber(deps.table, counterOwner),
      at: deps.now(),
      usage: ic.usage,
    },
    [],
    { ta1: interchangeAck(ic, 'R', invalidSenderNote) },
  );
  await writeAnswer(deps, connection, counterOwner, ta1);
}

/** Moves a file refused whole to `/in/rejected/`, its reason beside it. */
async function moveToRejected(mailboxes: MailboxStore, connectionId: string, name: string, reason: string): Promise<void> {
  await mailboxes.put(mailboxPaths.rejected(connectionId, `${name}.reason.txt`), `${reason}\n`);
  await mailboxes.move(mailboxPaths.inbound(connectionId, name), mailboxPaths.rejected(connectionId, name));
}

async function reject(deps: Deps, connection: Connection, senders: ConnectionSender[], name: string, text: string, reason: string): Promise<FileOutcome> {
  const transport = { transport: connection.kind, fileName: name } as const;
  // Ops see it under the vendor(s) of the connection: the file cannot be told apart further.
  for (const sender of senders) await logRefusedWhole(deps, sender.vendorId, text.slice(0, 300_000), `${reason} (file ${name} on connection ${connection.connectionId})`, transport);
  if (senders.length === 0) logger.warn('File refused on a connection with no vendor', { connectionId: connection.connectionId, fileName: name, reason });
  await moveToRejected((await deps.edi()).mailboxes, connection.connectionId, name, reason);
  await recordTransfer(deps.table, connection.connectionId, { at: deps.now().toISOString(), direction: 'IN', fileName: name, vendorIds: senders.map((s) => s.vendorId), outcome: 'REJECTED', reason });
  return 'REJECTED';
}

/**
 * Takes one file from a connection's `/in`. A second event for the same file finds it gone and
 * does nothing; an interchange already received gets its first answer again and applies nothing.
 */
export async function receiveConnectionFile(deps: Deps, connectionId: string, name: string): Promise<FileOutcome> {
  const { mailboxes } = await deps.edi();
  const key = mailboxPaths.inbound(connectionId, name);
  const bytes = await mailboxes.get(key);
  if (!bytes) return 'GONE';
  const connection = await getConnection(deps.table, connectionId);
  if (!connection) {
    logger.warn('File in the mailbox of no connection', { connectionId, fileName: name });
    await moveToRejected(mailboxes, connectionId, name, `there is no connection ${connectionId}`);
    return 'REJECTED';
  }
  const senders = await listConnectionSenders(deps.table, connectionId);
  const unreadable = unreadableFile(bytes);
  const text = bytes.toString('utf8');
  if (unreadable) return reject(deps, connection, senders, name, unreadable.startsWith('the file is not') ? text.slice(0, 2000) : '', unreadable);

  let interchanges: InboundInterchange[];
  try {
    interchanges = readInterchanges(text);
  } catch (error) {
    if (!(error instanceof X12EnvelopeError)) throw error;
    return reject(deps, connection, senders, name, text, error.message);
  }
  // Every interchange must belong to a vendor here before any is applied: a file is taken whole or refused whole.
  const routed = interchanges.map((ic) => ({ ic, sender: vendorForSender(senders, ic.senderQualifier, ic.senderId) }));
  const stranger = routed.find((r) => !r.sender);
  if (stranger) {
    const known = senders.map((s) => `${s.qualifier}/${s.senderId} (${s.vendorId})`).join(', ') || 'none';
    const reason = `ISA06 ${stranger.ic.senderId} (ISA05 ${stranger.ic.senderQualifier}) in interchange ${stranger.ic.controlNumber} is the sender id of no vendor on connection ${connectionId}; its senders are ${known}. Nothing in the file was applied.`;
    await answerUnknownSender(deps, connection, senders, stranger.ic);
    return reject(deps, connection, senders, name, text, reason);
  }

  const vendorIds = [...new Set(routed.map((r) => r.sender?.vendorId ?? ''))];
  for (const vendorId of vendorIds) {
    const vendor = await getVendor(deps.table, vendorId);
    if (!vendor?.edi) return reject(deps, connection, senders, name, text, `vendor ${vendorId} has no EDI settings`);
    const mine = routed.filter((r) => r.sender?.vendorId === vendorId).map((r) => r.ic);
    const answers = await receiveInterchanges(deps, vendor as EdiVendor, mine, { transport: connection.kind, fileName: name });
    for (const answer of answers.filter(Boolean)) await writeAnswer(deps, connection, vendorId, answer);
  }
  await mailboxes.move(key, mailboxPaths.processed(connectionId, name));
  await recordTransfer(deps.table, connectionId, { at: deps.now().toISOString(), direction: 'IN', fileName: name, vendorIds, outcome: 'PROCESSED' });
  logger.info('Connection file processed', { connectionId, fileName: name, interchanges: interchanges.length, vendorIds });
  return 'PROCESSED';
}
