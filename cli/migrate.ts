/**
 * Applies the pending schema migrations (lib/db/migrations/index.ts) to the configured database, as the
 * stack does at start, or lists them:
 *   npm run migrate                 # DATABASE_URL, else the local stack's cluster (which must be running)
 *   npm run migrate -- --status     # every migration and when it was applied
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.js';
import { connectDatabase } from '../lib/db/connect.js';
import { migrateToLatest, migrationStatus } from '../lib/db/migrate.js';
import { redactDatabaseUrl } from '../lib/db/url.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { status: { type: 'boolean', default: false } } });
  const { url } = loadConfig().database;
  const db = connectDatabase(url, { poolMax: 1, connectionTimeoutMs: 5000 });
  try {
    console.log(`database: ${redactDatabaseUrl(url)}`);
    if (values.status) {
      const all = await migrationStatus(db);
      if (all.length === 0) console.log('no migrations are registered');
      for (const m of all) {
        console.log(`  ${m.executedAt ? m.executedAt.toISOString() : 'pending'.padEnd(24)}  ${m.name}`);
      }
      return;
    }
    const applied = await migrateToLatest(db);
    console.log(
      applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema up to date: nothing to apply',
    );
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
