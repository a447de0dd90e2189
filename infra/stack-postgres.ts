/**
 * The stack's relational store: with DATABASE_URL, that server (nothing started); otherwise a cluster of
 * its own in STATE_DIR/postgres (initdb on the first start), supervised like the other servers. Either way
 * the database is created if missing and the migrations applied before any worker or the API starts, so
 * they find the schema they were built for.
 */
import { join } from 'node:path';
import type { Config } from '../lib/config.js';
import { canConnect, ensureDatabase } from '../lib/db/admin.js';
import { connectDatabase } from '../lib/db/connect.js';
import { migrateToLatest } from '../lib/db/migrate.js';
import { redactDatabaseUrl } from '../lib/db/url.js';
import { findPostgresBinDir, initCluster, startPostgres } from './postgres.js';
import type { StackContext } from './stack-services.js';
import type { Service, Supervisor } from './supervisor.js';

/** A fast shutdown ends sessions and writes a checkpoint: seconds, but more than a busy disk's second. */
const postgresGraceMs = 30_000;

export function postgresDataDir(config: Config): string {
  return join(config.stateDir, 'postgres');
}

export function postgresService({ config, logDir }: StackContext): Service {
  const { local } = config.database;
  return {
    name: 'postgres',
    layer: 0, // a server: stopped after the workers and the API that use it
    stopGraceMs: postgresGraceMs,
    start: () =>
      startPostgres({
        binDir: findPostgresBinDir(local.binDir),
        dataDir: postgresDataDir(config),
        port: local.port,
        superuser: local.user,
        logDir,
      }),
  };
}

export async function startDatabase(
  ctx: StackContext & { say: (message: string) => void; supervisor: Supervisor },
): Promise<void> {
  const { config, say, supervisor } = ctx;
  const { url, external, local } = config.database;
  if (external) {
    say(`PostgreSQL: using ${redactDatabaseUrl(url)} (DATABASE_URL)`);
    if (!(await canConnect(url, 5000).catch(() => false))) {
      throw new Error(`PostgreSQL at ${redactDatabaseUrl(url)} (DATABASE_URL) does not accept connections`);
    }
  } else {
    const binDir = findPostgresBinDir(local.binDir);
    const dataDir = postgresDataDir(config);
    const cluster = await initCluster({ binDir, dataDir, superuser: local.user, ownFolder: config.stateDir });
    say(
      cluster === 'created'
        ? `PostgreSQL: created a cluster in ${dataDir} (${binDir}, superuser ${local.user})`
        : `PostgreSQL: cluster in ${dataDir}`,
    );
    say(`PostgreSQL: starting on 127.0.0.1:${local.port} ...`);
    await supervisor.add(postgresService(ctx));
    if ((await ensureDatabase(url)) === 'created') say(`PostgreSQL: created database ${local.database}`);
    say('PostgreSQL: ready');
  }
  const db = connectDatabase(url, { poolMax: 1 });
  try {
    const applied = await migrateToLatest(db);
    say(
      applied.length > 0
        ? `PostgreSQL: applied ${applied.length} migration(s): ${applied.join(', ')}`
        : 'PostgreSQL: schema up to date',
    );
  } finally {
    await db.destroy();
  }
}
