import { describe, expect, it } from 'vitest';
import { traced } from '../../functions/observability';

describe('tracing', () => {
  it('leaves AWS SDK clients as they are outside Lambda, where the X-Ray SDK is never loaded', () => {
    const client = { send: async () => ({}) };
    expect(process.env.AWS_EXECUTION_ENV).toBeUndefined();
    expect(traced(client)).toBe(client);
  });
});
