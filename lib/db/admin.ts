/**
 * Server-level chores done with one short connection each: does the server answer, and create (or, for
 * tests, drop) a database. Database names are identifiers, which SQL cannot take as parameters: they are
 * quoted with pg's own escapeIdentifier, never pasted in.
 */
import pg from 'pg';
import { withDatabase } from './url.js';

async function withClient<T>(
  url: string,
  timeoutMs: number,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A server that goes away mid-call reports through the query; the event must not crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** True when the server accepts a connection to `url` and answers a query within `timeoutMs`. */
export async function canConnect(url: string, timeoutMs: number): Promise<boolean> {
  return withClient(url, timeoutMs, async (client) => {
    await client.query('select 1');
    return true;
  });
}

/**
 * Creates the database `url` names unless it exists, connecting to the server's maintenance database
 * `postgres`. Says whether it created it.
 */
export async function ensureDatabase(url: string, timeoutMs = 10_000): Promise<'created' | 'existing'> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  return withClient(withDatabase(url, 'postgres'), timeoutMs, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return 'existing';
    try {
      await client.query(`create database ${client.escapeIdentifier(name)}`);
    } catch (err) {
      // Another process created it between the look and the create (42P04: duplicate_database).
      if ((err as { code?: string }).code === '42P04') return 'existing';
      throw err;
    }
    return 'created';
  });
}

/** Drops the database `url` names, ending its sessions first (tests' throw-away databases). */
export async function dropDatabase(url: string, timeoutMs = 10_000): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withClient(withDatabase(url, 'postgres'), timeoutMs, async (client) => {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  });
}
