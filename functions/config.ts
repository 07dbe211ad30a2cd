import * as z from 'zod';

/** The environment every function reads, validated once at start. */
const environment = z.object({
  TABLE_NAME: z.string().min(3),
  AWS_REGION: z.string().default('us-east-1'),
  /** Offline only: DynamoDB Local's URL. Unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  STAGE: z.string().default('dev'),
  /** The purchase-order state machine; set for the functions that start or wake it. */
  STATE_MACHINE_ARN: z.string().optional(),
  /** Offline only: the local Step Functions endpoint. */
  STEPFUNCTIONS_ENDPOINT: z.url().optional(),
  /** The SNS topic new exceptions are published to. */
  ALERTS_TOPIC_ARN: z.string().optional(),
  /** Offline only: the outbox file alerts are appended to instead of SNS. */
  LOCAL_OUTBOX_FILE: z.string().optional(),
  /** Customer messages: the verified SES identity they come from, and the SES configuration set (events, suppression). */
  SENDER_EMAIL: z.email().default('orders@dropship-oms.example'),
  SES_CONFIGURATION_SET: z.string().optional(),
  /** The region SES and SNS SMS are used in, when not the stack's own (SES identities are regional). */
  MESSAGING_REGION: z.string().optional(),
  /** How long a vendor's webhook or EDI endpoint gets to answer before the attempt counts as failed. */
  VENDOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The authorizer's map of role → API Gateway usage plan key (JSON), so each role gets its plan's throttle. */
  USAGE_PLAN_KEYS: z.string().optional(),
  /** The ops console's origin on AWS (CloudFront); answers carry it in Access-Control-Allow-Origin. */
  CONSOLE_ORIGIN: z.string().optional(),
  /** Offline only: the SES v2 emulator (aws-ses-v2-local). */
  SES_ENDPOINT: z.url().optional(),
});

export type Config = z.infer<typeof environment>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}
