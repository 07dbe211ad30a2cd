import { writeAll } from './batch-write';
import { ediLogKeys } from './keys';
import { queryPage, type Page } from './list-query';
import { listIndexFor } from './table-definition';
import { queryAll, withoutKeys, type Table } from './table';

/** One document in the EDI log: what it was, about which POs, and what became of it, in words. */
export interface EdiLogEntry {
  documentId: string;
  vendorId: string;
  direction: 'IN' | 'OUT';
  /** The set id (850, 855, 856, 846, 997 …), or ISA for an interchange refused whole. */
  type: string;
  at: string;
  interchangeControl: string;
  groupControl?: string;
  setControl?: string;
  poNumbers: string[];
  /** ACCEPTED, PARTIAL (some of it applied) or REJECTED for inbound; SENT for outbound. */
  outcome: 'ACCEPTED' | 'PARTIAL' | 'REJECTED' | 'SENT';
  accepted: boolean;
  reasons: string[];
  /** ISA15 = T. */
  test: boolean;
  /** How it travelled: our HTTPS API, a connection's SFTP mailbox, or AS2 (absent on entries from before connections). */
  transport?: Transport['transport'];
  /** SFTP and AS2: the file's name in the mailbox. */
  fileName?: string;
  /** AS2: the message id and the MDN's disposition. */
  messageId?: string;
  mdn?: string;
}

export interface Transport {
  transport: 'HTTPS' | 'SFTP' | 'AS2';
  fileName?: string;
  messageId?: string;
  mdn?: string;
}

export interface EdiDocument extends EdiLogEntry {
  x12: string;
  /** Inbound: the 997/999/TA1 we answered with. */
  answer?: string;
}

/** DynamoDB items stop at 400 KB: a larger document is kept truncated, and says so. */
const maxStoredChars = 300_000;
const bounded = (text: string) => (text.length > maxStoredChars ? `${text.slice(0, maxStoredChars)}\n… (${text.length - maxStoredChars} more characters not kept)` : text);

/** Writes log entries: the summary (listed) and, beside it, the raw X12 and answer. */
export async function recordEdiDocuments(table: Table, documents: EdiDocument[]): Promise<void> {
  await writeAll(
    table,
    documents.flatMap(({ x12, answer, ...entry }) => [
      { ...ediLogKeys.summary(entry.documentId), ...ediLogKeys.indexKeys(entry), entity: 'EdiLogEntry', ...entry },
      { ...ediLogKeys.raw(entry.documentId), entity: 'EdiDocumentText', x12: bounded(x12), ...(answer && { answer: bounded(answer) }) },
    ]),
  );
}

export interface EdiLogFilter {
  vendorId?: string;
  accepted?: boolean;
  type?: string;
  direction?: 'IN' | 'OUT';
}

/** The EDI log newest first: one index partition per vendor/accepted combination, type and direction filtered within it. */
export function listEdiDocuments(table: Table, filter: EdiLogFilter, page: { limit: number; cursor?: string }): Promise<Page<EdiLogEntry>> {
  const index = listIndexFor({ vendor: Boolean(filter.vendorId), other: filter.accepted !== undefined });
  const conditions = [...(filter.type ? ['#type = :type'] : []), ...(filter.direction ? ['#direction = :direction'] : [])];
  return queryPage<EdiLogEntry>(table, {
    index,
    partition: ediLogKeys.partition(filter),
    newestFirst: true,
    ...page,
    ...(conditions.length && {
      filter: {
        expression: conditions.join(' AND '),
        names: { ...(filter.type && { '#type': 'type' }), ...(filter.direction && { '#direction': 'direction' }) },
        values: { ...(filter.type && { ':type': filter.type }), ...(filter.direction && { ':direction': filter.direction }) },
      },
    }),
  });
}

/** One document with its raw X12 and answer: one Query of its partition. */
export async function getEdiDocument(table: Table, documentId: string): Promise<EdiDocument | undefined> {
  const items = await queryAll(table, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': ediLogKeys.summary(documentId).PK } });
  const summary = items.find((item) => item.SK === ediLogKeys.summary(documentId).SK);
  const raw = items.find((item) => item.SK === ediLogKeys.raw(documentId).SK);
  if (!summary) return undefined;
  return { ...withoutKeys<EdiLogEntry>(summary), x12: String(raw?.x12 ?? ''), ...(raw?.answer !== undefined && { answer: String(raw.answer) }) };
}
