import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { Dependencies } from '../dependencies';
import { defaultTable } from '../store/default-table';
import { hashSecret } from '../ids';
import { loadConfig } from '../config';
import type { Role } from '../contracts/api-keys';
import { getApiKeyByHash } from '../store/api-key-store';
import { getVendor } from '../store/catalog-store';

/** Offline the service's clock may be moved forward (POST /_local/clock); on AWS this is 0. */
const clockOffsetMs = () => Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0);
import { policyFor } from './authorization-policy';
import { logger } from '../logger';
import { instrument } from '../observability';

/** API Gateway answers 401 when a Lambda authorizer fails with exactly this message. */
const unauthorized = () => new Error('Unauthorized');

let usageKeys: Partial<Record<Role, string>> | undefined;
const usagePlanKeys = (): Partial<Record<Role, string>> => {
  const raw = loadConfig().USAGE_PLAN_KEYS;
  usageKeys ??= raw ? (JSON.parse(raw) as Partial<Record<Role, string>>) : {};
  return usageKeys;
};

export function createAuthorizer(dependencies: () => Pick<Dependencies, 'table'> = () => ({ table: defaultTable() })) {
  return async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'x-api-key');
    const secret = header?.[1];
    if (!secret) throw unauthorized();
    const key = await getApiKeyByHash(dependencies().table, hashSecret(secret));
    const expired = key?.expiresAt !== undefined && Date.parse(key.expiresAt) <= Date.now() + clockOffsetMs();
    if (!key || key.revokedAt || expired) {
      logger.info('API key refused', { known: Boolean(key), revoked: Boolean(key?.revokedAt), expired });
      throw unauthorized();
    }
    // A portal session ends with its vendor: one deactivated by ops can no longer act.
    if (key.expiresAt && key.vendorId && !(await getVendor(dependencies().table, key.vendorId))?.active) {
      logger.info('API key refused', { session: true, vendorInactive: true });
      throw unauthorized();
    }
    return policyFor(key, event.methodArn, usagePlanKeys()[key.role]);
  };
}

export const handler = instrument(createAuthorizer());
