/**
 * The SQLite connection: WAL, synchronous=FULL, foreign keys on, a busy
 * timeout. Migrations are applied explicitly (`migrate`), never as a side
 * effect of importing this module.
 */
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate as drizzleMigrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const here = dirname(fileURLToPath(import.meta.url));
/** `drizzle/` next to `db/` in the source tree. */
export const MIGRATIONS_DIR = resolve(here, "..", "drizzle");

export function defaultDatabasePath(): string {
  return process.env.DATABASE_PATH || join(process.cwd(), "data", "shebao.db");
}

export function openDatabase(path: string = defaultDatabasePath()): Db {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

export function migrate(db: Db, migrationsFolder: string = MIGRATIONS_DIR): void {
  drizzleMigrate(db, { migrationsFolder });
}

/** An in-memory database, migrated: for tests. */
export function openMemoryDatabase(): Db {
  const db = openDatabase(":memory:");
  migrate(db);
  return db;
}

export { schema };
