import { App, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { roleThrottles } from '../../lib/order-api';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DropshipStack } from '../../lib/dropship-stack';
import { routeAccess } from '../../functions/api/route-access';
import { functionGroups } from '../../functions/function-groups';
import { routeList } from '../../functions/api/route-table';
import { allIndexes } from '../../functions/store/table-definition';
import type { JsonBody } from '../support/local-api';

// Bundling is skipped here (a placeholder asset stands in); `npx cdk synth` bundles for real.
const newApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

function synth(stage: string, options: { waf?: boolean; afterShipWebhookSecretName?: string; retailerName?: string } = {}): Template {
  const stack = new DropshipStack(newApp(), `Test-${stage}`, { stage, authorizerCacheSeconds: 120, logRetentionDays: RetentionDays.ONE_MONTH, ...options });
  return Template.fromStack(stack);
}

type Statement = { Action: string | string[]; Resource: unknown };
type Resource = { Properties: JsonBody };

/** Our functions and roles carry their group's description; CDK's own helpers (bucket deployment) do not. */
const ourDescriptions = new Set(Object.values(functionGroups).map((g) => g.description));
const ours = (r: Resource) => ourDescriptions.has(r.Properties.Description);
/** The route table's methods, without the CORS preflights API Gateway answers itself. */
const routeMethods = (t: Template) => Object.values(t.findResources('AWS::ApiGateway::Method') as Record<string, Resource>).filter((m) => m.Properties.HttpMethod !== 'OPTIONS');

let template: Template;
beforeAll(() => {
  template = synth('dev');
});

describe('the table', () => {
  it('is on demand with point-in-time recovery and every index of the table definition', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: allIndexes.map((index) =>
        Match.objectLike({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: index.projection },
        }),
      ),
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('is protected from deletion in prod and not in dev', () => {
    const protection = (t: Template) =>
      Object.values(t.findResources('AWS::DynamoDB::GlobalTable') as Record<string, Resource & { DeletionPolicy?: string }>).map((r) => [
        r.Properties.Replicas[0].DeletionProtectionEnabled ?? false,
        r.DeletionPolicy,
      ]);
    expect(protection(synth('prod'))).toEqual([[true, 'Retain']]);
    expect(protection(template)).toEqual([[false, 'Delete']]);
  });
});

describe('the functions', () => {
  const functions = () => Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter(ours);

  it('makes one function per route group and one authorizer, all Node 22 on arm64 with tracing', () => {
    expect(functions()).toHaveLength(Object.keys(functionGroups).length);
    for (const fn of functions()) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps', TABLE_NAME: expect.anything() }) },
      });
    }
  });

  it('lets API Gateway invoke each API function with one permission for the API, and stays well inside CloudFormation\'s 500 resources', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission') as Record<string, Resource>).filter((p) => p.Properties.Principal === 'apigateway.amazonaws.com');
    const apiGroups = new Set(Object.values(routeAccess).map((r) => r.group));
    // One per API function, and the authorizer's.
    expect(permissions).toHaveLength(apiGroups.size + 1);
    // 458 today (the API's methods and resources are most of it): a warning before CloudFormation's 500 refuses a deploy.
    expect(Object.keys(template.toJSON().Resources).length).toBeLessThan(480);
  });

  it("gives each function, the state machine and the API's access log their own log group with the configured retention", () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup') as Record<string, Resource>);
    // Besides the functions': the state machine's, the API's access log, and the AS2 network's rejected-traffic flow log.
    expect(groups).toHaveLength(Object.keys(functionGroups).length + 3);
    expect(groups.every((g) => g.Properties.RetentionInDays === 30)).toBe(true);
  });

  it.each(Object.entries(functionGroups))('grants the %s function only the table actions its group names', (_name, group) => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(`${_name[0]!.toUpperCase()}${_name.slice(1)}Role`),
    );
    expect(policies).toHaveLength(1);
    const statements = policies[0]!.Properties.PolicyDocument.Statement as Statement[];
    const isStreamRead = (s: Statement) => String(JSON.stringify(s.Resource)).includes('StreamArn');
    const dynamoActions = statements.filter((s) => !isStreamRead(s)).flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamoActions.sort()).toEqual([...group.tableActions].sort());
    const workflowStatements = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('states:')));
    expect(workflowStatements.flatMap((s) => [s.Action].flat()).sort()).toEqual([...(('workflowActions' in group && group.workflowActions) || [])].sort());
    for (const statement of workflowStatements) expect(JSON.stringify(statement.Resource)).toContain('stateMachine:dropship-oms-dev-purchase-order');
    const tableStatement = statements.find((s) => !isStreamRead(s) && [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(JSON.stringify(tableStatement?.Resource).includes('/index/*')).toBe(group.readsIndexes);
    expect(JSON.stringify(statements)).not.toContain('dynamodb:*');
  });
});

describe('the purchase-order workflow', () => {
  const definition = () => {
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine') as Record<string, Resource>);
    return machine?.Properties;
  };

  it('is a STANDARD state machine with X-Ray tracing, named for the stage, defined by the ASL file', () => {
    const properties = definition();
    expect(properties).toMatchObject({ StateMachineType: 'STANDARD', StateMachineName: 'dropship-oms-dev-purchase-order', TracingConfiguration: { Enabled: true } });
    const asl = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../statemachines/purchase-order.asl.json'), 'utf8'));
    expect(JSON.parse(properties.DefinitionString)).toEqual(asl);
    expect(Object.keys(properties.DefinitionSubstitutions).sort()).toEqual(['NotifyVendorFunctionArn', 'ParkFunctionArn', 'RerouteFunctionArn', 'TransmitFunctionArn']);
  });

  it('lets the state machine invoke its three task functions and nothing else', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes('StateMachineRole'),
    );
    const invoke = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]).filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
    const targets = new Set(invoke.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r).match(/PurchaseOrders(\w+?)Function/)?.[1]));
    expect([...targets].sort()).toEqual(['NotifyVendor', 'Park', 'Reroute', 'Transmit']);
  });
});

describe('the scheduled checks and the alerts topic', () => {
  const rules = () => Object.values(template.findResources('AWS::Events::Rule') as Record<string, Resource>);

  it('runs the SLA check every 15 minutes and the delay check hourly, each targeting its own function', () => {
    const schedules = rules().filter((r) => r.Properties.ScheduleExpression).map((r) => [r.Properties.ScheduleExpression, JSON.stringify(r.Properties.Targets[0].Arn).match(/Checks(\w+?)Function/)?.[1]]);
    expect(schedules.sort()).toEqual([['rate(1 hour)', 'DelayCheck'], ['rate(15 minutes)', 'SlaCheck']]);
  });

  it('takes the SLA check interval from context', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new DropshipStack(app, 'Fast', { stage: 'dev', authorizerCacheSeconds: 60, logRetentionDays: RetentionDays.ONE_WEEK, slaCheckMinutes: 5 });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
  });

  it('has an encrypted topic for new exceptions that only exception-opening functions may publish to', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    // Each function's description is its group's, so a role's policy maps back to its group.
    const descriptionOfRole = new Map(
      Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).map((fn) => [fn.Properties.Role['Fn::GetAtt'][0], fn.Properties.Description]),
    );
    const publishers = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
      .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('sns:Publish'))
      .map((p) => descriptionOfRole.get(p.Properties.Roles[0].Ref));
    const expected = Object.values(functionGroups).filter((g) => 'publishesAlerts' in g && g.publishesAlerts).map((g) => g.description);
    expect(publishers.sort()).toEqual(expected.sort());
  });
});

describe('customer notifications', () => {
  const policyOf = (name: string) =>
    Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(name))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as (Statement & { NotResource?: unknown })[]);

  it("feeds the notifier from the table's stream, only new orders, PO changes and new payments, with a dead-letter queue", () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    const [mapping] = Object.values(template.findResources('AWS::Lambda::EventSourceMapping') as Record<string, Resource>);
    expect(mapping?.Properties).toMatchObject({
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      FunctionName: { Ref: expect.stringMatching(/NotifierFunction/) },
    });
    const patterns = mapping?.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Order'] } } } },
      { dynamodb: { NewImage: { entity: { S: ['PurchaseOrder'] } } } },
      { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Remittance'] } } } },
      { dynamodb: { NewImage: { entity: { S: ['Return'] } } } },
    ]);
  });

  it('lets only the notifier email customers and text them, and the sign-in function email vendors: from the sender identity, SNS to phone numbers', () => {
    const senders = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((p) =>
      /ses:|"NotResource"/.test(JSON.stringify(p.Properties.PolicyDocument)),
    );
    expect(senders.map((p) => JSON.stringify(p.Properties.Roles).match(/(\w+?)Role[0-9A-F]{8}/)?.[1]).sort()).toEqual(['CustomerNotificationsNotifier', 'OrdersVendorSignIn']);
    expect(JSON.stringify(policyOf('VendorSignInRole'))).not.toContain('sns:');
    const statements = policyOf('NotifierRole');
    const ses = statements.find((s) => [s.Action].flat().includes('ses:SendEmail'));
    expect(JSON.stringify(ses?.Resource)).toContain('identity/orders@dropship-oms.example');
    expect([ses?.Action].flat()).toEqual(['ses:SendEmail']);
    expect(statements.find((s) => s.NotResource)).toMatchObject({ Action: 'sns:Publish', NotResource: 'arn:aws:sns:*:*:*' });
  });

  it('takes the sender, configuration set and messaging region from the stack settings', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new DropshipStack(app, 'Mail', {
      stage: 'dev', authorizerCacheSeconds: 60, logRetentionDays: RetentionDays.ONE_WEEK,
      messaging: { senderEmail: 'hello@shop.example', configurationSet: 'orders', region: 'eu-west-1' },
    });
    const mail = Template.fromStack(stack);
    mail.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SENDER_EMAIL: 'hello@shop.example', SES_CONFIGURATION_SET: 'orders', MESSAGING_REGION: 'eu-west-1' }) },
    });
    const policies = JSON.stringify(mail.findResources('AWS::IAM::Policy'));
    expect(policies).toContain(':ses:eu-west-1:');
    expect(policies).toContain('configuration-set/orders');
  });
});

describe('the vendor portal', () => {
  it('ships the portal in the console bucket with its own config, lets DynamoDB expire sign-in tokens, and links vendors to it', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true } });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: functionGroups.vendorSignIn.description,
      Environment: { Variables: Match.objectLike({ PORTAL_URL: Match.anyValue(), SENDER_EMAIL: 'orders@dropship-oms.example' }) },
    });
    // The build (console and portal) and two config.json files, each naming this stage's API.
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment') as Record<string, Resource>);
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(3);
    expect(deployment?.Properties.SourceMarkers.filter((m: JsonBody) => JSON.stringify(m).includes('OrdersApi'))).toHaveLength(2);
  });
});

describe('the parcel after dispatch', () => {
  it('serves carrier events to carrier keys through their own function and usage plan, and the AfterShip webhook without a key', () => {
    const signed = synth('dev', { afterShipWebhookSecretName: 'dropship/aftership-webhook', retailerName: 'Acme Home' });
    // The secret reaches the function through a dynamic reference CloudFormation resolves at deploy time: never in the template.
    signed.hasResourceProperties('AWS::Lambda::Function', {
      Description: functionGroups.tracking.description,
      Environment: { Variables: Match.objectLike({ AFTERSHIP_WEBHOOK_SECRET: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('^\\{\\{resolve:secretsmanager:arn:')])]) }) }) },
    });
    signed.hasResourceProperties('AWS::Lambda::Function', {
      Description: functionGroups.transmit.description,
      Environment: { Variables: Match.objectLike({ RETAILER_NAME: 'Acme Home' }) },
    });
    signed.hasResourceProperties('AWS::ApiGateway::UsagePlan', { UsagePlanName: 'dropship-oms-dev-carrier', Throttle: { RateLimit: roleThrottles.carrier.rateLimit } });
    const resources = Object.values(signed.findResources('AWS::ApiGateway::Resource') as Record<string, Resource>).map((r) => r.Properties.PathPart);
    expect(resources).toEqual(expect.arrayContaining(['tracking', 'events', 'webhooks', '{provider}']));
    const keyless = routeMethods(signed).filter((m) => m.Properties.AuthorizationType === 'NONE');
    // The AfterShip webhook and the vendor portal's two sign-in steps.
    expect(keyless.map((m) => [m.Properties.HttpMethod, m.Properties.ApiKeyRequired])).toEqual([['POST', false], ['POST', false], ['POST', false]]);
  });
});

describe('the API', () => {
  it('has a method for every route of the route table, each behind the custom authorizer but the signed webhook', () => {
    const methods = routeMethods(template);
    expect(methods.map((m) => m.Properties.HttpMethod).sort()).toEqual(routeList().map(([, r]) => r.method).sort());
    const open = methods.filter((m) => m.Properties.AuthorizationType !== 'CUSTOM');
    expect(open.map((m) => [m.Properties.AuthorizationType, m.Properties.ApiKeyRequired])).toEqual(routeList().filter(([, r]) => r.keyless).map(() => ['NONE', false]));
    const resources = Object.values(template.findResources('AWS::ApiGateway::Resource') as Record<string, Resource>);
    const leafParts = new Set(resources.map((r) => r.Properties.PathPart));
    for (const [, route] of routeList()) expect(leafParts.has(route.path.split('/').at(-1))).toBe(true);
  });

  it('lets the ops console call it from its CloudFront origin: preflights need no key, answers name the origin', () => {
    const preflights = Object.values(template.findResources('AWS::ApiGateway::Method') as Record<string, Resource>).filter((m) => m.Properties.HttpMethod === 'OPTIONS');
    expect(preflights.length).toBeGreaterThan(0);
    expect(preflights.every((m) => m.Properties.AuthorizationType === 'NONE' && !m.Properties.ApiKeyRequired)).toBe(true);
    expect(JSON.stringify(preflights[0]?.Properties.Integration)).toContain('OpsConsoleDistribution');
    const orders = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).find((fn) => fn.Properties.Description === functionGroups.orders.description);
    expect(JSON.stringify(orders?.Properties.Environment.Variables.CONSOLE_ORIGIN)).toContain('OpsConsoleDistribution');
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'UNAUTHORIZED', ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': Match.anyValue() } });
  });

  it('authorizes with the x-api-key header and caches the result for the configured time', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.x-api-key',
      AuthorizerResultTtlInSeconds: 120,
    });
  });

  it("answers API Gateway's own refusals in the service's error shape", () => {
    for (const [type, status] of [['UNAUTHORIZED', '401'], ['ACCESS_DENIED', '403'], ['MISSING_AUTHENTICATION_TOKEN', '404']]) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        StatusCode: status,
        ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"error":\\{"code"') },
      });
    }
  });

  it('outputs the API URL and the table name', () => {
    template.hasOutput('ApiUrl', {});
    template.hasOutput('TableName', {});
    template.hasOutput('StateMachineArn', {});
    template.hasOutput('AlertsTopicArn', {});
  });
});

describe('EDI connections on Transfer Family', () => {
  const resourcesOf = (type: string) => Object.values(template.findResources(type) as Record<string, Resource>);
  const policyOf = (fragment: string) =>
    resourcesOf('AWS::IAM::Policy')
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(fragment))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  const actionsOf = (statements: Statement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

  it('runs an SFTP server with service-managed users and an AS2 server on its own Elastic IPs, both over S3', () => {
    const servers = resourcesOf('AWS::Transfer::Server').map((r) => r.Properties);
    expect(servers.map((p) => [p.Protocols, p.IdentityProviderType ?? null, p.EndpointType, p.Domain])).toEqual([
      [['SFTP'], 'SERVICE_MANAGED', 'PUBLIC', 'S3'],
      [['AS2'], null, 'VPC', 'S3'],
    ]);
    expect(servers[1]?.EndpointDetails.AddressAllocationIds).toHaveLength(2);
    template.hasResourceProperties('AWS::Transfer::Profile', { As2Id: 'DROPSHIPOMS', ProfileType: 'LOCAL' });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupIngress: [Match.objectLike({ FromPort: 5080, ToPort: 5080, IpProtocol: 'tcp' })] });
  });

  it('keeps mailboxes in an encrypted, versioned bucket with no public access, whose new objects invoke the mailbox-file function', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    const [notification] = resourcesOf('Custom::S3BucketNotifications');
    const lambdaConfig = notification?.Properties.NotificationConfiguration.LambdaFunctionConfigurations[0];
    expect(lambdaConfig.Events).toEqual(['s3:ObjectCreated:*']);
    expect(lambdaConfig.Filter.Key.FilterRules).toEqual([{ Name: 'prefix', Value: 'mailboxes/' }]);
    expect(JSON.stringify(lambdaConfig.LambdaFunctionArn)).toContain('MailboxFile');
  });

  it("confines Transfer Family's role to the mailboxes: objects under mailboxes/ and a listing of that prefix only", () => {
    const statements = policyOf('TransferAccess');
    expect(statements.map((s) => JSON.stringify(s.Resource))).toEqual([expect.not.stringContaining('mailboxes'), expect.stringContaining('/mailboxes/*')]);
    expect(statements[0]).toMatchObject({ Condition: { StringLike: { 's3:prefix': ['mailboxes/*'] } } });
    expect(actionsOf(statements).every((a) => a.startsWith('s3:'))).toBe(true);
  });

  it('lets only the connections and catalog functions manage Transfer Family users and partners, and pass its role only to Transfer Family', () => {
    const managing = resourcesOf('AWS::IAM::Policy').filter((p) => actionsOf(p.Properties.PolicyDocument.Statement).includes('transfer:CreateUser')).map((p) => JSON.stringify(p.Properties.Roles));
    expect(managing).toHaveLength(2);
    expect(managing.some((r) => r.includes('EdiConnections')) && managing.some((r) => r.includes('Catalog'))).toBe(true);
    const passRole = policyOf('OrdersEdiConnections').find((s) => actionsOf([s]).includes('iam:PassRole'));
    expect(passRole).toMatchObject({ Condition: { StringEquals: { 'iam:PassedToService': 'transfer.amazonaws.com' } } });
    expect(JSON.stringify(passRole?.Resource)).toContain('TransferAccess');
    const users = policyOf('OrdersEdiConnections').find((s) => actionsOf([s]).includes('transfer:CreateUser'));
    expect(JSON.stringify(users?.Resource)).toMatch(/user\/.*SftpServer/);
  });

  it('gives the functions that send files the mailboxes and StartFileTransfer, and no function that does not', () => {
    const sending = resourcesOf('AWS::IAM::Policy').filter((p) => actionsOf(p.Properties.PolicyDocument.Statement).includes('transfer:StartFileTransfer'));
    expect(sending.map((p) => JSON.stringify(p.Properties.Roles).match(/(Transmit|NotifyVendor|SlaCheck|OrdersEdiConnections|Catalog|As2Events|OrdersInvoicing|OrdersReturns)/)?.[1]).sort()).toEqual(
      ['As2Events', 'Catalog', 'NotifyVendor', 'OrdersEdiConnections', 'OrdersInvoicing', 'OrdersReturns', 'SlaCheck', 'Transmit'],
    );
    const putsObjects = resourcesOf('AWS::IAM::Policy').filter((p) => actionsOf(p.Properties.PolicyDocument.Statement).includes('s3:PutObject')).length;
    // Transfer Family's role, the seven functions that write files (invoicing: a remittance's 820; returns: a 180), the bucket's own notification and auto-delete helpers excluded.
    expect(putsObjects).toBe(10);
  });
});

describe('production hardening', () => {
  const nagged = (options: { stage: string; waf?: boolean }, addToStack?: (stack: DropshipStack) => void) => {
    const app = newApp();
    const stack = new DropshipStack(app, `Nag-${options.stage}`, { authorizerCacheSeconds: 120, logRetentionDays: RetentionDays.ONE_MONTH, ...options });
    addToStack?.(stack);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    return () => app.synth();
  };

  it('passes the cdk-nag AwsSolutions checks with no unacknowledged finding, with and without WAF', () => {
    expect(nagged({ stage: 'dev' })).not.toThrow();
    expect(nagged({ stage: 'prod', waf: true })).not.toThrow();
  });

  it('would fail on a new finding: the checks are live', () => {
    expect(nagged({ stage: 'dev' }, (stack) => new Queue(stack, 'Unencrypted', { encryption: undefined }))).toThrow(/AwsSolutions-SQS/);
  });

  it('uses no AWS managed policy on any function role', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role') as Record<string, Resource>).filter(ours);
    expect(roles).toHaveLength(Object.keys(functionGroups).length);
    expect(roles.every((r) => r.Properties.ManagedPolicyArns === undefined)).toBe(true);
  });

  it('throttles each role through its own usage plan, tied to requests by the authorizer', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
    for (const [role, throttle] of Object.entries(roleThrottles)) {
      template.hasResourceProperties('AWS::ApiGateway::UsagePlan', { UsagePlanName: `dropship-oms-dev-${role}`, Throttle: { RateLimit: throttle.rateLimit, BurstLimit: throttle.burstLimit } });
      template.hasResourceProperties('AWS::ApiGateway::ApiKey', { Value: `dropship-oms-dev-${role}-usage-plan` });
    }
    const methods = routeMethods(template).filter((m) => m.Properties.AuthorizationType === 'CUSTOM');
    expect(methods.every((m) => m.Properties.ApiKeyRequired === true)).toBe(true);
    // Keyless routes have no usage plan: the stage throttles each at its caller's role's rate.
    const [stage] = Object.values(template.findResources('AWS::ApiGateway::Stage') as Record<string, Resource>);
    const throttled = (stage?.Properties.MethodSettings as JsonBody[]).filter((m) => m.ThrottlingRateLimit !== undefined);
    expect(throttled.map((m) => [m.HttpMethod, m.ResourcePath, m.ThrottlingRateLimit, m.ThrottlingBurstLimit]).sort()).toEqual(
      routeList()
        .filter(([, r]) => r.keyless)
        .map(([, r]) => [r.method, `/${r.path.replaceAll('/', '~1')}`, roleThrottles[r.keyless!].rateLimit, roleThrottles[r.keyless!].burstLimit])
        .sort(),
    );
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: functionGroups.authorizer.description,
      Environment: { Variables: Match.objectLike({ USAGE_PLAN_KEYS: JSON.stringify({ storefront: 'dropship-oms-dev-storefront-usage-plan', ops: 'dropship-oms-dev-ops-usage-plan', vendor: 'dropship-oms-dev-vendor-usage-plan', carrier: 'dropship-oms-dev-carrier-usage-plan' }) }) },
    });
  });

  it('validates requests at the gateway: JSON object bodies, the Idempotency-Key header on POST /orders', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    const methods = routeMethods(template);
    expect(methods.every((m) => m.Properties.RequestValidatorId)).toBe(true);
    const posts = methods.filter((m) => m.Properties.RequestParameters);
    expect(posts.map((m) => m.Properties.RequestParameters)).toEqual([{ 'method.request.header.Idempotency-Key': true }]);
    const withModels = methods.filter((m) => m.Properties.RequestModels).length;
    expect(withModels).toBe(routeList().filter(([, r]) => r.body && (r.bodyFormat ?? 'json') === 'json').length);
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'BAD_REQUEST_BODY', StatusCode: '400', ResponseTemplates: { 'application/json': Match.stringLikeRegexp('VALIDATION_FAILED') } });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'THROTTLED', StatusCode: '429' });
  });

  it('logs access and errors at the gateway, never bodies, and every workflow event without its data', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('keyId') },
      MethodSettings: Match.arrayWith([Match.objectLike({ ResourcePath: '/*', HttpMethod: '*', LoggingLevel: 'ERROR', DataTraceEnabled: false })]),
    });
    const [stage] = Object.values(template.findResources('AWS::ApiGateway::Stage') as Record<string, Resource>);
    expect(stage?.Properties.MethodSettings.every((m: JsonBody) => m.LoggingLevel === 'ERROR' && m.DataTraceEnabled === false)).toBe(true);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }) });
  });

  it('puts WAF in front of the API only when asked, with managed rules and a per-IP rate limit', () => {
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    const guarded = synth('dev', { waf: true });
    guarded.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    const [acl] = Object.values(guarded.findResources('AWS::WAFv2::WebACL') as Record<string, Resource>);
    expect(acl?.Properties.Rules.map((r: JsonBody) => r.Name)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList', 'RatePerIp']);
    expect(JSON.stringify(acl?.Properties.Rules[0])).toContain('SizeRestrictions_BODY');
  });

  it('parks what could be lost in one dead-letter queue: stream batches, undeliverable schedules, failed check runs', () => {
    const [queueId] = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(Object.keys(template.findResources('AWS::SQS::Queue'))).toHaveLength(1);
    const rules = Object.values(template.findResources('AWS::Events::Rule') as Record<string, Resource>);
    expect(rules.every((r) => JSON.stringify(r.Properties.Targets[0].DeadLetterConfig).includes(queueId ?? '?'))).toBe(true);
    const invokeConfigs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig') as Record<string, Resource>);
    // The two checks and the mailbox-file function (S3 invokes it asynchronously).
    expect(invokeConfigs).toHaveLength(3);
    expect(invokeConfigs.every((c) => JSON.stringify(c.Properties.DestinationConfig.OnFailure).includes(queueId ?? '?'))).toBe(true);
    const [mapping] = Object.values(template.findResources('AWS::Lambda::EventSourceMapping') as Record<string, Resource>);
    expect(JSON.stringify(mapping?.Properties.DestinationConfig)).toContain(queueId);
  });

  it('alarms ops on the 5xx rate, workflow failures, dead letters, bursts of exceptions and failed customer messages', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>);
    expect(alarms.map((a) => a.Properties.AlarmName).sort()).toEqual(
      ['api-5xx-rate', 'dead-letters', 'exceptions-opened', 'notifications-failed', 'workflow-failures'].map((n) => `dropship-oms-dev-${n}`),
    );
    for (const alarm of alarms) expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain('OpsAlerts');
    const exceptions = alarms.find((a) => a.Properties.AlarmName.endsWith('exceptions-opened'));
    expect(exceptions?.Properties).toMatchObject({ Namespace: 'DropshipOms', MetricName: 'ExceptionsOpened', Dimensions: [{ Name: 'service', Value: 'dropship-oms' }], Threshold: 25 });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('the ops console on AWS', () => {
  it('serves the console from a private bucket only through CloudFront, over HTTPS with security headers', () => {
    template.hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
      }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasOutput('ConsoleUrl', {});
  });

  it('deploys the build with a config.json naming this stage\'s API, and refreshes CloudFront', () => {
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment') as Record<string, Resource>);
    expect(deployment?.Properties.DistributionPaths).toEqual(['/*']);
    expect(deployment?.Properties.SourceMarkersConfig ?? deployment?.Properties.SourceMarkers).toBeDefined();
    expect(JSON.stringify(deployment?.Properties.SourceMarkers)).toContain('OrdersApi');
  });
});
