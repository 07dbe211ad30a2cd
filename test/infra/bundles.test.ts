import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionGroups, type FunctionName } from '../../functions/function-groups';
import { esbuildOptions } from '../../lib/bundling';

/**
 * Every Lambda bundled with the stack's own options (the stack tests skip bundling): each one
 * builds, and what keeps cold starts short stays true.
 */
const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
const bundles = new Map<FunctionName, { code: string; inputs: string[]; included: string[] }>();

beforeAll(async () => {
  for (const [name, group] of Object.entries(functionGroups) as [FunctionName, { entry: string }][]) {
    const outfile = join(dir, name, 'index.mjs');
    const { metafile } = await build(esbuildOptions(group.entry, outfile));
    const output = Object.values((metafile as Metafile).outputs).find((o) => o.entryPoint);
    const included = Object.entries(output?.inputs ?? {}).flatMap(([input, { bytesInOutput }]) => (bytesInOutput > 0 ? [input] : []));
    bundles.set(name, { code: readFileSync(outfile, 'utf8'), inputs: Object.keys((metafile as Metafile).inputs), included });
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const apiHandlers = new Set<FunctionName>(['catalog', 'orders', 'dropship', 'vendorPortal', 'vendorEdi', 'apiKeys', 'inventory', 'exceptions', 'analytics', 'tracking', 'vendorSignIn', 'ediConnections', 'invoicing', 'returns']);

describe('the Lambda bundles', () => {
  it('builds one per function', () => {
    expect([...bundles.keys()].sort()).toEqual(Object.keys(functionGroups).sort());
  });

  it('never imports node:http as an ES module (its facade would load undici at every cold start)', () => {
    for (const [name, { code }] of bundles) {
      expect(code, name).not.toMatch(/from\s*"(node:)?http"/);
      expect(code, name).toContain('getBuiltinModule("node:http")');
    }
  });

  it('keeps the request schemas and the full zod build out of the authorizer, the workflow tasks, the schedules and the notifier', () => {
    for (const [name, { inputs }] of bundles) {
      const loadsSchemas = inputs.some((input) => input.startsWith('functions/contracts/') || input.includes('node_modules/zod/v4/classic/'));
      expect(loadsSchemas, name).toBe(apiHandlers.has(name));
    }
  });

  it('keeps carrier tracking-number data and date arithmetic out of functions that use neither, and templates in the two that send mail', () => {
    const holds = (name: FunctionName, pkg: string) => bundles.get(name)?.included.some((input) => input.includes(`node_modules/${pkg}/`));
    for (const name of ['authorizer', 'apiKeys', 'inventory', 'vendorSignIn'] as const) {
      expect(holds(name, 'ts-tracking-number'), name).toBe(false);
      expect(holds(name, 'luxon'), name).toBe(false);
    }
    const withTemplates = [...bundles.keys()].filter((name) => holds(name, 'handlebars')).sort();
    expect(withTemplates).toEqual(['notifier', 'vendorSignIn']);
  });

  it("gives each API function its own group's route table and no other group's", () => {
    for (const [name, { included }] of bundles) {
      const tables = included.filter((input) => input.startsWith('functions/api/routes/'));
      const own = functionGroups[name].entry.replace('functions/api/', 'functions/api/routes/');
      expect(tables, name).toEqual(apiHandlers.has(name) ? [own] : []);
    }
    expect(bundles.get('apiKeys')?.included.some((input) => input === 'functions/contracts/orders.ts')).toBe(false);
  });

  it("takes AWS credentials from the environment Lambda sets, without the rest of the SDK's default chain", async () => {
    const chain = ['credential-provider-node', 'credential-provider-sso', 'credential-provider-ini', 'credential-provider-web-identity', 'nested-clients'];
    for (const [name, { included }] of bundles) {
      expect(included.filter((input) => chain.some((pkg) => input.includes(`node_modules/@aws-sdk/${pkg}/`))), name).toEqual([]);
    }
    const entry = join(dir, 'credentials.ts');
    writeFileSync(entry, "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst { accessKeyId, sessionToken } = await new DynamoDBClient({}).config.credentials();\nprocess.stdout.write(`${accessKeyId} ${sessionToken}`);\n");
    const outfile = join(dir, 'credentials', 'index.mjs');
    await build({ ...esbuildOptions(entry, outfile), nodePaths: [join(import.meta.dirname, '..', '..', 'node_modules')] });
    const env = { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'session' };
    expect(execFileSync(process.execPath, [outfile], { env, encoding: 'utf8' })).toBe('ASIAEXAMPLE session');
  });
});
