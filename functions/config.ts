// zod's mini build: every function loads this, and the full build costs ≈20 ms more of a cold start.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

/** The environment every function reads, validated once at start. */
const environment = z.object({
  TABLE_NAME: z.string().check(z.minLength(3)),
  AWS_REGION: z._default(z.string(), 'us-east-1'),
  /** Offline only: DynamoDB Local's URL. Unset on AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  STAGE: z._default(z.string(), 'dev'),
  /** The purchase-order state machine; set for the functions that start or wake it. */
  STATE_MACHINE_ARN: z.optional(z.string()),
  /** Offline only: the local Step Functions endpoint. */
  STEPFUNCTIONS_ENDPOINT: z.optional(z.url()),
  /** The SNS topic new exceptions are published to. */
  ALERTS_TOPIC_ARN: z.optional(z.string()),
  /** Offline only: the outbox file alerts are appended to instead of SNS. */
  LOCAL_OUTBOX_FILE: z.optional(z.string()),
  /** Customer messages: the verified SES identity they come from, and the SES configuration set (events, suppression). */
  SENDER_EMAIL: z._default(z.email(), 'orders@dropship-oms.example'),
  /** The AfterShip webhook secret its tracking webhooks are signed with (unset: the webhook refuses everything). */
  AFTERSHIP_WEBHOOK_SECRET: z.optional(z.string()),
  /** Where the vendor portal is (links in vendors' emails): offline the local server's /portal/, on AWS the console's CloudFront origin. */
  PORTAL_URL: z._default(z.string(), 'http://127.0.0.1:3000/portal/'),
  /** The retailer's name as vendors print it on packing slips (the 850's N1*BY). */
  RETAILER_NAME: z._default(z.string(), 'Dropship OMS Demo Store'),
  /** Customer emails: the retailer's logo (an https URL, shown at the top) and its order page, `{storefrontOrderId}` or `{orderId}` filled in. */
  RETAILER_LOGO_URL: z.optional(z.url()),
  ORDER_URL_TEMPLATE: z.optional(z.string().check(z.regex(/^https?:\/\/\S+$/))),
  SES_CONFIGURATION_SET: z.optional(z.string()),
  /** The region SES and SNS SMS are used in, when not the stack's own (SES identities are regional). */
  MESSAGING_REGION: z.optional(z.string()),
  /** How long a vendor's webhook or EDI endpoint gets to answer before the attempt counts as failed. */
  VENDOR_TIMEOUT_MS: z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(100), z.maximum(60_000))), 10_000),
  /** The authorizer's map of role → API Gateway usage plan key (JSON), so each role gets its plan's throttle. */
  USAGE_PLAN_KEYS: z.optional(z.string()),
  /** The ops console's origin on AWS (CloudFront); answers carry it in Access-Control-Allow-Origin. */
  CONSOLE_ORIGIN: z.optional(z.string()),
  /** Scorecards: the closed POs a composite score needs in its period (default 5). */
  SCORE_MIN_CLOSED_POS: z.optional(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(10_000)))),
  /** Scorecards: the lowest score of gold, silver and bronze, as `95,85,70` (the default); below bronze is at risk. */
  SCORE_TIER_BOUNDS: z.optional(z.string().check(z.regex(/^\d{1,3}(\.\d+)?,\d{1,3}(\.\d+)?,\d{1,3}(\.\d+)?$/))),
  /** EDI connections on AWS: the mailbox bucket, the Transfer Family servers, our AS2 local profile and the role Transfer Family uses on the bucket. */
  MAILBOX_BUCKET: z.optional(z.string()),
  TRANSFER_SFTP_SERVER_ID: z.optional(z.string()),
  TRANSFER_SFTP_HOST: z.optional(z.string()),
  TRANSFER_AS2_SERVER_ID: z.optional(z.string()),
  TRANSFER_AS2_URL: z.optional(z.string()),
  TRANSFER_LOCAL_PROFILE_ID: z.optional(z.string()),
  TRANSFER_ACCESS_ROLE_ARN: z.optional(z.string()),
  /** Offline only: the SES v2 emulator (aws-ses-v2-local). */
  SES_ENDPOINT: z.optional(z.url()),
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
