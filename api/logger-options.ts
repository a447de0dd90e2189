/**
 * Logger options of the API. Requests are logged without headers, and the Authorization header is redacted
 * in case anything ever logs a request with its headers: bearer tokens must never reach a log.
 */
import type { FastifyServerOptions } from 'fastify';

export function apiLoggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    name: 'api',
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'request.headers.authorization'],
      censor: '[redacted]',
    },
  };
}
