/**
 * HR issues monthly statements (art. 60): a whole month at once, one employee,
 * or a correction with its reason; what the rule book refuses stays refused and
 * writes nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { CLI_ACTOR } from "~/models/audit.server";
import { runImport } from "~/models/import.server";
import { issueStatements } from "~/models/statement-issue.server";
import { listStatementsForEmployee, markStatementViewed } from "~/models/statement-portal.server";
import { getStatement } from "~/models/statement-view.server";
import { CASES_DIR } from "../helpers/golden";
import { rawSql } from "../helpers/raw-sql";

const CASE = join(CASES_DIR, "worked-examples");
const load = async (db: Db, kind: "employers" | "policies" | "employees" | "payments" | "declarations") => {
  const r = await runImport(db, kind, readFileSync(join(CASE, `${kind}.csv`), "utf8"), CLI_ACTOR);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
};
const count = async (db: Db, table: string) => ((await rawSql(db).prepare(`SELECT count(*) AS n FROM ${table}`).get()) as { n: number }).n;

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
  for (const k of ["employers", "policies", "employees", "declarations", "payments"] as const) await load(db, k);
});

describe("issuing statements", () => {
  it("issues March for every liable employee, with the month's payment status as of the issue date (example 6)", async () => {
    const r = await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-31" }, CLI_ACTOR);
    expect(r).toEqual({ ok: true, issued: 1, corrected: 0, skipped: 0, employerCode: "ACME" });
    const [s] = await listStatementsForEmployee(db, 1);
    expect(s!.version).toBe(1);
    expect(s!.figures.tranche).toEqual({ kind: "partly_paid", dueDate: "2026-03-15" });
    expect(s!.figures.payment).toBeUndefined();
    expect(s!.figures.employeeTotal).toBe(84_000);
    expect(await count(db, "audit_log")).toBeGreaterThan(0);
  });

  it("names no employer where the installation holds one", async () => {
    expect(await issueStatements(db, { employerCode: "", period: "2026-02", issuedOn: "2026-03-01" }, CLI_ACTOR)).toMatchObject({ ok: true, issued: 1 });
  });

  it.each([
    ["before the first day of the month", { period: "2026-03", issuedOn: "2026-02-28", employeeNo: "E001" }, /cannot be issued before 2026-03-01/],
    ["a month before the hire", { period: "2025-12", issuedOn: "2026-02-01", employeeNo: "E001" }, /not employed in 2025-12/],
    ["an unknown employer", { employerCode: "NOPE", period: "2026-03", issuedOn: "2026-03-31" }, /no employer with code "NOPE"/],
    ["an unknown employee", { period: "2026-03", issuedOn: "2026-03-31", employeeNo: "E999" }, /no employee with number "E999"/],
    ["a malformed month", { period: "2026-13", issuedOn: "2026-03-31" }, /period: must be a month/],
  ])("refuses %s and writes nothing", async (_, input, message) => {
    const before = [await count(db, "statements"), await count(db, "audit_log")];
    const r = await issueStatements(db, { employerCode: "ACME", ...input }, CLI_ACTOR);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.errors.join("\n")).toMatch(message);
    expect([await count(db, "statements"), await count(db, "audit_log")]).toEqual(before);
  });

  it("refuses a statement naming another employer than the employee's", async () => {
    const r = await runImport(db, "employers", "code,name,uscc,region\nBETA,Beta Ltd.,91310000MA1FL8TQ36,sample-city\n", CLI_ACTOR);
    expect(r.ok).toBe(true);
    const res = await issueStatements(db, { employerCode: "BETA", period: "2026-03", issuedOn: "2026-03-31", employeeNo: "E001" }, CLI_ACTOR);
    expect(res).toEqual({
      ok: false,
      errors: ["employee: E001 is employed by ACME, not BETA"],
      problems: [{ code: "employeeOfOtherEmployer", params: { employeeNo: "E001", theirs: "ACME", employer: "BETA" } }],
    });
    // …and, with two employers, one that names none.
    expect(await issueStatements(db, { employerCode: "", period: "2026-03", issuedOn: "2026-03-31" }, CLI_ACTOR)).toEqual({
      ok: false,
      errors: ["employer: required where the installation holds several employers"],
      problems: [{ code: "employerRequired" }],
    });
  });

  it("a second statement for the month is a correction: it needs a reason and keeps the old version", async () => {
    await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-31", employeeNo: "E001" }, CLI_ACTOR);
    const noReason = await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-04-02", employeeNo: "E001" }, CLI_ACTOR);
    expect(noReason.ok).toBe(false);
    const backdated = await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-30", employeeNo: "E001", reason: "typo" }, CLI_ACTOR);
    expect(backdated).toEqual({
      ok: false,
      errors: ["issuedOn: a correction cannot be dated before the version it corrects (2026-03-31)"],
      problems: [{ code: "correctionBackdated", params: { date: "2026-03-31" } }],
    });
    const fixed = await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-04-02", employeeNo: "E001", reason: "payment recorded late" }, CLI_ACTOR);
    expect(fixed).toMatchObject({ ok: true, issued: 0, corrected: 1 });
    const versions = (await listStatementsForEmployee(db, 1)).filter((s) => s.period === "2026-03");
    expect(versions.map((v) => [v.version, v.issuedOn, v.reason])).toEqual([
      [2, "2026-04-02", "payment recorded late"],
      [1, "2026-03-31", ""],
    ]);
  });

  it("a batch without a reason skips employees who already have theirs", async () => {
    await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-31", employeeNo: "E001" }, CLI_ACTOR);
    expect(await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-04-01" }, CLI_ACTOR)).toMatchObject({ ok: true, issued: 0, skipped: 1 });
  });

  it("records the first view once, and only for the statement's own employee", async () => {
    await issueStatements(db, { employerCode: "ACME", period: "2026-03", issuedOn: "2026-03-31" }, CLI_ACTOR);
    const [s] = await listStatementsForEmployee(db, 1);
    expect(await getStatement(db, s!.id, { employeeId: 2 })).toBeNull();
    await markStatementViewed(db, s!.id, 2, CLI_ACTOR, new Date("2026-04-01T02:00:00Z"));
    expect((await getStatement(db, s!.id, "staff"))!.firstViewedAt).toBeNull();
    await markStatementViewed(db, s!.id, 1, CLI_ACTOR, new Date("2026-04-01T02:00:00Z"));
    await markStatementViewed(db, s!.id, 1, CLI_ACTOR, new Date("2026-04-05T02:00:00Z"));
    expect((await getStatement(db, s!.id, { employeeId: 1 }))!.firstViewedAt).toBe("2026-04-01T02:00:00.000Z");
  });
});
