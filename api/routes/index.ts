/**
 * Every route plugin of the API, registered in this order after the shared plugins (api/app.ts). Each is
 * a folder under routes/ whose name is its URL prefix, with its TypeBox schemas in api/schemas/. A domain
 * adds its folder and one line here.
 */
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app.js';
import health from './health/index.js';
import metrics from './metrics/index.js';
import models from './models/index.js';
import predict from './predict/index.js';
import ready from './ready/index.js';

export type RouteRegistration = (fastify: FastifyInstance, opts: AppOptions) => PromiseLike<unknown>;

export const apiRoutes: readonly RouteRegistration[] = [
  (fastify) => fastify.register(health),
  (fastify) => fastify.register(ready),
  (fastify) => fastify.register(metrics),
  (fastify, opts) => fastify.register(models, { name: opts.api.model.name }),
  (fastify) => fastify.register(predict),
];
