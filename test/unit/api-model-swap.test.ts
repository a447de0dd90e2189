import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { auth, buildTestApi } from '../support/api-app.js';
import { createMemoryStore } from '../support/memory-store.js';
import { referenceRow, registerTestVersion } from '../support/test-models.js';
import type { SinglePrediction } from '../../api/schemas/predict.js';
import type { ReadyResponse } from '../../api/schemas/ready.js';

const name = 'cashflow-forecaster';
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setup() {
  const store = createMemoryStore();
  const registry = createObjectStoreRegistry(store);
  await registerTestVersion(registry, { name, bias: 1 });
  await registry.setAlias(name, 'production', 'v0001');
  // Polling is driven by the test (modelHolder.check()), not by a clock.
  app = await buildTestApi({ store, api: { model: { name, alias: 'production', pollMs: 3_600_000 } } });
  return { store, registry, app };
}

const version = async (fastify: FastifyInstance) =>
  (
    await fastify.inject({
      method: 'POST',
      url: '/predict',
      headers: auth(),
      payload: { data: referenceRow },
    })
  ).json<SinglePrediction>().model.version;

const ready = (fastify: FastifyInstance) => fastify.inject({ method: 'GET', url: '/ready' });
const metricsText = async (fastify: FastifyInstance) =>
  (await fastify.inject({ method: 'GET', url: '/metrics' })).body;

describe('model holder', () => {
  it('swaps to a promoted version once loaded and counts the reload', async () => {
    const { registry, app } = await setup();
    await registerTestVersion(registry, { name, bias: 2 });
    expect(await version(app)).toBe('v0001');
    await registry.setAlias(name, 'production', 'v0002');
    await app.modelHolder.check();
    expect(await version(app)).toBe('v0002');
    const text = await metricsText(app);
    expect(text).toMatch(/model_reloads_total\{result="success"\} 2/);
    expect(text).toMatch(/model_info\{name="cashflow-forecaster",version="v0002",loaded_at="[^"]+"\} 1/);
    expect(text).not.toMatch(/model_info\{[^}]*version="v0001"/);
    expect(text).toMatch(/predictions_total\{model_version="v0001"\} 1/);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="[^"]+",route="\/predict",method="POST",status_code="200"\}/,
    );
    expect(text).toMatch(/process_cpu_user_seconds_total/);
  });

  it('refuses a version with a corrupted artifact and keeps serving the old one', async () => {
    const { store, registry, app } = await setup();
    await registerTestVersion(registry, { name, bias: 2 });
    const key = `models/${name}/v0002/risk.json`;
    store.objects.set(key, Buffer.from(String(store.objects.get(key)).replace('-25', '-26')));
    await registry.setAlias(name, 'production', 'v0002');
    await app.modelHolder.check();
    expect(await version(app)).toBe('v0001');
    const body = (await ready(app)).json<ReadyResponse>();
    expect(body).toMatchObject({
      status: 'ready',
      model: { version: 'v0001' },
      lastFailure: { version: 'v0002' },
    });
    expect(body.lastFailure?.error).toMatch(/SHA-256/);
    const text = await metricsText(app);
    expect(text).toMatch(/model_reloads_total\{result="failure"\} 1/);
    expect(text).toMatch(/errors_total\{kind="model_reload"\} 1/);
    // A fixed version promoted afterwards is taken.
    await registerTestVersion(registry, { name, bias: 3 });
    await registry.setAlias(name, 'production', 'v0003');
    await app.modelHolder.check();
    expect(await version(app)).toBe('v0003');
  });

  it('refuses a version whose engine cannot load the artifact', async () => {
    const { store, registry, app } = await setup();
    const manifest = await registerTestVersion(registry, { name, bias: 2 });
    // A consistent manifest over bytes no engine accepts: the checksum passes, the load must not.
    const bad = Buffer.from('{"engine":"linear-test","weights":');
    store.objects.set(`models/${name}/v0002/prediction.json`, bad);
    const { sha256Hex } = await import('../../lib/object-store.js');
    const artifacts = manifest.artifacts.map((a) =>
      a.name === 'prediction.json' ? { ...a, size: bad.length, sha256: sha256Hex(bad) } : a,
    );
    store.objects.set(
      `models/${name}/v0002/manifest.json`,
      Buffer.from(JSON.stringify({ ...manifest, artifacts })),
    );
    await registry.setAlias(name, 'production', 'v0002');
    await app.modelHolder.check();
    expect(await version(app)).toBe('v0001');
    expect(app.modelHolder.status().lastFailure?.error).toMatch(/prediction model did not load/);
  });

  it('keeps serving when the store goes away and says degraded; ready again when it is back', async () => {
    const { store, app } = await setup();
    store.down = true;
    await app.modelHolder.check();
    expect(await version(app)).toBe('v0001');
    const degraded = await ready(app);
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json<ReadyResponse>()).toMatchObject({
      status: 'degraded',
      objectStore: { reachable: false, error: expect.stringMatching(/ECONNREFUSED/) as unknown },
    });
    const models = await app.inject({ method: 'GET', url: '/models', headers: auth() });
    expect(models.statusCode).toBe(503);
    expect(models.json()).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    store.down = false;
    expect((await ready(app)).json<ReadyResponse>().status).toBe('ready');
  });

  it('says unavailable (503) with the reason while no model is loaded, then loads once promoted', async () => {
    const store = createMemoryStore();
    const registry = createObjectStoreRegistry(store);
    app = await buildTestApi({ store, api: { model: { name, alias: 'production', pollMs: 3_600_000 } } });
    const res = await ready(app);
    expect(res.statusCode).toBe(503);
    expect(res.json<ReadyResponse>()).toMatchObject({
      status: 'unavailable',
      reason: 'the registry has no alias production of model cashflow-forecaster',
    });
    await registerTestVersion(registry, { name, bias: 1 });
    await registry.setAlias(name, 'production', 'v0001');
    await app.modelHolder.check();
    expect((await ready(app)).statusCode).toBe(200);
    expect(await version(app)).toBe('v0001');
  });
});
