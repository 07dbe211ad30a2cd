import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config';

describe('the environment every function reads', () => {
  it('fills the defaults and coerces numbers', () => {
    expect(loadConfig({ TABLE_NAME: 'orders', VENDOR_TIMEOUT_MS: '2500' })).toEqual({
      TABLE_NAME: 'orders',
      AWS_REGION: 'us-east-1',
      STAGE: 'dev',
      SENDER_EMAIL: 'orders@dropship-oms.example',
      RETAILER_NAME: 'Dropship OMS Demo Store',
      PORTAL_URL: 'http://127.0.0.1:3000/portal/',
      VENDOR_TIMEOUT_MS: 2500,
    });
  });

  it.each([
    [{}, 'TABLE_NAME: Invalid input: expected string, received undefined'],
    [{ TABLE_NAME: 'orders', VENDOR_TIMEOUT_MS: '50' }, 'VENDOR_TIMEOUT_MS: Too small: expected number to be >=100'],
    [{ TABLE_NAME: 'orders', VENDOR_TIMEOUT_MS: '2.5' }, 'VENDOR_TIMEOUT_MS: Invalid input: expected int, received number'],
    [{ TABLE_NAME: 'orders', DYNAMODB_ENDPOINT: 'dynamodb local' }, 'DYNAMODB_ENDPOINT: Invalid URL'],
    [{ TABLE_NAME: 'orders', SENDER_EMAIL: 'orders' }, 'SENDER_EMAIL: Invalid email address'],
  ])('refuses %o, naming the variable and the rule', (env, problem) => {
    expect(() => loadConfig(env)).toThrow(`Invalid environment: ${problem}`);
  });
});
