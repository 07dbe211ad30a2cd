import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Principal } from '../../functions/contracts/api-keys';
import { routes, type OperationId } from '../../functions/api/route-table';
import type { JsonBody } from './local-api';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface Invocation {
  principal: Principal;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

const context = { awsRequestId: 'test', functionName: 'test' } as Context;

/** Calls a group's handler with the proxy event API Gateway would send after the authorizer. */
export async function invoke(handler: Handler, operationId: OperationId, call: Invocation) {
  const route = routes[operationId];
  const event = {
    resource: route.path,
    path: route.path,
    httpMethod: route.method,
    headers: call.headers ?? {},
    queryStringParameters: call.query ?? null,
    pathParameters: call.params ?? null,
    body: call.body === undefined ? null : typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
    isBase64Encoded: false,
    requestContext: { authorizer: { principalId: call.principal.keyId, ...call.principal } },
  } as unknown as APIGatewayProxyEvent;
  const result = await handler(event, context);
  return { status: result.statusCode, body: JSON.parse(result.body) as JsonBody };
}

export const storefront: Principal = { keyId: 'key_test_storefront', role: 'storefront', storefrontId: 'shop' };
export const ops: Principal = { keyId: 'key_test_ops', role: 'ops' };
export const vendorPrincipal = (vendorId: string): Principal => ({ keyId: `key_test_${vendorId}`, role: 'vendor', vendorId });
