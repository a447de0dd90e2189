/**
 * Knows every route as it is added: which methods each path answers (so a wrong method on an existing
 * path is a 405 with `Allow`, not a 404), and gives every route the documented error shape for any 4xx
 * and 5xx it does not describe itself, so the OpenAPI document and the serializer both know it.
 */
import fp from 'fastify-plugin';
import { ErrorResponse } from '../../schemas/error.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The methods some route answers on this path (query string ignored); empty when none does. */
    allowedMethods(url: string): string[];
  }
}

/** A route pattern as a regular expression: `:param` is one segment, `*` anything. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment === '*'
        ? '.*'
        : segment.startsWith(':')
          ? '[^/]+'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

export default fp(
  async (fastify) => {
    const routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();
    fastify.addHook('onRoute', (route) => {
      const entry = routes.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set<string>() };
      for (const method of [route.method].flat()) entry.methods.add(method);
      routes.set(route.url, entry);
      // Errors are JSON whatever the route produces (e.g. /metrics' text), so the type is stated.
      const error = {
        description: 'An error answer, in the shape every error answer has.',
        content: { 'application/json': { schema: ErrorResponse } },
      };
      route.schema = {
        ...route.schema,
        response: { '4xx': error, '5xx': error, ...(route.schema?.response as object) },
      };
    });
    fastify.decorate('allowedMethods', (url: string) => {
      const path = url.split('?')[0] as string;
      const methods = new Set<string>();
      for (const { pattern, methods: answered } of routes.values()) {
        if (pattern.test(path)) for (const m of answered) methods.add(m);
      }
      return [...methods].sort();
    });
  },
  { name: 'route-catalogue' },
);
