import { spawn, type ChildProcess } from 'node:child_process';
import { resolve, join } from 'node:path';
import type { JsonBody } from './local-api';

const root = resolve(import.meta.dirname, '../..');

export interface Runner {
  child: ChildProcess;
  /** What it printed until it was ready. */
  output: string;
  /** Everything it has printed so far, stdout and stderr. */
  log(): string;
  launchedAt: number;
  startupMs: number;
  url: string;
}

/** Starts the offline stack as `npm start` does and resolves once it prints that it is ready. */
export async function startRunner(options: { port: number; dataDir: string; args?: string[]; env?: Record<string, string>; detached?: boolean }): Promise<Runner> {
  const started = performance.now();
  // One Node process with tsx as its loader, not the tsx CLI: the CLI relays a signal to its child and, when the child's
  // answer takes more than 30 ms (a loaded CI machine), SIGKILLs it and exits 130, so a Ctrl-C would look like a crash.
  const child = spawn(join(root, 'node_modules/.bin/node'), ['--import', 'tsx', 'bin/local.ts', '--port', String(options.port), '--data-dir', options.dataDir, '--quiet', ...(options.args ?? [])], {
    cwd: root,
    env: { ...process.env, PORT: undefined, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a test can kill the whole stack at once (node, DynamoDB Local's JVM) as a crash would.
    ...(options.detached && { detached: true }),
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((ready, fail) => {
    const timer = setInterval(() => {
      if (output.includes('Ctrl-C stops everything')) {
        clearInterval(timer);
        ready();
      } else if (performance.now() - started > 120_000) {
        clearInterval(timer);
        fail(new Error(`no start within 120 s:\n${output}`));
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      fail(new Error(`runner exited with ${code}:\n${output}`));
    });
  });
  return { child, output, log: () => output, launchedAt: started, startupMs: performance.now() - started, url: `http://127.0.0.1:${options.port}` };
}

export const stopRunner = (child: ChildProcess) =>
  new Promise<number | null>((stopped) => {
    if (child.exitCode !== null) return stopped(child.exitCode);
    child.once('exit', (code) => stopped(code));
    child.kill('SIGINT');
  });

/** One HTTP call with a key; JSON bodies are parsed, X12 comes back as text. */
export async function call(url: string, method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}) {
  const x12 = typeof body === 'string';
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'x-api-key': key, 'content-type': x12 ? 'application/edi-x12' : 'application/json', ...headers },
    body: body === undefined ? undefined : x12 ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as JsonBody };
}
