/**
 * PostgreSQL connection URLs: checking one given by the user (so a typo fails at start with the reason,
 * not at the first query), building the local cluster's, and printing one without its password.
 */

export interface ParsedDatabaseUrl {
  /** Why the URL cannot be used, or undefined when it can. */
  problem?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
}

const example = 'postgres://user:password@127.0.0.1:5432/cashflow';

export function parseDatabaseUrl(raw: string): ParsedDatabaseUrl {
  if (!URL.canParse(raw)) return { problem: `is not a URL such as ${example}` };
  const url = new URL(raw);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return {
      problem: `must start with postgres:// or postgresql:// (got ${url.protocol}//), e.g. ${example}`,
    };
  }
  if (url.hostname === '') return { problem: `names no host, e.g. ${example}` };
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) {
    return { problem: `must name one database after the host, e.g. ${example}` };
  }
  return {
    host: url.hostname,
    port: url.port === '' ? 5432 : Number(url.port),
    database,
    user: url.username === '' ? undefined : decodeURIComponent(url.username),
  };
}

/** The local cluster's URL: trust authentication on the loopback interface, so no password. */
export function localDatabaseUrl(local: { port: number; database: string; user: string }): string {
  return `postgres://${encodeURIComponent(local.user)}@127.0.0.1:${local.port}/${encodeURIComponent(local.database)}`;
}

/** The same server, another database (the maintenance database `postgres`, a test's own database). */
export function withDatabase(raw: string, database: string): string {
  const url = new URL(raw);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** For logs and health answers: the password (and any password in the query) replaced by `***`. */
export function redactDatabaseUrl(raw: string): string {
  if (!URL.canParse(raw)) return '(not a URL)';
  const url = new URL(raw);
  if (url.password !== '') url.password = '***';
  if (url.searchParams.has('password')) url.searchParams.set('password', '***');
  return url.toString().replace('%2A%2A%2A', '***');
}
