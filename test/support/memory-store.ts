/** An in-memory ObjectStore for unit tests (integration tests use the real MinIO). `down` simulates an outage. */
import { AppError } from '../../lib/errors.js';
import { sha256Hex, type ObjectStore } from '../../lib/object-store.js';

export interface MemoryStore extends ObjectStore {
  objects: Map<string, Buffer>;
  down: boolean;
}

export function createMemoryStore(): MemoryStore {
  const objects = new Map<string, Buffer>();
  const times = new Map<string, Date>();
  const store: MemoryStore = {
    bucket: 'memory',
    endpoint: 'memory://',
    objects,
    down: false,
    ensureBucket: () => Promise.resolve(),
    async put(key, body) {
      up();
      const buffer = Buffer.from(body);
      objects.set(key, buffer);
      times.set(key, new Date());
      return {
        bucket: 'memory',
        key,
        etag: sha256Hex(buffer),
        size: buffer.length,
        sha256: sha256Hex(buffer),
      };
    },
    async putIfAbsent(key, body) {
      up();
      return objects.has(key) ? undefined : store.put(key, body);
    },
    async get(key) {
      up();
      const body = objects.get(key);
      if (!body) throw new AppError('OBJECT_NOT_FOUND', `No object ${key}`);
      return Buffer.from(body);
    },
    async stat(key) {
      up();
      const body = objects.get(key);
      return body
        ? { etag: sha256Hex(body), size: body.length, lastModified: times.get(key) ?? new Date() }
        : undefined;
    },
    async exists(key) {
      up();
      return objects.has(key);
    },
    async list(prefix) {
      up();
      return [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    },
    async remove(key) {
      up();
      objects.delete(key);
    },
    async ping() {
      up();
    },
  };
  function up(): void {
    if (store.down) throw Object.assign(new Error('connect ECONNREFUSED memory'), { code: 'ECONNREFUSED' });
  }
  return store;
}
