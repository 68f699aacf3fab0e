/**
 * PostgreSQL behind the models' query API (ADR 13).
 *
 * The models use drizzle's asynchronous SQLite API with the tables of
 * `db/schema.ts`. On PostgreSQL the same calls run through drizzle's
 * node-postgres driver; this module supplies what the two APIs do not share:
 * - the query builders' endings `get()` (first row), `all()`, `run()`
 *   (`{ changes }`) and `values()` (rows as arrays);
 * - the database's raw `get`/`all`/`run`/`values(sql)`;
 * - type parsers so that int8 and numeric (counts, sums of fen) come back as
 *   numbers, and json as text for the SQLite json columns to parse, as SQLite
 *   gives them.
 */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { PgDeleteBase, PgInsertBase, PgSelectBase, PgUpdateBase } from "drizzle-orm/pg-core";
import type { SQLWrapper } from "drizzle-orm";
import pg from "pg";
import type { Db } from "./connection";

const INT8 = 20;
const NUMERIC = 1700;
const JSON_OID = 114;
const JSONB = 3802;

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  // Counts and sums of fen: exact below 2^53 (¥90 trillion).
  pg.types.setTypeParser(INT8, (v: string) => Number(v));
  pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
  pg.types.setTypeParser(JSON_OID, (v: string) => v);
  pg.types.setTypeParser(JSONB, (v: string) => v);

  type Executable = { execute(): Promise<unknown> };
  const rowsOf = (r: unknown): Record<string, unknown>[] => (Array.isArray(r) ? r : ((r as pg.QueryResult).rows ?? []));
  for (const Builder of [PgSelectBase, PgInsertBase, PgUpdateBase, PgDeleteBase] as unknown as { prototype: object }[]) {
    Object.defineProperties(Builder.prototype, {
      all: { configurable: true, value(this: Executable) { return this.execute().then(rowsOf); } },
      get: { configurable: true, value(this: Executable) { return this.execute().then((r) => rowsOf(r)[0]); } },
      run: {
        configurable: true,
        value(this: Executable) {
          return this.execute().then((r) => ({ changes: Array.isArray(r) ? r.length : ((r as pg.QueryResult).rowCount ?? 0) }));
        },
      },
      values: { configurable: true, value(this: Executable) { return this.execute().then((r) => rowsOf(r).map((row) => Object.values(row))); } },
    });
  }
}

/** The models' API over a drizzle node-postgres database or transaction. */
export function adaptPg(target: NodePgDatabase): Db {
  const raw = {
    all: (q: SQLWrapper | string) => target.execute(typeof q === "string" ? q : q.getSQL()).then((r) => r.rows),
    get: (q: SQLWrapper | string) => target.execute(typeof q === "string" ? q : q.getSQL()).then((r) => r.rows[0]),
    run: (q: SQLWrapper | string) => target.execute(typeof q === "string" ? q : q.getSQL()).then((r) => ({ changes: r.rowCount ?? 0 })),
    values: (q: SQLWrapper | string) => target.execute(typeof q === "string" ? q : q.getSQL()).then((r) => r.rows.map((row) => Object.values(row))),
    engine: "pg" as const,
  };
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === "string" && prop in raw) return raw[prop as keyof typeof raw];
      return Reflect.get(t, prop, receiver);
    },
  }) as unknown as Db;
}

/** A pool and the models' database over it. */
export function openPg(url: string, poolSize: number, idleMs: number): { db: Db; pool: pg.Pool } {
  install();
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: idleMs, allowExitOnIdle: true });
  // An idle client's error (the server restarting) must not end the process.
  pool.on("error", () => {});
  const inner = drizzle(pool);
  return { db: adaptPg(inner), pool };
}

/** The drizzle database under an adapted one (transactions start from it). */
export function pgInner(db: Db): NodePgDatabase {
  return db as unknown as NodePgDatabase;
}
