/**
 * Bearer-token authentication for every route except the open prefixes. The token id (a digest prefix)
 * is put on the request for rate limiting; the token itself is never stored or logged.
 */
import fp from 'fastify-plugin';
import { AppError } from '../../../lib/errors.js';
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
    const isOpen = (url: string) =>
      opts.openRoutes.some((p) => url === p || url.startsWith(p.endsWith('/') ? p : `${p}/`));

    fastify.decorateRequest('tokenId', '');
    fastify.addHook('onRequest', (request, _reply, done) => {
      const url = request.routeOptions.url;
      // No route matched: the 404 answer says so whether or not a token came along.
      if (url === undefined || isOpen(url)) return done();
      const header = request.headers.authorization;
      const token = header === undefined ? undefined : bearer.exec(header)?.[1];
      const id = token === undefined ? undefined : tokens.verify(token);
      if (id === undefined) {
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
