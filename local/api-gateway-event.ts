import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { routeList, type OperationId } from '../functions/api/route-table';
import type { RouteDefinition } from '../functions/api/route-definition';

export const localStage = 'local';
const localApiArn = 'arn:aws:execute-api:us-east-1:000000000000:local';

interface CompiledRoute {
  operationId: OperationId;
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = routeList().map(([operationId, route]) => {
  const names: string[] = [];
  const source = route.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { operationId, route, pattern: new RegExp(`^${source}/?$`), names };
});

export interface MatchedRoute {
  operationId: OperationId;
  route: RouteDefinition;
  pathParameters: Record<string, string> | null;
}

/** Matches a request the way API Gateway matches resources; literal segments beat parameters. */
export function matchRoute(method: string, pathname: string): MatchedRoute | undefined {
  const candidates = compiled
    .filter((c) => c.route.method === method)
    .map((c) => ({ c, match: c.pattern.exec(pathname) }))
    .filter((m): m is { c: CompiledRoute; match: RegExpExecArray } => m.match !== null)
    .sort((a, b) => a.c.names.length - b.c.names.length);
  const best = candidates[0];
  if (!best) return undefined;
  const params = Object.fromEntries(best.c.names.map((name, i) => [name, best.match[i + 1] ?? '']));
  return { operationId: best.c.operationId, route: best.c.route, pathParameters: best.c.names.length ? params : null };
}

export const methodArnOf = (route: RouteDefinition, pathname: string) =>
  `${localApiArn}/${localStage}/${route.method}${pathname}`;

function headersOf(request: IncomingMessage) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] ?? '';
    const value = request.rawHeaders[i + 1] ?? '';
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  return { headers, multiValueHeaders };
}

export function authorizerEvent(request: IncomingMessage, matched: MatchedRoute, url: URL): APIGatewayRequestAuthorizerEvent {
  const { headers, multiValueHeaders } = headersOf(request);
  return {
    type: 'REQUEST',
    methodArn: methodArnOf(matched.route, url.pathname),
    resource: matched.route.path,
    path: url.pathname,
    httpMethod: matched.route.method,
    headers,
    multiValueHeaders,
    pathParameters: matched.pathParameters,
    queryStringParameters: Object.fromEntries(url.searchParams),
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: { ...requestContext(matched, url), authorizer: undefined },
  };
}

function requestContext(matched: MatchedRoute, url: URL) {
  return {
    accountId: '000000000000',
    apiId: 'local',
    httpMethod: matched.route.method,
    identity: { sourceIp: '127.0.0.1' } as APIGatewayProxyEvent['requestContext']['identity'],
    path: `/${localStage}${url.pathname}`,
    protocol: 'HTTP/1.1',
    requestId: randomUUID(),
    requestTimeEpoch: Date.now(),
    resourceId: matched.operationId,
    resourcePath: matched.route.path,
    stage: localStage,
  };
}

/** The REST API (v1) proxy event API Gateway would hand the Lambda for this request. */
export function proxyEvent(
  request: IncomingMessage,
  matched: MatchedRoute,
  url: URL,
  body: string,
  authorizer: Record<string, unknown>,
): APIGatewayProxyEvent {
  const { headers, multiValueHeaders } = headersOf(request);
  const query = [...url.searchParams.keys()];
  return {
    resource: matched.route.path,
    path: url.pathname,
    httpMethod: matched.route.method,
    headers,
    multiValueHeaders,
    queryStringParameters: query.length ? Object.fromEntries(url.searchParams) : null,
    multiValueQueryStringParameters: query.length
      ? Object.fromEntries(query.map((name) => [name, url.searchParams.getAll(name)]))
      : null,
    pathParameters: matched.pathParameters,
    stageVariables: null,
    requestContext: { ...requestContext(matched, url), authorizer },
    body: body.length ? body : null,
    isBase64Encoded: false,
  };
}

/** A Lambda context; middy stops a handler shortly before `timeoutMs` (the function's configured timeout). */
export function lambdaContext(functionName: string, timeoutMs = 30_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => timeoutMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
