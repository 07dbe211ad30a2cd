import { readFile } from 'node:fs/promises';
import type { Context } from 'aws-lambda';
import { loadHandler } from './handlers';
import { lambdaContext } from './api-gateway-event';
import { runCarrierSimulator } from './carrier-simulator';
import { defaultDependencies } from '../functions/dependencies';

type Check = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Routes that exist only offline, for demos and tests, all behind the ops key:
 * - `POST /_local/clock` `{"advanceHours": 48}` moves the service's clock forward (`{"reset": true}` back);
 * - `POST /_local/checks` runs the SLA and delay checks now, as the schedules would;
 * - `GET /_local/outbox` lists what went to SNS (alerts) offline;
 * - `POST /_local/carrier-sim` runs the carrier simulator now (scans due by the clock).
 */
export function localRoutes(options: { outboxFile: string }) {
  const checks = Promise.all([loadHandler<Check>('slaCheck'), loadHandler<Check>('delayCheck')]);
  const now = () => new Date(Date.now() + Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0)).toISOString();

  const runChecks = async () => {
    const [sla, delay] = await checks;
    return { slaCheck: await sla({}, lambdaContext('slaCheck')), delayCheck: await delay({}, lambdaContext('delayCheck')) };
  };

  const routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    'POST /_local/clock': async (body) => {
      const offset = body.reset ? 0 : Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0) + Number(body.advanceHours ?? 0) * 3_600_000;
      if (!Number.isFinite(offset)) throw new Error('advanceHours must be a number');
      process.env.LOCAL_CLOCK_OFFSET_MS = String(offset);
      return { now: now(), offsetHours: offset / 3_600_000 };
    },
    'POST /_local/checks': async () => ({ now: now(), ...(await runChecks()) }),
    'POST /_local/carrier-sim': async () => ({ now: now(), ...(await runCarrierSimulator(defaultDependencies())) }),
    'GET /_local/outbox': async () => {
      const text = await readFile(options.outboxFile, 'utf8').catch(() => '');
      return { messages: text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown) };
    },
  };
  return { routes, runChecks, now };
}
