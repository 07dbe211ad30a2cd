/** How an AWS SDK v3 error describes itself. */
interface AwsError {
  name?: string;
  $retryable?: unknown;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Throttling, by the names AWS services give it (DynamoDB, Step Functions, SES, SNS). */
const throttlingNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'LimitExceededException',
]);

/**
 * AWS answered "busy or briefly down": throttling, a server fault, any 5xx or 429. The same
 * request is worth sending again; a 4xx refusal is not.
 */
export function isTransientAwsError(error: unknown): boolean {
  const e = error as AwsError | null;
  if (!e || typeof e !== 'object' || !e.$metadata) return false;
  const status = e.$metadata.httpStatusCode ?? 0;
  return Boolean(e.$retryable) || e.$fault === 'server' || status >= 500 || status === 429 || throttlingNames.has(e.name ?? '');
}

/** AWS never answered (a network error, a timeout): there is no refusal to respect, so try again. */
export const isUnanswered = (error: unknown): boolean => (error as AwsError | null)?.$metadata?.httpStatusCode === undefined;
