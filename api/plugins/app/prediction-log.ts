/** Decorates the app with the sampled prediction log; what is buffered is written when the app closes. */
import fp from 'fastify-plugin';
import type { ApiConfig } from '../../../lib/config.js';
import { createPredictionLog, type PredictionLog } from '../../../lib/prediction-log.js';

declare module 'fastify' {
  interface FastifyInstance {
    predictionLog: PredictionLog;
  }
}

export default fp<{ predictionLog: ApiConfig['predictionLog'] }>(
  async (fastify, opts) => {
    const { metrics } = fastify;
    const log = createPredictionLog({
      store: fastify.objectStore,
      ...opts.predictionLog,
      onWritten: (records) => metrics.predictionLogRecords.inc({ outcome: 'written' }, records),
      onDropped: (records) => metrics.predictionLogRecords.inc({ outcome: 'dropped' }, records),
      onError: (err) => {
        metrics.errors.inc({ kind: 'prediction_log_write' });
        fastify.log.warn({ err: err.message }, 'prediction log write failed; records kept for the next try');
      },
    });
    fastify.decorate('predictionLog', log);
    fastify.addHook('onClose', async () => {
      await log.close();
    });
  },
  { name: 'prediction-log', dependencies: ['metrics', 'object-store'] },
);
