import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { FunctionGroup } from '../functions/function-groups';
import { lambdaBundling } from './bundling';

export interface HandlerFunctionProps {
  readonly group: FunctionGroup;
  readonly table: ITableV2;
  readonly stage: string;
  readonly logRetention: RetentionDays;
  /** The purchase-order state machine, for groups that start or wake it. */
  readonly stateMachineArn?: string;
  /** The ops alerts topic, for groups that open exceptions. */
  readonly alertsTopic?: ITopic;
  /** Default 10 s: API calls answer well within it. */
  readonly timeout?: Duration;
  readonly environment?: Record<string, string>;
}

/**
 * One Lambda for one route group: bundled by esbuild as ESM for Node 22 on arm64, with source
 * maps, X-Ray tracing, its own log group, and only the table actions its group names.
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly group: FunctionGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.group = props.group;
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    // Its own role, not AWSLambdaBasicExecutionRole: it may write to its own log group and nowhere else.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: props.group.description });
    logGroup.grantWrite(role);
    this.function = new NodejsFunction(this, 'Function', {
      role,
      entry: props.group.entry,
      handler: 'handler',
      description: props.group.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        STAGE: props.stage,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'dropship-oms',
        ...(props.group.workflowActions && props.stateMachineArn && { STATE_MACHINE_ARN: props.stateMachineArn }),
        ...(props.group.publishesAlerts && props.alertsTopic && { ALERTS_TOPIC_ARN: props.alertsTopic.topicArn }),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: lambdaBundling.target,
        minify: lambdaBundling.minify,
        sourceMap: lambdaBundling.sourcemap,
        mainFields: [...lambdaBundling.mainFields],
        externalModules: lambdaBundling.externalModules,
        banner: lambdaBundling.banner,
        esbuildArgs: { '--alias': Object.entries(lambdaBundling.alias).map(([from, to]) => `${from}=${to}`) },
      },
    });
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: [...props.group.tableActions],
        resources: [props.table.tableArn, ...(props.group.readsIndexes ? [`${props.table.tableArn}/index/*`] : [])],
      }),
    );
    if (props.group.publishesAlerts && props.alertsTopic) props.alertsTopic.grantPublish(this.function);
    if (props.group.workflowActions && props.stateMachineArn) {
      this.function.addToRolePolicy(new PolicyStatement({ actions: [...props.group.workflowActions], resources: [props.stateMachineArn] }));
    }
  }
}
