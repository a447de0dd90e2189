/**
 * Decorates the app with the process's PostgreSQL connection when one is configured (the domains' routes
 * use `fastify.database.db`, typed with `typedDatabase<Tables>`). The pool connects lazily and replaces
 * broken connections, so the API starts, and serves predictions (which never touch the database), while
 * PostgreSQL is down; the health route says so. Pool sizes are exported as a gauge; the pool is closed
 * with the app.
 */
import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../../../lib/config.js';
import { connectDatabase, poolStats, type Database } from '../../../lib/db/connect.js';
import { redactDatabaseUrl } from '../../../lib/db/url.js';
import { withTimeout } from '../../../lib/object-store.js';

export interface DatabaseHandle {
  db: Database;
  /** The server, password hidden. */
  url: string;
  /** Resolves when the database answers a query within `timeoutMs`. */
  check(timeoutMs: number): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Undefined when the app was built without a database (tests of the prediction routes alone). */
    database: DatabaseHandle | undefined;
  }
}

export default fp<{ database?: Pick<DatabaseConfig, 'url' | 'poolMax'> }>(
  async (fastify, opts) => {
    if (!opts.database) {
      fastify.decorate('database', undefined);
      return;
    }
    const url = redactDatabaseUrl(opts.database.url);
    const db = connectDatabase(opts.database.url, {
      poolMax: opts.database.poolMax,
      connectionTimeoutMs: 2000,
      onIdleError: (err) => fastify.log.warn({ err, database: url }, 'PostgreSQL connection lost'),
    });
    const pool = new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the API process to PostgreSQL: open in total, idle, and queries waiting for one.',
      labelNames: ['state'],
      registers: [fastify.metrics.registry],
      collect() {
        const stats = poolStats(db);
        if (!stats) return;
        for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
      },
    });
    void pool;
    fastify.decorate('database', {
      db,
      url,
      async check(timeoutMs) {
        await withTimeout(sql`select 1`.execute(db), timeoutMs, `PostgreSQL at ${url}`);
      },
    });
    fastify.addHook('onClose', async () => {
      await db.destroy();
    });
  },
  { name: 'database', dependencies: ['metrics'] },
);
