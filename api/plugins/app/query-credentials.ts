/**
 * Refuses credentials in the query string (`?access_token=...`) on every path, before authentication, so
 * the client learns to use the header rather than that its token was wrong. Logged URLs have them redacted
 * (api/logger-options.ts); this makes sure no client relies on sending them.
 */
import fp from 'fastify-plugin';
import { AppError } from '../../../lib/errors.js';
import { credentialsInQuery } from '../../url-credentials.js';

const advice = 'send the header Authorization: Bearer <token> instead; URLs are kept in logs and proxies';

export default fp(
  async (fastify) => {
    fastify.addHook('onRequest', (request, _reply, done) => {
      const names = credentialsInQuery(request.url);
      if (names.length === 0) return done();
      const errors = names.map((name) => ({
        field: `query.${name}`,
        message: `is a credential in the URL, which is refused: ${advice}`,
      }));
      const first = errors[0] as { field: string; message: string };
      done(new AppError('CREDENTIALS_IN_QUERY', `${first.field} ${first.message}`, { errors }));
    });
  },
  { name: 'query-credentials' },
);
