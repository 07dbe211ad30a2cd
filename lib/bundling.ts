import { resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda is bundled, in one place: the CDK stack (NodejsFunction) and the cold-start
 * benchmark (esbuild directly) both read it, so the measured bundle is the deployed one.
 * The AWS SDK is bundled (not taken from the runtime), so the pinned version ships and esbuild
 * keeps only the clients a function imports.
 */
export const lambdaBundling = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  externalModules: [] as string[],
  // Some dependencies still call require(); ESM bundles need it defined.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  /**
   * `http` is taken through require, not an ESM import: importing a builtin as ESM builds its
   * export facade, which runs every lazy getter on it, and http's getters load undici (its
   * WebSocket and events) — about 15 ms of every cold start (`npm run bench`). Paths are relative
   * to the project root, where esbuild runs. The SDK's credential chain is cut to the environment,
   * the one link that answers in Lambda (functions/runtime/lambda-credentials.ts).
   */
  alias: {
    http: './functions/runtime/node-http.cjs',
    'node:http': './functions/runtime/node-http.cjs',
    '@aws-sdk/credential-provider-node': './functions/runtime/lambda-credentials.ts',
  } as Record<string, string>,
} as const;

const projectRoot = resolve(import.meta.dirname, '..');

/** The same bundle through esbuild's API (the cold-start benchmark and the bundle tests build with it). */
export const esbuildOptions = (entry: string, outfile: string): BuildOptions & { metafile: true } => ({
  absWorkingDir: projectRoot,
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: lambdaBundling.format,
  platform: lambdaBundling.platform,
  target: lambdaBundling.target,
  minify: lambdaBundling.minify,
  sourcemap: lambdaBundling.sourcemap,
  mainFields: [...lambdaBundling.mainFields],
  external: [...lambdaBundling.externalModules],
  banner: { js: lambdaBundling.banner },
  alias: lambdaBundling.alias,
  metafile: true,
  logLevel: 'silent',
});
