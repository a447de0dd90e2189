/**
 * The prediction service as a Fastify plugin: our decorators first, then the routes. `server.ts` only
 * listens; tests register this plugin on their own instance and use `inject`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../lib/config.js';
import type { ObjectStore } from '../lib/object-store.js';
import errorHandler from './plugins/app/error-handler.js';
import objectStore from './plugins/app/object-store.js';
import temporal from './plugins/app/temporal.js';
import health from './routes/health/index.js';

export interface AppOptions {
  store: ObjectStore;
  temporal: Config['temporal'];
}

const app: FastifyPluginAsync<AppOptions> = async (fastify, opts) => {
  await fastify.register(errorHandler);
  await fastify.register(objectStore, { store: opts.store });
  await fastify.register(temporal, { temporal: opts.temporal });
  await fastify.register(health);
};

export default app;
