/**
 * The CDK app. Settings come from context: `npx cdk deploy -c stage=prod`. See cdk.json for the
 * defaults. The stack is environment-agnostic, so `npx cdk synth` needs no AWS credentials.
 */
import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DropshipStack } from '../lib/dropship-stack';

const app = new App();
const context = (name: string, fallback: string) => String(app.node.tryGetContext(name) ?? fallback);

const stage = context('stage', 'dev');
if (!/^[a-z][a-z0-9-]{1,15}$/.test(stage)) throw new Error(`stage "${stage}" must be 2-16 lowercase letters, digits or dashes`);
const logRetentionDays = Number(context('logRetentionDays', '30'));
if (!Object.values(RetentionDays).includes(logRetentionDays)) {
  throw new Error(`logRetentionDays ${logRetentionDays} is not a CloudWatch retention period (1, 3, 5, 7, 14, 30, 60, 90, …)`);
}

new DropshipStack(app, `DropshipOms-${stage}`, {
  stage,
  authorizerCacheSeconds: Number(context('authorizerCacheSeconds', '300')),
  slaCheckMinutes: Number(context('slaCheckMinutes', '15')),
  logRetentionDays,
  waf: context('waf', 'false') === 'true',
  ...(app.node.tryGetContext('retailerName') && { retailerName: context('retailerName', '') }),
  ...(app.node.tryGetContext('as2Id') && { as2Id: context('as2Id', '') }),
  ...(app.node.tryGetContext('afterShipWebhookSecretName') && { afterShipWebhookSecretName: context('afterShipWebhookSecretName', '') }),
  messaging: {
    senderEmail: context('senderEmail', 'orders@dropship-oms.example'),
    ...(app.node.tryGetContext('sesConfigurationSet') && { configurationSet: context('sesConfigurationSet', '') }),
    ...(app.node.tryGetContext('messagingRegion') && { region: context('messagingRegion', '') }),
    ...(app.node.tryGetContext('retailerLogoUrl') && { retailerLogoUrl: context('retailerLogoUrl', '') }),
    ...(app.node.tryGetContext('orderUrlTemplate') && { orderUrlTemplate: context('orderUrlTemplate', '') }),
  },
  description: `Dropship OMS (${stage})`,
});
