import { connectTable } from '../../functions/store/table';
import { startLocalApi, type LocalApi } from '../../local/http-server';
import { demoAfterShipSecret, seedDemoData } from '../../local/seed';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../local/step-functions';
import { localRoutes } from '../../local/local-routes';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestTable } from './test-table';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent, S3Event } from 'aws-lambda';
import { startLocalEdi, type LocalEdi } from '../../local/edi-transport';
import { startLocalAs2, type LocalAs2 } from '../../local/as2/as2-server';
import { defaultDependencies } from '../../functions/dependencies';
import { useEdiTransport } from '../../functions/services/edi-transport';
import { lambdaContext } from '../../local/api-gateway-event';
import { loadHandler } from '../../local/handlers';
import { startLocalSes } from '../../local/ses-local';
import { notifierTimeoutMs, startTableStream, type TableStream } from '../../local/table-stream';

/** Response bodies are checked by the tests' assertions, not by the type system. */
export type JsonBody = any;

export interface ApiClient {
  api: LocalApi;
  /** The local mailboxes and SFTP server the handlers use, and the AS2 endpoint and connector. */
  edi: LocalEdi;
  as2: LocalAs2;
  stepFunctions: LocalStepFunctions;
  /** With `notifications`: the SES emulator the notifier sends to. */
  sesEndpoint?: string;
  close(): Promise<void>;
  /** The table the stack runs on (for a test's own counting client). */
  tableName: string;
  call(method: string, path: string, options?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: JsonBody; headers: Headers }>;
}

/**
 * The offline stack in process: the local API and Step Functions over a fresh table with the demo
 * vendors, products and keys. Workflow retries wait 20 ms instead of seconds. With
 * `notifications`, the notifier reads the table's stream and emails through the SES emulator.
 */
export async function startSeededApi(options: { notifications?: boolean } = {}): Promise<ApiClient> {
  const table = await createTestTable();
  await seedDemoData(connectTable({ tableName: table.name, region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }), new Date());
  const stepFunctions = await startLocalStepFunctions({ retryIntervalMs: 20 });
  Object.assign(process.env, { STATE_MACHINE_ARN: stepFunctions.stateMachineArn, STEPFUNCTIONS_ENDPOINT: stepFunctions.endpoint });
  const outboxFile = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox.jsonl');
  Object.assign(process.env, { LOCAL_OUTBOX_FILE: outboxFile, LOCAL_CLOCK_OFFSET_MS: '0', AFTERSHIP_WEBHOOK_SECRET: demoAfterShipSecret });
  const api = await startLocalApi({ localRoutes: localRoutes({ outboxFile }).routes });
  // The EDI stand-ins, as npm start runs them: mailboxes, the SFTP server and the AS2 endpoint.
  const mailboxFile = await loadHandler<(event: S3Event, context: Context) => Promise<unknown>>('mailboxFile');
  const edi = await startLocalEdi({
    root: mkdtempSync(join(tmpdir(), 'edi-')),
    table,
    sftpPort: 0,
    onObjectCreated: (event) => mailboxFile(event, lambdaContext('mailboxFile', 30_000)),
  });
  useEdiTransport(edi.transport);
  const as2Events = await loadHandler<(event: unknown, context: Context) => Promise<unknown>>('as2Events');
  const as2 = await startLocalAs2({
    port: 0,
    keysDir: edi.keysDir,
    table,
    mailboxes: edi.transport.mailboxes,
    dependencies: defaultDependencies,
    onMdnEvent: (detailType, detail) => as2Events({ 'detail-type': detailType, source: 'aws.transfer', detail }, lambdaContext('as2Events', 30_000)),
  });
  edi.useAs2(as2);
  const ses = options.notifications ? await startLocalSes() : undefined;
  let stream: TableStream | undefined;
  if (ses) {
    process.env.SES_ENDPOINT = ses.endpoint;
    const notifier = await loadHandler<(event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>>('notifier');
    stream = await startTableStream({ endpoint: process.env.DYNAMODB_ENDPOINT ?? '', tableName: table.name, pollMs: 20, handler: (event) => notifier(event, lambdaContext('notifier', notifierTimeoutMs)) });
  }
  return {
    api,
    tableName: table.name,
    stepFunctions,
    ...(ses && { sesEndpoint: ses.endpoint }),
    edi,
    as2,
    close: async () => {
      await api.close();
      await as2.stop();
      await edi.stop();
      await stream?.stop();
      await ses?.stop();
      await stepFunctions.stop();
    },
    async call(method, path, options = {}) {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: {
          ...(options.key && { 'x-api-key': options.key }),
          ...(options.body !== undefined && { 'content-type': typeof options.body === 'string' ? 'application/edi-x12' : 'application/json' }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('json');
      return { status: response.status, body: json && text ? JSON.parse(text) : text, headers: response.headers };
    },
  };
}
