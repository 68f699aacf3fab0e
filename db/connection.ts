/**
 * The database, SQLite or PostgreSQL, behind one asynchronous query API.
 *
 * - SQLite (the embedded default): one better-sqlite3 connection, WAL,
 *   synchronous=FULL, foreign keys on, a busy timeout.
 * - PostgreSQL (`postgres://…` as the location, usually from DATABASE_URL):
 *   a node-postgres pool through drizzle's node-postgres driver.
 *
 * The models are written once, against drizzle's *asynchronous* SQLite query
 * API (`await db.select()….get()`), with the table objects of `db/schema.ts`
 * on both databases: drizzle's PostgreSQL dialect builds its SQL from those
 * tables, and `db/pg-adapter.ts` gives its query builders the same
 * `get`/`all`/`run`/`values` endings (ADR 13). `db/schema.pg.ts` describes the
 * same tables for drizzle-kit, which generates PostgreSQL's migrations into
 * `drizzle/pg/`. Transactions go through `transaction()` (db/transaction.ts),
 * never through drizzle's, whose SQLite version cannot wait for a promise.
 *
 * Migrations are applied explicitly (`migrate`), never as a side effect of
 * importing this module.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { openPg } from "./pg-adapter";
import * as schema from "./schema";

export type Dialect = "sqlite" | "pg";

/** What a write without `returning` reports, on both databases. */
export interface RunResult {
  changes: number;
}

type AsyncSqlite = BaseSQLiteDatabase<"async", RunResult, typeof schema>;

/**
 * The model layer's database (or the transaction it runs in): drizzle's
 * asynchronous SQLite API without `transaction` (use `transaction()`).
 */
export type Db = Omit<AsyncSqlite, "transaction"> & {
  /** Which database: "sqlite" or "pg". */
  readonly engine: Dialect;
};

const here = dirname(fileURLToPath(import.meta.url));
/** `drizzle/` next to `db/` in the source tree: SQLite's migrations; PostgreSQL's in `drizzle/pg/`. */
export const MIGRATIONS_DIR = resolve(here, "..", "drizzle");
export const PG_MIGRATIONS_DIR = join(MIGRATIONS_DIR, "pg");

/** DATABASE_URL (PostgreSQL), else DATABASE_PATH, else `data/shebao.db`. */
export function defaultDatabaseLocation(): string {
  return process.env.DATABASE_URL || process.env.DATABASE_PATH || join(process.cwd(), "data", "shebao.db");
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

interface Handles {
  sqlite?: Database.Database;
  pool?: pg.Pool;
  location: string;
}
const handles = new WeakMap<object, Handles>();

export interface OpenOptions {
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** PostgreSQL: close a connection idle this long (default 10 s). */
  idleMs?: number;
}

/** Open a database: a PostgreSQL URL, a SQLite file path, or `:memory:`. */
export function openDatabase(location: string = defaultDatabaseLocation(), options: OpenOptions = {}): Db {
  if (isPostgresUrl(location)) {
    const { db, pool } = openPg(location, options.poolSize ?? 10, options.idleMs ?? 10_000);
    handles.set(db, { pool, location });
    return db;
  }
  if (location !== ":memory:") mkdirSync(dirname(resolve(location)), { recursive: true });
  const sqlite = new Database(location);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  return wrapSqlite(sqlite, location);
}

/** The models' database over an open better-sqlite3 connection (foreign keys are switched on). */
export function wrapSqlite(sqlite: Database.Database, location = sqlite.name): Db {
  sqlite.pragma("foreign_keys = ON");
  const db = Object.assign(drizzleSqlite(sqlite, { schema }), { engine: "sqlite" as const });
  // The sync driver's builders return values where the type says promises:
  // every use awaits them, and awaiting a value is that value.
  const typed = db as unknown as Db;
  handles.set(typed, { sqlite, location });
  return typed;
}

function handlesOf(db: Db): Handles {
  const h = handles.get(db);
  if (!h) throw new Error("not a database opened by openDatabase (a transaction has no handles of its own)");
  return h;
}

/** The better-sqlite3 connection behind a SQLite database (null on PostgreSQL): backups and the bulk import. */
export function sqliteClient(db: Db): Database.Database | null {
  return handles.get(db)?.sqlite ?? null;
}

/** The node-postgres pool behind a PostgreSQL database (null on SQLite). */
export function pgPool(db: Db): pg.Pool | null {
  return handles.get(db)?.pool ?? null;
}

/** Where the database is (a path or a URL, with any password removed). */
export function databaseLocation(db: Db): string {
  return handlesOf(db).location.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
}

export async function closeDatabase(db: Db): Promise<void> {
  const h = handles.get(db);
  if (!h) return;
  handles.delete(db);
  if (h.sqlite) h.sqlite.close();
  if (h.pool) await h.pool.end();
}

/** Apply the pending migrations of the database's dialect. */
export async function migrate(db: Db): Promise<void> {
  const h = handlesOf(db);
  if (h.sqlite) {
    migrateSqlite(drizzleSqlite(h.sqlite), { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const { migrate: migratePg } = await import("drizzle-orm/node-postgres/migrator");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  // Several servers may start at once on one database: one migrates, the others wait and find nothing to do.
  const lock = await h.pool!.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(7424601)");
    await migratePg(drizzle(h.pool!), { migrationsFolder: PG_MIGRATIONS_DIR });
  } finally {
    await lock.query("SELECT pg_advisory_unlock(7424601)").catch(() => {});
    lock.release();
  }
}

/** How many of the shipped migrations the database has applied. */
export async function migrationStatus(db: Db): Promise<{ applied: number; expected: number }> {
  const folder = db.engine === "pg" ? PG_MIGRATIONS_DIR : MIGRATIONS_DIR;
  let expected = 0;
  try {
    expected = (JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
  } catch {
    expected = 0;
  }
  let applied = 0;
  if (db.engine === "pg") {
    const exists = await db.get<{ t: string | null }>(sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
    if (exists?.t) applied = Number((await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`))?.n ?? 0);
  } else {
    const exists = await db.get<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`);
    if (exists) applied = (await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`))?.n ?? 0;
  }
  return { applied, expected };
}

export { schema };
