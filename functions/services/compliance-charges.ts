import { PutCommand } from '@aws-sdk/lib-dynamodb';
import Papa from 'papaparse';
import type { Dependencies } from '../dependencies';
import { chargeRows, defaultComplianceRules, vendorCharges, type ComplianceRules, type VendorCharges } from '../domain/compliance';
import { readDays } from '../store/analytics-store';
import { complianceKeys } from '../store/keys';
import { getItem } from '../store/table';

type Table = Dependencies['table'];

export async function getComplianceRules(table: Table): Promise<ComplianceRules> {
  return (await getItem<ComplianceRules>(table, complianceKeys.rules())) ?? defaultComplianceRules;
}

export async function putComplianceRules(table: Table, rules: ComplianceRules): Promise<ComplianceRules> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...complianceKeys.rules(), entity: 'ComplianceRules', ...rules } }));
  return rules;
}

/** The period asked for, or the last 30 days to today. Days are the vendor's own calendar days. */
export function chargePeriod(query: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const to = query.to ?? now.toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** Each vendor's charges for the period: one Query of its day items per vendor, and the rules once. */
export async function chargesFor(table: Table, vendorIds: readonly string[], period: { from: string; to: string }): Promise<VendorCharges[]> {
  const rules = await getComplianceRules(table);
  return Promise.all(vendorIds.map(async (vendorId) => vendorCharges(vendorId, period, await readDays(table, vendorId, period.from, period.to), rules)));
}

/** The charges as CSV (Papa Parse), one row per vendor and rule, with the POs behind each. */
export const chargesCsv = (charges: readonly VendorCharges[]): string =>
  Papa.unparse(chargeRows(charges), { columns: ['vendorId', 'from', 'to', 'rule', 'posSent', 'violations', 'allowed', 'charged', 'unitAmount', 'amount', 'currency', 'poNumbers'] });

export const csvContentType = 'text/csv; charset=utf-8';
