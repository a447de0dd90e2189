/**
 * The API as server.ts runs it (same app, logger and limits), but with the linear engine's loaders (models/linear/),
 * so the benchmark measures the HTTP path, auth, validation, the holder and the log, not a forest.
 */
import Fastify from 'fastify';
import { loadConfig } from '../lib/config.js';
import { createObjectStore } from '../lib/object-store.js';
import app from '../api/app.js';
import { apiServerOptions } from '../api/http-server.js';
import { apiLoggerOptions } from '../api/logger-options.js';
import { testLoaders } from '../models/linear/versions.js';

const config = loadConfig();
const fastify = Fastify(apiServerOptions(config.api.limits, apiLoggerOptions(config.logLevel)));
await fastify.register(app, {
  store: createObjectStore(config.s3),
  temporal: config.temporal,
  api: config.api,
  loaders: testLoaders,
});
process.once('SIGTERM', () => void fastify.close().then(() => process.exit(0)));
await fastify.listen({ host: config.api.host, port: config.api.port });
