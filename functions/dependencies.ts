import { loadConfig } from './config';
import { traced } from './observability';
import { randomIds, type IdGenerator } from './ids';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { noAlerts, outboxAlerts, snsAlerts, type Alerts } from './services/alerts';
import { defaultTable } from './store/default-table';
import { defaultEdiTransport, type EdiTransport } from './services/edi-transport';
import type { Table } from './store/table';
import { missingWorkflow, stepFunctionsWorkflow, type PurchaseOrderWorkflow } from './workflow/workflow-client';

/** What every handler works with: the edges, swapped in tests. */
export interface Dependencies {
  table: Table;
  now: () => Date;
  ids: IdGenerator;
  workflow: PurchaseOrderWorkflow;
  /** For webhooks and EDI pushes to vendors; each call gives up after VENDOR_TIMEOUT_MS. */
  fetch: typeof fetch;
  alerts: Alerts;
  /** Mailboxes and Transfer Family, for vendors on an SFTP or AS2 connection (loaded on first use). */
  edi: () => Promise<EdiTransport>;
}

/**
 * Offline only: the local runner moves time forward for demos and tests by setting this variable
 * in its own process (POST /_local/clock). Nothing deployed sets it.
 */
const clockOffsetMs = () => Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0);

let defaults: Dependencies | undefined;

/** Made once per process, on first use, from the environment (AWS or the local runner). */
export function defaultDependencies(): Dependencies {
  if (!defaults) {
    const config = loadConfig();
    defaults = {
      table: defaultTable(),
      now: () => new Date(Date.now() + clockOffsetMs()),
      ids: randomIds,
      workflow: config.STATE_MACHINE_ARN
        ? stepFunctionsWorkflow(
            traced(new SFNClient({
              region: config.AWS_REGION,
              ...(config.STEPFUNCTIONS_ENDPOINT && {
                endpoint: config.STEPFUNCTIONS_ENDPOINT,
                credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
              }),
            })),
            config.STATE_MACHINE_ARN,
          )
        : missingWorkflow,
      fetch: (input, init) => globalThis.fetch(input, { ...init, signal: AbortSignal.timeout(config.VENDOR_TIMEOUT_MS) }),
      alerts: config.ALERTS_TOPIC_ARN
        ? snsAlerts(traced(new SNSClient({ region: config.AWS_REGION })), config.ALERTS_TOPIC_ARN)
        : config.LOCAL_OUTBOX_FILE
          ? outboxAlerts(config.LOCAL_OUTBOX_FILE)
          : noAlerts,
      edi: defaultEdiTransport,
    };
  }
  return defaults;
}
