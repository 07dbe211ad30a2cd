import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import { roles, type Principal, type Role } from '../../contracts/api-keys';
import { defaultDependencies, type Dependencies } from '../../dependencies';
import { DomainError } from '../../domain/errors';
import type { RouteDefinition } from '../route-definition';
import { errorResponse, jsonResponse } from './error-response';
import { isTransientAwsError } from '../../aws-errors';
import { logger } from '../../logger';
import { instrument } from '../../observability';
import { loadConfig } from '../../config';
import { parseRequestPart } from './validation';

type Parsed<R, Part extends string> = R extends Record<Part, infer S extends z.ZodType> ? z.output<S> : undefined;

export interface OperationInput<R> {
  params: R extends Record<'params', infer S extends z.ZodType> ? z.output<S> : Record<string, string>;
  body: Parsed<R, 'body'>;
  query: Parsed<R, 'query'>;
  /** Header names lowercased. */
  headers: Record<string, string | undefined>;
  principal: Principal;
}

export interface OperationResult {
  status?: number;
  body: unknown;
  /** Set for answers that are not JSON (X12): `body` is then sent as the text it is. */
  contentType?: string;
  /** Extra response headers (Cache-Control on answers a storefront may cache). */
  headers?: Record<string, string>;
}

type UntypedInput = Omit<OperationInput<unknown>, 'body' | 'query' | 'params'> & { body: unknown; query: unknown; params: unknown };

type RouteTable = Readonly<Record<string, RouteDefinition>>;

const routeTable = Symbol('routes');

/** The operations a group's Lambda serves, typed from its route table, which they carry. */
export type Operations<R extends RouteTable> = {
  [K in keyof R]: (input: OperationInput<R[K]>, dependencies: Dependencies) => Promise<OperationResult>;
} & { readonly [routeTable]: R };

/**
 * A group's operations with its own route table (functions/api/routes/): its Lambda builds only
 * that group's schemas at cold start, not every route's.
 */
export function operationsOf<R extends RouteTable>(routes: R, operations: { [K in keyof R]: Operations<R>[K] }): Operations<R> {
  return Object.assign(operations, { [routeTable]: routes }) as Operations<R>;
}

/** Reads the principal the authorizer put on the request; API Gateway passes its values as strings. */
export function principalOf(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Principal | undefined {
  const context = event.requestContext.authorizer ?? {};
  const role = context.role as Role | undefined;
  if (!role || !roles.includes(role) || typeof context.keyId !== 'string') return undefined;
  return {
    keyId: context.keyId,
    role,
    ...(context.vendorId && { vendorId: String(context.vendorId) }),
    ...(context.storefrontId && { storefrontId: String(context.storefrontId) }),
    ...(context.session === 'true' && { session: true }),
  };
}

function parseBody(event: APIGatewayProxyEvent, route: RouteDefinition): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (route.bodyFormat === 'x12' || route.bodyFormat === 'text') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('INVALID_JSON', 'The request body is not valid JSON');
  }
}

async function serve(
  route: RouteDefinition,
  operation: (input: UntypedInput, dependencies: Dependencies) => Promise<OperationResult>,
  event: APIGatewayProxyEvent,
  dependencies: Dependencies,
): Promise<APIGatewayProxyResult> {
  // A keyless route: its operation checks the caller's signature or token before reading anything.
  const principal = route.keyless ? { keyId: 'keyless', role: route.keyless } : principalOf(event);
  if (!principal) throw new DomainError('UNAUTHORIZED', 'A valid x-api-key header is required');
  if (!route.keyless && !route.roles.includes(principal.role)) {
    throw new DomainError('FORBIDDEN', `A ${principal.role} key may not call ${route.method} ${route.path}`);
  }
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const params = Object.fromEntries(
    Object.entries(event.pathParameters ?? {}).map(([name, value]) => [name, decodeURIComponent(value ?? '')]),
  );
  const input = {
    params: route.params ? parseRequestPart(route.params, params, 'path') : params,
    // A signed body is passed as received: its signature is checked before anything is parsed.
    body: route.bodyFormat === 'text' ? (parseBody(event, route) ?? '') : route.body ? parseRequestPart(route.body, parseBody(event, route), 'body') : undefined,
    query: route.query ? parseRequestPart(route.query, event.queryStringParameters ?? {}, 'query') : undefined,
    headers,
    principal,
  };
  const result = await operation(input, dependencies);
  const status = result.status ?? route.successStatus ?? 200;
  if (result.contentType) return { statusCode: status, headers: { 'content-type': result.contentType, ...result.headers }, body: String(result.body) };
  const response = jsonResponse(status, result.body);
  return result.headers ? { ...response, headers: { ...response.headers, ...result.headers } } : response;
}

let origin: { value: string | undefined } | undefined;
const consoleOrigin = () => (origin ??= { value: loadConfig().CONSOLE_ORIGIN }).value;

/**
 * The Lambda handler of one route group: finds the route, checks the caller's role, validates
 * the request against the route's schemas, runs the operation and maps domain errors to HTTP.
 */
export function createApiHandler<R extends RouteTable>(operations: Operations<R>, dependencies: () => Dependencies = defaultDependencies) {
  const routes = Object.entries(operations[routeTable]);
  const handle = async (event: APIGatewayProxyEvent, context?: Context): Promise<APIGatewayProxyResult> => {
    const result = await answer(event, context);
    // The ops console runs on another origin (CloudFront) on AWS; offline it is the same server.
    const origin = consoleOrigin();
    return origin ? { ...result, headers: { ...result.headers, 'access-control-allow-origin': origin, vary: 'Origin' } } : result;
  };
  const answer = async (event: APIGatewayProxyEvent, _context?: Context): Promise<APIGatewayProxyResult> => {
    const found = routes.find(([, route]) => route.method === event.httpMethod && route.path === event.resource);
    const operation = found && (operations as Record<string, unknown>)[found[0]];
    if (!found || typeof operation !== 'function') {
      return errorResponse('NOT_FOUND', `No route ${event.httpMethod} ${event.resource}`);
    }
    const [operationId, route] = found;
    logger.appendKeys({ operation: operationId });
    try {
      return await serve(route, operation as Parameters<typeof serve>[1], event, dependencies());
    } catch (error) {
      if (error instanceof DomainError) {
        logger.info('Request refused', { code: error.code });
        return errorResponse(error.code, error.message, error.details);
      }
      if (isTransientAwsError(error)) {
        logger.warn('Request deferred: a dependency is busy', { error: (error as Error).name });
        return errorResponse('SERVICE_UNAVAILABLE', 'The service is busy right now; send the same request again in a few seconds (it is safe to repeat)');
      }
      logger.error('Request failed', error as Error);
      return errorResponse('INTERNAL', 'Something went wrong on our side; retrying the same request is safe');
    }
  };
  return instrument(handle);
}
