import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { logger } from './logger';

export const serviceName = 'dropship-oms';
/** The CloudWatch namespace of the business metrics; the stack's alarms and dashboard read it. */
export const metricsNamespace = 'DropshipOms';

/**
 * Business metrics as CloudWatch embedded metric format lines, flushed at the end of each
 * invocation (offline they are switched off with POWERTOOLS_METRICS_DISABLED).
 */
export const metrics = new Metrics({
  namespace: metricsNamespace,
  serviceName,
  // Most invocations emit no business metric; that is normal, not worth a warning line each time.
  logger: {
    debug: () => undefined,
    info: (...args: unknown[]) => logger.info(String(args[0])),
    warn: (...args: unknown[]) => (String(args[0]).startsWith('No application metrics') ? undefined : logger.warn(String(args[0]))),
    error: (...args: unknown[]) => logger.error(String(args[0])),
  },
});

/**
 * X-Ray, in Lambda unless POWERTOOLS_TRACE_ENABLED=false (as Powertools decides): a segment per
 * invocation and a subsegment per AWS SDK call. The X-Ray SDK (about 110 KB with its own
 * dependencies) is loaded only then, so nothing offline pays for it.
 */
const tracing = process.env.AWS_EXECUTION_ENV !== undefined && process.env.POWERTOOLS_TRACE_ENABLED !== 'false' ? await loadTracing() : undefined;

async function loadTracing() {
  const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([import('@aws-lambda-powertools/tracer'), import('@aws-lambda-powertools/tracer/middleware')]);
  const tracer = new Tracer({ serviceName });
  return { tracer, middleware: captureLambdaHandler(tracer, { captureResponse: false }) };
}

/** An AWS SDK client, traced when tracing is on. */
export const traced = <T>(client: T): T => (tracing ? tracing.tracer.captureAWSv3Client(client) : client);

/** The names the stack alarms on: one place, read by handlers and by the CDK. */
export const businessMetrics = {
  ordersPlaced: 'OrdersPlaced',
  ordersRefusedForStock: 'OrdersRefusedForStock',
  exceptionsOpened: 'ExceptionsOpened',
  notificationsSent: 'NotificationsSent',
  notificationsFailed: 'NotificationsFailed',
  notificationsUncertain: 'NotificationsUncertain',
  inventoryRowsApplied: 'InventoryRowsApplied',
} as const;

export const count = (name: (typeof businessMetrics)[keyof typeof businessMetrics], value = 1) => metrics.addMetric(name, MetricUnit.Count, value);

/** Every Lambda's cross-cutting concerns, as middleware: structured logs with the request context, metrics, tracing. */
export function instrument<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  const instrumented = middy(handler);
  if (tracing) instrumented.use(tracing.middleware);
  return instrumented
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
