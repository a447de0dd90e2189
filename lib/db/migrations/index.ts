/**
 * Every schema migration of the product, by name. A domain adds its tables with one file beside this one
 * and one line here (see the README, "PostgreSQL"):
 *
 *   // lib/db/migrations/2026112201_credit_scenarios.ts
 *   export async function up(db: Kysely<any>) { await db.schema.createTable('credit_scenarios')...execute(); }
 *   export async function down(db: Kysely<any>) { await db.schema.dropTable('credit_scenarios').execute(); }
 *
 *   // here
 *   import * as creditScenarios from './2026112201_credit_scenarios.js';
 *   ...  '2026112201_credit_scenarios': creditScenarios,
 *
 * Names start with a timestamp (yyyymmdd + two digits) and the domain; they apply in name order, and a
 * name older than one already applied still applies (branches merge without renaming). A migration that
 * has been applied anywhere is never edited: the next change is a new migration. Keep the entries sorted.
 */
import type { Migration } from 'kysely/migration';

export const migrations: Record<string, Migration> = {};
