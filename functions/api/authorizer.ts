import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { defaultDependencies, type Dependencies } from '../dependencies';
import { hashSecret } from '../ids';
import { getApiKeyByHash } from '../store/api-key-store';
import { policyFor } from './authorization-policy';
import { logger } from './http/logger';

/** API Gateway answers 401 when a Lambda authorizer fails with exactly this message. */
const unauthorized = () => new Error('Unauthorized');

export function createAuthorizer(dependencies: () => Dependencies = defaultDependencies) {
  return async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'x-api-key');
    const secret = header?.[1];
    if (!secret) throw unauthorized();
    const key = await getApiKeyByHash(dependencies().table, hashSecret(secret));
    if (!key || key.revokedAt) {
      logger.info('API key refused', { known: Boolean(key), revoked: Boolean(key?.revokedAt) });
      throw unauthorized();
    }
    return policyFor(key, event.methodArn);
  };
}

export const handler = createAuthorizer();
