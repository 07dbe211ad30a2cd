import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  AccessLogFormat,
  ApiKeySourceType,
  AuthorizationType,
  IdentitySource,
  JsonSchemaType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type MethodDeploymentOptions,
  Model,
  RequestAuthorizer,
  RequestValidator,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { roles, type Role } from '../functions/contracts/api-keys';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { grantSendEmail, type MessagingSettings } from './customer-notifications';
import { functionGroups, scheduleNames, transferEventNames, workflowTaskNames, type FunctionGroup, type FunctionName, type GroupName } from '../functions/function-groups';
import { routeList } from '../functions/api/route-table';
import { HandlerFunction } from './handler-function';

export interface OrderApiProps {
  readonly table: ITableV2;
  readonly stage: string;
  readonly logRetention: RetentionDays;
  readonly alertsTopic: ITopic;
  /** How long API Gateway caches a key's policy; a revoked key works at most this long. */
  readonly authorizerCache: Duration;
  readonly stateMachineArn: string;
  /** Put AWS WAF (managed rule groups and a per-IP rate limit) in front of the API. */
  readonly waf?: boolean;
  /** The ops console's origin (https://…cloudfront.net): browsers there may call the API. */
  readonly consoleOrigin?: string;
  /**
   * The name of the Secrets Manager secret holding AfterShip's webhook signing secret (context
   * `afterShipWebhookSecretName`); without it the webhook refuses every call.
   */
  readonly afterShipWebhookSecretName?: string;
  /** The sender identity vendors' sign-in links come from. */
  readonly messaging: MessagingSettings;
}

/**
 * Requests per second (and burst) each role's keys may make together, enforced by API Gateway
 * usage plans before any Lambda runs: storefronts carry shoppers' traffic, vendors post in
 * batches, ops click through screens.
 */
export const roleThrottles: Record<Role, { rateLimit: number; burstLimit: number }> = {
  storefront: { rateLimit: 200, burstLimit: 400 },
  vendor: { rateLimit: 50, burstLimit: 100 },
  ops: { rateLimit: 25, burstLimit: 50 },
  // Carrier feeds and aggregators post batches of up to 500 events.
  carrier: { rateLimit: 20, burstLimit: 40 },
};

/**
 * A keyless route (a tracking aggregator's webhook, a vendor's sign-in steps) carries no key, so no
 * usage plan limits it: the stage throttles each at its caller's role's rate, with the stage's own
 * logging (errors only, never bodies).
 */
const keylessMethodOptions = (): Record<string, MethodDeploymentOptions> =>
  Object.fromEntries(
    routeList().flatMap(([, route]) =>
      route.keyless
        ? [[`${route.path}/${route.method}`, { throttlingRateLimit: roleThrottles[route.keyless].rateLimit, throttlingBurstLimit: roleThrottles[route.keyless].burstLimit, loggingLevel: MethodLoggingLevel.ERROR, dataTraceEnabled: false, metricsEnabled: true }]]
        : [],
    ),
  );

/**
 * The API Gateway key that ties a role's requests to its usage plan. The authorizer hands it back
 * (API key source AUTHORIZER), so callers never see or send it: it is an identifier, not a secret.
 */
export const usagePlanKeyValue = (stage: string, role: Role) => `dropship-oms-${stage}-${role}-usage-plan`;

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
  { id: 'Throttled', type: ResponseType.THROTTLED, status: '429', code: 'THROTTLED', message: "Too many requests for this key's role; retry after a pause" },
  { id: 'QuotaExceeded', type: ResponseType.QUOTA_EXCEEDED, status: '429', code: 'THROTTLED', message: "Too many requests for this key's role; retry after a pause" },
  { id: 'BadBody', type: ResponseType.BAD_REQUEST_BODY, status: '400', code: 'VALIDATION_FAILED', message: 'The request body must be a JSON object' },
  { id: 'BadParameters', type: ResponseType.BAD_REQUEST_PARAMETERS, status: '400', code: 'VALIDATION_FAILED', message: 'A required header is missing (POST /orders needs Idempotency-Key)' },
  { id: 'WafBlocked', type: ResponseType.WAF_FILTERED, status: '403', code: 'FORBIDDEN', message: 'The request was blocked by the firewall' },
];

/** API Gateway's access log: who called what and how it went; ids only, never a body. */
const accessLogFields = {
  requestId: '$context.requestId',
  time: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  keyId: '$context.authorizer.keyId',
  role: '$context.authorizer.role',
  method: '$context.httpMethod',
  resource: '$context.resourcePath',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integration.latency',
  error: '$context.error.responseType',
  wafStatus: '$context.waf.status',
};

/**
 * The REST API: every route of functions/api/route-table.ts, one Lambda per route group, all behind the
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
    const elsewhere: readonly string[] = [...workflowTaskNames, ...scheduleNames, ...transferEventNames, 'notifier'];
    const apiFunctions = (Object.keys(functionGroups) as FunctionName[]).filter((name): name is GroupName | 'authorizer' => !elsewhere.includes(name));
    this.functions = Object.fromEntries(apiFunctions.map((group) => [group, make(group)])) as Record<GroupName | 'authorizer', HandlerFunction>;
    if (props.consoleOrigin) {
      for (const [name, fn] of Object.entries(this.functions)) if (name !== 'authorizer') fn.function.addEnvironment('CONSOLE_ORIGIN', props.consoleOrigin);
    }
    if (props.afterShipWebhookSecretName) {
      // A dynamic reference: CloudFormation resolves it into the function's (encrypted) environment at
      // deploy time, so the secret is in neither the template nor the CDK output.
      const secret = Secret.fromSecretNameV2(this, 'AfterShipWebhookSecret', props.afterShipWebhookSecretName);
      this.functions.tracking.function.addEnvironment('AFTERSHIP_WEBHOOK_SECRET', secret.secretValue.unsafeUnwrap());
    }
    for (const [name, fn] of Object.entries(this.functions)) {
      if (!(functionGroups[name as GroupName] as FunctionGroup).sendsVendorMail) continue;
      grantSendEmail(fn, props.messaging);
      if (props.consoleOrigin) fn.function.addEnvironment('PORTAL_URL', `${props.consoleOrigin}/portal/index.html`);
    }
    this.functions.authorizer.function.addEnvironment('USAGE_PLAN_KEYS', JSON.stringify(Object.fromEntries(roles.map((role) => [role, usagePlanKeyValue(props.stage, role)]))));

    const authorizer = new RequestAuthorizer(this, 'ApiKeyAuthorizer', {
      handler: this.functions.authorizer.function,
      identitySources: [IdentitySource.header('x-api-key')],
      resultsCacheTtl: props.authorizerCache,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.api = new RestApi(this, 'Api', {
      restApiName: `dropship-oms-${props.stage}`,
      description: 'Dropship OMS: storefront orders, vendor purchase orders, ops views',
      // The account-level role API Gateway needs to write execution logs.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY,
      apiKeySourceType: ApiKeySourceType.AUTHORIZER,
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        metricsEnabled: true,
        // Errors only, and never request or response bodies: they carry customers' details.
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
        methodOptions: keylessMethodOptions(),
      },
      defaultMethodOptions: { authorizer, authorizationType: AuthorizationType.CUSTOM, apiKeyRequired: true },
      // The console is served from CloudFront, another origin: browsers ask first (no key on a preflight).
      ...(props.consoleOrigin && {
        defaultCorsPreflightOptions: { allowOrigins: [props.consoleOrigin], allowHeaders: ['content-type', 'x-api-key', 'idempotency-key'], allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], maxAge: Duration.hours(1) },
      }),
    });
    const cloudWatchRole = this.api.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole) {
      Validations.of(cloudWatchRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: "API Gateway's account-wide logging role: AWS's policy for it is the documented setup and names only CloudWatch Logs actions",
      });
    }

    // The gateway refuses what no handler could accept (a body that is not a JSON object, a missing
    // Idempotency-Key) before a Lambda runs; each handler's zod schema then names the field and rule.
    const validator = new RequestValidator(this, 'Validator', { restApi: this.api, validateRequestBody: true, validateRequestParameters: true });
    const jsonObject = new Model(this, 'JsonObject', {
      restApi: this.api,
      contentType: 'application/json',
      description: 'Any JSON object; the handler validates its fields',
      schema: { type: JsonSchemaType.OBJECT },
    });

    const integrations = new Map<GroupName, LambdaIntegration>();
    for (const [, route] of routeList()) {
      let integration = integrations.get(route.group);
      if (!integration) {
        // One invoke permission per function for this API, not one per method: ~80 routes would otherwise take
        // as many AWS::Lambda::Permission resources and push the stack past CloudFormation's 500. API Gateway
        // still sends each method only to its group's function; the authorizer's policy still gates each route.
        integration = new LambdaIntegration(this.functions[route.group].function, { scopePermissionToMethod: false });
        integrations.set(route.group, integration);
      }
      const requiredHeaders = Object.fromEntries(Object.keys(route.headers ?? {}).map((name) => [`method.request.header.${name}`, true]));
      const method = this.api.root.resourceForPath(route.path).addMethod(route.method, integration, {
        requestValidator: validator,
        // A keyless route (a tracking aggregator's webhook, a vendor's sign-in) has no key: its handler checks the caller.
        ...(route.keyless && { authorizationType: AuthorizationType.NONE, apiKeyRequired: false }),
        ...(route.body && (route.bodyFormat ?? 'json') === 'json' && { requestModels: { 'application/json': jsonObject } }),
        ...(Object.keys(requiredHeaders).length > 0 && { requestParameters: requiredHeaders }),
      });
      if (route.keyless) {
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason: `${route.path} is called by a third party that signs each request (HMAC over the body, checked by the handler before it reads anything) instead of holding an API key` });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason: 'Signed by the caller (HMAC), checked in the handler; there are no Cognito users' });
      }
    }

    for (const role of roles) {
      const plan = this.api.addUsagePlan(`${role[0]?.toUpperCase()}${role.slice(1)}Plan`, {
        name: `dropship-oms-${props.stage}-${role}`,
        description: `Throttling for every ${role} key`,
        throttle: roleThrottles[role],
        apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
      });
      plan.addApiKey(this.api.addApiKey(`${role[0]?.toUpperCase()}${role.slice(1)}UsageKey`, { value: usagePlanKeyValue(props.stage, role), description: `Usage plan identifier for ${role} keys (returned by the authorizer)` }));
    }

    if (props.waf) this.addFirewall();
    else {
      Validations.of(this.api).acknowledge({ id: 'AwsSolutions-APIG3', reason: 'AWS WAF is optional: deploy with -c waf=true to put the managed rule groups and a per-IP rate limit in front of the API' });
    }
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: 'Callers are machines (storefronts, vendors) and ops tools holding API keys, checked by the Lambda authorizer against hashed keys; there are no Cognito users',
    });

    for (const refusal of gatewayRefusals) {
      this.api.addGatewayResponse(refusal.id, {
        type: refusal.type,
        statusCode: refusal.status,
        templates: errorTemplate(refusal.code, refusal.message),
        // So the console can read a refusal (and send an expired key back to sign-in).
        ...(props.consoleOrigin && { responseHeaders: { 'Access-Control-Allow-Origin': `'${props.consoleOrigin}'` } }),
      });
    }
  }

  /** AWS WAF: AWS's common, known-bad-input and IP-reputation rule groups, and at most 2,000 requests per IP per 5 minutes. */
  private addFirewall(): void {
    const managed = (name: string, priority: number, ruleActionOverrides?: { name: string; actionToUse: { count: object } }[]) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...(ruleActionOverrides && { ruleActionOverrides }) } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
    });
    const acl = new CfnWebACL(this, 'Firewall', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'dropship-oms-firewall', sampledRequestsEnabled: true },
      rules: [
        // Inventory feeds (5,000 rows) and X12 interchanges are far over the common set's 8 KB body rule; count it, don't block.
        managed('AWSManagedRulesCommonRuleSet', 1, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        managed('AWSManagedRulesAmazonIpReputationList', 3),
        {
          name: 'RatePerIp',
          priority: 4,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'RatePerIp', sampledRequestsEnabled: true },
        },
      ],
    });
    new CfnWebACLAssociation(this, 'FirewallAssociation', { webAclArn: acl.attrArn, resourceArn: this.api.deploymentStage.stageArn });
  }
}
