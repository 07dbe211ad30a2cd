import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ediKeys, ediLogKeys } from './keys';
import { recordEdiDocuments } from './edi-log-store';
import { queryPage, type Page } from './list-query';
import { indexes } from './table-definition';
import { getItem, type Table } from './table';
import { recordPoDocument } from './po-document-store';

export interface OutboundDocument {
  documentId: string;
  vendorId: string;
  type: '850' | '860' | '820' | '180';
  /** The PO it is about; empty for a remittance (820), which is about a payment. */
  poNumber: string;
  x12: string;
  controlNumber: number;
  createdAt: string;
  collectedAt?: string;
  /** Vendors on a connection: where it was put and when it went (its AS2 message and MDN). */
  delivery?: { connectionId: string; transport: 'SFTP' | 'AS2'; fileName: string; at: string; messageId?: string; mdn?: string };
}

/**
 * The next control number for a vendor, from an atomic counter. ISA13, GS06 and ST02 all take it,
 * so every interchange, group and set this service sends a vendor has its own number.
 */
export async function nextControlNumber(table: Table, vendorId: string): Promise<number> {
  const result = await table.db.send(
    new UpdateCommand({
      TableName: table.name,
      Key: ediKeys.controlCounter(vendorId),
      UpdateExpression: 'ADD controlNumber :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.controlNumber);
}

export function getOutboundDocument(table: Table, vendorId: string, documentId: string): Promise<OutboundDocument | undefined> {
  return getItem<OutboundDocument>(table, ediKeys.outbound(vendorId, documentId));
}

/**
 * Stores a document for the vendor to collect, with a copy beside its PO, an EDI log entry, and a
 * pointer from its control number (for the vendor's 997); a document with the same id is kept as it was.
 * A vendor on a connection gets it in its mailbox instead, so it is not listed for collection over HTTPS.
 */
export async function putOutboundDocument(table: Table, document: OutboundDocument, options: { collect: boolean } = { collect: true }): Promise<OutboundDocument> {
  await recordPoDocument(table, { poNumber: document.poNumber, direction: 'OUT', type: document.type, documentId: document.documentId, at: document.createdAt, x12: document.x12 });
  const controlNumber = String(document.controlNumber);
  await recordEdiDocuments(table, [
    {
      documentId: outboundLogId(document.vendorId, document.documentId), vendorId: document.vendorId, direction: 'OUT', type: document.type, at: document.createdAt,
      interchangeControl: controlNumber, groupControl: controlNumber, setControl: controlNumber, poNumbers: [document.poNumber], outcome: 'SENT', accepted: true, reasons: [], test: false, x12: document.x12,
    },
  ]);
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...ediLogKeys.outboundControl(document.vendorId, controlNumber), entity: 'OutboundControl', documentId: document.documentId, poNumber: document.poNumber, type: document.type } }));
  try {
    await table.db.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...ediKeys.outbound(document.vendorId, document.documentId),
          ...(options.collect && ediKeys.pending(document.vendorId, document.createdAt, document.documentId)),
          entity: 'OutboundDocument',
          ...document,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return document;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await getOutboundDocument(table, document.vendorId, document.documentId)) ?? document;
  }
}

/** The vendor's documents not yet collected, oldest first (a sparse index: collected ones leave it). */
export function listPendingDocuments(table: Table, vendorId: string, page: { limit: number; cursor?: string }): Promise<Page<OutboundDocument>> {
  return queryPage<OutboundDocument>(table, { index: indexes.byCollection, partition: ediKeys.pendingPartition(vendorId), ...page });
}

/** Marks a document collected; doing it twice keeps the first time. Undefined when there is no such document. */
export async function markDocumentCollected(table: Table, vendorId: string, documentId: string, at: string): Promise<OutboundDocument | undefined> {
  try {
    const result = await table.db.send(
      new UpdateCommand({
        TableName: table.name,
        Key: ediKeys.outbound(vendorId, documentId),
        UpdateExpression: 'SET collectedAt = if_not_exists(collectedAt, :at) REMOVE GSI1PK, GSI1SK',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const { PK: _pk, SK: _sk, entity: _entity, ...document } = result.Attributes ?? {};
    return document as OutboundDocument;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** The EDI log's id for an outbound document. */
export const outboundLogId = (vendorId: string, documentId: string) => `OUT-${vendorId}-${documentId}`;

/** Which of our documents a control number (a partner's AK102) names. */
export function getOutboundByControl(table: Table, vendorId: string, controlNumber: string): Promise<{ documentId: string; poNumber: string; type: string } | undefined> {
  return getItem(table, ediLogKeys.outboundControl(vendorId, controlNumber));
}

/** Records where a document went on the vendor's connection, on the document and its EDI log entry. */
export async function recordDelivery(table: Table, vendorId: string, documentId: string, delivery: NonNullable<OutboundDocument['delivery']>): Promise<void> {
  await table.db.send(
    new UpdateCommand({
      TableName: table.name,
      Key: ediKeys.outbound(vendorId, documentId),
      UpdateExpression: 'SET delivery = :delivery',
      ExpressionAttributeValues: { ':delivery': delivery },
    }),
  );
  await table.db.send(
    new UpdateCommand({
      TableName: table.name,
      Key: ediLogKeys.summary(outboundLogId(vendorId, documentId)),
      UpdateExpression: 'SET transport = :transport, fileName = :fileName' + (delivery.messageId ? ', messageId = :messageId' : '') + (delivery.mdn ? ', mdn = :mdn' : ''),
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':transport': delivery.transport, ':fileName': delivery.fileName, ...(delivery.messageId && { ':messageId': delivery.messageId }), ...(delivery.mdn && { ':mdn': delivery.mdn }) },
    }),
  ).catch((error: unknown) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}
