import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable } from '../../local/dynamodb-local';
import { connectTable, type Table } from '../../functions/store/table';
import type { Dependencies } from '../../functions/dependencies';
import { randomIds } from '../../functions/ids';
import { noAlerts } from '../../functions/services/alerts';
import type { PurchaseOrderWorkflow } from '../../functions/workflow/workflow-client';

/** Records what handlers ask of the workflow, for tests that do not run the state machine. */
export function recordingWorkflow(): PurchaseOrderWorkflow & { started: string[]; woken: { taskToken: string; output: unknown }[] } {
  const started: string[] = [];
  const woken: { taskToken: string; output: unknown }[] = [];
  return {
    started,
    woken,
    start: async (poNumbers) => void started.push(...poNumbers),
    wake: async (taskToken, output) => void woken.push({ taskToken, output }),
  };
}

/**
 * A fresh table in the run's DynamoDB Local (or the one at `endpoint`), from the stack's definition.
 * The environment is pointed at it too, so handlers loaded by the local server (which read the
 * environment) use it.
 */
export async function createTestTable(endpoint = inject('dynamoEndpoint')): Promise<Table> {
  const tableName = `test-${randomUUID()}`;
  await ensureTable(endpoint, tableName);
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'us-east-1',
  });
  return connectTable({ tableName, region: 'us-east-1', endpoint });
}

export const testDependencies = (table: Table, overrides: Partial<Dependencies> = {}): Dependencies => ({
  table,
  now: () => new Date(),
  ids: randomIds,
  workflow: recordingWorkflow(),
  fetch: globalThis.fetch,
  alerts: noAlerts,
  edi: () => Promise.reject(new Error('this test set up no EDI transport (see test/support/local-edi.ts)')),
  ...overrides,
});

/** A client on the same table that records the name of every DynamoDB command it sends, in order. */
export function countingTable(tableName: string): { table: Table; commands: string[] } {
  const table = connectTable({ tableName, region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
  const commands: string[] = [];
  table.db.middlewareStack.add(
    (next, context) => (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return { table, commands };
}
