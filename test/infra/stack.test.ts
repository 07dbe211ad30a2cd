import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DropshipStack } from '../../lib/dropship-stack';
import { functionGroups, routeList } from '../../functions/routes';
import { allIndexes } from '../../functions/store/table-definition';
import type { JsonBody } from '../support/local-api';

function synth(stage: string): Template {
  // Bundling is skipped here (a placeholder asset stands in); `npx cdk synth` bundles for real.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new DropshipStack(app, `Test-${stage}`, { stage, authorizerCacheSeconds: 120, logRetentionDays: RetentionDays.ONE_MONTH });
  return Template.fromStack(stack);
}

type Statement = { Action: string | string[]; Resource: unknown };
type Resource = { Properties: JsonBody };

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
  const functions = () => Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>);

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

  it('gives each function, and the state machine, its own log group with the configured retention', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup') as Record<string, Resource>);
    expect(groups).toHaveLength(Object.keys(functionGroups).length + 1);
    expect(groups.every((g) => g.Properties.RetentionInDays === 30)).toBe(true);
  });

  it.each(Object.entries(functionGroups))('grants the %s function only the table actions its group names', (_name, group) => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(`${_name[0]!.toUpperCase()}${_name.slice(1)}Function`),
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
    expect(Object.keys(properties.DefinitionSubstitutions).sort()).toEqual(['NotifyVendorFunctionArn', 'ParkFunctionArn', 'TransmitFunctionArn']);
  });

  it('lets the state machine invoke its three task functions and nothing else', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes('StateMachineRole'),
    );
    const invoke = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]).filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
    const targets = new Set(invoke.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r).match(/PurchaseOrders(\w+?)Function/)?.[1]));
    expect([...targets].sort()).toEqual(['NotifyVendor', 'Park', 'Transmit']);
  });
});

describe('the scheduled checks and the alerts topic', () => {
  const rules = () => Object.values(template.findResources('AWS::Events::Rule') as Record<string, Resource>);

  it('runs the SLA check every 15 minutes and the delay check hourly, each targeting its own function', () => {
    const schedules = rules().map((r) => [r.Properties.ScheduleExpression, JSON.stringify(r.Properties.Targets[0].Arn).match(/Checks(\w+?)Function/)?.[1]]);
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

  it("feeds the notifier from the table's stream, only new orders and PO changes, with a dead-letter queue", () => {
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
    ]);
  });

  it('lets only the notifier send email and SMS: SES from the sender identity, SNS to phone numbers, not topics', () => {
    const senders = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((p) =>
      /ses:|"NotResource"/.test(JSON.stringify(p.Properties.PolicyDocument)),
    );
    expect(senders.map((p) => JSON.stringify(p.Properties.Roles).match(/(\w+?)FunctionServiceRole/)?.[1])).toEqual(['CustomerNotificationsNotifier']);
    const statements = policyOf('NotifierFunction');
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

describe('the API', () => {
  it('has a method for every route of the route table, each behind the custom authorizer', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method') as Record<string, Resource>);
    expect(methods.map((m) => m.Properties.HttpMethod).sort()).toEqual(routeList().map(([, r]) => r.method).sort());
    expect(methods.every((m) => m.Properties.AuthorizationType === 'CUSTOM')).toBe(true);
    const resources = Object.values(template.findResources('AWS::ApiGateway::Resource') as Record<string, Resource>);
    const leafParts = new Set(resources.map((r) => r.Properties.PathPart));
    for (const [, route] of routeList()) expect(leafParts.has(route.path.split('/').at(-1))).toBe(true);
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
