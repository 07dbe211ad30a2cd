import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local';
import { anOrder } from '../support/builders';
import type { JsonBody } from '../support/local-api';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'dropship-e2e-'));
const running: ChildProcess[] = [];

/** Starts the offline stack as `npm start` does and resolves once it prints its URL. */
async function startRunner(port: number, extraArgs: string[] = []) {
  const started = performance.now();
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['bin/local.ts', '--port', String(port), '--data-dir', dataDir, '--quiet', ...extraArgs], {
    cwd: root,
    env: { ...process.env, PORT: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`no start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ctrl-C stops everything')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`runner exited with ${code}:\n${output}`)));
  });
  return { child, output, launchedAt: started, startupMs: performance.now() - started, url: `http://127.0.0.1:${port}` };
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((stopped) => {
    child.once('exit', (code) => stopped(code));
    child.kill('SIGINT');
  });

async function call(url: string, method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as JsonBody };
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start, driven over HTTP as a newcomer would', () => {
  let orderId = '';
  let poNumbers: string[] = [];

  it('prints the URL and the demo keys, takes an order with curl-like calls and shows its POs in the Dropship tab', async () => {
    const port = await freePort();
    const runner = await startRunner(port, ['--reset']);
    expect(runner.output).toContain(`API             ${runner.url}`);
    for (const key of ['sk_local_storefront', 'sk_local_ops', 'sk_local_vendor_acme', 'sk_local_vendor_globex']) expect(runner.output).toContain(key);

    const placed = await call(runner.url, 'POST', '/orders', 'sk_local_storefront', anOrder({ skus: ['LAMP-001', 'CHAIR-002', 'MUG-003'] }), {
      'Idempotency-Key': 'e2e-1',
    });
    console.log(`offline runner: ready ${Math.round(runner.startupMs)} ms after start, first order served ${Math.round(performance.now() - runner.launchedAt)} ms after start`);
    expect(placed.status).toBe(201);
    orderId = placed.body.orderId;
    poNumbers = placed.body.purchaseOrders.map((po: { poNumber: string }) => po.poNumber);
    expect(poNumbers).toHaveLength(2);

    const tab = await call(runner.url, 'GET', '/dropship/orders?status=PENDING', 'sk_local_ops');
    expect(tab.body.items.map((row: { poNumber: string }) => row.poNumber).sort()).toEqual([...poNumbers].sort());

    const openapi = (await fetch(`${runner.url}/openapi.json`).then((r) => r.json())) as JsonBody;
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/orders');

    expect(await stop(runner.child)).toBe(0);
  });

  it('keeps the data across a restart and stops DynamoDB Local with Ctrl-C', async () => {
    const port = await freePort();
    const runner = await startRunner(port);
    const dynamoUrl = /DynamoDB Local\s+(http:\/\/\S+)/.exec(runner.output)?.[1];
    const order = await call(runner.url, 'GET', `/orders/${orderId}`, 'sk_local_storefront');
    expect(order.status).toBe(200);
    expect(order.body.purchaseOrders.map((po: { poNumber: string }) => po.poNumber)).toEqual(poNumbers);

    expect(await stop(runner.child)).toBe(0);
    await expect(fetch(dynamoUrl ?? 'http://127.0.0.1:1')).rejects.toThrow();
  });
});
