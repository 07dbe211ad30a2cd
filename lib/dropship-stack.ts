import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DropshipTable } from './dropship-table';
import { OrderApi } from './order-api';

export interface DropshipStackProps extends StackProps {
  readonly stage: string;
  readonly authorizerCacheSeconds: number;
  readonly logRetentionDays: RetentionDays;
}

/**
 * The deployed service. Later parts (the purchase-order state machine, the SLA schedules,
 * SES/SNS notifications) attach to `table` and `api` here.
 */
export class DropshipStack extends Stack {
  readonly table: DropshipTable;
  readonly api: OrderApi;

  constructor(scope: Construct, id: string, props: DropshipStackProps) {
    super(scope, id, props);
    this.table = new DropshipTable(this, 'Data', { production: props.stage === 'prod' });
    this.api = new OrderApi(this, 'Orders', {
      table: this.table.table,
      stage: props.stage,
      logRetention: props.logRetentionDays,
      authorizerCache: Duration.seconds(props.authorizerCacheSeconds),
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName, description: 'The DynamoDB table' });
  }
}
