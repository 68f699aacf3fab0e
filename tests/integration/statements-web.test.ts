/**
 * The model functions behind the statement pages and the employee portal:
 * HR's month overview, the months with no statement, versions, the batch
 * print, the portal, and changing one's password (every other session ends).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { rawSql } from "../helpers/raw-sql";
import { openTestDatabase } from "../helpers/test-db";
import { auditLog, sessions } from "../../db/schema";
import { changePassword } from "~/models/account.server";
import { CLI_ACTOR } from "~/models/audit.server";
import { runImport } from "~/models/import.server";
import { createSession, getSessionUser } from "~/models/session.server";
import { issueStatements } from "~/models/statement-issue.server";
import { monthsWithoutStatements, statementMonthOverview, statementsForMonth } from "~/models/statement-overview.server";
import { employeePortal, listStatementsForEmployee, markStatementViewed } from "~/models/statement-portal.server";
import { statementVersions } from "~/models/statement-view.server";
import { createUser } from "~/models/user.server";
import { verifyPassword } from "~/server/password.server";
import { CASES_DIR } from "../helpers/golden";

const CASE = join(CASES_DIR, "worked-examples");
const importCsv = async (db: Db, kind: "employers" | "policies" | "employees" | "payments" | "declarations", text: string) => {
  const r = await runImport(db, kind, text, CLI_ACTOR);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
};
const SECOND_EMPLOYEE =
  "employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage\n" +
  "E002,Wang Fang,,110105198001010016,ACME,2026-02-01,,Sales,wang.fang@example.com,5000.00\n";

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
  for (const k of ["employers", "policies", "employees", "declarations", "payments"] as const) await importCsv(db, k, readFileSync(join(CASE, `${k}.csv`), "utf8"));
  await importCsv(db, "employees", SECOND_EMPLOYEE);
});

const issue = async (input: { period: string; issuedOn: string; employeeNo?: string; reason?: string }) => {
  const r = await issueStatements(db, { employerCode: "ACME", ...input }, CLI_ACTOR);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r;
};
const idOf = async (employeeId: number, period: string, version = 1) =>
  (await listStatementsForEmployee(db, employeeId)).find((s) => s.period === period && s.version === version)!.id;

describe("the month overview for HR", () => {
  it("lists every liable employee with the latest version, version 1's date and the first view", async () => {
    await issue({ period: "2026-03", issuedOn: "2026-04-01", employeeNo: "E001" });
    await issue({ period: "2026-03", issuedOn: "2026-04-03", employeeNo: "E001", reason: "payment recorded late" });
    await markStatementViewed(db, await idOf(1, "2026-03", 2), 1, CLI_ACTOR, new Date("2026-04-04T01:30:00Z"));

    const o = (await statementMonthOverview(db, { employerCode: "ACME", period: "2026-03", asOf: "2026-04-10" }))!;
    expect(o.employer).toMatchObject({ code: "ACME", name: "Acme Trading Co. Ltd." });
    expect([o.liable, o.issued, o.viewed]).toEqual([2, 1, 1]);
    expect(o.rows.map((r) => r.employeeNo)).toEqual(["E001", "E002"]);
    expect(o.rows[0]).toMatchObject({
      firstIssuedOn: "2026-04-01",
      latest: { version: 2, issuedOn: "2026-04-03", reason: "payment recorded late", firstViewedAt: "2026-04-04T01:30:00.000Z" },
    });
    expect(o.rows[1]).toMatchObject({ employeeNo: "E002", latest: null, firstIssuedOn: null });
  });

  it("is as of a date: later versions, views and hires do not exist yet", async () => {
    await issue({ period: "2026-03", issuedOn: "2026-04-01", employeeNo: "E001" });
    await issue({ period: "2026-03", issuedOn: "2026-04-03", employeeNo: "E001", reason: "correction" });
    await markStatementViewed(db, await idOf(1, "2026-03", 2), 1, CLI_ACTOR, new Date("2026-04-04T01:30:00Z"));
    const o = (await statementMonthOverview(db, { employerCode: "ACME", period: "2026-03", asOf: "2026-04-02" }))!;
    expect(o.rows[0]!.latest).toMatchObject({ version: 1, firstViewedAt: null });
    // E002 is hired 2026-02-01: not yet there as of 2026-01-31 for January (and not liable in January anyway).
    const jan = (await statementMonthOverview(db, { employerCode: "ACME", period: "2026-01", asOf: "2026-01-31" }))!;
    expect(jan.rows.map((r) => r.employeeNo)).toEqual(["E001"]);
  });

  it("counts a view by its date in Asia/Shanghai", async () => {
    await issue({ period: "2026-03", issuedOn: "2026-04-01", employeeNo: "E001" });
    // 2026-04-04 17:00 UTC is already 2026-04-05 01:00 in Shanghai.
    await markStatementViewed(db, await idOf(1, "2026-03"), 1, CLI_ACTOR, new Date("2026-04-04T17:00:00Z"));
    expect((await statementMonthOverview(db, { employerCode: "ACME", period: "2026-03", asOf: "2026-04-04" }))!.viewed).toBe(0);
    expect((await statementMonthOverview(db, { employerCode: "ACME", period: "2026-03", asOf: "2026-04-05" }))!.viewed).toBe(1);
  });

  it("answers null for an unknown employer", async () => {
    expect(await statementMonthOverview(db, { employerCode: "NOPE", period: "2026-03", asOf: "2026-04-10" })).toBeNull();
  });
});

describe("months with no statement", () => {
  it("groups the ART60_STATEMENT_MISSING findings by month, newest first", async () => {
    await issue({ period: "2026-01", issuedOn: "2026-02-10", employeeNo: "E001" });
    await issue({ period: "2026-02", issuedOn: "2026-03-10", employeeNo: "E001" });
    expect(await monthsWithoutStatements(db, "ACME", "2026-05-15")).toEqual([
      { period: "2026-03", employees: 2, deadline: "2026-04-30", days: 15 },
      { period: "2026-02", employees: 1, deadline: "2026-03-31", days: 45 },
    ]);
    await issue({ period: "2026-03", issuedOn: "2026-05-15" });
    await issue({ period: "2026-02", issuedOn: "2026-05-15" });
    expect(await monthsWithoutStatements(db, "ACME", "2026-05-15")).toEqual([]);
  });
});

describe("versions, the batch print and the portal", () => {
  beforeEach(async () => {
    await issue({ period: "2026-02", issuedOn: "2026-03-10" });
    await issue({ period: "2026-03", issuedOn: "2026-04-01" });
    await issue({ period: "2026-03", issuedOn: "2026-04-03", employeeNo: "E001", reason: "payment recorded late" });
  });

  it("lists the versions of a statement's month, newest first, scoped to the owner", async () => {
    const v1 = await idOf(1, "2026-03", 1);
    const all = (await statementVersions(db, v1, "staff"))!;
    expect(all.employeeId).toBe(1);
    expect(all.versions.map((v) => [v.version, v.issuedOn, v.reason])).toEqual([
      [2, "2026-04-03", "payment recorded late"],
      [1, "2026-04-01", ""],
    ]);
    expect((await statementVersions(db, v1, { employeeId: 1 }))!.versions).toHaveLength(2);
    expect(await statementVersions(db, v1, { employeeId: 2 })).toBeNull();
    expect(await statementVersions(db, 99_999, "staff")).toBeNull();
  });

  it("prints the latest version of each employee's statement for the month", async () => {
    const printed = await statementsForMonth(db, "ACME", "2026-03");
    expect(printed.map((s) => [s.figures.employeeNo, s.version])).toEqual([
      ["E001", 2],
      ["E002", 1],
    ]);
    expect(await statementsForMonth(db, "ACME", "2026-01")).toEqual([]);
    expect(await statementsForMonth(db, "NOPE", "2026-03")).toEqual([]);
  });

  it("gives the employee their own months only, latest version each, with the chart and running totals", async () => {
    const p = await employeePortal(db, 1);
    expect(p.months.map((m) => [m.period, m.version])).toEqual([
      ["2026-03", 2],
      ["2026-02", 1],
    ]);
    // E001's own tranche of the month as of the issue date, never the employer's month-wide amounts (issue 21.9).
    expect(p.months[0]!.tranche).toEqual({ kind: "partly_paid", dueDate: "2026-03-15" });
    expect(p.months[0]!.payment).toBeNull();
    expect(p.chart).toEqual([
      { period: "2026-02", own: 84_000, employer: 197_600 },
      { period: "2026-03", own: 84_000, employer: 197_600 },
    ]);
    // Own pension 8 % and medical 2 % of ¥8,000, January to March.
    expect(p.ownContributions).toMatchObject({ fromMonth: "2026-01" });
    const own = p.ownContributions!;
    expect(own.credited.pension + own.withheld.pension).toBe(3 * 64_000);
    expect(own.credited.medical + own.withheld.medical).toBe(3 * 16_000);
    expect(p.runningTotals).toBeNull();
    const other = await employeePortal(db, 2);
    expect(other.months.every((m) => !p.months.some((n) => n.id === m.id))).toBe(true);
    expect(await employeePortal(db, 99)).toEqual({ months: [], chart: [], ownContributions: null, runningTotals: null });
  });
});

describe("changing one's password", () => {
  const OLD = "demo-employee-passphrase";
  const NEW = "a new long passphrase";
  let userId: number;
  const user = () => ({ id: userId, email: "employee@example.com" });
  beforeEach(async () => {
    userId = await createUser(db, CLI_ACTOR, { email: "employee@example.com", role: "employee", password: OLD, employeeId: 1 });
  });

  it("checks the form: the current password, at least 12 characters, the same twice, not the old one", async () => {
    expect(await changePassword(db, user(), { currentPassword: "", newPassword: "short", confirmPassword: "other" })).toEqual({
      ok: false,
      errors: { currentPassword: { code: "required" }, newPassword: { code: "passwordTooShort" }, confirmPassword: { code: "passwordMismatch" } },
    });
    expect(await changePassword(db, user(), { currentPassword: OLD, newPassword: OLD, confirmPassword: OLD })).toEqual({
      ok: false,
      errors: { newPassword: { code: "passwordUnchanged" } },
    });
  });

  it("refuses a wrong current password, audit-logged, and changes nothing", async () => {
    const r = await changePassword(db, user(), { currentPassword: "not the password", newPassword: NEW, confirmPassword: NEW });
    expect(r).toEqual({ ok: false, errors: { currentPassword: { code: "passwordWrong" } } });
    expect((await db.select().from(auditLog).all()).some((a) => a.action === "password_change_failed")).toBe(true);
  });

  it("changes the password, ends every other session and starts a fresh one", async () => {
    const elsewhere = await createSession(db, userId);
    const here = await createSession(db, userId);
    const r = await changePassword(db, user(), { currentPassword: OLD, newPassword: NEW, confirmPassword: NEW });
    expect(r).toMatchObject({ ok: true, sessionsEnded: 2 });
    if (!r.ok) return;
    expect(await getSessionUser(db, elsewhere)).toBeNull();
    expect(await getSessionUser(db, here)).toBeNull();
    expect(await getSessionUser(db, r.token)).toMatchObject({ id: userId, employeeId: 1 });
    expect(await db.select().from(sessions).all()).toHaveLength(1);
    const { passwordHash } = (await rawSql(db).prepare("SELECT password_hash AS \"passwordHash\" FROM users WHERE id = ?").get<{ passwordHash: string }>(userId))!;
    expect(await verifyPassword(NEW, passwordHash)).toBe(true);
    expect((await db.select().from(auditLog).all()).some((a) => a.action === "password_change" && a.entityId === String(userId))).toBe(true);
  });
});
