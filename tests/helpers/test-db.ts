/**
 * A fresh, migrated database for one test: SQLite in memory, or, when the
 * suite runs on PostgreSQL (`SHEBAO_TEST_DB=pg`: tests/helpers/pg-global-setup.ts
 * starts a throwaway cluster and sets SHEBAO_TEST_PG_URL and
 * SHEBAO_TEST_PG_TEMPLATE), a new database copied from the migrated template.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { migrate, openDatabase, type Db } from "../../db/connection";
import { createDatabaseFrom, createEmptyDatabase } from "./pg-cluster";

export async function openTestDatabase(): Promise<Db> {
  const base = process.env.SHEBAO_TEST_PG_URL;
  const template = process.env.SHEBAO_TEST_PG_TEMPLATE;
  if (!base || !template) {
    const db = openDatabase(":memory:");
    await migrate(db);
    return db;
  }
  return openDatabase(await createDatabaseFrom(base, template), { poolSize: 3, idleMs: 500 });
}

/** Whether the suite runs on PostgreSQL. */
export function onPostgres(): boolean {
  return !!process.env.SHEBAO_TEST_PG_URL;
}

/**
 * Where a test's command-line runs keep their database: a new file path under
 * `dir` on SQLite, or a new, empty PostgreSQL database's URL when the suite
 * runs on PostgreSQL (the commands then migrate it themselves).
 */
export async function freshDatabaseLocation(dir: string, name: string): Promise<string> {
  const base = process.env.SHEBAO_TEST_PG_URL;
  if (!base) return join(dir, `${name}.db`);
  return createEmptyDatabase(base, `cli_${name.toLowerCase().replace(/[^a-z0-9]+/g, "_").slice(0, 40)}_${randomBytes(4).toString("hex")}`);
}
