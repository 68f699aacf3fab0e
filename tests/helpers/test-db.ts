/**
 * A fresh, migrated database for one test: SQLite in memory, or, when the
 * suite runs on PostgreSQL (`SHEBAO_TEST_DB=pg`, tests/helpers/pg-global-setup.ts
 * sets SHEBAO_TEST_PG_URL), a new database created from the migrated template.
 */
import pg from "pg";
import { migrate, openDatabase, type Db } from "../../db/connection";

let counter = 0;

/** The template every test database is copied from (created and migrated by the global setup). */
export const PG_TEMPLATE = "shebao_template";

export async function openTestDatabase(): Promise<Db> {
  const base = process.env.SHEBAO_TEST_PG_URL;
  if (!base) {
    const db = openDatabase(":memory:");
    await migrate(db);
    return db;
  }
  const name = `t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return openDatabase(url.toString(), { poolSize: 2 });
}

/** Whether the suite runs on PostgreSQL. */
export function onPostgres(): boolean {
  return !!process.env.SHEBAO_TEST_PG_URL;
}
