/**
 * Prometheus metrics on a registry of this app instance (not prom-client's global one, so tests and
 * benchmarks can build many apps in one process). Request durations are recorded for every route.
 */
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { registerProcessMetrics } from '../../../lib/process-metrics.js';

export interface ApiMetrics {
  registry: Registry;
  httpDuration: Histogram<'route' | 'method' | 'status_code'>;
  predictions: Counter<'model_version'>;
  errors: Counter<'kind'>;
  modelInfo: Gauge<'name' | 'version' | 'loaded_at'>;
  reloads: Counter<'result'>;
  predictionLogRecords: Counter<'outcome'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ApiMetrics;
  }
}

export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  registerProcessMetrics(registry);
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from request received to response sent.',
      labelNames: ['route', 'method', 'status_code'],
      // Sub-millisecond buckets: a single-row prediction is expected well under 5 ms.
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    predictions: new Counter({
      name: 'predictions_total',
      help: 'Rows predicted, by the model version that answered.',
      labelNames: ['model_version'],
      registers,
    }),
    errors: new Counter({
      name: 'errors_total',
      help: 'Errors by kind: the error code of an answer, or an internal kind.',
      labelNames: ['kind'],
      registers,
    }),
    modelInfo: new Gauge({
      name: 'model_info',
      help: 'The model being served (value 1).',
      labelNames: ['name', 'version', 'loaded_at'],
      registers,
    }),
    reloads: new Counter({
      name: 'model_reloads_total',
      help: 'Attempts to load a newly aliased version, by result.',
      labelNames: ['result'],
      registers,
    }),
    predictionLogRecords: new Counter({
      name: 'prediction_log_records_total',
      help: 'Sampled predictions, by outcome: written to the store or dropped.',
      labelNames: ['outcome'],
      registers,
    }),
  };
}

export default fp(
  async (fastify) => {
    const metrics = createApiMetrics();
    fastify.decorate('metrics', metrics);
    fastify.addHook('onResponse', (request, reply, done) => {
      metrics.httpDuration.observe(
        {
          route: request.routeOptions.url ?? 'unmatched',
          method: request.method,
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
      done();
    });
  },
  { name: 'metrics' },
);
