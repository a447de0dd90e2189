/**
 * Decorates the app with the model holder: loads the aliased version at start (the app starts without one
 * and /ready says why), polls the alias for promotions and stops polling when the app closes.
 */
import fp from 'fastify-plugin';
import type { ArtifactLoaders } from '../../../models/loaders.js';
import { ModelHolder } from '../../../models/model-holder.js';
import type { ApiConfig } from '../../../lib/config.js';

declare module 'fastify' {
  interface FastifyInstance {
    modelHolder: ModelHolder;
  }
}

export interface ModelHolderPluginOptions {
  model: ApiConfig['model'];
  positionSizing: ApiConfig['positionSizing'];
  loaders: ArtifactLoaders;
}

export default fp<ModelHolderPluginOptions>(
  async (fastify, opts) => {
    const { metrics } = fastify;
    const holder = new ModelHolder({
      registry: fastify.modelRegistry,
      store: fastify.objectStore,
      name: opts.model.name,
      alias: opts.model.alias,
      pollMs: opts.model.pollMs,
      loaders: opts.loaders,
      sizing: opts.positionSizing,
      log: fastify.log.child({ component: 'model-holder' }),
      onReload(result, predictor) {
        metrics.reloads.inc({ result });
        if (result === 'failure') metrics.errors.inc({ kind: 'model_reload' });
        if (predictor) {
          metrics.modelInfo.reset();
          const loadedAt = predictor.loadedAt.toISOString();
          metrics.modelInfo.set({ name: predictor.name, version: predictor.version, loaded_at: loadedAt }, 1);
        }
      },
    });
    fastify.decorate('modelHolder', holder);
    await holder.start();
    fastify.addHook('onClose', async () => {
      await holder.stop();
    });
  },
  { name: 'model-holder', dependencies: ['metrics', 'model-registry'] },
);
