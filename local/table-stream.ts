import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { localClient } from './dynamodb-local';
import { notifierStream } from '../functions/notifications/stream-settings';

type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

/** As the stack configures the notifier and its event source mapping. */
export const notifierTimeoutMs = notifierStream.timeoutSeconds * 1000;
const { batchSize } = notifierStream;

export interface TableStreamOptions {
  endpoint: string;
  tableName: string;
  handler: StreamHandler;
  /** Pause between reads of a quiet stream. */
  pollMs?: number;
  /** Attempts per batch before it is given up (logged), as the event source mapping's retries. */
  attempts?: number;
  /**
   * Where the reader keeps its place (the last record handed over, per shard), as the event source
   * mapping does: a restart resumes after it, so nothing written before a crash goes unread.
   * Without one (or before the first batch), a start reads from the stream's end.
   */
  checkpointFile?: string;
  log?: (line: string) => void;
}

/** The last sequence number handed over, per shard. */
type Checkpoint = Record<string, string>;

function readCheckpoint(file: string | undefined): Checkpoint | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  } catch {
    return undefined;
  }
}

/** Written beside and renamed into place: a crash mid-write leaves the previous place, never half a file. */
function writeCheckpoint(file: string, checkpoint: Checkpoint): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, JSON.stringify(checkpoint));
  renameSync(partial, file);
}

type Attribute = Record<string, unknown>;

/**
 * The SDK's Streams client reads an empty map (`{"M":{}}`) back as `{}`, which the Lambda event
 * never holds and unmarshall refuses; put the map back so the handler sees what Lambda would give it.
 */
function repairEmptyMaps(value: Attribute): Attribute {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) return { M: Object.fromEntries(Object.entries(value.M as Record<string, Attribute>).map(([k, v]) => [k, repairEmptyMaps(v)])) };
  if (Array.isArray(value.L)) return { L: (value.L as Attribute[]).map(repairEmptyMaps) };
  return value;
}

const asLambdaRecord = (record: StreamRecord) => {
  const image = (raw: unknown) => raw && Object.fromEntries(Object.entries(raw as Record<string, Attribute>).map(([k, v]) => [k, repairEmptyMaps(v)]));
  return { ...record, dynamodb: { ...record.dynamodb, NewImage: image(record.dynamodb?.NewImage), OldImage: image(record.dynamodb?.OldImage) } };
};

export interface TableStream {
  stop(): Promise<void>;
}

/**
 * The Lambda event source mapping, offline: reads DynamoDB Local's stream of the table, shard by
 * shard, and hands each batch to the same handler the deployed notifier runs. A batch that fails
 * (a throw, or batchItemFailures) is retried from the first failed record, then given up on, as
 * the deployed mapping does before its dead-letter queue. With a checkpoint file it keeps its place
 * per shard and resumes after it on the next start; a first start reads open shards from their
 * latest record, and shards that open later from their first.
 */
export async function startTableStream(options: TableStreamOptions): Promise<TableStream> {
  const { endpoint, tableName, handler, pollMs = 100, attempts = 3, log = console.error, checkpointFile } = options;
  const saved = readCheckpoint(checkpointFile);
  const checkpoint: Checkpoint = { ...saved };
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials });
  const db = localClient(endpoint);
  const { Table } = await db.send(new DescribeTableCommand({ TableName: tableName }));
  db.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} has no stream; it must be created from the table definition`);

  const iterators = new Map<string, string | undefined>();
  /**
   * Where each shard is read from: after its saved place; a shard with none from its start when a
   * place was kept (it opened since), else, on a first start, from the end (open shards) or not at all (closed ones).
   */
  const discover = async (first: boolean) => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const closed = Boolean(shard.SequenceNumberRange?.EndingSequenceNumber);
      const after = checkpoint[shard.ShardId];
      if (first && closed && !after && !saved) {
        iterators.set(shard.ShardId, undefined);
        continue;
      }
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: first && !saved && !checkpointFile ? 'LATEST' : 'TRIM_HORIZON' }),
        }),
      );
      iterators.set(shard.ShardId, first && !saved && checkpointFile ? await toEnd(shard.ShardId, ShardIterator) : ShardIterator);
    }
  };

  /** A first start with a checkpoint: its place is the shard's last record, read through (not handed over) so it can be kept. */
  const toEnd = async (shardId: string, start: string | undefined) => {
    let iterator = start;
    while (iterator) {
      const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      if (Records.length === 0) return iterator;
      const last = Records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) checkpoint[shardId] = last;
      iterator = NextShardIterator;
    }
    return iterator;
  };

  const deliver = async (records: StreamRecord[]) => {
    let pending = records;
    for (let attempt = 1; pending.length > 0; attempt++) {
      let failedFrom: string | undefined;
      try {
        const result = await handler({ Records: pending.map(asLambdaRecord) as DynamoDBStreamEvent['Records'] });
        failedFrom = result?.batchItemFailures[0]?.itemIdentifier;
        if (failedFrom === undefined) return;
      } catch (error) {
        log(`table stream: batch failed (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`);
      }
      const index = failedFrom === undefined ? 0 : Math.max(0, pending.findIndex((r) => r.dynamodb?.SequenceNumber === failedFrom));
      pending = pending.slice(index);
      if (attempt >= attempts) {
        log(`table stream: gave up on ${pending.length} record(s) after ${attempts} attempts`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  };

  await discover(true);
  // The first start's place is the stream's end: kept at once, so a crash before any record is read still resumes from here.
  if (checkpointFile && !saved) writeCheckpoint(checkpointFile, checkpoint);
  let running = true;
  let lastDiscovery = Date.now();
  const loop = (async () => {
    while (running) {
      let busy = false;
      try {
        for (const [shardId, iterator] of iterators) {
          if (!iterator) continue;
          const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
          iterators.set(shardId, NextShardIterator);
          if (Records.length > 0) {
            busy = true;
            await deliver(Records);
            const last = Records.at(-1)?.dynamodb?.SequenceNumber;
            if (checkpointFile && last) {
              checkpoint[shardId] = last;
              writeCheckpoint(checkpointFile, checkpoint);
            }
          }
        }
        if (Date.now() - lastDiscovery > 2_000) {
          lastDiscovery = Date.now();
          await discover(false);
        }
      } catch (error) {
        if (running) log(`table stream: read failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!busy) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  })();

  return {
    async stop() {
      running = false;
      await loop;
      streams.destroy();
    },
  };
}
