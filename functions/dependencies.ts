import { loadConfig } from './config';
import { randomIds, type IdGenerator } from './ids';
import { SFNClient } from '@aws-sdk/client-sfn';
import { connectTable, type Table } from './store/table';
import { missingWorkflow, stepFunctionsWorkflow, type PurchaseOrderWorkflow } from './workflow/workflow-client';

/** What every handler works with: the edges, swapped in tests. */
export interface Dependencies {
  table: Table;
  now: () => Date;
  ids: IdGenerator;
  workflow: PurchaseOrderWorkflow;
  /** For webhooks and EDI pushes to vendors. */
  fetch: typeof fetch;
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
      workflow: config.STATE_MACHINE_ARN
        ? stepFunctionsWorkflow(
            new SFNClient({
              region: config.AWS_REGION,
              ...(config.STEPFUNCTIONS_ENDPOINT && {
                endpoint: config.STEPFUNCTIONS_ENDPOINT,
                credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
              }),
            }),
            config.STATE_MACHINE_ARN,
          )
        : missingWorkflow,
      fetch: globalThis.fetch,
    };
  }
  return defaults;
}
