import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { functionGroups, type FunctionName } from '../functions/function-groups';
import { esbuildOptions } from '../lib/bundling';
import { median, packageOf, round } from './support';

export interface ColdStartRow {
  function: string;
  bundleKb: number;
  gzipKb: number;
  /** The three largest inputs, from esbuild's metafile. */
  largest: string;
  initMsMedian: number;
  initMsP90: number;
  /** The same import with Node's compile cache, primed by one import of the same file at the same path. */
  cachedInitMsMedian: number;
}

/** Imports a bundle in a fresh Node process and prints how long the import (module init) took. */
const probe = 'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

function initTimes(file: string, runs: number, compileCache?: string): number[] {
  const env = { PATH: process.env.PATH, TABLE_NAME: 'bench', AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', ...(compileCache && { NODE_COMPILE_CACHE: compileCache }) };
  const once = () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe, file], { env, encoding: 'utf8' }));
  if (compileCache) once(); // primes the cache
  return Array.from({ length: runs }, once);
}

/** Median init of a bundle, plain and with a primed compile cache (median, p90, cached median). */
function measureInit(file: string, runs: number): Pick<ColdStartRow, 'initMsMedian' | 'initMsP90' | 'cachedInitMsMedian'> {
  const times = initTimes(file, runs).sort((a, b) => a - b);
  return {
    initMsMedian: round(median(times)),
    initMsP90: round(times[Math.ceil(runs * 0.9) - 1] ?? NaN),
    cachedInitMsMedian: round(median(initTimes(file, runs, join(dirname(file), 'compile-cache')))),
  };
}

/** For scale: a module that only makes the DynamoDB document client every function makes (the AWS SDK's own init). */
const sdkOnly = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
`;

const partOf = (input: string) => packageOf(input) ?? (input.startsWith('functions/') ? 'functions/ (ours)' : input);

/**
 * Each Lambda's bundle, built exactly as the stack builds it (lib/bundling.ts, AWS SDK included):
 * its size, what weighs most in it, and its module init time, median of `runs` imports in fresh
 * Node processes (a floor for the Lambda cold start, which adds the runtime's own start).
 */
export async function coldStart(runs: number): Promise<ColdStartRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const rows: ColdStartRow[] = [];
  try {
    const baseline = join(dir, 'baseline', 'index.mjs');
    mkdirSync(dirname(baseline));
    writeFileSync(baseline, 'export const handler = async () => ({});\n');
    rows.push({ function: '(an empty handler, for scale)', bundleKb: 0, gzipKb: 0, largest: '', ...measureInit(baseline, runs) });
    const sdkEntry = join(dir, 'sdk-only.ts');
    writeFileSync(sdkEntry, sdkOnly);
    const sdkOut = join(dir, 'sdk-only', 'index.mjs');
    await build({ ...esbuildOptions(sdkEntry, sdkOut), nodePaths: [join(import.meta.dirname, '..', 'node_modules')] });
    rows.push({ function: '(the DynamoDB client alone, for scale)', bundleKb: Math.round(statSync(sdkOut).size / 1024), gzipKb: Math.round(gzipSync(readFileSync(sdkOut)).length / 1024), largest: '', ...measureInit(sdkOut, runs) });
    for (const [name, group] of Object.entries(functionGroups) as [FunctionName, (typeof functionGroups)[FunctionName]][]) {
      const outfile = join(dir, name, 'index.mjs');
      const result = await build(esbuildOptions(group.entry, outfile));
      const bytesByPackage = new Map<string, number>();
      for (const [input, { bytesInOutput }] of Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs).find((o) => o.endsWith('.mjs')) ?? '']?.inputs ?? {})) {
        bytesByPackage.set(partOf(input), (bytesByPackage.get(partOf(input)) ?? 0) + bytesInOutput);
      }
      const largest = [...bytesByPackage].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([pkg, bytes]) => `${pkg} ${Math.round(bytes / 1024)} KB`).join(', ');
      rows.push({
        function: name,
        bundleKb: Math.round(statSync(outfile).size / 1024),
        gzipKb: Math.round(gzipSync(readFileSync(outfile)).length / 1024),
        largest,
        ...measureInit(outfile, runs),
      });
      console.error(`  ${name}: ${rows.at(-1)?.bundleKb} KB, init ${rows.at(-1)?.initMsMedian} ms`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
