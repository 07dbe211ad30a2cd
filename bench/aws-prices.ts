/**
 * AWS list prices used by the cost model, us-east-1, on-demand, without free tiers, as published
 * in 2026. Kept in this one file: update it when prices change.
 */
export const awsPrices = {
  asOf: '2026-11',
  region: 'us-east-1',
  apiGatewayRestPerMillionRequests: 3.5,
  lambdaPerMillionRequests: 0.2,
  /** Arm64 (Graviton), per GB-second. */
  lambdaArmPerGbSecond: 0.0000133334,
  dynamoDbPerMillionWriteRequestUnits: 0.625,
  dynamoDbPerMillionReadRequestUnits: 0.125,
  dynamoDbStoragePerGbMonth: 0.25,
  dynamoDbPitrPerGbMonth: 0.2,
  stepFunctionsStandardPerTransition: 0.000025,
  sesPerThousandEmails: 0.1,
  /** SNS SMS to US numbers: the AWS price plus a typical carrier fee, per 1-segment message. */
  snsSmsUsPerMessage: 0.00883,
  cloudWatchLogsPerGbIngested: 0.5,
} as const;

/**
 * What a typical order does, for the model: the figures measured by the benchmark are multiplied
 * by these counts. Each is an assumption a retailer can change here.
 */
export const typicalOrder = {
  description: '3 lines: 2 dropship lines from 2 vendors (2 POs), 1 warehouse line; each PO acknowledged and shipped in one package',
  purchaseOrders: 2,
  storefrontReads: 2,
  /** Per PO: the vendor pulls its list once, acknowledges, ships. */
  vendorCallsPerPo: 3,
  /** Ops views per order: a Dropship-tab page per 20 orders. */
  dropshipPagesPerOrder: 0.05,
  /** Share of API calls that miss the authorizer's 5-minute cache. */
  authorizerMissRate: 0.3,
  /** Emails: order received, then acknowledged and shipped per PO. */
  emails: 5,
  /** 20 % of customers opt into SMS, one text per milestone. */
  smsShare: 0.2,
  /** Stream records that reach the notifier: the order and every PO change. */
  notifierInvocations: 13,
  /** Average billed duration of an invocation at 512 MB (assumed: DynamoDB Local times overstate it). */
  lambdaMsPerInvocation: 100,
  lambdaMemoryGb: 0.5,
  /** Table storage per order (order, POs with history, notifications, message records). */
  storedKbPerOrder: 10,
  logKbPerOrder: 25,
} as const;

/** Scheduled work that costs the same whatever the volume: SLA check every 15 min, delay check hourly. */
export const scheduledRunsPerMonth = 30 * 24 * 4 + 30 * 24;
