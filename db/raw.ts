/**
 * Plain SQL with `?` placeholders on either database, on the connection of the
 * transaction in hand: for the few places where building drizzle's SQL objects
 * costs more than the query (the bulk import writes statements of thousands of
 * parameters; drizzle takes ~70 ms to build one). The text must be the SQL
 * SQLite and PostgreSQL share; values are always bound, never spliced.
 */
import type Database from "better-sqlite3";
import type pg from "pg";
import { sqliteClient, type Db } from "./connection";

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function sqliteStatement(client: Database.Database, text: string): Database.Statement {
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map()));
  let st = cache.get(text);
  if (!st) {
    st = client.prepare(text);
    if (cache.size > 200) cache.clear();
    cache.set(text, st);
  }
  return st;
}

/** The node-postgres client or pool a drizzle database or transaction runs its queries on. */
function pgClient(db: Db): pg.Pool | pg.PoolClient {
  const session = (db as unknown as { session?: { client?: pg.Pool | pg.PoolClient } }).session;
  if (!session?.client) throw new Error("raw SQL: no PostgreSQL client behind this database");
  return session.client;
}

function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** Rows as arrays of column values, in the order of the select list. */
export async function rawRows<T extends unknown[]>(db: Db, text: string, params: readonly unknown[] = []): Promise<T[]> {
  if (db.engine === "pg") return (await pgClient(db).query<T>({ text: numbered(text), values: params as unknown[], rowMode: "array" })).rows;
  const st = sqliteStatement(sqliteClient(db)!, text);
  return (st.reader ? st.raw(true).all(...params) : (st.run(...params), [])) as T[];
}

/** Rows as objects named by the select list's column names. */
export async function rawObjects<T>(db: Db, text: string, params: readonly unknown[] = []): Promise<T[]> {
  if (db.engine === "pg") return (await pgClient(db).query({ text: numbered(text), values: params as unknown[] })).rows as T[];
  return sqliteStatement(sqliteClient(db)!, text).raw(false).all(...params) as T[];
}

/** A statement that returns no rows. */
export async function rawRun(db: Db, text: string, params: readonly unknown[] = []): Promise<void> {
  if (db.engine === "pg") await pgClient(db).query({ text: numbered(text), values: params as unknown[] });
  else sqliteStatement(sqliteClient(db)!, text).run(...params);
}

/**
 * `head VALUES (?, …), (?, …) … tail` for every tuple, as few statements as
 * the parameter limits allow (SQLite 32,766, PostgreSQL 65,535). Returns the
 * rows of a `RETURNING` tail (none without one).
 */
export async function rawInsertMany<R extends unknown[] = unknown[]>(db: Db, head: string, tuples: readonly unknown[][], tail = ""): Promise<R[]> {
  if (tuples.length === 0) return [];
  const width = tuples[0]!.length;
  const per = Math.max(1, Math.min(1000, Math.floor(30_000 / width)));
  const one = `(${new Array(width).fill("?").join(", ")})`;
  const returning = /\bRETURNING\b/i.test(tail);
  const out: R[] = [];
  for (let i = 0; i < tuples.length; i += per) {
    const chunk = tuples.slice(i, i + per);
    const text = `${head} VALUES ${new Array(chunk.length).fill(one).join(", ")} ${tail}`;
    if (returning) out.push(...(await rawRows<R>(db, text, chunk.flat())));
    else await rawRun(db, text, chunk.flat());
  }
  return out;
}
