import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { Dependencies } from '../dependencies';
import { defaultTable } from '../store/default-table';
import { hashSecret } from '../ids';
import { loadConfig } from '../config';
import type { Role } from '../contracts/api-keys';
import { getApiKeyByHash } from '../store/api-key-store';
import { policyFor } from './authorization-policy';
import { logger } from './http/logger';
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
    if (!key || key.revokedAt) {
      logger.info('API key refused', { known: Boolean(key), revoked: Boolean(key?.revokedAt) });
      throw unauthorized();
    }
    return policyFor(key, event.methodArn, usagePlanKeys()[key.role]);
  };
}

export const handler = instrument(createAuthorizer());
