/**
 * EDI files through an SFTP mailbox, offline: how many files a second the mailbox path takes (the
 * partner's uploads by OpenSSH's sftp, each file received, answered with a 997 in /out and moved to
 * /in/processed), and how many DynamoDB requests one inbound file costs beyond the same interchange
 * posted to POST /vendor/edi.
 *
 *   npx tsx bench/edi-files.ts     this part alone (npm run bench runs it with the rest)
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveConnection, placeVendorOnConnection } from '../functions/services/edi-connections';
import { receiveX12, type EdiVendor } from '../functions/services/receive-x12';
import { getVendor, putVendor } from '../functions/store/catalog-store';
import { mailboxPaths } from '../functions/store/mailbox-store';
import { connectTable } from '../functions/store/table';
import { createMailboxFileHandler } from '../functions/transfers/mailbox-file';
import { ensureTable, startDynamoDbLocal } from '../local/dynamodb-local';
import { ensureSshKeyPair, startLocalEdi } from '../local/edi-transport';
import { seedDemoData } from '../local/seed';
import { vendorInterchange } from '../test/support/x12';
import { benchDependencies, countRequests, describeRequests, round, totalRequests } from './support';

export interface EdiFilesReport {
  files: number;
  itemsPerFile: number;
  /** From the first upload to the last file in /in/processed, uploads by one sftp session. */
  filesPerSecond: number;
  /** The receive path alone: files put straight into the store, until the last is processed. */
  processingFilesPerSecond: number;
  requestsPerFile: number;
  requestsPerPost: number;
  extraRequests: string;
}

const feed = (control: number, items: number) =>
  vendorInterchange({
    setId: '846', functionalId: 'IB', control,
    segments: [`BIA*00*MM*INV-${control}*20261125`, ...Array.from({ length: items }, (_, i) => [`LIN**VP*AC-${100 + i}`, `QTY*33*${control % 500}*EA`]).flat()],
  });

export async function ediFiles(endpoint: string, options: { files: number; itemsPerFile?: number }): Promise<EdiFilesReport> {
  const itemsPerFile = options.itemsPerFile ?? 20;
  const tableName = 'bench-edi-files';
  await ensureTable(endpoint, tableName);
  const table = connectTable({ tableName, region: 'us-east-1', endpoint });
  await seedDemoData(table, new Date());
  const root = mkdtempSync(join(tmpdir(), 'bench-edi-'));
  let deps = benchDependencies(table);
  const handle = createMailboxFileHandler(() => deps);
  const edi = await startLocalEdi({ root, table, sftpPort: 0, onObjectCreated: (event) => handle(event) });
  deps = { ...deps, edi: async () => edi.transport };
  try {
    const key = ensureSshKeyPair(join(root, 'keys', 'partner'), 'bench');
    await saveConnection(deps, 'bench-box', { kind: 'SFTP', sshPublicKeys: [key.publicKey] });
    const acme = await getVendor(table, 'acme');
    if (!acme?.edi) throw new Error('the demo vendor acme has no EDI settings');
    const onBox = { ...acme, edi: { ...acme.edi, connectionId: 'bench-box' } };
    await placeVendorOnConnection(deps, onBox, acme);
    await putVendor(table, onBox);

    const processed = async () => (await edi.transport.mailboxes.list('mailboxes/bench-box/in/processed/')).objects.length;
    const waitFor = async (count: number) => {
      while ((await processed()) < count) await new Promise((resolve) => setTimeout(resolve, 20));
    };

    // Through OpenSSH: one session putting every file, as a translator's scheduled job does.
    const uploads = mkdtempSync(join(tmpdir(), 'bench-uploads-'));
    const names = Array.from({ length: options.files }, (_, i) => `feed-${i}.edi`);
    names.forEach((name, i) => writeFileSync(join(uploads, name), feed(50_000 + i, itemsPerFile)));
    writeFileSync(join(uploads, 'batch'), `${names.map((n) => `put ${n} /in/`).join('\n')}\n`);
    const started = performance.now();
    // Asynchronous: the SFTP server answering it runs in this process.
    await promisify(execFile)('sftp', ['-b', 'batch', '-i', join(root, 'keys', 'partner'), '-P', String(edi.sftp.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', 'bench-box@127.0.0.1'], { cwd: uploads });
    await waitFor(options.files);
    const filesPerSecond = round(options.files / ((performance.now() - started) / 1000));

    // The receive path alone: the files appear in /in at once, as S3 would notify them.
    const directStarted = performance.now();
    for (let i = 0; i < options.files; i++) await edi.transport.mailboxes.put(mailboxPaths.inbound('bench-box', `direct-${i}.edi`), feed(60_000 + i, itemsPerFile));
    await waitFor(options.files * 2);
    const processingFilesPerSecond = round(options.files / ((performance.now() - directStarted) / 1000));

    // One interchange's DynamoDB requests: as a file in /in, and posted to POST /vendor/edi.
    const counter = countRequests(table);
    await edi.transport.mailboxes.put(mailboxPaths.inbound('bench-box', 'counted.edi'), feed(70_001, itemsPerFile));
    await waitFor(options.files * 2 + 1);
    counter.reset();
    await edi.transport.mailboxes.put(mailboxPaths.inbound('bench-box', 'counted-2.edi'), feed(70_002, itemsPerFile));
    await waitFor(options.files * 2 + 2);
    const asFile = counter.reset();
    counter.reset();
    // POST /vendor/edi: the handler reads the key's vendor, then receives (the authorizer's key lookup not counted).
    await receiveX12(deps, (await getVendor(table, 'acme')) as EdiVendor, feed(70_003, itemsPerFile));
    const asPost = counter.reset();
    // What the file path adds: the connection, its senders, the file's record.
    const extra = Object.entries(asFile.requests).flatMap(([name, n]) => (n > (asPost.requests[name] ?? 0) ? [`${n - (asPost.requests[name] ?? 0)} ${name}`] : []));
    return {
      files: options.files,
      itemsPerFile,
      filesPerSecond,
      processingFilesPerSecond,
      requestsPerFile: totalRequests(asFile),
      requestsPerPost: totalRequests(asPost),
      extraRequests: `${extra.join(', ')} (file: ${describeRequests(asFile)}; POST: ${describeRequests(asPost)})`,
    };
  } finally {
    await edi.stop();
  }
}

if (process.argv[1]?.endsWith('edi-files.ts')) {
  const dynamo = await startDynamoDbLocal();
  try {
    console.log(await ediFiles(dynamo.endpoint, { files: Number(process.env.EDI_FILES ?? 200) }));
  } finally {
    await dynamo.stop();
  }
}
