import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { policyAllows } from '../functions/api/authorization-policy';
import { openApiDocument } from '../functions/api/openapi';
import type { GroupName } from '../functions/function-groups';
import { authorizerEvent, lambdaContext, matchRoute, proxyEvent } from './api-gateway-event';
import { loadHandler } from './handlers';
import { serveConsole } from './console';

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent, context: Context) => Promise<APIGatewayAuthorizerResult>;

/** API Gateway's own limit is 10 MB; locally 1 MB is plenty and keeps mistakes visible. */
const maxBodyBytes = 1024 * 1024;

const send = (response: ServerResponse, status: number, body: string, headers: Record<string, string | number | boolean> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(body);
};

const sendError = (response: ServerResponse, status: number, code: string, message: string) =>
  send(response, status, JSON.stringify({ error: { code, message, details: [] } }));

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on('end', () => resolveBody(size > maxBodyBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export interface LocalApiOptions {
  host?: string;
  port?: number;
  /** Offline-only routes (`METHOD /path` → handler), served to ops keys only. */
  localRoutes?: Record<string, (body: Record<string, unknown>) => Promise<unknown>>;
  /** Called after each request with its outcome, for the console log. */
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

export interface LocalApi {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the route table the way API Gateway does: the authorizer first (401 without a valid key,
 * 403 when its policy does not cover the route), then the group's handler with a proxy event.
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const authorizer = await loadHandler<AuthorizerHandler>('authorizer');
  const handlers = new Map<GroupName, ProxyHandler>();
  const handlerOf = async (group: GroupName) => {
    let handler = handlers.get(group);
    if (!handler) {
      handler = await loadHandler<ProxyHandler>(group);
      handlers.set(group, handler);
    }
    return handler;
  };

  const serve = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (request.method === 'GET' && url.pathname === '/openapi.json') {
      return send(response, 200, JSON.stringify(openApiDocument(url.origin), null, 2));
    }
    if (request.method === 'GET' && (url.pathname === '/console' || url.pathname.startsWith('/console/'))) {
      if (url.pathname === '/console') return send(response, 302, '', { location: '/console/' });
      return serveConsole(url.pathname, response);
    }
    // The vendor portal (links in vendors' emails): part of the console's build, under it here.
    if (request.method === 'GET' && (url.pathname === '/portal' || url.pathname.startsWith('/portal/'))) {
      return send(response, 302, '', { location: `/console/portal/${url.pathname.replace(/^\/portal\/?/, '')}` });
    }
    const local = options.localRoutes?.[`${request.method} ${url.pathname}`];
    if (local) return serveLocal(request, response, local);
    const matched = matchRoute(request.method ?? 'GET', url.pathname);
    if (!matched) return sendError(response, 404, 'NOT_FOUND', `No route ${request.method} ${url.pathname}`);
    const body = await readBody(request);
    if (body === undefined) return sendError(response, 413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${maxBodyBytes} bytes`);

    if (matched.route.keyless) {
      // As on AWS: no authorizer on a keyless route; the handler checks the caller.
      const handler = await handlerOf(matched.route.group);
      const result = await handler(proxyEvent(request, matched, url, body, {}), lambdaContext(matched.route.group));
      return send(response, result.statusCode, result.body, result.headers as Record<string, string>);
    }
    const authorizerInput = authorizerEvent(request, matched, url);
    if (!Object.keys(authorizerInput.headers ?? {}).some((name) => name.toLowerCase() === 'x-api-key')) {
      return sendError(response, 401, 'UNAUTHORIZED', 'Send your API key in the x-api-key header');
    }
    let policy: APIGatewayAuthorizerResult;
    try {
      policy = await authorizer(authorizerInput, lambdaContext('authorizer'));
    } catch (error) {
      if (error instanceof Error && error.message === 'Unauthorized') {
        return sendError(response, 401, 'UNAUTHORIZED', 'The API key is not valid or has been revoked');
      }
      throw error;
    }
    if (!policyAllows(policy, authorizerInput.methodArn)) {
      return sendError(response, 403, 'FORBIDDEN', `This key may not call ${matched.route.method} ${matched.route.path}`);
    }
    const handler = await handlerOf(matched.route.group);
    const event = proxyEvent(request, matched, url, body, { principalId: policy.principalId, ...policy.context });
    const result = await handler(event, lambdaContext(matched.route.group));
    send(response, result.statusCode, result.body, result.headers as Record<string, string>);
  };

  /** An offline-only route: the caller must hold an ops key, checked by the same authorizer. */
  const serveLocal = async (request: IncomingMessage, response: ServerResponse, route: (body: Record<string, unknown>) => Promise<unknown>) => {
    const body = (await readBody(request)) ?? '';
    const key = request.headers['x-api-key'];
    const policy = key
      ? await authorizer({ type: 'REQUEST', methodArn: 'arn:aws:execute-api:us-east-1:000000000000:local/local/GET/vendors', headers: { 'x-api-key': String(key) } } as unknown as APIGatewayRequestAuthorizerEvent, lambdaContext('authorizer')).catch(() => undefined)
      : undefined;
    if (policy?.context?.role !== 'ops') return sendError(response, 403, 'FORBIDDEN', 'Offline-only routes need an ops key');
    let parsed: Record<string, unknown> = {};
    try {
      parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      return sendError(response, 400, 'INVALID_JSON', 'The request body is not valid JSON');
    }
    send(response, 200, JSON.stringify(await route(parsed)));
  };

  const server = createServer((request, response) => {
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://localhost');
    response.on('finish', () =>
      options.onRequest?.({ method: request.method ?? '', path: url.pathname, status: response.statusCode, ms: performance.now() - started }),
    );
    serve(request, response, url).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) sendError(response, 500, 'INTERNAL', 'The local server failed; see its console');
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((listening) => server.listen(options.port ?? 0, host, listening));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}
