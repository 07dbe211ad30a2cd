import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureSshKeyPair } from '../../local/edi-transport';

const run = promisify(execFile);

/** A fresh ed25519 key pair for a test partner, written where OpenSSH will read it. */
export function partnerKey(name: string): { path: string; publicKey: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'ssh-')), name);
  return { path, publicKey: ensureSshKeyPair(path, `${name}@partner.example`).publicKey };
}

/**
 * Runs OpenSSH's own `sftp` client in batch mode (`-b`): each command as a person would type it.
 * Resolves with what it printed and its exit code (a refused command ends a batch with 1).
 */
export async function sftpBatch(options: { port: number; user: string; keyPath: string; commands: string[]; cwd?: string }): Promise<{ code: number; output: string }> {
  const batch = join(mkdtempSync(join(tmpdir(), 'sftp-batch-')), 'commands');
  writeFileSync(batch, `${options.commands.join('\n')}\n`);
  const args = [
    '-b', batch,
    '-i', options.keyPath,
    '-P', String(options.port),
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'IdentitiesOnly=yes',
    '-o', 'PasswordAuthentication=no',
    '-o', 'BatchMode=yes',
    '-o', 'LogLevel=ERROR',
    `${options.user}@127.0.0.1`,
  ];
  try {
    const { stdout, stderr } = await run('sftp', args, { cwd: options.cwd ?? tmpdir(), timeout: 20_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
