/**
 * The API with PostgreSQL, and without it for a while: /health and /ready report the database, the pool's
 * gauge is exported, predictions never notice the outage, a route that needs the database answers a
 * retryable 503 that says why, and everything is back once the server is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { findPostgresBinDir, startPostgres, startScratchPostgres } from '../../infra/postgres.js';
import type { ManagedProcess } from '../../infra/processes.js';
import { freePort } from '../../infra/servers.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import type { HealthResponse } from '../../api/schemas/health.js';
import type { ReadyResponse } from '../../api/schemas/ready.js';
import type { SinglePrediction } from '../../api/schemas/predict.js';
import { auth, buildTestApi } from '../support/api-app.js';
import { referenceRow, registerTestVersion } from '../support/test-models.js';
import { isolatedStore } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cashflow-db-outage-'));
let postgres: ManagedProcess | undefined;
let app: FastifyInstance | undefined;
afterAll(async () => {
  await app?.close();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A route of a domain that reads the database. */
const databaseRoute: FastifyPluginAsync = async (fastify) => {
  fastify.get('/test/db-now', async () => {
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(fastify.database!.db);
    return { now: rows[0]!.now.toISOString() };
  });
};

describe('the API when its PostgreSQL stops', () => {
  // A cluster of this test's own, so the run's shared one is never stopped under other tests.
  it('reports the database, keeps predicting, answers 503 where the database is needed, and recovers', async () => {
    const port = await freePort();
    const logDir = join(dir, 'logs');
    const scratch = await startScratchPostgres(dir, { port, logDir, database: 'outage' });
    postgres = scratch.proc;
    const store = await isolatedStore('db-outage');
    const registry = createObjectStoreRegistry(store);
    await registerTestVersion(registry, { name: 'cashflow-forecaster', bias: 1 });
    await registry.setAlias('cashflow-forecaster', 'production', 'v0001');
    app = await buildTestApi({
      store,
      database: { url: scratch.url, poolMax: 2 },
      api: { model: { name: 'cashflow-forecaster', alias: 'production', pollMs: 100 } },
      routes: databaseRoute,
    });
    const get = (url: string) => app!.inject({ method: 'GET', url, headers: auth() });
    const predict = () =>
      app!.inject({ method: 'POST', url: '/predict', headers: auth(), payload: { data: referenceRow } });

    const up = (await get('/health')).json<HealthResponse>();
    expect(up.dependencies.database).toMatchObject({
      reachable: true,
      url: `postgres://cashflow@127.0.0.1:${port}/outage`,
    });
    expect((await get('/ready')).json<ReadyResponse>()).toMatchObject({
      status: 'ready',
      database: { reachable: true },
    });
    expect((await get('/test/db-now')).statusCode).toBe(200);
    const metrics = (await get('/metrics')).body;
    expect(metrics).toMatch(/^db_pool_connections\{state="total"\} [12]$/m);
    expect(metrics).toMatch(/^db_pool_connections\{state="waiting"\} 0$/m);

    await postgres.stop();
    for (let i = 0; i < 20; i++) {
      const res = await predict();
      expect(res.statusCode).toBe(200);
      expect(res.json<SinglePrediction>().model.version).toBe('v0001');
    }
    const down = await get('/health');
    expect(down.statusCode).toBe(200);
    expect(down.json<HealthResponse>()).toMatchObject({
      status: 'degraded',
      dependencies: { database: { reachable: false, error: expect.any(String) as string } },
    });
    // Predictions do not need the database, so the replica stays ready; the database is reported beside.
    const ready = await get('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json<ReadyResponse>()).toMatchObject({ status: 'ready', database: { reachable: false } });
    const needsDb = await get('/test/db-now');
    expect(needsDb.statusCode).toBe(503);
    expect(needsDb.json()).toMatchObject({
      statusCode: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      message: 'the database (PostgreSQL) is unreachable; retry later',
    });

    postgres = await startPostgres({
      binDir: findPostgresBinDir(),
      dataDir: join(dir, 'postgres'),
      port,
      superuser: 'cashflow',
      logDir,
      ephemeral: true,
    });
    // The pool dropped its broken connections and opens new ones: no restart of the API.
    expect((await get('/test/db-now')).statusCode).toBe(200);
    expect((await get('/health')).json<HealthResponse>().dependencies.database?.reachable).toBe(true);
  });
});
