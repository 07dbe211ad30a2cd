import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { functionGroups, type ScheduleName } from '../functions/function-groups';
import { HandlerFunction } from './handler-function';

export interface ScheduledChecksProps {
  readonly table: ITableV2;
  readonly stage: string;
  readonly logRetention: RetentionDays;
  readonly alertsTopic: ITopic;
  readonly stateMachineArn: string;
  readonly slaCheckMinutes: number;
  /** Where a check that fails every retry is recorded. */
  readonly deadLetters: IQueue;
}

/**
 * The SLA check (every `slaCheckMinutes`) and the delay check (hourly), on EventBridge schedules.
 * An event EventBridge cannot deliver, or a run that fails Lambda's two async retries, lands in the
 * dead-letter queue; the next run covers the same due POs anyway (the index holds them until done).
 */
export class ScheduledChecks extends Construct {
  readonly checks: Record<ScheduleName, HandlerFunction>;

  constructor(scope: Construct, id: string, props: ScheduledChecksProps) {
    super(scope, id);
    const check = (name: ScheduleName, every: Duration) => {
      const handler = new HandlerFunction(this, `${name[0]?.toUpperCase()}${name.slice(1)}`, { group: functionGroups[name], ...props, timeout: Duration.minutes(5) });
      handler.function.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(props.deadLetters) });
      new Rule(this, `${name[0]?.toUpperCase()}${name.slice(1)}Schedule`, {
        description: functionGroups[name].description,
        schedule: Schedule.rate(every),
        targets: [new LambdaFunction(handler.function, { retryAttempts: 2, deadLetterQueue: props.deadLetters })],
      });
      return handler;
    };
    this.checks = { slaCheck: check('slaCheck', Duration.minutes(props.slaCheckMinutes)), delayCheck: check('delayCheck', Duration.hours(1)) };
  }
}
