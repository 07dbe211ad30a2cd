import { loadConfig } from './config';
import { randomIds, type IdGenerator } from './ids';
import { connectTable, type Table } from './store/table';

/** What every handler works with: the edges, swapped in tests. */
export interface Dependencies {
  table: Table;
  now: () => Date;
  ids: IdGenerator;
}

let defaults: Dependencies | undefined;

/** Made once per process, on first use, from the environment (AWS or the local runner). */
export function defaultDependencies(): Dependencies {
  if (!defaults) {
    const config = loadConfig();
    defaults = {
      table: connectTable({ tableName: config.TABLE_NAME, region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
      now: () => new Date(),
      ids: randomIds,
    };
  }
  return defaults;
}
