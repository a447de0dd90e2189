/** Decorates the app with the model registry; routes and the model holder see only its interface. */
import fp from 'fastify-plugin';
import { createObjectStoreRegistry } from '../../../models/registry/object-store-registry.js';
import type { ModelRegistry } from '../../../models/registry/types.js';

declare module 'fastify' {
  interface FastifyInstance {
    modelRegistry: ModelRegistry;
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate('modelRegistry', createObjectStoreRegistry(fastify.objectStore));
  },
  { name: 'model-registry', dependencies: ['object-store'] },
);
