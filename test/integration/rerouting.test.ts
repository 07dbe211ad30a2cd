import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRoutingRules } from '../../functions/domain/rerouting';
import { demoKeys } from '../../local/seed';
import { startSeededApi, type ApiClient, type JsonBody } from '../support/local-api';

let client: ApiClient;
const ops = { key: demoKeys.ops };

beforeAll(async () => {
  client = await startSeededApi();
});
afterAll(() => client.close());

describe('the re-routing rules', () => {
  it('serves the defaults until ops set theirs, keeps parts left out at their default, and refuses a bad rule naming the field', async () => {
    expect((await client.call('GET', '/routing/rules', ops)).body).toEqual(defaultRoutingRules);
    const bad = await client.call('PUT', '/routing/rules', { ...ops, body: { maxAttempts: 0, maxExtraUnitCost: { amount: -100, percent: 25 }, onAckTimeout: { enabled: 'yes' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: JsonBody) => d.field).sort()).toEqual(['maxAttempts', 'maxExtraUnitCost.amount', 'onAckTimeout.enabled']);
    expect((await client.call('GET', '/routing/rules', ops)).body).toEqual(defaultRoutingRules);

    const set = await client.call('PUT', '/routing/rules', { ...ops, body: { onRejection: { enabled: true, reasons: ['out of stock', 'discontinued'] }, maxAttempts: 3, requireApproval: true } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ maxAttempts: 3, requireApproval: true, onAckTimeout: { enabled: true }, maxExtraUnitCost: { amount: null, percent: 25 }, updatedBy: 'ops:key_local_ops' });
    expect((await client.call('GET', '/routing/rules', ops)).body).toEqual(set.body);
    for (const key of [demoKeys.storefront, demoKeys.vendor('acme')]) expect((await client.call('GET', '/routing/rules', { key })).status).toBe(403);
  });
});
