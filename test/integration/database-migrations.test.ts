/**
 * Schema migrations against the run's real PostgreSQL: each case on an empty database of its own.
 * The product's registry applies and a second run applies nothing; a domain's migrations (here a small
 * example domain with its own table types over the shared pool) apply once, also when two processes start
 * together; a failing migration leaves nothing of its run applied; a migration merged in later with an older
 * name still applies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Generated, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { MigrationError, migrateToLatest, migrationStatus } from '../../lib/db/migrate.js';
import { migrations as registered } from '../../lib/db/migrations/index.js';
import { connectDatabase, typedDatabase } from '../../lib/db/connect.js';
import { freshDatabase, type TestDatabase } from './database.js';

/** How a domain types its tables: one interface per table, in the domain's own file. */
interface ExampleTables {
  example_scenarios: { id: Generated<number>; name: string; rate: number; created_at: Generated<Date> };
  example_runs: { id: Generated<number>; scenario_id: number; paths: number };
}

const scenarios: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('example_scenarios')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('rate', 'double precision', (c) => c.notNull().check(sql`rate >= 0 and rate <= 1`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('example_scenarios').execute();
  },
};

const runs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('example_runs')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('scenario_id', 'integer', (c) =>
        c.notNull().references('example_scenarios.id').onDelete('restrict'),
      )
      .addColumn('paths', 'integer', (c) => c.notNull())
      .execute();
  },
};

const broken: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('example_half_done').addColumn('id', 'integer').execute();
    // A column of a type PostgreSQL does not have: the statement fails after the table above was created.
    await db.schema
      .createTable('example_broken')
      .addColumn('id', sql`no_such_type`)
      .execute();
  },
};

async function tableNames(t: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_name like 'example%' order by table_name`.execute(t.db);
  return rows.map((r) => r.name);
}

let opened: TestDatabase[] = [];
async function emptyDatabase(): Promise<TestDatabase> {
  const t = await freshDatabase('it_migrations');
  opened.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(opened.map((t) => t.drop()));
  opened = [];
});

describe('database migrations', () => {
  it("apply the product's registry on an empty database, and a second run applies nothing", async () => {
    const t = await emptyDatabase();
    const first = await migrateToLatest(t.db);
    expect(first.sort()).toEqual(Object.keys(registered).sort());
    expect(await migrateToLatest(t.db)).toEqual([]);
    const status = await migrationStatus(t.db);
    expect(status.filter((m) => m.executedAt === undefined)).toEqual([]);
    // The migrator's own bookkeeping exists even when no domain has registered a migration yet.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables where table_name = 'kysely_migration'`.execute(
      t.db,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("apply a domain's migrations once, and its typed tables work over the shared pool", async () => {
    const t = await emptyDatabase();
    const set = { '2026112201_example_scenarios': scenarios, '2026112202_example_runs': runs };
    expect(await migrateToLatest(t.db, set)).toEqual([
      '2026112201_example_scenarios',
      '2026112202_example_runs',
    ]);
    expect(await migrateToLatest(t.db, set)).toEqual([]);
    expect(await tableNames(t)).toEqual(['example_runs', 'example_scenarios']);

    const example: Kysely<ExampleTables> = typedDatabase<ExampleTables>(t.db);
    const { id } = await example
      .insertInto('example_scenarios')
      .values({ name: 'base', rate: 0.05 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await example.insertInto('example_runs').values({ scenario_id: id, paths: 1000 }).execute();
    const joined = await example
      .selectFrom('example_runs')
      .innerJoin('example_scenarios', 'example_scenarios.id', 'example_runs.scenario_id')
      .select(['example_scenarios.name', 'example_runs.paths'])
      .execute();
    expect(joined).toEqual([{ name: 'base', paths: 1000 }]);
    // The schema's constraints hold: a rate out of range and a run of an unknown scenario are refused.
    await expect(
      example.insertInto('example_scenarios').values({ name: 'bad', rate: 1.5 }).execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(
      example
        .insertInto('example_runs')
        .values({ scenario_id: id + 100, paths: 1 })
        .execute(),
    ).rejects.toThrow(/foreign key constraint/);
  });

  it('apply once when two processes migrate the same database at the same time', async () => {
    const t = await emptyDatabase();
    const set = { '2026112201_example_scenarios': scenarios, '2026112202_example_runs': runs };
    const second = connectDatabase(t.url, { poolMax: 2 });
    try {
      const [a, b] = await Promise.all([migrateToLatest(t.db, set), migrateToLatest(second, set)]);
      expect([...a, ...b].sort()).toEqual(['2026112201_example_scenarios', '2026112202_example_runs']);
    } finally {
      await second.destroy();
    }
  });

  it('leave nothing of a run applied when one of its migrations fails, and name the one that failed', async () => {
    const t = await emptyDatabase();
    await migrateToLatest(t.db, { '2026112201_example_scenarios': scenarios });
    const withBroken = {
      '2026112201_example_scenarios': scenarios,
      '2026112202_example_runs': runs,
      '2026112203_example_broken': broken,
    };
    const failure = await migrateToLatest(t.db, withBroken).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toMatch(
      /migration 2026112203_example_broken failed, nothing of this run was applied: type "no_such_type" does not exist/,
    );
    // Neither the good migration of the same run nor the failing one's first statement stayed.
    expect(await tableNames(t)).toEqual(['example_scenarios']);
    const pending = (await migrationStatus(t.db, withBroken)).filter((m) => m.executedAt === undefined);
    expect(pending.map((m) => m.name)).toEqual(['2026112202_example_runs', '2026112203_example_broken']);

    // Once the broken migration is taken out, the rest applies.
    expect(
      await migrateToLatest(t.db, { ...withBroken, '2026112203_example_broken': { up: async () => {} } }),
    ).toEqual(['2026112202_example_runs', '2026112203_example_broken']);
  });

  it('apply a migration merged in later even when its name sorts before one already applied', async () => {
    const t = await emptyDatabase();
    await migrateToLatest(t.db, { '2026112202_example_scenarios': scenarios });
    const merged = {
      '2026112201_example_other': runsWithoutReference,
      '2026112202_example_scenarios': scenarios,
    };
    expect(await migrateToLatest(t.db, merged)).toEqual(['2026112201_example_other']);
  });

  it('refuse a migration name without timestamp and domain', async () => {
    const t = await emptyDatabase();
    await expect(migrateToLatest(t.db, { scenarios })).rejects.toThrow(
      /migration names must look like 2026112201_credit_scenarios .*: scenarios/,
    );
  });
});

const runsWithoutReference: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('example_other').addColumn('id', 'integer').execute();
  },
};
