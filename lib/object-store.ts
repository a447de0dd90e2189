/**
 * The object store as the rest of the code sees it: whole objects in and out of one bucket, each write
 * atomic (an S3 PUT is visible only once complete, so readers never see half an object). Implemented on
 * the `minio` client, which speaks to MinIO and any other S3-compatible store.
 */
import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { Client } from 'minio';
import type { Config } from './config.js';
import { AppError } from './errors.js';

export interface StoredObject {
  bucket: string;
  key: string;
  etag: string;
  size: number;
  /** Hex SHA-256 of the content, computed here, so callers can verify what they read back. */
  sha256: string;
}

export interface ObjectInfo {
  etag: string;
  size: number;
  lastModified: Date;
}

export interface ObjectStore {
  readonly bucket: string;
  readonly endpoint: string;
  ensureBucket(): Promise<void>;
  put(key: string, body: Buffer | string, metadata?: Record<string, string>): Promise<StoredObject>;
  /**
   * Writes only if no object has the key (S3 conditional PUT, `If-None-Match: *`): resolves `undefined`
   * when another writer got there first, so two writers can never both claim the same key.
   */
  putIfAbsent(key: string, body: Buffer | string): Promise<StoredObject | undefined>;
  get(key: string): Promise<Buffer>;
  /** ETag, size and time of the object, or `undefined` when there is none; cheap enough to poll. */
  stat(key: string): Promise<ObjectInfo | undefined>;
  exists(key: string): Promise<boolean>;
  list(prefix: string): Promise<string[]>;
  remove(key: string): Promise<void>;
  /** Resolves when the store answers within `timeoutMs`; rejects with the reason otherwise. */
  ping(timeoutMs?: number): Promise<void>;
}

export function sha256Hex(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isNotFound(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchBucket';
}

export function createObjectStore(s3: Config['s3']): ObjectStore {
  const url = new URL(s3.endpoint);
  const useSSL = url.protocol === 'https:';
  const client = new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    region: s3.region,
    pathStyle: true,
    transportAgent: useSSL ? undefined : new Agent({ keepAlive: true }),
  });
  const bucket = s3.bucket;

  return {
    bucket,
    endpoint: s3.endpoint,

    async ensureBucket() {
      if (!(await client.bucketExists(bucket))) {
        try {
          await client.makeBucket(bucket, s3.region);
        } catch (err) {
          // Another process may have created it between the check and the create.
          if ((err as { code?: string }).code !== 'BucketAlreadyOwnedByYou') throw err;
        }
      }
    },

    async put(key, body, metadata = {}) {
      const buffer = typeof body === 'string' ? Buffer.from(body) : body;
      const sha256 = sha256Hex(buffer);
      const info = await client.putObject(bucket, key, buffer, buffer.length, {
        ...metadata,
        'x-amz-meta-sha256': sha256,
      });
      return { bucket, key, etag: info.etag, size: buffer.length, sha256 };
    },

    async putIfAbsent(key, body) {
      const buffer = typeof body === 'string' ? Buffer.from(body) : body;
      const sha256 = sha256Hex(buffer);
      try {
        const info = await client.putObject(bucket, key, buffer, buffer.length, {
          'If-None-Match': '*',
          'x-amz-meta-sha256': sha256,
        });
        return { bucket, key, etag: info.etag, size: buffer.length, sha256 };
      } catch (err) {
        if ((err as { code?: string }).code === 'PreconditionFailed') return undefined;
        throw err;
      }
    },

    async stat(key) {
      try {
        const info = await client.statObject(bucket, key);
        return { etag: info.etag, size: info.size, lastModified: info.lastModified };
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },

    async get(key) {
      try {
        const stream = await client.getObject(bucket, key);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      } catch (err) {
        if (isNotFound(err)) {
          throw new AppError('OBJECT_NOT_FOUND', `No object s3://${bucket}/${key}`, { bucket, key });
        }
        throw err;
      }
    },

    async exists(key) {
      try {
        await client.statObject(bucket, key);
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },

    async list(prefix) {
      const keys: string[] = [];
      for await (const item of client.listObjectsV2(bucket, prefix, true)) {
        if ((item as { name?: string }).name) keys.push((item as { name: string }).name);
      }
      return keys;
    },

    async remove(key) {
      await client.removeObject(bucket, key);
    },

    async ping(timeoutMs = 2000) {
      await withTimeout(client.bucketExists(bucket), timeoutMs, `object store at ${s3.endpoint}`);
    },
  };
}
