/**
 * Logger options of the API. Requests are logged without headers, the Authorization header is redacted in
 * case anything ever logs a request with its headers, and credentials in a logged URL's query string are
 * replaced: bearer tokens must never reach a log, wherever a client puts them.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { redactedValue, redactUrl } from './url-credentials.js';

export function apiLoggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    name: 'api',
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'request.headers.authorization'],
      censor: redactedValue,
    },
    serializers: {
      // Fastify's own request serializer, with the URL's credentials redacted.
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}
