/**
 * One way to run a transaction on either database (ADR 13).
 *
 * `await transaction(db, async (tx) => { … })` commits when the callback
 * resolves and rolls back when it throws. The callback must do its work
 * through `tx`, and nothing but database work: it may run more than once.
 *
 * - SQLite: `BEGIN IMMEDIATE` … `COMMIT` on the one connection, with a
 *   process-wide queue so that one transaction runs at a time (better-sqlite3
 *   is synchronous; drizzle's transaction cannot wait for a promise). The
 *   lock is taken at BEGIN, so another process (the command line) waits for
 *   it (busy timeout), as before.
 * - PostgreSQL: a SERIALIZABLE transaction on one pooled connection, retried
 *   (up to MAX_ATTEMPTS tries, with a growing, jittered pause) when PostgreSQL
 *   reports a serialization failure or a deadlock: the behaviour of SQLite's
 *   single writer, on a server with many (tests/integration/transaction-retry.test.ts).
 *
 * A transaction started inside another (a model calling a model) joins it.
 *
 * Hot spots (many sessions writing the same few rows at once, like the
 * sign-in counters) name their keys in `lockKeys`: on PostgreSQL the
 * transaction then runs READ COMMITTED after taking an advisory lock per key,
 * so the writers queue instead of failing serialization over and over; on
 * SQLite the one writer already queues them.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { sqliteClient, type Db } from "./connection";
import { adaptPg } from "./pg-adapter";

interface Current {
  root: Db;
  tx: Db;
}
const current = new AsyncLocalStorage<Current>();
const queues = new WeakMap<object, Promise<unknown>>();

/** Tries of one PostgreSQL transaction: serialization failures are retried with a growing, jittered pause (≤ about 3 s in all). */
export const MAX_ATTEMPTS = 12;

/** Is this PostgreSQL's "could not serialize" or "deadlock detected" (drizzle wraps the driver's error)? */
export function isRetryable(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (code === "40001" || code === "40P01") return true;
  }
  return false;
}

/** Whether the caller is inside a transaction of this database. */
export function inTransaction(db: Db): boolean {
  const c = current.getStore();
  return !!c && (c.root === db || c.tx === db);
}

export interface TransactionOptions {
  /** Keys of a hot spot the transaction serializes on (see above). */
  lockKeys?: readonly string[];
}

export async function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const c = current.getStore();
  if (c && (c.root === db || c.tx === db)) return fn(c.tx);
  if (db.engine === "pg") return pgTransaction(db, fn, options);
  return sqliteTransaction(db, fn);
}

async function sqliteTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const client = sqliteClient(db);
  if (!client) throw new Error("transaction(): not a database opened by openDatabase");
  const before = queues.get(client) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  queues.set(
    client,
    before.then(() => mine),
  );
  await before;
  try {
    client.exec("BEGIN IMMEDIATE");
    try {
      const result = await current.run({ root: db, tx: db }, () => fn(db));
      client.exec("COMMIT");
      return result;
    } catch (e) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw e;
    }
  } finally {
    release();
  }
}

async function pgTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>, options: TransactionOptions): Promise<T> {
  const inner = db as unknown as NodePgDatabase;
  const keys = [...new Set(options.lockKeys ?? [])].sort();
  for (let attempt = 1; ; attempt++) {
    try {
      return await inner.transaction(
        async (tx) => {
          for (const k of keys) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${k}))`);
          const adapted = adaptPg(tx as unknown as NodePgDatabase);
          return await current.run({ root: db, tx: adapted }, () => fn(adapted));
        },
        { isolationLevel: keys.length > 0 ? "read committed" : "serializable" },
      );
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) throw e;
      // Jittered exponential backoff: writers of one employer meet on its data_versions row, and
      // eight of them at once could otherwise keep failing each other (a 500 in the load test).
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * Math.min(500, 5 * 2 ** attempt))));
    }
  }
}
