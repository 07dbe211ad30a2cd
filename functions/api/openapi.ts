import * as z from 'zod';
import { errorResponse } from '../contracts/common';
import { routeList } from './route-table';
import type { RouteDefinition } from './route-definition';

const schema = (type: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(type, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const errorContent = { 'application/json': { schema: schema(errorResponse, 'output') } };

function parametersOf(route: RouteDefinition) {
  const fromObject = (type: z.ZodType | undefined, location: 'path' | 'query') => {
    if (!type) return [];
    const json = schema(type, 'input') as { properties?: Record<string, object>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, property]) => ({
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      schema: property,
    }));
  };
  const headers = Object.entries(route.headers ?? {}).map(([name, description]) => ({
    name,
    in: 'header',
    required: description.startsWith('Required'),
    description,
    schema: { type: 'string' },
  }));
  return [...fromObject(route.params, 'path'), ...fromObject(route.query, 'query'), ...headers];
}

/** The OpenAPI 3.1 document of every route, generated from the route table and its zod schemas. */
export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of routeList()) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId,
      summary: route.summary,
      tags: [route.group],
      security: [{ apiKey: [] }],
      'x-roles': route.roles,
      parameters: parametersOf(route),
      ...(route.body && {
        requestBody: { required: true, content: { 'application/json': { schema: schema(route.body, 'input') } } },
      }),
      responses: {
        [String(route.successStatus ?? 200)]: {
          description: 'Success',
          content: { 'application/json': { schema: schema(route.response, 'output') } },
        },
        '4XX': { description: 'Refused: the error names the code, and each failing field with its rule', content: errorContent },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dropship OMS API',
      version: '0.1.0',
      description: 'Storefront orders in, vendor purchase orders out. Every route needs an x-api-key header.',
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
    components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
    paths,
  };
}
