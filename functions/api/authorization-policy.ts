import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { Principal } from '../contracts/api-keys';
import { routeAccess } from './route-access';

/**
 * The IAM policy for a key: an Allow for every route its role may call. API Gateway caches the
 * policy per key for the authorizer's TTL and reuses it for every route, so it must name all of
 * them, not only the route of the first request.
 */
export function policyFor(principal: Principal & { expiresAt?: string }, methodArn: string, usageIdentifierKey?: string): APIGatewayAuthorizerResult {
  // methodArn: arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{resource path}
  const [apiArn, stage] = methodArn.split('/');
  const resources = Object.values(routeAccess)
    .filter((route) => (route.roles as readonly string[]).includes(principal.role))
    .map((route) => `${apiArn}/${stage}/${route.method}${route.path.replace(/\{[^}]+\}/g, '*')}`);
  return {
    principalId: principal.keyId,
    // Ties the request to its role's usage plan (API key source AUTHORIZER) and so to its throttle.
    ...(usageIdentifierKey && { usageIdentifierKey }),
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources }],
    },
    context: {
      keyId: principal.keyId,
      role: principal.role,
      ...(principal.vendorId && { vendorId: principal.vendorId }),
      ...(principal.storefrontId && { storefrontId: principal.storefrontId }),
      // A key that expires is a portal session: what it sends comes from the portal.
      ...(principal.expiresAt && { session: 'true' }),
    },
  };
}

const matches = (pattern: string, arn: string) =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(arn);

/** How API Gateway reads the policy; the local server uses it to answer as AWS would. */
export function policyAllows(result: APIGatewayAuthorizerResult, methodArn: string): boolean {
  const statements = result.policyDocument.Statement.filter(
    (statement): statement is typeof statement & { Resource: string | string[] } => 'Resource' in statement,
  );
  const covers = (effect: string) =>
    statements.some(
      (statement) =>
        statement.Effect === effect &&
        [statement.Resource].flat().some((resource) => matches(resource, methodArn)),
    );
  return covers('Allow') && !covers('Deny');
}
