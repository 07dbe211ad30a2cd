import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { MailboxStore } from './mailbox-store';

/** S3 on AWS: the bucket behind Transfer Family. */
export function s3Mailboxes(s3: S3Client, bucket: string): MailboxStore {
  const store: MailboxStore = {
    async get(key) {
      try {
        const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return result.Body ? Buffer.from(await result.Body.transformToByteArray()) : Buffer.alloc(0);
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    async put(key, body) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async move(from, to) {
      try {
        await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}` }));
      } catch (error) {
        if (error instanceof Error && error.name === 'NoSuchKey') return false;
        throw error;
      }
      await store.remove(from);
      return true;
    },
    async remove(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async list(prefix, cursor) {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: cursor, MaxKeys: 1000 }));
      return {
        objects: (page.Contents ?? []).filter((o) => o.Key && o.Key !== prefix).map((o) => ({ key: String(o.Key), size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) })),
        folders: (page.CommonPrefixes ?? []).map((p) => String(p.Prefix)),
        ...(page.NextContinuationToken && { nextCursor: page.NextContinuationToken }),
      };
    },
    async stat(key) {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 }));
      const object = page.Contents?.find((o) => o.Key === key);
      return object ? { key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) } : undefined;
    },
  };
  return store;
}

