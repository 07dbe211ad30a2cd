import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { connectTable, type Table } from '../functions/store/table';
import { lambdaContext } from '../local/api-gateway-event';
import { ensureTable } from '../local/dynamodb-local';
import { loadHandler } from '../local/handlers';
import { startLocalApi } from '../local/http-server';
import { localRoutes } from '../local/local-routes';
import { seedDemoData } from '../local/seed';
import { startLocalSes } from '../local/ses-local';
import { startLocalStepFunctions, type LocalStepFunctions } from '../local/step-functions';
import { notifierTimeoutMs, startTableStream } from '../local/table-stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Response bodies are read by the benchmark's own checks, not by the type system. */
// biome-ignore lint: JSON of any shape
export type JsonBody = any;

export interface BenchStack {
  url: string;
  table: Table;
  stepFunctions: LocalStepFunctions;
  call(method: string, path: string, key: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: JsonBody }>;
  stop(): Promise<void>;
}

/**
 * The offline stack as `npm start` runs it (API, Step Functions, the notifier on the stream, SES),
 * in this process, on a fresh table of the benchmark's DynamoDB Local. One per process: handlers
 * read the environment once.
 */
export async function startBenchStack(endpoint: string, tableName: string): Promise<BenchStack> {
  await ensureTable(endpoint, tableName);
  const outboxFile = join(mkdtempSync(join(tmpdir(), 'bench-outbox-')), 'outbox.jsonl');
  Object.assign(process.env, { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'us-east-1', LOCAL_OUTBOX_FILE: outboxFile, LOCAL_CLOCK_OFFSET_MS: '0' });
  const table = connectTable({ tableName, region: 'us-east-1', endpoint });
  await seedDemoData(table, new Date());
  const ses = await startLocalSes();
  process.env.SES_ENDPOINT = ses.endpoint;
  const stepFunctions = await startLocalStepFunctions({ retryIntervalMs: 20, log: () => undefined });
  Object.assign(process.env, { STATE_MACHINE_ARN: stepFunctions.stateMachineArn, STEPFUNCTIONS_ENDPOINT: stepFunctions.endpoint });
  const notifier = await loadHandler<(event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>>('notifier');
  const stream = await startTableStream({ endpoint, tableName, handler: (event) => notifier(event, lambdaContext('notifier', notifierTimeoutMs)), log: () => undefined });
  const api = await startLocalApi({ localRoutes: localRoutes({ outboxFile }).routes });
  return {
    url: api.url,
    table,
    stepFunctions,
    async call(method, path, key, body, headers = {}) {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await api.close();
      await stream.stop();
      await stepFunctions.stop();
      await ses.stop();
    },
  };
}
