/**
 * Databases of a test's own on the run's real PostgreSQL (test/integration/global-setup.ts): a test that
 * must start from an empty schema, or count what it wrote, creates one and drops it afterwards.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { dropDatabase, ensureDatabase } from '../../lib/db/admin.js';
import { connectDatabase, type Database } from '../../lib/db/connect.js';
import { withDatabase } from '../../lib/db/url.js';

export interface TestDatabase {
  url: string;
  db: Database;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A new, empty database named `<prefix>_<random>` on the run's server. */
export async function freshDatabase(prefix: string): Promise<TestDatabase> {
  const url = withDatabase(inject('databaseUrl'), `${prefix}_${randomUUID().slice(0, 8)}`);
  await ensureDatabase(url);
  const db = connectDatabase(url, { poolMax: 4 });
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      await dropDatabase(url);
    },
  };
}
