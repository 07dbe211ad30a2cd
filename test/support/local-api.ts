import { connectTable } from '../../functions/store/table';
import { startLocalApi, type LocalApi } from '../../local/http-server';
import { seedDemoData } from '../../local/seed';
import { createTestTable } from './test-table';

/** Response bodies are checked by the tests' assertions, not by the type system. */
export type JsonBody = any;

export interface ApiClient {
  api: LocalApi;
  call(method: string, path: string, options?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: JsonBody }>;
}

/** The local server, in process, over a fresh table with the demo vendors, products and keys. */
export async function startSeededApi(): Promise<ApiClient> {
  const table = await createTestTable();
  await seedDemoData(connectTable({ tableName: table.name, region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }), new Date());
  const api = await startLocalApi();
  return {
    api,
    async call(method, path, options = {}) {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: {
          ...(options.key && { 'x-api-key': options.key }),
          ...(options.body !== undefined && { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
