/**
 * Upgrading a table written before PO list entries moved to summary items: run once, before the
 * upgraded functions take traffic (see functions/store/list-entry-backfill.ts).
 *
 *   npm run backfill-list-entries -- --table DropshipOms-dev-DataTable...
 */
import { parseArgs } from 'node:util';
import { backfillListEntries } from '../functions/store/list-entry-backfill';
import { connectTable } from '../functions/store/table';

const { values } = parseArgs({ options: { table: { type: 'string' }, region: { type: 'string', default: process.env.AWS_REGION ?? 'us-east-1' } } });
if (!values.table) {
  console.error('Usage: npm run backfill-list-entries -- --table <TableName output> [--region us-east-1]');
  process.exit(2);
}
const { moved } = await backfillListEntries(connectTable({ tableName: values.table, region: values.region }));
console.log(`${moved} purchase orders given their list entries`);
