/**
 * The Fastify server options of the API: the Node HTTP server with its timeouts and per-address connection
 * limit, and the answers to errors raised before any route runs (the HTTP parser's, the router's) in the
 * documented error shape. `server.ts`, the benchmark and the tests build the API with these, so a slow or
 * broken client meets the same server everywhere.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import type { ApiLimits } from '../lib/config.js';
import type { ErrorCode } from '../lib/errors.js';
import { errorBody, rawErrorResponse } from './error-body.js';
import { redactUrl } from './url-credentials.js';

/** Largest request body; a full batch of 1,000 rows of 12 features is about 300 KiB. */
export const bodyLimitBytes = 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Node checks its request and headers timeouts on this period (30 s by default, far too coarse). */
function checkingIntervalMs(limits: ApiLimits): number {
  const shortest = Math.min(
    ...[limits.requestTimeoutMs, limits.headersTimeoutMs].filter((ms) => ms > 0),
    4000,
  );
  return Math.max(10, Math.floor(shortest / 4));
}

/** Counts open connections per client address and answers the one too many with a 429 before closing it. */
function limitConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      const message = `request: this address already holds ${max} open connections; reuse them or retry later`;
      const body = errorBody('TOO_MANY_CONNECTIONS', message, [{ field: 'request', message }]);
      socket.write(rawErrorResponse(body, { 'Retry-After': '1' }), () => socket.destroy());
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

export function createApiHttpServer(handler: Handler, limits: ApiLimits): Server {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: checkingIntervalMs(limits),
    },
    handler,
  );
  // Inactivity in either direction, a stalled upload included; Node closes the socket when it passes.
  server.setTimeout(limits.idleTimeoutMs);
  limitConnectionsPerAddress(server, limits.maxConnectionsPerIp);
  return server;
}

/** Errors Node's HTTP parser and timers raise on a connection, as catalogue codes and the part concerned. */
function parserError(err: NodeJS.ErrnoException): { code: ErrorCode; field: string; message: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      code: 'REQUEST_TIMEOUT',
      field: 'request',
      message: 'was not received completely in time (headers and body); the connection is closed',
    };
  }
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return {
      code: 'REQUEST_HEADERS_TOO_LARGE',
      field: 'headers',
      message: 'are larger than the server accepts',
    };
  }
  // The parser's reason (e.g. "Invalid method encountered") describes the request, not the server.
  const reason = (err as { reason?: string }).reason ?? 'the request is not valid HTTP/1.1';
  return {
    code: 'BAD_REQUEST',
    field: 'request',
    message: `could not be parsed: ${reason} (${err.code ?? 'error'})`,
  };
}

function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, field, message } = parserError(err);
  // Never the error object itself: a parse error carries the raw bytes, Authorization header included.
  this.log.debug({ code: err.code }, `client error: ${field} ${message}`);
  if (socket.writable)
    socket.write(rawErrorResponse(errorBody(code, `${field} ${message}`, [{ field, message }])));
  socket.destroy();
}

/** The router's own refusals (a URL that cannot be decoded, say). */
function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // Our own words around the redacted URL: Fastify's message quotes the URL with its query string.
  const message = `${redactUrl(request.url)} cannot be routed (${error.code}): it is not a valid URL`;
  const body = errorBody('BAD_REQUEST', `url ${message}`, [{ field: 'url', message }]);
  void reply.code(body.statusCode).send(body);
}

export function apiServerOptions(
  limits: ApiLimits,
  logger: FastifyServerOptions['logger'],
): FastifyServerOptions & { serverFactory: (handler: Handler) => Server } {
  return {
    logger,
    bodyLimit: bodyLimitBytes,
    return503OnClosing: true,
    serverFactory: (handler) => createApiHttpServer(handler, limits),
    clientErrorHandler,
    frameworkErrors,
  };
}
