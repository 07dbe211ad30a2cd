import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoKeys } from '../../local/seed';
import { anOrder } from '../support/builders';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';

/**
 * Request size limits, beyond the role × route matrix (auth.test.ts). That no log line carries
 * personal data is checked on the whole offline stack (test/e2e/personal-data-in-logs.test.ts).
 */
let client: ApiClient;
const globex = { key: demoKeys.vendor('globex') };

beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

describe('request size limits', () => {
  it('refuses a body over the limit with 413 in the error shape, before any handler runs', async () => {
    const { status, body } = await client.call('POST', '/orders', { key: demoKeys.storefront, headers: { 'Idempotency-Key': 'huge' }, body: { padding: 'x'.repeat(1_100_000) } });
    expect(status).toBe(413);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['an order of more than 100 lines', '/orders', 'POST', { ...anOrder({ skus: Array(101).fill('MUG-003') }) }, 'lines'],
    ['a feed of more than 5,000 rows', '/vendor/inventory', 'PUT', { feedId: 'big', items: Array(5001).fill({ vendorSku: 'GX-200', available: 1 }) }, 'items'],
    ['a customer name of 10,000 characters', '/orders', 'POST', anOrder({ skus: ['MUG-003'], customer: { name: 'n'.repeat(10_000), email: 'a@example.com', phone: null } }), 'customer.name'],
  ])('refuses %s, naming the field', async (_what, path, method, body, field) => {
    const key = path.startsWith('/vendor') ? globex.key : demoKeys.storefront;
    const answer = await client.call(method, path, { key, body, headers: { 'Idempotency-Key': `limit-${field}` } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((d: JsonBody) => d.field)).toContain(field);
  });
});
