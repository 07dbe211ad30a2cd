import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { functionGroups, type FunctionName } from '../functions/routes';
import { esbuildOptions } from '../lib/bundling';
import { median, round } from './support';

export interface ColdStartRow {
  function: string;
  bundleKb: number;
  gzipKb: number;
  /** The three largest inputs, from esbuild's metafile. */
  largest: string;
  initMsMedian: number;
  initMsP90: number;
}

/** Imports a bundle in a fresh Node process and prints how long the import (module init) took. */
const probe = 'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

function initTimes(file: string, runs: number): number[] {
  return Array.from({ length: runs }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', probe, file], {
        env: { PATH: process.env.PATH, TABLE_NAME: 'bench', AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
        encoding: 'utf8',
      }),
    ),
  );
}

const packageOf = (input: string) => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? (input.startsWith('functions/') ? 'functions/ (ours)' : input);
};

/**
 * Each Lambda's bundle, built exactly as the stack builds it (lib/bundling.ts, AWS SDK included):
 * its size, what weighs most in it, and its module init time, median of `runs` imports in fresh
 * Node processes (a floor for the Lambda cold start, which adds the runtime's own start).
 */
export async function coldStart(runs: number): Promise<ColdStartRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const rows: ColdStartRow[] = [];
  try {
    const baseline = join(dir, 'baseline.mjs');
    writeFileSync(baseline, 'export const handler = async () => ({});\n');
    const base = initTimes(baseline, runs);
    rows.push({ function: '(an empty handler, for scale)', bundleKb: 0, gzipKb: 0, largest: '', initMsMedian: round(median(base)), initMsP90: round([...base].sort((a, b) => a - b)[Math.ceil(runs * 0.9) - 1] ?? NaN) });
    for (const [name, group] of Object.entries(functionGroups) as [FunctionName, (typeof functionGroups)[FunctionName]][]) {
      const outfile = join(dir, name, 'index.mjs');
      const result = await build(esbuildOptions(group.entry, outfile));
      const bytesByPackage = new Map<string, number>();
      for (const [input, { bytesInOutput }] of Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs).find((o) => o.endsWith('.mjs')) ?? '']?.inputs ?? {})) {
        bytesByPackage.set(packageOf(input), (bytesByPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
      }
      const largest = [...bytesByPackage].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([pkg, bytes]) => `${pkg} ${Math.round(bytes / 1024)} KB`).join(', ');
      const times = initTimes(outfile, runs).sort((a, b) => a - b);
      rows.push({
        function: name,
        bundleKb: Math.round(statSync(outfile).size / 1024),
        gzipKb: Math.round(gzipSync(readFileSync(outfile)).length / 1024),
        largest,
        initMsMedian: round(median(times)),
        initMsP90: round(times[Math.ceil(runs * 0.9) - 1] ?? NaN),
      });
      console.error(`  ${name}: ${rows.at(-1)?.bundleKb} KB, init ${rows.at(-1)?.initMsMedian} ms`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
