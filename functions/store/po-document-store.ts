import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { poDocumentKeys } from './keys';
import type { Table } from './table';

/** An X12 document as the PO's page shows it. */
export interface PoDocument {
  poNumber: string;
  direction: 'OUT' | 'IN';
  type: string;
  documentId: string;
  at: string;
  x12: string;
  /** Inbound: the 997 that answered it, and whether it was accepted. */
  acknowledgment?: string;
  accepted?: boolean;
  /** Inbound: why it was (partly) refused, in words. */
  reasons?: string[];
}

/** Keeps a copy of a document beside its PO; the same document again overwrites it with itself. */
export async function recordPoDocument(table: Table, document: PoDocument): Promise<void> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...poDocumentKeys.item(document.poNumber, document.at, document.documentId), entity: 'PoDocument', ...document } }));
}
