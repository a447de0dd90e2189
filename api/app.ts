/**
 * The prediction service as a Fastify plugin: validation, metrics, errors and body parsing first, then our
 * decorators, authentication and rate limiting, the OpenAPI document, and the routes (routes/index.ts,
 * where a domain registers its own). `server.ts` only listens (with the server options of http-server.ts);
 * tests and the benchmark register this plugin on their own instance and use `inject` or a loopback port.
 */
import type { FastifyPluginAsync } from 'fastify';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { ApiConfig, Config, DatabaseConfig } from '../lib/config.js';
import type { ObjectStore } from '../lib/object-store.js';
import type { ArtifactLoaders } from '../models/loaders.js';
import auth from './plugins/app/auth.js';
import database from './plugins/app/database.js';
import errorHandler from './plugins/app/error-handler.js';
import jsonBody from './plugins/app/json-body.js';
import metricsPlugin from './plugins/app/metrics.js';
import modelHolder from './plugins/app/model-holder.js';
import objectStore from './plugins/app/object-store.js';
import predictionLog from './plugins/app/prediction-log.js';
import queryCredentials from './plugins/app/query-credentials.js';
import registry from './plugins/app/registry.js';
import routeCatalogue from './plugins/app/route-catalogue.js';
import temporal from './plugins/app/temporal.js';
import rateLimit from './plugins/external/rate-limit.js';
import swagger from './plugins/external/swagger.js';
import { withServedModel } from './openapi-serving.js';
import { apiRoutes } from './routes/index.js';

export interface AppOptions {
  store: ObjectStore;
  temporal: Config['temporal'];
  /** The relational store the domains' routes use; the prediction routes never need it. */
  database?: Pick<DatabaseConfig, 'url' | 'poolMax'>;
  api: ApiConfig;
  /** How registered artifacts become models: one entry per engine format. */
  loaders: ArtifactLoaders;
  /** How often, at most, the tokens file is checked for changes (default 1 s). */
  tokensRecheckMs?: number;
}

const app: FastifyPluginAsync<AppOptions> = async (fastify, opts) => {
  // TypeBox checks bodies exactly as the schema says: no type coercion, no silent removal of extra fields.
  fastify.setValidatorCompiler(TypeBoxValidatorCompiler);
  // Only JSON is accepted; any other content type is a 415, not a string the schema then rejects.
  fastify.removeContentTypeParser('text/plain');

  await fastify.register(metricsPlugin);
  // Before any route: every route gets the error responses, and the 405 knows every path.
  await fastify.register(routeCatalogue);
  await fastify.register(errorHandler);
  await fastify.register(jsonBody);
  // Before authentication: a token in the URL is refused as such, not judged as right or wrong.
  await fastify.register(queryCredentials);
  await fastify.register(objectStore, { store: opts.store });
  await fastify.register(temporal, { temporal: opts.temporal });
  await fastify.register(database, { database: opts.database });
  await fastify.register(registry);
  await fastify.register(modelHolder, {
    model: opts.api.model,
    positionSizing: opts.api.positionSizing,
    loaders: opts.loaders,
  });
  await fastify.register(predictionLog, { predictionLog: opts.api.predictionLog });
  await fastify.register(auth, {
    tokens: opts.api.tokens,
    tokensFile: opts.api.tokensFile,
    openRoutes: opts.api.openRoutes,
    failuresPerMinute: opts.api.limits.authFailuresPerMinute,
    tokensRecheckMs: opts.tokensRecheckMs,
  });
  await fastify.register(rateLimit, { perMinute: opts.api.rateLimitPerMinute });
  await fastify.register(swagger, {
    transformSpecification: (spec) => withServedModel(spec, fastify.modelHolder.current()),
  });

  for (const register of apiRoutes) await register(fastify, opts);
};

export default app;
