/**
 * A fresh, migrated database for one test: SQLite in memory, or, when the
 * suite runs on PostgreSQL (`SHEBAO_TEST_DB=pg`: tests/helpers/pg-global-setup.ts
 * starts a throwaway cluster and sets SHEBAO_TEST_PG_URL and
 * SHEBAO_TEST_PG_TEMPLATE), a new database copied from the migrated template.
 */
import { migrate, openDatabase, type Db } from "../../db/connection";
import { createDatabaseFrom } from "./pg-cluster";

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
