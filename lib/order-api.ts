import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  AuthorizationType,
  IdentitySource,
  LambdaIntegration,
  RequestAuthorizer,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { functionGroups, routeList, scheduleNames, workflowTaskNames, type FunctionName, type GroupName } from '../functions/routes';
import { HandlerFunction } from './handler-function';

export interface OrderApiProps {
  readonly table: ITableV2;
  readonly stage: string;
  readonly logRetention: RetentionDays;
  readonly alertsTopic: ITopic;
  /** How long API Gateway caches a key's policy; a revoked key works at most this long. */
  readonly authorizerCache: Duration;
  readonly stateMachineArn: string;
}

const errorTemplate = (code: string, message: string) => ({
  'application/json': JSON.stringify({ error: { code, message, details: [] } }),
});

/** API Gateway's own refusals, answered in the service's error shape. */
const gatewayRefusals = [
  { id: 'Unauthorized', type: ResponseType.UNAUTHORIZED, status: '401', code: 'UNAUTHORIZED', message: 'Send a valid, unrevoked API key in the x-api-key header' },
  { id: 'AccessDenied', type: ResponseType.ACCESS_DENIED, status: '403', code: 'FORBIDDEN', message: 'This key may not call this route' },
  // API Gateway answers an unknown path with 403 "Missing Authentication Token"; it is a 404.
  { id: 'UnknownRoute', type: ResponseType.MISSING_AUTHENTICATION_TOKEN, status: '404', code: 'NOT_FOUND', message: 'No such route' },
  { id: 'TooLarge', type: ResponseType.REQUEST_TOO_LARGE, status: '413', code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
];

/**
 * The REST API: every route of functions/routes.ts, one Lambda per route group, all behind the
 * API key authorizer, with API Gateway's own refusals in the service's error shape.
 */
export class OrderApi extends Construct {
  readonly api: RestApi;
  readonly functions: Record<GroupName | 'authorizer', HandlerFunction>;

  constructor(scope: Construct, id: string, props: OrderApiProps) {
    super(scope, id);
    const make = (group: GroupName | 'authorizer') =>
      new HandlerFunction(this, `${group[0]?.toUpperCase()}${group.slice(1)}`, {
        group: functionGroups[group],
        table: props.table,
        stage: props.stage,
        logRetention: props.logRetention,
        alertsTopic: props.alertsTopic,
        stateMachineArn: props.stateMachineArn,
      });
    const elsewhere: readonly string[] = [...workflowTaskNames, ...scheduleNames, 'notifier'];
    const apiFunctions = (Object.keys(functionGroups) as FunctionName[]).filter((name): name is GroupName | 'authorizer' => !elsewhere.includes(name));
    this.functions = Object.fromEntries(apiFunctions.map((group) => [group, make(group)])) as Record<GroupName | 'authorizer', HandlerFunction>;

    const authorizer = new RequestAuthorizer(this, 'ApiKeyAuthorizer', {
      handler: this.functions.authorizer.function,
      identitySources: [IdentitySource.header('x-api-key')],
      resultsCacheTtl: props.authorizerCache,
    });

    this.api = new RestApi(this, 'Api', {
      restApiName: `dropship-oms-${props.stage}`,
      description: 'Dropship OMS: storefront orders, vendor purchase orders, ops views',
      cloudWatchRole: false,
      deployOptions: { stageName: props.stage, tracingEnabled: true, metricsEnabled: true },
      defaultMethodOptions: { authorizer, authorizationType: AuthorizationType.CUSTOM },
    });

    const integrations = new Map<GroupName, LambdaIntegration>();
    for (const [, route] of routeList()) {
      let integration = integrations.get(route.group);
      if (!integration) {
        integration = new LambdaIntegration(this.functions[route.group].function, { allowTestInvoke: false });
        integrations.set(route.group, integration);
      }
      this.api.root.resourceForPath(route.path).addMethod(route.method, integration);
    }

    for (const refusal of gatewayRefusals) {
      this.api.addGatewayResponse(refusal.id, {
        type: refusal.type,
        statusCode: refusal.status,
        templates: errorTemplate(refusal.code, refusal.message),
      });
    }
  }
}
