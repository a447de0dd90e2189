/**
 * The process's PostgreSQL connection: one `pg` pool under one Kysely instance. Kysely is the typed query
 * layer (queries are built from the table types, values always travel as parameters) and brings the
 * migrator (lib/db/migrate.ts); `pg` is the driver Kysely's PostgresDialect uses.
 *
 * Domains type their own tables over the shared pool, without a second pool:
 *
 *   const db = connectDatabase(config.database.url, { poolMax: config.database.poolMax });  // once per process
 *   const credit = typedDatabase<CreditTables>(db);   // Kysely<CreditTables>, same pool
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { redactDatabaseUrl } from './url.js';

/** The database without table types; `typedDatabase<T>(db)` gives a domain its typed view. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Kysely's own spelling of "no tables yet"
export type Database = Kysely<{}>;

export interface ConnectOptions {
  /** Most connections this process opens (DATABASE_POOL_MAX). */
  poolMax?: number;
  /** How long a query waits for a connection before it fails (so an outage fails requests, not hangs them). */
  connectionTimeoutMs?: number;
  /** Called when an idle connection breaks (server restarted, network gone); the pool replaces it. */
  onIdleError?: (err: Error) => void;
}

/** The pool under a Kysely instance, for health checks and metrics. */
const pools = new WeakMap<Database, pg.Pool>();

export function connectDatabase(url: string, options: ConnectOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
  });
  // Without a listener, an idle connection's error (a database restart) would end the whole process:
  // a database outage must not take down what does not need the database.
  pool.on('error', (err) => {
    if (options.onIdleError) options.onIdleError(err);
    else console.warn(`PostgreSQL ${redactDatabaseUrl(url)}: idle connection lost: ${err.message}`);
  });
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  const db = new Kysely<{}>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/**
 * The shared database seen through a domain's table types (an interface per table, in the domain's own
 * file). Types only: the same instance and pool, nothing is copied or checked at run time; the migrations
 * are what make the tables match.
 */
export function typedDatabase<Tables>(db: Database): Kysely<Tables> {
  return db as unknown as Kysely<Tables>;
}

/** Connections of the pool under `db`: open, idle, and queries waiting for one. */
export function poolStats(db: Database): { total: number; idle: number; waiting: number } | undefined {
  const pool = pools.get(db);
  return pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}
