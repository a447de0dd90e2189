/**
 * Bearer-token authentication for every route except the open prefixes. The token id (a digest prefix)
 * is put on the request for rate limiting; the token itself is never stored or logged. A client address
 * that sent too many wrong tokens gets 429 until its minute ends, whatever it sends, so tokens cannot be
 * guessed at full speed (not even a right guess gets through while blocked).
 */
import fp from 'fastify-plugin';
import { AppError } from '../../../lib/errors.js';
import { createFailureLimiter } from '../../../lib/failure-limiter.js';
import { createTokenSet } from '../../../lib/token-set.js';
import type { ApiConfig } from '../../../lib/config.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Digest prefix of the caller's token; empty on open routes. */
    tokenId: string;
  }
}

export interface AuthOptions {
  tokens: ApiConfig['tokens'];
  tokensFile?: string;
  openRoutes: ApiConfig['openRoutes'];
  /** Wrong or malformed tokens allowed per client address per minute; 0 disables the limit. */
  failuresPerMinute: number;
  /** How often, at most, the tokens file is checked for changes. */
  tokensRecheckMs?: number;
}

const bearer = /^Bearer +(\S+) *$/i;

export default fp<AuthOptions>(
  async (fastify, opts) => {
    const tokens = createTokenSet({
      tokens: opts.tokens,
      file: opts.tokensFile,
      recheckMs: opts.tokensRecheckMs,
      onReload: (count) => fastify.log.info({ count, file: opts.tokensFile }, 'bearer tokens loaded'),
      onError: (err) =>
        fastify.log.error({ err: err.message }, 'tokens file unreadable; keeping the last tokens'),
    });
    if (tokens.size() === 0)
      fastify.log.warn('no bearer tokens configured: every protected route answers 401');
    const failures = createFailureLimiter({ max: opts.failuresPerMinute, windowMs: 60_000 });
    const isOpen = (url: string) =>
      opts.openRoutes.some((p) => url === p || url.startsWith(p.endsWith('/') ? p : `${p}/`));

    fastify.decorateRequest('tokenId', '');
    fastify.addHook('onRequest', (request, _reply, done) => {
      const url = request.routeOptions.url;
      // No route matched: the 404 answer says so whether or not a token came along.
      if (url === undefined || isOpen(url)) return done();
      const blockedMs = failures.blockedFor(request.ip);
      if (blockedMs > 0) {
        const retryAfterSeconds = Math.ceil(blockedMs / 1000);
        const message =
          `authorization: this address sent ${opts.failuresPerMinute} wrong tokens within a minute; ` +
          `retry in ${retryAfterSeconds} s`;
        return done(
          new AppError('TOO_MANY_AUTH_FAILURES', message, { field: 'authorization', retryAfterSeconds }),
        );
      }
      const header = request.headers.authorization;
      const token = header === undefined ? undefined : bearer.exec(header)?.[1];
      const id = token === undefined ? undefined : tokens.verify(token);
      if (id === undefined) {
        // A missing header is a misconfigured client, not a guess: only presented credentials count.
        if (header !== undefined) failures.recordFailure(request.ip);
        const message =
          header === undefined
            ? 'authorization is required: send the header Authorization: Bearer <token>'
            : token === undefined
              ? 'authorization must be of the form Bearer <token>'
              : 'authorization carries a token that is not valid';
        return done(new AppError('UNAUTHORIZED', message, { field: 'authorization' }));
      }
      request.tokenId = id;
      done();
    });
  },
  { name: 'auth' },
);
