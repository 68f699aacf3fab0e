/**
 * The hot queries use their indexes (SQLite's plan; PostgreSQL plans by its
 * statistics, so its half is left to the benchmarks): a query of one
 * employee's rows names the whole key, employer first, as the tables are
 * keyed since they carry `employer_id` (issue 16). A correlated subquery that
 * compares an inner column with an outer one of the same name must name the
 * outer table, or it compares the inner column with itself and reads every
 * employer's rows (the roster's wage lookup did: 4× slower at 10,000).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sqliteClient, type Db } from "../../db/connection";
import { seedDemo } from "../../db/seed/demo";
import { listEmployees } from "~/models/employee.server";
import { RosterQuerySchema } from "~/url-state/roster-query";
import { openTestDatabase } from "../helpers/test-db";

/** The statements `run` prepares, each with SQLite's query plan (parameters bound to 1). */
async function plansOf(db: Db, run: () => Promise<unknown>): Promise<{ sql: string; plan: string[] }[]> {
  const client = sqliteClient(db)!;
  const prepare = client.prepare.bind(client);
  const seen: string[] = [];
  client.prepare = ((source: string) => {
    seen.push(source);
    return prepare(source);
  }) as typeof client.prepare;
  try {
    await run();
  } finally {
    client.prepare = prepare;
  }
  return seen.map((sql) => ({
    sql,
    plan: prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...Array<number>((sql.match(/\?/g) ?? []).length).fill(1))
      .map((r) => (r as { detail: string }).detail),
  }));
}

describe.skipIf(process.env.SHEBAO_TEST_DB === "pg")("query plans on SQLite", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
    await seedDemo(db, { today: "2026-11-23", hash: async () => "x" });
  }, 60_000);

  it("the roster's page looks up each employee's wage by the whole key (employer, employee), never across employers", async () => {
    const plans = await plansOf(db, () => listEmployees(db, RosterQuerySchema.parse({}), "2026-11-23"));
    const wageSteps = plans.flatMap((p) => p.plan).filter((step) => /\b(wages|w)\b/.test(step));
    expect(wageSteps.length).toBeGreaterThan(0);
    for (const step of wageSteps) {
      expect(step).toMatch(/^SEARCH .*\(employer_id=\? AND employee_id=\?/);
    }
  });
});
