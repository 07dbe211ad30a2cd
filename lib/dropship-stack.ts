import { CfnOutput, Duration, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { CustomerNotifications, type MessagingSettings } from './customer-notifications';
import { DropshipTable } from './dropship-table';
import { OpsConsole } from './ops-console';
import { OpsMonitoring } from './ops-monitoring';
import { OrderApi } from './order-api';
import { PurchaseOrderWorkflow } from './purchase-order-workflow';
import { ScheduledChecks } from './scheduled-checks';
import { EdiConnections } from './edi-connections';

export interface DropshipStackProps extends StackProps {
  readonly stage: string;
  readonly slaCheckMinutes?: number;
  readonly authorizerCacheSeconds: number;
  readonly logRetentionDays: RetentionDays;
  /** Customer email and SMS settings; the sender must be a verified SES identity. */
  readonly messaging?: MessagingSettings;
  /** Put AWS WAF in front of the API (context `waf=true`). */
  readonly waf?: boolean;
  /** The retailer's name vendors print on packing slips (context `retailerName`). */
  readonly retailerName?: string;
  /** The Secrets Manager secret holding AfterShip's webhook signing secret (context `afterShipWebhookSecretName`). */
  readonly afterShipWebhookSecretName?: string;
  /** Our AS2 id, partners' name for us (context `as2Id`; default DROPSHIPOMS). */
  readonly as2Id?: string;
}

/**
 * The deployed service: the table, the purchase-order workflow, the scheduled SLA and delay checks,
 * the ops alerts topic, the API, the customer notifier on the table's stream, one dead-letter queue
 * for whatever could otherwise be lost, and the alarms and dashboard ops watch.
 */
export class DropshipStack extends Stack {
  readonly table: DropshipTable;
  readonly api: OrderApi;
  readonly workflow: PurchaseOrderWorkflow;
  readonly alerts: Topic;
  readonly deadLetters: Queue;
  readonly checks: ScheduledChecks;
  readonly notifications: CustomerNotifications;
  readonly monitoring: OpsMonitoring;
  readonly console: OpsConsole;
  readonly edi: EdiConnections;

  constructor(scope: Construct, id: string, props: DropshipStackProps) {
    super(scope, id, props);
    this.table = new DropshipTable(this, 'Data', { production: props.stage === 'prod' });
    this.alerts = new Topic(this, 'OpsAlerts', {
      displayName: `Dropship OMS ${props.stage}: new exceptions`,
      enforceSSL: true,
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    this.deadLetters = new Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const shared = { table: this.table.table, stage: props.stage, logRetention: props.logRetentionDays, alertsTopic: this.alerts };
    this.workflow = new PurchaseOrderWorkflow(this, 'PurchaseOrders', { ...shared, ...(props.retailerName && { retailerName: props.retailerName }) });
    this.checks = new ScheduledChecks(this, 'Checks', {
      ...shared,
      stateMachineArn: this.workflow.stateMachineArn,
      slaCheckMinutes: props.slaCheckMinutes ?? 15,
      deadLetters: this.deadLetters,
    });
    const messaging = { ...(props.messaging ?? { senderEmail: 'orders@dropship-oms.example' }), ...(props.retailerName && { retailerName: props.retailerName }) };
    this.notifications = new CustomerNotifications(this, 'CustomerNotifications', {
      ...shared,
      messaging,
      deadLetters: this.deadLetters,
    });
    this.console = new OpsConsole(this, 'OpsConsole', { production: props.stage === 'prod' });
    this.api = new OrderApi(this, 'Orders', {
      ...shared,
      authorizerCache: Duration.seconds(props.authorizerCacheSeconds),
      stateMachineArn: this.workflow.stateMachineArn,
      waf: props.waf ?? false,
      consoleOrigin: this.console.origin,
      messaging,
      ...(props.afterShipWebhookSecretName && { afterShipWebhookSecretName: props.afterShipWebhookSecretName }),
    });
    this.console.deploy(this.api.api.url, props.retailerName);
    this.edi = new EdiConnections(this, 'EdiConnections', {
      ...shared,
      stateMachineArn: this.workflow.stateMachineArn,
      deadLetters: this.deadLetters,
      production: props.stage === 'prod',
      as2Id: props.as2Id ?? 'DROPSHIPOMS',
    });
    // Functions that write vendors' files or manage Transfer Family get the bucket and settings with their grants.
    for (const handler of [...Object.values(this.api.functions), ...Object.values(this.workflow.tasks), ...Object.values(this.checks.checks)]) this.edi.bind(handler);
    this.monitoring = new OpsMonitoring(this, 'Monitoring', {
      stage: props.stage,
      api: this.api.api,
      stateMachine: this.workflow.stateMachine,
      deadLetters: this.deadLetters,
      alertsTopic: this.alerts,
      functions: [
        ...Object.values(this.api.functions),
        ...Object.values(this.workflow.tasks),
        ...Object.values(this.checks.checks),
        this.notifications.notifier,
        this.edi.mailboxFile,
        this.edi.as2Events,
      ].map((h) => h.function),
    });
    this.acknowledgeFindings();

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName, description: 'The DynamoDB table' });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alerts.topicArn, description: 'Subscribe ops to new exceptions and alarms here' });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetters.queueUrl, description: 'Stream batches and scheduled checks given up on' });
    new CfnOutput(this, 'ConsoleUrl', { value: this.console.origin, description: 'The ops console (sign in with an ops API key)' });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName, description: 'The CloudWatch dashboard' });
    new CfnOutput(this, 'SftpServerId', { value: this.edi.sftpServer.attrServerId, description: 'The SFTP server EDI partners connect to (host <id>.server.transfer.<region>.amazonaws.com)' });
    new CfnOutput(this, 'As2ServerId', { value: this.edi.as2Server.attrServerId, description: 'The AS2 server (port 5080 on its Elastic IPs)' });
    new CfnOutput(this, 'MailboxBucket', { value: this.edi.bucket.bucketName, description: 'EDI mailboxes: mailboxes/<connectionId>/in and out' });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn, description: 'The purchase-order workflow' });
  }

  /** The cdk-nag AwsSolutions findings this design accepts, each with its reason (the rest are fixed). */
  private acknowledgeFindings(): void {
    const tableId = this.getLogicalId(this.table.table.node.defaultChild as CfnElement);
    const stack = Validations.of(this);
    stack.acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions',
    });
    stack.acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason: "Functions that list (the Dropship tab, exceptions, checks) query the table's own GSIs; the grant names the table and nothing else",
    });
    stack.acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs22.x, the runtime the project builds, tests and runs offline on; moved deliberately, not by a linter',
    });
    Validations.of(this.deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This is the dead-letter queue' });
  }
}
