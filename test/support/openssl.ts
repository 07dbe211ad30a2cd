import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** OpenSSL's own command line (not our code), in a folder of its own. */
export async function openssl(args: string[], cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('openssl', args, { cwd, encoding: 'latin1', timeout: 20_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** A trading partner's AS2 key and self-signed certificate, made by `openssl req`. */
export async function partnerCertificate(commonName: string): Promise<{ dir: string; certificate: string; keyPath: string; certPath: string }> {
  const dir = mkdtempSync(join(tmpdir(), `as2-${commonName}-`));
  const made = await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'partner.key', '-out', 'partner.pem', '-days', '365', '-subj', `/CN=${commonName}/O=Partner`], dir);
  if (made.code !== 0) throw new Error(made.output);
  return { dir, certificate: readFileSync(join(dir, 'partner.pem'), 'utf8'), keyPath: join(dir, 'partner.key'), certPath: join(dir, 'partner.pem') };
}

export const writeIn = (dir: string, name: string, content: Buffer | string) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
