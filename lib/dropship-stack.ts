import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DropshipTable } from './dropship-table';
import { OrderApi } from './order-api';
import { PurchaseOrderWorkflow } from './purchase-order-workflow';

export interface DropshipStackProps extends StackProps {
  readonly stage: string;
  readonly authorizerCacheSeconds: number;
  readonly logRetentionDays: RetentionDays;
}

/**
 * The deployed service: the table, the purchase-order workflow and the API. Later parts (the SLA
 * schedules, SES/SNS notifications) attach to `table`, `workflow` and `api` here.
 */
export class DropshipStack extends Stack {
  readonly table: DropshipTable;
  readonly api: OrderApi;
  readonly workflow: PurchaseOrderWorkflow;

  constructor(scope: Construct, id: string, props: DropshipStackProps) {
    super(scope, id, props);
    this.table = new DropshipTable(this, 'Data', { production: props.stage === 'prod' });
    this.workflow = new PurchaseOrderWorkflow(this, 'PurchaseOrders', {
      table: this.table.table,
      stage: props.stage,
      logRetention: props.logRetentionDays,
    });
    this.api = new OrderApi(this, 'Orders', {
      table: this.table.table,
      stage: props.stage,
      logRetention: props.logRetentionDays,
      authorizerCache: Duration.seconds(props.authorizerCacheSeconds),
      stateMachineArn: this.workflow.stateMachineArn,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName, description: 'The DynamoDB table' });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn, description: 'The purchase-order workflow' });
  }
}
