import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DropshipTable } from './dropship-table';
import { OrderApi } from './order-api';
import { PurchaseOrderWorkflow } from './purchase-order-workflow';
import { CustomerNotifications, type MessagingSettings } from './customer-notifications';
import { ScheduledChecks } from './scheduled-checks';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Alias } from 'aws-cdk-lib/aws-kms';

export interface DropshipStackProps extends StackProps {
  readonly stage: string;
  readonly slaCheckMinutes?: number;
  readonly authorizerCacheSeconds: number;
  readonly logRetentionDays: RetentionDays;
  /** Customer email and SMS settings; the sender must be a verified SES identity. */
  readonly messaging?: MessagingSettings;
}

/**
 * The deployed service: the table, the purchase-order workflow, the scheduled SLA and delay checks,
 * the ops alerts topic, the API, and the customer notifier on the table's stream.
 */
export class DropshipStack extends Stack {
  readonly table: DropshipTable;
  readonly api: OrderApi;
  readonly workflow: PurchaseOrderWorkflow;
  readonly alerts: Topic;
  readonly checks: ScheduledChecks;
  readonly notifications: CustomerNotifications;

  constructor(scope: Construct, id: string, props: DropshipStackProps) {
    super(scope, id, props);
    this.table = new DropshipTable(this, 'Data', { production: props.stage === 'prod' });
    this.alerts = new Topic(this, 'OpsAlerts', {
      displayName: `Dropship OMS ${props.stage}: new exceptions`,
      enforceSSL: true,
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    const shared = { table: this.table.table, stage: props.stage, logRetention: props.logRetentionDays, alertsTopic: this.alerts };
    this.workflow = new PurchaseOrderWorkflow(this, 'PurchaseOrders', shared);
    this.checks = new ScheduledChecks(this, 'Checks', {
      ...shared,
      stateMachineArn: this.workflow.stateMachineArn,
      slaCheckMinutes: props.slaCheckMinutes ?? 15,
    });
    this.notifications = new CustomerNotifications(this, 'CustomerNotifications', {
      ...shared,
      messaging: props.messaging ?? { senderEmail: 'orders@dropship-oms.example' },
    });
    this.api = new OrderApi(this, 'Orders', {
      ...shared,
      authorizerCache: Duration.seconds(props.authorizerCacheSeconds),
      stateMachineArn: this.workflow.stateMachineArn,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName, description: 'The DynamoDB table' });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alerts.topicArn, description: 'Subscribe ops to new exceptions here' });
    new CfnOutput(this, 'NotificationDeadLetterQueueUrl', { value: this.notifications.deadLetters.queueUrl, description: 'Stream batches the notifier gave up on' });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn, description: 'The purchase-order workflow' });
  }
}
