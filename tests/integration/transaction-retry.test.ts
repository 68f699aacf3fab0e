/**
 * PostgreSQL transactions retry serialization failures (ADR 13, db/transaction.ts):
 * a real write skew between two SERIALIZABLE transactions is retried and its work
 * committed once; a writer that meets many failures in a row (eight writers of one
 * employer at once, as in the two-server load test) still commits; other errors are
 * not retried. On a real throwaway cluster (the run's when SHEBAO_TEST_DB=pg, else
 * one started here), on both test lines.
 */
import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, type Db } from "../../db/connection";
import { MAX_ATTEMPTS, transaction } from "../../db/transaction";
import { migratedPgDatabase } from "../helpers/pg-test-database";

let database: Awaited<ReturnType<typeof migratedPgDatabase>> | null = null;
let dbUrl = "";
let db: Db;

beforeAll(async () => {
  database = await migratedPgDatabase();
  dbUrl = database.url;
  db = openDatabase(dbUrl, { poolSize: 3, idleMs: 500 });
}, 120_000);

afterAll(async () => {
  if (db) await closeDatabase(db);
  await database?.release();
});

/** A serialization failure as node-postgres reports it. */
function serializationFailure(): Error {
  return Object.assign(new Error("could not serialize access due to read/write dependencies among transactions"), { code: "40001" });
}

async function employerCodes(prefix: string): Promise<string[]> {
  const rows = await db.all<{ code: string }>(sql`SELECT code FROM employers WHERE code LIKE ${`${prefix}%`} ORDER BY code`);
  return rows.map((r) => r.code);
}

describe("PostgreSQL transactions and serialization failures", () => {
  it("a real write skew: the transaction that loses is run again and its work committed once", async () => {
    const other = new pg.Client({ connectionString: dbUrl });
    await other.connect();
    let attempts = 0;
    try {
      await transaction(db, async (tx) => {
        attempts++;
        // Both read the same set, then each writes into it: SERIALIZABLE lets only one commit as it was.
        const n = (await tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM employers WHERE code LIKE 'SKEW%'`))!.n;
        if (attempts === 1) {
          await other.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
          await other.query("SELECT count(*) FROM employers WHERE code LIKE 'SKEW%'");
          await other.query("INSERT INTO employers (code, name, uscc, region) VALUES ('SKEW-B', 'B', 'x', 'r')");
          await other.query("COMMIT");
        }
        await tx.run(sql`INSERT INTO employers (code, name, uscc, region) VALUES (${`SKEW-A${n}`}, 'A', 'x', 'r')`);
      });
    } finally {
      await other.end();
    }
    expect(attempts).toBe(2);
    // The second try saw the other's row, so it wrote SKEW-A1; the first try's SKEW-A0 was rolled back.
    expect(await employerCodes("SKEW")).toEqual(["SKEW-A1", "SKEW-B"]);
  });

  it("a writer that meets nine serialization failures in a row still commits (eight writers of one employer at once can make it meet that many)", async () => {
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(10);
    let attempts = 0;
    await transaction(db, async (tx) => {
      attempts++;
      await tx.run(sql`INSERT INTO employers (code, name, uscc, region) VALUES (${`MANY-${attempts}`}, 'x', 'x', 'r')`);
      if (attempts <= 9) throw serializationFailure();
    });
    expect(attempts).toBe(10);
    expect(await employerCodes("MANY")).toEqual(["MANY-10"]);
  }, 30_000);

  it("gives up after MAX_ATTEMPTS, rolling every try back, and says why", async () => {
    let attempts = 0;
    await expect(
      transaction(db, async (tx) => {
        attempts++;
        await tx.run(sql`INSERT INTO employers (code, name, uscc, region) VALUES (${`GIVEUP-${attempts}`}, 'x', 'x', 'r')`);
        throw serializationFailure();
      }),
    ).rejects.toThrow(/could not serialize/);
    expect(attempts).toBe(MAX_ATTEMPTS);
    expect(await employerCodes("GIVEUP")).toEqual([]);
  }, 30_000);

  it("does not retry other errors", async () => {
    let attempts = 0;
    await expect(
      transaction(db, async () => {
        attempts++;
        throw new Error("a model's own failure");
      }),
    ).rejects.toThrow("a model's own failure");
    expect(attempts).toBe(1);
  });
});
