import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

export const consoleRoot = resolve(import.meta.dirname, '..', 'console');
export const consoleDist = join(consoleRoot, 'dist');

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);

/** Builds the console and the vendor portal with Vite when never built or their sources changed since. */
export async function ensureConsoleBuilt(log: (line: string) => void = () => undefined): Promise<void> {
  const built = join(consoleDist, 'index.html');
  const sources = Math.max(newest(join(consoleRoot, 'src')), statSync(join(consoleRoot, 'index.html')).mtimeMs, statSync(join(consoleRoot, 'portal', 'index.html')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  log('Building the ops console (Vite)…');
  const { build } = await import('vite');
  await build({ configFile: join(consoleRoot, 'vite.config.ts'), logLevel: 'warn' });
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves the built console under /console/, as CloudFront serves it on AWS: static files, and a
 * config.json that points it at this same server's API.
 */
export function serveConsole(path: string, response: ServerResponse): void {
  const inside = path.replace(/^\/console\/?/, '');
  const relative = !inside || inside.endsWith('/') ? `${inside}index.html` : inside;
  if (relative === 'config.json' || relative === 'portal/config.json') {
    response.writeHead(200, { 'content-type': types['.json'] ?? '', 'cache-control': 'no-store' });
    response.end(JSON.stringify({ apiUrl: '', retailerName: process.env.RETAILER_NAME ?? 'Dropship OMS Demo Store' }));
    return;
  }
  const file = normalize(join(consoleDist, relative));
  if (!file.startsWith(consoleDist) || !existsSync(file) || statSync(file).isDirectory()) {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Not found');
    return;
  }
  response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': relative.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable' });
  response.end(readFileSync(file));
}
