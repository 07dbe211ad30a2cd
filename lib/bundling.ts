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
} as const;
