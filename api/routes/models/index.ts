/** GET /models: the registry's versions of the served model name, its aliases and what this replica serves. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../lib/errors.js';
import { versionFields } from '../../../lib/feature-sets.js';
import { ErrorResponse } from '../../schemas/error.js';
import { ModelsResponse } from '../../schemas/models.js';

const models: FastifyPluginAsyncTypebox<{ name: string }> = async (fastify, opts) => {
  fastify.get(
    '/models',
    {
      schema: {
        summary: 'Registered versions and aliases',
        description:
          'Per version, which request fields it requires, uses and accepts (`fields`), and the same for ' +
          'the version this replica serves.',
        response: { 200: ModelsResponse, 401: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse },
      },
    },
    async () => {
      const registry = fastify.modelRegistry;
      try {
        const versions = await registry.listVersions(opts.name);
        const [manifests, aliases] = await Promise.all([
          Promise.all(versions.map((v) => registry.getManifest(opts.name, v))),
          registry.listAliases(opts.name),
        ]);
        const serving = fastify.modelHolder.current();
        return {
          name: opts.name,
          versions: manifests.map((m) => ({
            version: m.version,
            createdAt: m.createdAt,
            featureSchema: m.featureSchema,
            fields: versionFields(m.featureSchema),
            metrics: m.metrics,
            lineage: m.lineage,
          })),
          aliases,
          ...(serving
            ? {
                serving: {
                  version: serving.version,
                  loadedAt: serving.loadedAt.toISOString(),
                  fields: versionFields(serving.featureSchema),
                },
              }
            : {}),
        };
      } catch (err) {
        if (err instanceof AppError) throw err;
        const reason = err instanceof Error ? err.message : String(err);
        throw new AppError('DEPENDENCY_UNAVAILABLE', `the model registry is unreachable: ${reason}`);
      }
    },
  );
};

export default models;
