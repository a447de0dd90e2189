/**
 * Schema migrations with Kysely's Migrator over a static registry (lib/db/migrations/index.ts): the
 * migrations are modules imported by name, so they are bundled and type-checked like any code, and no
 * folder is read at run time.
 *
 * - Idempotent: applied names are recorded in `kysely_migration`; a second run applies nothing.
 * - Safe to start side by side: the migrator takes a lock, so the stack and `npm run migrate` never apply
 *   the same migration twice.
 * - On PostgreSQL, the pending migrations of one run apply in ONE transaction: if any fails, none of that
 *   run's migrations stays applied, and the error names the one that failed.
 * - Unordered: branches developed in parallel each add migrations; a migration named earlier than one
 *   already applied still runs (`allowUnorderedMigrations`), so merges need no renaming.
 */
import { Migrator, type Migration, type MigrationResult } from 'kysely/migration';
import type { Database } from './connect.js';
import { migrations as registered } from './migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    message: string,
    readonly results: readonly MigrationResult[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Migration names: a timestamp (yyyymmddnn), then the domain and what it does. */
export const migrationNamePattern = /^\d{10}_[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

function migratorFor(db: Database, migrations: Record<string, Migration>): Migrator {
  const bad = Object.keys(migrations).filter((name) => !migrationNamePattern.test(name));
  if (bad.length > 0) {
    throw new MigrationError(
      `migration names must look like 2026112201_credit_scenarios (timestamp, domain, what): ${bad.join(', ')}`,
      [],
    );
  }
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    allowUnorderedMigrations: true,
  });
}

/** Applies every pending migration; returns the names applied by this run (empty when up to date). */
export async function migrateToLatest(
  db: Database,
  migrations: Record<string, Migration> = registered,
): Promise<string[]> {
  const { error, results = [] } = await migratorFor(db, migrations).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed
        ? `migration ${failed} failed, nothing of this run was applied: ${reason}`
        : `migrations could not run: ${reason}`,
      results,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Every known migration with the time it was applied, or undefined when pending. */
export async function migrationStatus(
  db: Database,
  migrations: Record<string, Migration> = registered,
): Promise<{ name: string; executedAt?: Date }[]> {
  const infos = await migratorFor(db, migrations).getMigrations();
  return infos.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}
