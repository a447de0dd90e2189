/** Builds the API the way server.ts does, on a given store, with the linear test engine's loaders. */
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import app from '../../api/app.js';
import { apiServerOptions } from '../../api/http-server.js';
import { loadConfig, type ApiConfig, type Config } from '../../lib/config.js';
import type { ObjectStore } from '../../lib/object-store.js';
import type { ArtifactLoaders } from '../../models/loaders.js';
import { testLoaders } from './test-models.js';

export const testToken = 'test-token-0123456789abcdef';

export interface TestApiOptions {
  store: ObjectStore;
  api?: Partial<ApiConfig>;
  temporal?: Config['temporal'];
  /** A database for the routes that use one; none unless given. */
  database?: Pick<Config['database'], 'url' | 'poolMax'>;
  logger?: FastifyServerOptions['logger'];
  tokensRecheckMs?: number;
  /** The linear test engine's loaders unless given (e.g. the real engines'). */
  loaders?: ArtifactLoaders;
  /** Routes of the test's own, registered inside the app (after its decorators, error handler and auth). */
  routes?: FastifyPluginAsync;
}

export function testApiConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  const base = loadConfig({}).api;
  return {
    ...base,
    tokens: [testToken],
    predictionLog: { sampleRate: 0, batchSize: 100, flushMs: 60_000 },
    ...overrides,
    model: { ...base.model, pollMs: 100, ...overrides.model },
  };
}

export async function buildTestApi(options: TestApiOptions): Promise<FastifyInstance> {
  const api = testApiConfig(options.api);
  const fastify = Fastify(apiServerOptions(api.limits, options.logger ?? false));
  // Unwrapped (as fastify/demo's test helper does) so tests can reach the decorators, e.g. the model holder.
  await fastify.register(fp(app), {
    store: options.store,
    temporal: options.temporal ?? loadConfig({}).temporal,
    database: options.database,
    api,
    loaders: options.loaders ?? testLoaders,
    tokensRecheckMs: options.tokensRecheckMs,
  });
  if (options.routes) await fastify.register(options.routes);
  await fastify.ready();
  return fastify;
}

export const auth = (token = testToken) => ({ authorization: `Bearer ${token}` });
