import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, MathExpression, Metric, SingleValueWidget, TextWidget, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { businessMetrics, metricsNamespace, serviceName } from '../functions/observability';

export interface OpsMonitoringProps {
  readonly stage: string;
  readonly api: RestApi;
  readonly stateMachine: StateMachine;
  readonly deadLetters: IQueue;
  readonly functions: readonly IFunction[];
  readonly alertsTopic: ITopic;
  /** Exceptions opened in an hour above which ops are paged (default 25). */
  readonly exceptionsPerHourAlarm?: number;
}

/**
 * What ops watch: alarms on the API's 5xx rate, failed workflows, anything in the dead-letter
 * queue, a burst of new exceptions and failed customer messages, all sent to the alerts topic;
 * and one dashboard with the same figures beside traffic and latency.
 */
export class OpsMonitoring extends Construct {
  readonly alarms: Alarm[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OpsMonitoringProps) {
    super(scope, id);
    const five = Duration.minutes(5);
    const business = (metricName: string, period = five) =>
      new Metric({ namespace: metricsNamespace, metricName, dimensionsMap: { service: serviceName }, statistic: 'Sum', period });
    const serverErrorRate = new MathExpression({
      expression: '100 * errors / MAX([requests, 1])',
      usingMetrics: { errors: props.api.metricServerError({ period: five, statistic: 'Sum' }), requests: props.api.metricCount({ period: five, statistic: 'Sum' }) },
      label: 'API 5xx rate (%)',
      period: five,
    });
    const workflowFailures = new MathExpression({
      expression: 'failed + timedOut + aborted',
      usingMetrics: {
        failed: props.stateMachine.metricFailed({ period: five }),
        timedOut: props.stateMachine.metricTimedOut({ period: five }),
        aborted: props.stateMachine.metricAborted({ period: five }),
      },
      label: 'Workflow executions failed, timed out or aborted',
      period: five,
    });
    const deadLetters = props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: five, statistic: 'Maximum' });
    const exceptionsOpened = business(businessMetrics.exceptionsOpened, Duration.hours(1));
    const notificationsFailed = business(businessMetrics.notificationsFailed);

    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, name, {
        alarmName: `dropship-oms-${props.stage}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(props.alertsTopic));
      return created;
    };
    this.alarms = [
      alarm('api-5xx-rate', serverErrorRate, 1, 'At least 1 % of API requests failed on our side in 5 minutes'),
      alarm('workflow-failures', workflowFailures, 1, 'A purchase-order workflow failed, timed out or was aborted'),
      alarm('dead-letters', deadLetters, 1, 'A stream batch or scheduled check was given up on and parked in the dead-letter queue'),
      alarm('exceptions-opened', exceptionsOpened, props.exceptionsPerHourAlarm ?? 25, 'Many exceptions opened in one hour: a vendor or a channel may be down'),
      alarm('notifications-failed', notificationsFailed, 1, 'Customer emails or SMS failed after retries (GET /notifications lists them)'),
    ];

    const errorsOf = (fn: IFunction) => fn.metricErrors({ period: five, label: fn.node.scope?.node.id ?? fn.node.id });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `dropship-oms-${props.stage}`,
      widgets: [
        [new TextWidget({ markdown: `# Dropship OMS (${props.stage})\nAlarms go to the ops alerts topic. Open exceptions: \`GET /exceptions\`; failed customer messages: \`GET /notifications\`.`, width: 24, height: 2 })],
        [
          new GraphWidget({ title: 'API requests and errors', left: [props.api.metricCount({ period: five }), props.api.metricClientError({ period: five }), props.api.metricServerError({ period: five })], width: 8 }),
          new GraphWidget({ title: 'API latency (p50, p99)', left: [props.api.metricLatency({ period: five, statistic: 'p50' }), props.api.metricLatency({ period: five, statistic: 'p99' })], width: 8 }),
          new GraphWidget({ title: 'API 5xx rate (%)', left: [serverErrorRate], width: 8 }),
        ],
        [
          new GraphWidget({ title: 'Orders', left: [business(businessMetrics.ordersPlaced), business(businessMetrics.ordersRefusedForStock)], width: 8 }),
          new GraphWidget({ title: 'Workflows', left: [props.stateMachine.metricStarted({ period: five }), props.stateMachine.metricSucceeded({ period: five }), workflowFailures], width: 8 }),
          new GraphWidget({ title: 'Customer messages', left: [business(businessMetrics.notificationsSent), notificationsFailed], width: 8 }),
        ],
        [
          new GraphWidget({ title: 'Exceptions opened (hourly)', left: [exceptionsOpened], width: 8 }),
          new SingleValueWidget({ title: 'Dead-letter queue', metrics: [deadLetters], width: 8 }),
          new GraphWidget({ title: 'Inventory rows applied', left: [business(businessMetrics.inventoryRowsApplied)], width: 8 }),
        ],
        [new GraphWidget({ title: 'Lambda errors by function', left: props.functions.map(errorsOf), width: 24, height: 8 })],
      ],
    });
  }
}
