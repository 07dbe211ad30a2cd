import { Arn, Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { functionGroups } from '../functions/function-groups';
import { notifierStream } from '../functions/notifications/stream-settings';
import { HandlerFunction } from './handler-function';

export interface MessagingSettings {
  /** The verified SES identity customer emails come from (an address, or an address at a verified domain). */
  readonly senderEmail: string;
  /** An SES configuration set for delivery, bounce and complaint events. */
  readonly configurationSet?: string;
  /** Where SES and SNS SMS are used, when not the stack's region. */
  readonly region?: string;
  /** How customers' emails present the retailer: its name, logo URL and order page (`{storefrontOrderId}`, `{orderId}`). */
  readonly retailerName?: string;
  readonly retailerLogoUrl?: string;
  readonly orderUrlTemplate?: string;
}

export interface CustomerNotificationsProps {
  readonly table: ITableV2;
  readonly stage: string;
  readonly logRetention: RetentionDays;
  readonly alertsTopic: ITopic;
  readonly messaging: MessagingSettings;
  /** Where stream batches the notifier gives up on are parked. */
  readonly deadLetters: IQueue;
}

/**
 * Customer emails and SMS: the notifier reads the table's stream (only new orders and PO changes
 * reach it, by the mapping's filter), claims each milestone once, and is the one function allowed
 * to send SES email from the sender identity and SNS SMS. Stream batches that keep failing are
 * parked in the stack's dead-letter queue, never lost in silence.
 */
export class CustomerNotifications extends Construct {
  readonly notifier: HandlerFunction;

  constructor(scope: Construct, id: string, props: CustomerNotificationsProps) {
    super(scope, id);
    const { messaging } = props;
    this.notifier = new HandlerFunction(this, 'Notifier', {
      group: functionGroups.notifier,
      table: props.table,
      stage: props.stage,
      logRetention: props.logRetention,
      alertsTopic: props.alertsTopic,
      timeout: Duration.seconds(notifierStream.timeoutSeconds),
      environment: {
        ...(messaging.retailerName && { RETAILER_NAME: messaging.retailerName }),
        ...(messaging.retailerLogoUrl && { RETAILER_LOGO_URL: messaging.retailerLogoUrl }),
        ...(messaging.orderUrlTemplate && { ORDER_URL_TEMPLATE: messaging.orderUrlTemplate }),
      },
    });

    grantSendEmail(this.notifier, messaging);
    // SMS go to phone numbers, which have no ARN: allowing Publish on everything that is not a
    // topic lets the notifier text customers and publish to no topic but the alerts one.
    this.notifier.function.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }));

    this.notifier.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: notifierStream.batchSize,
        maxBatchingWindow: Duration.seconds(1),
        retryAttempts: notifierStream.retryAttempts,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(props.deadLetters),
        filters: [
          FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('Order') } } } }),
          FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('PurchaseOrder') } } } }),
          // A payment to a portal vendor: it hears by email (others by their 820 or webhook).
          FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('Remittance') } } } }),
          // A customer's return: approved, rejected, received, refund due.
          FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('Return') } } } }),
        ],
      }),
    );
  }
}

/**
 * Lets a function send email from the sender identity (and configuration set) only, with the
 * environment variables that say which: the environment and the grant are set together.
 */
export function grantSendEmail(handler: HandlerFunction, messaging: MessagingSettings): void {
  const stack = Stack.of(handler);
  const region = messaging.region ?? stack.region;
  const senderDomain = messaging.senderEmail.split('@')[1] ?? messaging.senderEmail;
  const identity = (name: string) => Arn.format({ service: 'ses', region, resource: 'identity', resourceName: name }, stack);
  handler.function.addEnvironment('SENDER_EMAIL', messaging.senderEmail);
  if (messaging.configurationSet) handler.function.addEnvironment('SES_CONFIGURATION_SET', messaging.configurationSet);
  if (messaging.region) handler.function.addEnvironment('MESSAGING_REGION', messaging.region);
  handler.function.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        identity(messaging.senderEmail),
        identity(senderDomain),
        ...(messaging.configurationSet ? [Arn.format({ service: 'ses', region, resource: 'configuration-set', resourceName: messaging.configurationSet }, stack)] : []),
      ],
    }),
  );
}
