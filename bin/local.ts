/**
 * `npm start`: the whole service offline. DynamoDB Local, the table from the stack's definition,
 * demo data, and the API served by the same handlers the Lambdas run.
 *
 *   npm start                 keep data from the last run (in .local/); a first start seeds the demo and 60 days of history
 *   npm start -- --reset      start again from the demo, with 60 days of history
 *   npm start -- --reset --no-demo-history   … without the history (the demo catalog and keys only)
 *   PORT=4000 npm start       listen on another port (default 3000)
 *   npm start -- --clock-offset-hours 48   run as if 48 hours later (SLA demos)
 *   SLA_CHECK_MINUTES=1 npm start          run the SLA check every minute (default 15; the delay check hourly)
 *   SES_PORT=8005 npm start   put the mail viewer (the SES emulator) on another port (default PORT + 5)
 *   npm start -- --verbose    the functions' JSON logs on the screen too (otherwise in the data folder's service.log)
 *   SFTP_PORT=2222 npm start  put the SFTP mailboxes on another port (default PORT + 6); AS2_PORT likewise (default PORT + 7)
 */
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connectTable } from '../functions/store/table';
import { ensureTable, JavaMissingError, portIsFree, startDynamoDbLocal } from '../local/dynamodb-local';
import { startLocalApi } from '../local/http-server';
import { connectDemoMailbox, demoAfterShipSecret, demoKeys, demoVendors, seedDemoData } from '../local/seed';
import { buildDemoHistory, writeDemoHistory } from '../local/demo-history';
import { deliverRefusedFile, writeDemoPresent } from '../local/demo-present';
import { resumeOpenPurchaseOrders } from '../local/resume-workflows';
import { startLocalStepFunctions } from '../local/step-functions';
import { localRoutes } from '../local/local-routes';
import { ensureConsoleBuilt } from '../local/console';
import { startLocalSes } from '../local/ses-local';
import { notifierTimeoutMs, startTableStream } from '../local/table-stream';
import { loadHandler } from '../local/handlers';
import { lambdaContext } from '../local/api-gateway-event';
import { runCarrierSimulator } from '../local/carrier-simulator';
import { defaultDependencies } from '../functions/dependencies';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, S3Event } from 'aws-lambda';
import { ensureSshKeyPair, startLocalEdi } from '../local/edi-transport';
import { startLocalAs2 } from '../local/as2/as2-server';
import { useEdiTransport } from '../functions/services/edi-transport';

const started = performance.now();
const { values: args } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    'clock-offset-hours': { type: 'string' },
    'no-carrier-sim': { type: 'boolean', default: false },
    'no-demo-history': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const port = Number(args.port ?? process.env.PORT ?? 3000);
const dataDir = resolve(args['data-dir'] ?? '.local/dynamodb');
const tableName = 'dropship-local';
const region = 'us-east-1';

// EDI mailboxes and keys: beside the default data folder (.local/mailboxes, .local/keys), or beside a chosen one.
const ediRoot = args['data-dir'] ? `${dataDir}-edi` : resolve(dataDir, '..');
// A data folder not there yet starts like --reset: the demo with its history, unless --no-demo-history.
const fresh = args.reset || !existsSync(dataDir);
if (args.reset) {
  rmSync(dataDir, { recursive: true, force: true });
  // The mailboxes go with the data they belong to; the keys stay, so a partner's sftp command keeps working.
  rmSync(resolve(ediRoot, 'mailboxes'), { recursive: true, force: true });
}

// The functions' structured logs (JSON lines) go to a file in the data folder, so the banner and the
// request lines are what the screen shows; --verbose puts them on the screen as well.
const logFile = join(dataDir, 'service.log');
mkdirSync(dataDir, { recursive: true });
if (!args.verbose) {
  const logs = createWriteStream(logFile, { flags: 'a' });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return text.startsWith('{"') ? logs.write(text) : write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

async function main() {
  // A fresh database gets 60 days of history (flagged demo) so scorecards, tiers and charges show
  // something: computed from the demo catalog while DynamoDB Local boots.
  const startedAt = new Date();
  const historyStarted = performance.now();
  let historySeconds = 0;
  const booting = startDynamoDbLocal({ dataDir });
  const history = fresh && !args['no-demo-history'] ? await buildDemoHistory(startedAt) : undefined;
  const builtSeconds = (performance.now() - historyStarted) / 1000;
  const dynamo = await booting;
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: region,
    STAGE: 'local',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // CloudWatch embedded metrics would only clutter the console offline.
    POWERTOOLS_METRICS_DISABLED: 'true',
    // The AfterShip webhook's signing secret offline (on AWS: a Secrets Manager secret named by CDK context afterShipWebhookSecretName).
    AFTERSHIP_WEBHOOK_SECRET: process.env.AFTERSHIP_WEBHOOK_SECRET ?? demoAfterShipSecret,
  });
  const outboxFile = resolve(dataDir, '..', 'outbox.jsonl');
  Object.assign(process.env, {
    LOCAL_OUTBOX_FILE: outboxFile,
    LOCAL_CLOCK_OFFSET_MS: String(Number(args['clock-offset-hours'] ?? 0) * 3_600_000),
  });
  // A predictable mail viewer URL (the API's port + 5) when that port is free, any free one otherwise.
  const sesPort = process.env.SES_PORT ? Number(process.env.SES_PORT) : (await portIsFree(port + 5)) ? port + 5 : 0;
  const ses = await startLocalSes({ port: sesPort });
  process.env.SES_ENDPOINT = ses.endpoint;
  const stepFunctions = await startLocalStepFunctions({ log: (line) => console.error(line) });
  Object.assign(process.env, { STATE_MACHINE_ARN: stepFunctions.stateMachineArn, STEPFUNCTIONS_ENDPOINT: stepFunctions.endpoint });
  await ensureTable(dynamo.endpoint, tableName);
  const table = connectTable({ tableName, region, endpoint: dynamo.endpoint });
  await seedDemoData(table, new Date());
  // EDI connections: the mailboxes (S3 offline), the SFTP server, and the demo EDI vendor on its own mailbox.
  const mailboxFile = await loadHandler<(event: S3Event, context: ReturnType<typeof lambdaContext>) => Promise<unknown>>('mailboxFile');
  const sftpPort = process.env.SFTP_PORT ? Number(process.env.SFTP_PORT) : (await portIsFree(port + 6)) ? port + 6 : 0;
  const edi = await startLocalEdi({
    root: ediRoot,
    table,
    sftpPort,
    onObjectCreated: (event) => mailboxFile(event, lambdaContext('mailboxFile', 60_000)),
    log: (line) => console.error(line),
  });
  useEdiTransport(edi.transport);
  const as2Events = await loadHandler<(event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>>('as2Events');
  const as2 = await startLocalAs2({
    port: process.env.AS2_PORT ? Number(process.env.AS2_PORT) : (await portIsFree(port + 7)) ? port + 7 : 0,
    keysDir: edi.keysDir,
    table,
    mailboxes: edi.transport.mailboxes,
    dependencies: defaultDependencies,
    onMdnEvent: (detailType, detail) => as2Events({ 'detail-type': detailType, source: 'aws.transfer', detail }, lambdaContext('as2Events', 30_000)),
    log: (line) => console.error(line),
  });
  edi.useAs2(as2);
  const acmeKeyPath = join(edi.keysDir, 'acme');
  await connectDemoMailbox(defaultDependencies(), ensureSshKeyPair(acmeKeyPath, 'acme@demo').publicKey);
  // Written while the rest starts; the server says it is ready once the history is in.
  const writeStarted = performance.now();
  const historyWritten = history && writeDemoHistory(table, history, startedAt).then(() => (historySeconds = (performance.now() - writeStarted) / 1000));
  const notifier = await loadHandler<(event: DynamoDBStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<DynamoDBBatchResponse>>('notifier');
  await ensureConsoleBuilt((line) => console.error(line));
  // The stream is read from its end once the history is in: the notifier never sees demo records.
  await historyWritten;
  // On top of the finished history, the present: POs waiting on someone, in every status.
  const present = history && (await writeDemoPresent(table, startedAt));
  // The notifier reads the table's stream, as its event source mapping does on AWS.
  // It keeps its place in the data folder, as the event source mapping does: a restart resumes after the last record handed over.
  const stream = await startTableStream({
    endpoint: dynamo.endpoint,
    tableName,
    checkpointFile: join(dataDir, 'stream-checkpoint.json'),
    handler: (event) => notifier(event, lambdaContext('notifier', notifierTimeoutMs)),
  });
  const resumed = await resumeOpenPurchaseOrders(table, stepFunctions);
  // Files a stop left in an /in are taken now, as S3's retried notification would.
  const resumedFiles = await edi.resumeInbound();


  const local = localRoutes({ outboxFile });
  // Acme's mistyped 855 arrives in its mailbox, to be refused with the reason.
  if (present) await deliverRefusedFile(edi.transport.mailboxes, present);
  const slaMinutes = Number(process.env.SLA_CHECK_MINUTES ?? 15);
  const runChecks = () => local.runChecks().catch((error: unknown) => console.error('scheduled checks failed', error));
  // The EventBridge schedules, offline: the same handlers on timers.
  const timers = [setInterval(runChecks, slaMinutes * 60_000), setInterval(runChecks, 60 * 60_000)];
  // A carrier for every package (scans along a plausible path by the service's clock), unless told not to.
  const carrierSim = !args['no-carrier-sim'];
  if (carrierSim) {
    const simulate = () => runCarrierSimulator(defaultDependencies()).catch((error: unknown) => console.error('carrier simulator failed', error));
    timers.push(setInterval(simulate, 30_000));
  }

  const api = await startLocalApi({
    port,
    localRoutes: local.routes,
    onRequest: args.quiet
      ? undefined
      : ({ method, path, status, ms }) => console.log(`${method.padEnd(6)} ${path} → ${status} (${ms.toFixed(0)} ms)`),
  });

  // Links in vendors' emails point at the portal this server serves.
  process.env.PORTAL_URL = `${api.url}/portal/`;
  const vendorKeys = demoVendors.map((v) => `    vendor ${v.vendorId.padEnd(8)} ${demoKeys.vendor(v.vendorId)}   (${v.channel})`);
  console.log(
    [
      '',
      `Dropship OMS is running offline (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      `  API             ${api.url}`,
      `  Ops console     ${api.url}/console/  (sign in with the ops key below)`,
      `  OpenAPI         ${api.url}/openapi.json`,
      `  DynamoDB Local  ${dynamo.endpoint}  (table ${tableName}, data in ${dataDir})`,
      `  Logs            ${args.verbose ? 'on this screen (--verbose)' : `${relative(process.cwd(), logFile) || logFile}  (the functions' JSON logs; --verbose shows them here too)`}`,
      `  Mail viewer     ${ses.endpoint}  (customer emails; SMS and alerts at GET /_local/outbox)`,
      `  Step Functions  ${stepFunctions.endpoint}  (statemachines/purchase-order.asl.json; ${resumed} open POs resumed)`,
      `  AS2             ${as2.url}  (our AS2 id ${as2.identity().as2Id}; certificate ${relative(process.cwd(), join(edi.keysDir, 'as2.pem'))}; GET /edi/as2/profile)`,
      `  SFTP mailboxes  sftp -i ${relative(process.cwd(), acmeKeyPath) || acmeKeyPath} -P ${edi.sftp.port} acme@127.0.0.1   (acme's /out has its 850s; put 855/856/846 in /in; host key ${edi.hostKeyFingerprint}${resumedFiles ? `; ${resumedFiles} waiting files taken` : ''})`,
      '  Demo API keys (send as x-api-key):',
      `    storefront      ${demoKeys.storefront}`,
      `    ops             ${demoKeys.ops}`,
      `    carrier         ${demoKeys.carrier}   (POST /tracking/events; AfterShip webhook secret ${process.env.AFTERSHIP_WEBHOOK_SECRET})`,
      ...vendorKeys,
      `  Schedules       SLA check every ${slaMinutes} min, delay check hourly; clock ${local.now()}`,
      `  Demo history    ${history ? `${history.orders} orders over ${history.days} days for acme, globex, hooli and wonka (${history.reroutes} rejected lines re-routed), flagged demo (computed in ${builtSeconds.toFixed(1)} s while DynamoDB Local started, written in ${historySeconds.toFixed(1)} s alongside the rest; to start empty: npm start -- --reset --no-demo-history)` : 'none (a new data folder, or npm start -- --reset, seeds 60 days)'}`,
      ...(present ? [`  Demo present    ${present.orders} orders from the last 17 days waiting on someone: a PO in every status, returns waiting on vendors, an open exception of every kind (Dropship, Returns and Exceptions tabs)`] : []),
      `  Carriers        ${carrierSim ? 'simulated: dispatched packages get scans every 30 s by the clock (--no-carrier-sim to stop)' : 'not simulated (--no-carrier-sim)'}`,
      `  Offline only    POST /_local/clock {"advanceHours":48}, POST /_local/checks, POST /_local/carrier-sim, GET /_local/outbox (ops key)`,
      '  Demo SKUs: LAMP-001 (acme), CHAIR-002 (globex), DESK-004 (both; cheapest wins), RUG-005 (hooli, portal), MUG-003 (warehouse)',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const timer of timers) clearInterval(timer);
    await api.close();
    await as2.stop();
    await edi.stop();
    await stream.stop();
    await stepFunctions.stop();
    await ses.stop();
    await dynamo.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof JavaMissingError ? error.message : error);
  process.exit(1);
});
