import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import app from '../../api/app.js';
import { testApiConfig } from '../support/api-app.js';
import { testLoaders } from '../support/test-models.js';
import { createObjectStore } from '../../lib/object-store.js';
import { freePort } from '../../infra/servers.js';
import { freshStore, integrationConfig } from './harness.js';
import type { HealthResponse } from '../../api/schemas/health.js';

let fastify: FastifyInstance | undefined;
afterEach(async () => {
  await fastify?.close();
  fastify = undefined;
});

describe('GET /health against the real servers', () => {
  it('reports both servers reachable, the Temporal server version and library versions', async () => {
    const config = integrationConfig();
    fastify = Fastify();
    await fastify.register(app, {
      store: await freshStore(config),
      temporal: config.temporal,
      api: testApiConfig(),
      loaders: testLoaders,
    });

    const res = await fastify.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json<HealthResponse>();
    // What a client of the reference system checks: status "healthy" and an ISO timestamp.
    expect(body.status).toBe('healthy');
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    expect(body.dependencies.objectStore).toMatchObject({ reachable: true, endpoint: config.s3.endpoint });
    expect(body.dependencies.temporal).toMatchObject({ reachable: true, address: config.temporal.address });
    expect(body.dependencies.temporal.serverVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.versions['@temporalio/client']).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.versions.fastify).toMatch(/^5\./);
  });

  it('stays up and says which dependency is unreachable', async () => {
    const config = integrationConfig();
    const deadPort = await freePort();
    fastify = Fastify();
    await fastify.register(app, {
      store: createObjectStore({ ...config.s3, endpoint: `http://127.0.0.1:${deadPort}` }),
      temporal: { ...config.temporal, address: `127.0.0.1:${await freePort()}` },
      api: testApiConfig(),
      loaders: testLoaders,
    });

    const res = await fastify.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json<HealthResponse>();
    expect(body.status).toBe('degraded');
    expect(Date.parse(body.timestamp)).not.toBeNaN();
    expect(body.dependencies.objectStore.reachable).toBe(false);
    expect(body.dependencies.objectStore.error).toMatch(/ECONNREFUSED|did not answer/);
    expect(body.dependencies.temporal.reachable).toBe(false);
  });

  it('answers an unknown route with a JSON 404 naming the route', async () => {
    const config = integrationConfig();
    fastify = Fastify();
    await fastify.register(app, {
      store: await freshStore(config),
      temporal: config.temporal,
      api: testApiConfig(),
      loaders: testLoaders,
    });
    const res = await fastify.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Route GET /nope does not exist' });
  });
});
