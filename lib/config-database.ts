/**
 * The relational store's settings: a section of the configuration (lib/config.ts), read as
 * `config.database`. Either DATABASE_URL names a running PostgreSQL server (nothing is started), or the
 * local stack runs its own cluster under STATE_DIR/postgres on POSTGRES_PORT.
 */
import { ConfigError, configSection } from './config-vars.js';
import { localDatabaseUrl, parseDatabaseUrl } from './db/url.js';

export const databaseSection = configSection(
  {
    DATABASE_URL: {
      kind: 'string',
      doc: 'postgres://user:password@host:port/database of a running PostgreSQL; when set, the stack starts no cluster of its own.',
    },
    POSTGRES_PORT: {
      kind: 'port',
      // Not 5432: Debian's package may start a system cluster there on install, and the local stack must
      // never take (or be taken for) that one.
      default: '5433',
      doc: 'Port of the local PostgreSQL cluster the stack runs (data in STATE_DIR/postgres).',
    },
    POSTGRES_DB: {
      kind: 'string',
      default: 'cashflow',
      doc: 'Database the local cluster creates and serves.',
    },
    POSTGRES_USER: {
      kind: 'string',
      default: 'cashflow',
      doc: 'Superuser of the local cluster (trust authentication, listening on 127.0.0.1 only).',
    },
    POSTGRES_BIN_DIR: {
      kind: 'string',
      doc: "Folder holding initdb and postgres; default: the newest /usr/lib/postgresql/<version>/bin (Debian's package).",
    },
    DATABASE_POOL_MAX: {
      kind: 'int',
      default: '10',
      doc: 'Most connections one process opens to PostgreSQL (the pool of lib/db/connect.ts).',
    },
  },
  (v): DatabaseConfig => {
    const local = {
      port: v.POSTGRES_PORT,
      database: v.POSTGRES_DB,
      user: v.POSTGRES_USER,
      binDir: v.POSTGRES_BIN_DIR,
    };
    const given = v.DATABASE_URL;
    if (given !== undefined) {
      const problem = parseDatabaseUrl(given).problem;
      if (problem) throw new ConfigError(`DATABASE_URL ${problem}`);
    }
    return {
      url: given ?? localDatabaseUrl(local),
      external: given !== undefined,
      local,
      poolMax: Math.max(1, v.DATABASE_POOL_MAX),
    };
  },
);

export interface DatabaseConfig {
  /** The server every process uses: DATABASE_URL, else the local cluster's URL. */
  url: string;
  /** DATABASE_URL was given: use that server, start none. */
  external: boolean;
  /** The local cluster the stack runs when no DATABASE_URL is given. */
  local: { port: number; database: string; user: string; binDir?: string };
  poolMax: number;
}
