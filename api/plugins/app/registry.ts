/** Decorates the app with the model registry on the object store. */
import fp from 'fastify-plugin';
import {
  createModelRegistry,
  type ObjectStoreModelRegistry,
} from '../../../models/registry/minio-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    modelRegistry: ObjectStoreModelRegistry;
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate('modelRegistry', createModelRegistry(fastify.objectStore));
  },
  { name: 'model-registry', dependencies: ['object-store'] },
);
