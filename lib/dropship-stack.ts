import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DropshipTable } from './dropship-table';
import { OrderApi } from './order-api';
import { PurchaseOrderWorkflow } from './purchase-order-workflow';
import { ScheduledChecks } from './scheduled-checks';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Alias } from 'aws-cdk-lib/aws-kms';

export interface DropshipStackProps extends StackProps {
  readonly stage: string;
  readonly slaCheckMinutes?: number;
  readonly authorizerCacheSeconds: number;
  readonly logRetentionDays: RetentionDays;
}

/**
 * The deployed service: the table, the purchase-order workflow, the scheduled SLA and delay checks,
 * the ops alerts topic and the API. Customer notifications attach here next.
 */
export class DropshipStack extends Stack {
  readonly table: DropshipTable;
  readonly api: OrderApi;
  readonly workflow: PurchaseOrderWorkflow;
  readonly alerts: Topic;
  readonly checks: ScheduledChecks;

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
    this.api = new OrderApi(this, 'Orders', {
      ...shared,
      authorizerCache: Duration.seconds(props.authorizerCacheSeconds),
      stateMachineArn: this.workflow.stateMachineArn,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName, description: 'The DynamoDB table' });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alerts.topicArn, description: 'Subscribe ops to new exceptions here' });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn, description: 'The purchase-order workflow' });
  }
}
