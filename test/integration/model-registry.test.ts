import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { freshStore } from './harness.js';
import { registerTestVersion, testVersion } from '../support/test-models.js';

const uniqueName = () => `reg-${randomUUID().slice(0, 8)}`;

async function setup() {
  const store = await freshStore();
  return { store, registry: createObjectStoreRegistry(store) };
}

describe('model registry on the real MinIO', () => {
  it('numbers versions v0001, v0002 and writes a manifest that lists verified artifacts', async () => {
    const { registry } = await setup();
    const name = uniqueName();
    const first = await registerTestVersion(registry, { name, bias: 1 });
    const second = await registerTestVersion(registry, { name, bias: 2 });
    expect([first.version, second.version]).toEqual(['v0001', 'v0002']);
    expect(await registry.listVersions(name)).toEqual(['v0001', 'v0002']);
    const manifest = await registry.getManifest(name, 'v0002');
    expect(manifest.artifacts.map((a) => a.role).sort()).toEqual(['cashflow', 'prediction', 'risk']);
    const bytes = await registry.readArtifact(manifest, 'prediction.json');
    expect(JSON.parse(Buffer.from(bytes).toString('utf8'))).toMatchObject({ bias: 2 });
  });

  it('gives one version for a retried registration with the same key, even concurrently', async () => {
    const { registry } = await setup();
    const name = uniqueName();
    const results = await Promise.all([
      registry.registerVersion(testVersion({ name, bias: 1 }), 'wf-1/run-1'),
      registry.registerVersion(testVersion({ name, bias: 1 }), 'wf-1/run-1'),
    ]);
    const retry = await registry.registerVersion(testVersion({ name, bias: 1 }), 'wf-1/run-1');
    expect(results.map((m) => m.version)).toEqual(['v0001', 'v0001']);
    expect(retry.version).toBe('v0001');
    expect(await registry.listVersions(name)).toEqual(['v0001']);
  });

  it('finishes the version a crashed attempt claimed instead of taking a new number', async () => {
    const { store, registry } = await setup();
    const name = uniqueName();
    // What a crash after the claim and one artifact leaves behind: no manifest, so no visible version.
    await store.put(`models/${name}/v0001/claim.json`, JSON.stringify({ keyHash: 'someone-else' }));
    const first = await registry.registerVersion(testVersion({ name, bias: 1 }), 'key-a');
    expect(first.version).toBe('v0002');
    await store.remove(`models/${name}/v0002/manifest.json`);
    expect(await registry.listVersions(name)).toEqual([]);
    const retried = await registry.registerVersion(testVersion({ name, bias: 1 }), 'key-a');
    expect(retried.version).toBe('v0002');
    expect(await registry.listVersions(name)).toEqual(['v0002']);
  });

  it('switches aliases, keeps the previous version and rolls back', async () => {
    const { registry } = await setup();
    const name = uniqueName();
    await registerTestVersion(registry, { name, bias: 1 });
    await registerTestVersion(registry, { name, bias: 2 });
    expect(await registry.getAlias(name, 'production')).toBeUndefined();
    await registry.setAlias(name, 'production', 'v0001');
    const promoted = await registry.setAlias(name, 'production', 'v0002');
    expect(promoted).toMatchObject({ alias: 'production', version: 'v0002', previous: 'v0001' });
    const rolledBack = await registry.rollback(name, 'production');
    expect(rolledBack).toMatchObject({ version: 'v0001', previous: 'v0002' });
    expect(await registry.getAlias(name, 'production')).toMatchObject({ version: 'v0001' });
    expect(await registry.rollback(name, 'production', 'v0002')).toMatchObject({ version: 'v0002' });
    await registry.setAlias(name, 'staging', 'v0001');
    const aliases = await registry.listAliases(name);
    expect(aliases.map((a) => [a.alias, a.version]).sort()).toEqual([
      ['production', 'v0002'],
      ['staging', 'v0001'],
    ]);
  });

  it('refuses to point an alias at a version without a manifest', async () => {
    const { store, registry } = await setup();
    const name = uniqueName();
    await store.put(`models/${name}/v0001/prediction.json`, 'half a version');
    const err = await registry.setAlias(name, 'production', 'v0001').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VERSION_NOT_FOUND' });
    expect(await registry.getAlias(name, 'production')).toBeUndefined();
    await expect(registry.rollback(name, 'production')).rejects.toMatchObject({ code: 'ALIAS_NOT_FOUND' });
  });

  it('refuses a corrupted or truncated artifact with INTEGRITY_CHECK_FAILED', async () => {
    const { store, registry } = await setup();
    const name = uniqueName();
    const manifest = await registerTestVersion(registry, { name, bias: 1 });
    const key = `models/${name}/v0001/prediction.json`;
    const original = await store.get(key);
    const flipped = Buffer.from(original);
    flipped[10] = (flipped[10] ?? 0) ^ 0xff;
    await store.put(key, flipped);
    await expect(registry.readArtifact(manifest, 'prediction.json')).rejects.toMatchObject({
      code: 'INTEGRITY_CHECK_FAILED',
      message: expect.stringMatching(/SHA-256/) as unknown,
    });
    await store.put(key, original.subarray(0, original.length - 5));
    await expect(registry.readArtifact(manifest, 'prediction.json')).rejects.toMatchObject({
      code: 'INTEGRITY_CHECK_FAILED',
      message: expect.stringMatching(/truncated/) as unknown,
    });
  });
});
