/**
 * How the notifier reads the table's stream, in one place: the stack's event source mapping and
 * function timeout, and the offline stream reader, use the same figures.
 */
export const notifierStream = {
  /** Records per invocation. */
  batchSize: 50,
  /** The function's timeout: four attempts with backoff per message, several messages per batch. */
  timeoutSeconds: 60,
  /** Tries of a failing batch before it is parked in the dead-letter queue. */
  retryAttempts: 5,
} as const;
