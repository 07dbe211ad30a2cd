import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { defaultInvoicingRules, type Invoice, type InvoicingRules } from '../domain/invoices';
import type { Remittance } from '../domain/payables';
import { DomainError } from '../domain/errors';
import { invoiceKeys, remittanceKeys } from './keys';
import { queryListPartition, queryPage, queryStatusVendorPage, type Page } from './list-query';
import { listIndexFor } from './table-definition';
import { getItem, queryAll, withoutKeys, type Table } from './table';
import type { ReturnRecord } from '../domain/returns';
import { returnToItem } from './return-store';

/**
 * The invoice as it stands, on the item the lists index; with a corrected revision, the one it
 * replaces kept beside it as it was (`REV#nnn`), so every revision the vendor sent can be read.
 */
export const invoiceItems = (invoice: Invoice, replaced?: Invoice) => [
  { ...invoiceKeys.item(invoice.vendorId, invoice.invoiceNumber), ...invoiceKeys.indexKeys(invoice), entity: 'Invoice', ...invoice },
  ...(replaced && replaced.revision !== invoice.revision ? [{ ...invoiceKeys.revision(replaced.vendorId, replaced.invoiceNumber, replaced.revision), entity: 'InvoiceRevision', ...replaced }] : []),
];

export const getInvoice = (table: Table, vendorId: string, invoiceNumber: string) => getItem<Invoice>(table, invoiceKeys.item(vendorId, invoiceNumber));

/** Every revision of an invoice, oldest first (the ones it replaced, then itself): one Query. */
export async function invoiceRevisions(table: Table, vendorId: string, invoiceNumber: string): Promise<Invoice[]> {
  const items = await queryAll(table, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': invoiceKeys.item(vendorId, invoiceNumber).PK } });
  const revisions = items.filter((item) => String(item.SK).startsWith('REV#')).map((item) => withoutKeys<Invoice>(item));
  const current = items.find((item) => item.SK === 'INVOICE');
  return [...revisions, ...(current ? [withoutKeys<Invoice>(current)] : [])];
}

/** The Invoices tab and a vendor's list: one Query on the partition for the filter, newest first. */
export const listInvoices = (table: Table, filter: { status?: string; vendorId?: string }, page: { limit: number; cursor?: string }): Promise<Page<Invoice>> =>
  queryStatusVendorPage<Invoice>(table, invoiceKeys.partition, filter, page);

/** All of a vendor's invoices in one status (payables: the approved, unpaid ones), oldest first. */
export const invoicesInStatus = (table: Table, vendorId: string, status: Invoice['status']) =>
  queryListPartition<Invoice>(table, { vendor: true, other: true }, invoiceKeys.partition({ vendorId, status }));

/** A vendor's invoices received in a period (analytics), by their list's sort key. */
export const invoicesReceived = (table: Table, vendorId: string, from: string, to: string) =>
  queryListPartition<Invoice>(table, { vendor: true, other: false }, invoiceKeys.partition({ vendorId }), { from, to: `${to}\uffff` });

export async function getInvoicingRules(table: Table): Promise<InvoicingRules> {
  return (await getItem<InvoicingRules>(table, invoiceKeys.rules())) ?? defaultInvoicingRules;
}

export async function putInvoicingRules(table: Table, rules: InvoicingRules): Promise<InvoicingRules> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...invoiceKeys.rules(), entity: 'InvoicingRules', ...rules } }));
  return rules;
}

export const remittanceToItem = (remittance: Remittance) => ({ ...remittanceKeys.item(remittance.vendorId, remittance.reference), ...remittanceKeys.indexKeys(remittance), entity: 'Remittance', ...remittance });

export const getRemittance = (table: Table, vendorId: string, reference: string) => getItem<Remittance>(table, remittanceKeys.item(vendorId, reference));

/** A vendor's remittances, newest first (`limit` 1: the last, whose carry-forward and period the next one follows). */
export function listRemittances(table: Table, vendorId: string | undefined, page: { limit: number; cursor?: string }): Promise<Page<Remittance>> {
  const index = listIndexFor({ vendor: Boolean(vendorId), other: false });
  return queryPage<Remittance>(table, { index, partition: remittanceKeys.partition(vendorId), newestFirst: true, ...page });
}

/** DynamoDB's transaction limit less the remittance itself: the invoices and returns one payment settles. */
export const maxInvoicesPerRemittance = 99;

/**
 * The payment and every invoice it pays, in one transaction: the remittance is new (its reference
 * unused) and each invoice still the approved revision it was when the payables were read, so an
 * invoice is never paid twice and a payment never half-recorded.
 */
export async function writeRemittance(table: Table, remittance: Remittance, paid: readonly Invoice[], settled: readonly ReturnRecord[] = []): Promise<void> {
  try {
    await table.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table.name, Item: remittanceToItem(remittance), ConditionExpression: 'attribute_not_exists(PK)' } },
          ...paid.flatMap((invoice) => {
            const [current] = invoiceItems(invoice);
            return [{
              Put: {
                TableName: table.name,
                Item: current,
                ConditionExpression: '#status = :approved AND revision = :revision',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':approved': 'APPROVED', ':revision': invoice.revision },
              },
            }];
          }),
          // Each customer return whose credit the payment takes, still credited and not taken by another.
          ...settled.map((record) => ({
            Put: { TableName: table.name, Item: returnToItem(record), ConditionExpression: '#status = :credited', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':credited': 'CREDITED' } },
          })),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
      throw new DomainError('CONFLICT', `Remittance ${remittance.reference}: the reference was just used, or an invoice changed while it was being paid; read the payables again`);
    }
    throw error;
  }
}

/** A remittance's delivery to the vendor, recorded after it is sent (or fails). */
export async function putRemittance(table: Table, remittance: Remittance): Promise<void> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: remittanceToItem(remittance) }));
}
