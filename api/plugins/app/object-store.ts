/** Decorates the app with the object store. The store holds no sockets open beyond keep-alive. */
import fp from 'fastify-plugin';
import type { ObjectStore } from '../../../lib/object-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    objectStore: ObjectStore;
  }
}

export default fp<{ store: ObjectStore }>(
  async (fastify, opts) => {
    fastify.decorate('objectStore', opts.store);
  },
  { name: 'object-store' },
);
