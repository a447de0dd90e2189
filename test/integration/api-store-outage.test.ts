import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createObjectStore } from '../../lib/object-store.js';
import { loadConfig } from '../../lib/config.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { freePort, startMinio } from '../../infra/servers.js';
import { resolveTool } from '../../infra/tools.js';
import type { ManagedProcess } from '../../infra/processes.js';
import { auth, buildTestApi } from '../support/api-app.js';
import { referenceRow, registerTestVersion } from '../support/test-models.js';
import type { ReadyResponse } from '../../api/schemas/ready.js';
import type { SinglePrediction } from '../../api/schemas/predict.js';

const dir = mkdtempSync(join(tmpdir(), 'cashflow-outage-'));
let minio: ManagedProcess | undefined;
let app: FastifyInstance | undefined;
afterAll(async () => {
  await app?.close();
  await minio?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the API when its MinIO stops', () => {
  // A MinIO of this test's own, so the run's shared one is never stopped under other tests.
  it('keeps answering from the loaded model, says degraded, and is ready again after a restart', async () => {
    const port = await freePort();
    const accessKey = 'outage-' + randomBytes(4).toString('hex');
    const secretKey = randomBytes(16).toString('hex');
    const options = {
      bin: resolveTool(loadConfig(), 'minio'),
      port,
      consolePort: null,
      dataDir: join(dir, 'data'),
      accessKey,
      secretKey,
      logDir: join(dir, 'logs'),
    };
    minio = await startMinio(options);
    const s3 = {
      ...loadConfig({}).s3,
      endpoint: `http://127.0.0.1:${port}`,
      accessKey,
      secretKey,
      bucket: 'outage',
    };
    const store = createObjectStore(s3);
    await store.ensureBucket();
    const registry = createObjectStoreRegistry(store);
    await registerTestVersion(registry, { name: 'cashflow-forecaster', bias: 1 });
    await registry.setAlias('cashflow-forecaster', 'production', 'v0001');
    app = await buildTestApi({
      store,
      api: { model: { name: 'cashflow-forecaster', alias: 'production', pollMs: 100 } },
    });
    const predict = () =>
      app!.inject({ method: 'POST', url: '/predict', headers: auth(), payload: { data: referenceRow } });
    expect((await app.inject({ method: 'GET', url: '/ready' })).json<ReadyResponse>().status).toBe('ready');

    await minio.stop();
    // Let the poller meet the dead store a few times.
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < 20; i++) {
      const res = await predict();
      expect(res.statusCode).toBe(200);
      expect(res.json<SinglePrediction>().model.version).toBe('v0001');
    }
    const degraded = await app.inject({ method: 'GET', url: '/ready' });
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json<ReadyResponse>()).toMatchObject({
      status: 'degraded',
      objectStore: { reachable: false },
    });

    minio = await startMinio(options);
    await registerTestVersion(registry, { name: 'cashflow-forecaster', bias: 2 });
    await registry.setAlias('cashflow-forecaster', 'production', 'v0002');
    await app.modelHolder.check();
    expect((await predict()).json<SinglePrediction>().model.version).toBe('v0002');
    expect((await app.inject({ method: 'GET', url: '/ready' })).json<ReadyResponse>().status).toBe('ready');
  });
});
