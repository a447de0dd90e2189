import { describe, expect, it } from 'vitest';
import { createObjectStore, sha256Hex } from '../../lib/object-store.js';
import { AppError } from '../../lib/errors.js';
import { freePort } from '../../infra/servers.js';
import { freshStore, integrationConfig } from './harness.js';

describe('object store on the real MinIO', () => {
  it('puts, reads, lists and removes whole objects with their SHA-256', async () => {
    const store = await freshStore();
    const prefix = `test/object-store/${Date.now()}/`;
    const written = await store.put(`${prefix}a.txt`, 'alpha');
    await store.put(`${prefix}b.txt`, Buffer.from('beta'));

    expect(written).toMatchObject({ key: `${prefix}a.txt`, size: 5, sha256: sha256Hex('alpha') });
    expect((await store.get(`${prefix}a.txt`)).toString()).toBe('alpha');
    expect((await store.list(prefix)).sort()).toEqual([`${prefix}a.txt`, `${prefix}b.txt`]);
    expect(await store.exists(`${prefix}b.txt`)).toBe(true);

    await store.remove(`${prefix}b.txt`);
    expect(await store.exists(`${prefix}b.txt`)).toBe(false);
  });

  it('names the missing object in a stable error code', async () => {
    const store = await freshStore();
    const error = await store.get('test/does-not-exist').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('OBJECT_NOT_FOUND');
    expect((error as AppError).message).toContain('test/does-not-exist');
  });

  it('ensureBucket is idempotent', async () => {
    const config = integrationConfig({ bucket: `idem-${Date.now()}` });
    const store = createObjectStore(config.s3);
    await store.ensureBucket();
    await store.ensureBucket();
    await store.put('x', 'y');
    expect(await store.exists('x')).toBe(true);
  });

  it('ping rejects, naming the endpoint, when nothing listens there', async () => {
    const port = await freePort();
    const store = createObjectStore(integrationConfig({ endpoint: `http://127.0.0.1:${port}` }).s3);
    await expect(store.ping(1000)).rejects.toThrow();
  });
});
