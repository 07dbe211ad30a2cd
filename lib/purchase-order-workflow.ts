import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ArnFormat, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { functionGroups, type WorkflowTaskName } from '../functions/function-groups';
import { workflowDefinitionPath, workflowTaskFunctions } from '../functions/workflow/tasks';
import { HandlerFunction } from './handler-function';

export interface PurchaseOrderWorkflowProps {
  readonly table: ITableV2;
  readonly stage: string;
  readonly logRetention: RetentionDays;
  readonly alertsTopic: ITopic;
  /** The retailer's name on vendors' packing slips (the 850's N1*BY). */
  readonly retailerName?: string;
}

/**
 * The purchase-order state machine (STANDARD), from the same ASL file the offline runner executes,
 * with its three task functions.
 */
export class PurchaseOrderWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /**
   * The ARN, built from the fixed name rather than taken from the resource: the task functions need
   * it in their policies while the state machine needs their ARNs, and a token would make a cycle.
   */
  readonly stateMachineArn: string;
  readonly tasks: Record<WorkflowTaskName, HandlerFunction>;

  constructor(scope: Construct, id: string, props: PurchaseOrderWorkflowProps) {
    super(scope, id);
    const stateMachineName = `dropship-oms-${props.stage}-purchase-order`;
    this.stateMachineArn = Stack.of(this).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const task = (name: WorkflowTaskName) =>
      new HandlerFunction(this, `${name[0]?.toUpperCase()}${name.slice(1)}`, {
        group: functionGroups[name],
        table: props.table,
        stage: props.stage,
        logRetention: props.logRetention,
        alertsTopic: props.alertsTopic,
        stateMachineArn: this.stateMachineArn,
        ...(props.retailerName && { environment: { RETAILER_NAME: props.retailerName } }),
      });
    this.tasks = { transmit: task('transmit'), park: task('park'), notifyVendor: task('notifyVendor'), reroute: task('reroute') };

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(readFileSync(resolve(import.meta.dirname, '..', workflowDefinitionPath), 'utf8')),
      definitionSubstitutions: Object.fromEntries(
        Object.entries(workflowTaskFunctions).map(([placeholder, name]) => [placeholder, this.tasks[name].function.functionArn]),
      ),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'ExecutionLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY }),
        // Every event, for the audit trail, but never its input or output: those carry customers' addresses.
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    for (const { function: fn } of Object.values(this.tasks)) fn.grantInvoke(this.stateMachine);
    const policy = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    for (const task of Object.values(this.tasks)) {
      if (!policy) break;
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(task.function.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: 'CDK grants the task function and its versions and aliases (ARN:*); the state machine invokes exactly this function',
      });
    }
  }
}
