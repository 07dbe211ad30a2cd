import { loadConfig } from '../config';
import { connectTable, type Table } from './table';

let table: Table | undefined;

/**
 * The table from the environment, made once per process. Kept apart from dependencies.ts so a
 * function that needs only the table (the authorizer, on every cold request) loads no other client.
 */
export function defaultTable(): Table {
  if (!table) {
    const config = loadConfig();
    table = connectTable({ tableName: config.TABLE_NAME, region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  }
  return table;
}
