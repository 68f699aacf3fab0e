/**
 * The HR month through the models: the annual base declaration (view, export,
 * recording), the change list (bulk recording, all or nothing; a leaver's
 * submission records the art. 50 report and closes the finding) and the
 * termination report form's refusals. Each write leaves its audit entry.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { policies, registrations } from "../../db/schema";
import { annualBaseExport, annualBaseView, annualTurnNotices, cachedTurnNotices, recordAnnualDeclaration } from "~/models/annual-base.server";
import { changeListView, recordChanges } from "~/models/change-list.server";
import { evaluateAsOf } from "~/models/engine.server";
import { terminateEmployee } from "~/models/employee.server";
import { registrationTracker } from "~/models/registration.server";
import { recordTerminationReport, terminationReportStatus } from "~/models/termination-report.server";
import { residentIdCheckChar, usccCheckChar } from "~/rules/identity";
import { ACTOR, count, load, POLICY_HEADER } from "./workflows-fixture";

const USCC17 = "91350100M000100Y4";
const id = (seq: string) => {
  const id17 = `11010519900101${seq}`;
  return id17 + residentIdCheckChar(id17);
};
const GZ_HEADER = `${POLICY_HEADER},base_rule,base_year_start,medical_base_floor`;
const GZ = "gz-city,2024-01,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500,annual,7,5500.00";

async function hrDb(): Promise<Db> {
  const db = await openTestDatabase();
  await load(db, "employers", `code,name,uscc,region\nGZ,Guangzhou Co,${USCC17 + usccCheckChar(USCC17)},gz-city\n`);
  await load(db, "policies", `${GZ_HEADER}\n${GZ}\n`);
  await load(
    db,
    "employees",
    [
      "employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage",
      `E1,张三,,${id("001")},GZ,2024-01-02,,,,6000.00`,
      `E2,李四,,${id("002")},GZ,2026-02-01,,,,3000.00`,
      `E3,王五,,${id("003")},GZ,2024-01-02,2026-06-20,,,7000.00`,
      `E4,赵六,,${id("004")},GZ,2026-07-03,,,,6000.00`,
    ].join("\n") + "\n",
  );
  await load(db, "wages", "employee_no,effective_month,monthly_wage\nE1,2025-03,9000.00\n");
  await load(db, "registrations", "employee_no,applied_on,registered_on\nE1,2024-01-05,\nE2,2026-02-03,\nE3,2024-01-05,\n");
  return db;
}

describe("the annual base declaration", () => {
  let db: Db;
  beforeEach(async () => {
    db = await hrDb();
  });

  it("defaults to the coming year and lists each basis with the medical floor apart", async () => {
    const v = await annualBaseView(db, "GZ", null, "2026-05-20");
    if (!v.ok) throw new Error(v.problem);
    expect([v.yearStart, v.averagedYear, v.daysToTurn, v.uniform, v.differing]).toEqual(["2026-07", 2025, 42, false, ["medical"]]);
    expect(v.lines.map((l) => [l.employeeNo, l.basis, l.bases.medical, l.previousBasis])).toEqual([
      ["E1", 850_000, 850_000, 600_000],
      ["E2", 300_000, 550_000, null],
      ["E4", 600_000, 600_000, null],
    ]);
  });

  it("exports full identity numbers only when asked for them, and audits that read", async () => {
    const before = await count(db, "audit_log");
    const masked = await annualBaseExport(db, ACTOR, "GZ", "2026-07", false);
    if (!masked.ok) throw new Error(masked.problem);
    expect(masked.rows[0]!.idNumber).toMatch(/^1101\*+\w{4}$/);
    expect(await count(db, "audit_log")).toBe(before);
    const full = await annualBaseExport(db, ACTOR, "GZ", "2026-07", true);
    if (!full.ok) throw new Error(full.problem);
    expect(full.rows[0]!.idNumber).toBe(id("001"));
    expect(await count(db, "audit_log")).toBe(before + 1);
  });

  it("records the year as declared on a date (audited); a bad date changes nothing", async () => {
    const before = await count(db, "audit_log");
    expect(await recordAnnualDeclaration(db, ACTOR, { employer: "GZ", yearStart: "2026-07", declaredOn: "2026-13-01" })).toMatchObject({ ok: false, errors: { declaredOn: { code: "invalidDate" } } });
    expect(await count(db, "annual_base_declarations")).toBe(0);
    expect((await recordAnnualDeclaration(db, ACTOR, { employer: "GZ", yearStart: "2026-07", declaredOn: "2026-06-10" })).ok).toBe(true);
    expect(await count(db, "audit_log")).toBe(before + 1);
    const v = await annualBaseView(db, "GZ", "2026-07", "2026-06-11");
    if (!v.ok) throw new Error(v.problem);
    expect(v.recordedOn).toBe("2026-06-10");
    expect(v.lines.map((l) => l.recordedBasis)).toEqual([850_000, 300_000, 600_000]);
  });

  it("the dashboard notice: 60 days ahead, naming declared bases that disagree", async () => {
    await load(db, "declarations", "employer_code,period,employee_no,declared_base,declared_on\nGZ,2026-04,E1,9000.00,2026-04-10\nGZ,2026-04,E2,3000.00,2026-04-10\n");
    expect(await annualTurnNotices(db, "2026-05-01")).toEqual([]); // 61 days ahead
    const [n] = await annualTurnNotices(db, "2026-05-02");
    expect(n).toMatchObject({ employerCode: "GZ", yearStart: "2026-07", daysLeft: 60 });
    expect(n!.disagreeing).toEqual([{ employeeNo: "E1", name: "张三", declaredBase: 900_000, basis: 850_000 }]);
    // The cached notice follows the data: a later line at the new base agrees.
    expect((await cachedTurnNotices(db, "2026-05-02", "GZ"))[0]!.disagreeing).toHaveLength(1);
    await load(db, "declarations", "employer_code,period,employee_no,declared_base,declared_on\nGZ,2026-05,E1,8500.00,2026-05-01\n");
    expect((await cachedTurnNotices(db, "2026-05-02", "GZ"))[0]!.disagreeing).toEqual([]);
    expect(await cachedTurnNotices(db, "2026-05-02", "NOPE")).toEqual([]);
  });
});

describe("the month's change list", () => {
  let db: Db;
  beforeEach(async () => {
    db = await hrDb();
    await db.update(policies).set({ changeCutoffDay: 25 }).run();
  });

  it("additions, the leaver and the base change for 2026-07, with the cut-off", async () => {
    const v = await changeListView(db, "GZ", "2026-07", "2026-07-20");
    if (!v.ok) throw new Error(v.problem);
    expect(v.rows.map((r) => `${r.kind}:${r.employeeNo}`)).toEqual(["addition:E4", "reduction:E3", "base_change:E1"]);
    expect([v.cutoff, v.daysLeft]).toEqual(["2026-07-25", 5]);
    expect(v.rows[1]!.reportDeadline).toBe("2026-07-05");
  });

  it("a leaver submitted records the termination report in the same transaction and closes the art. 50 finding", async () => {
    expect((await evaluateAsOf(db, "2026-07-10")).findings.filter((f) => f.rule.startsWith("ART50_")).map((f) => f.rule)).toEqual(["ART50_TERMINATION_UNREPORTED"]);
    const before = await count(db, "audit_log");
    const r = await recordChanges(db, ACTOR, { employer: "GZ", month: "2026-07", rows: ["reduction:3", "addition:4"], state: "submitted", date: "2026-07-05" }, "2026-07-10");
    expect(r).toEqual({ ok: true, value: 2 });
    expect(await count(db, "audit_log")).toBe(before + 3);
    expect((await db.select().from(registrations).all()).find((x) => x.employeeId === 3)!.terminationReportedOn).toBe("2026-07-05");
    expect((await evaluateAsOf(db, "2026-07-10")).findings.filter((f) => f.rule.startsWith("ART50_"))).toEqual([]);
    const v = await changeListView(db, "GZ", "2026-07", "2026-07-10");
    if (!v.ok) throw new Error(v.problem);
    expect(v.rows.map((x) => `${x.employeeNo}:${x.state}:${x.submittedOn}`)).toEqual(["E4:submitted:2026-07-05", "E3:submitted:2026-07-05", "E1:to_submit:null"]);
  });

  it("all or nothing: a leaver's date before the termination refuses the whole batch, naming the field", async () => {
    const before = await count(db, "audit_log");
    const r = await recordChanges(db, ACTOR, { employer: "GZ", month: "2026-07", rows: "addition:4,reduction:3", state: "submitted", date: "2026-06-19" }, "2026-07-10");
    expect(r).toEqual({ ok: false, errors: { date: { code: "beforeTermination", detail: "2026-06-20" } } });
    expect([await count(db, "change_list_entries"), await count(db, "audit_log")]).toEqual([0, before]);
  });

  it("refused needs the agency's reason; an addition after the cut-off is a back payment", async () => {
    expect(await recordChanges(db, ACTOR, { employer: "GZ", month: "2026-07", rows: "addition:4", state: "refused", date: "2026-07-28" }, "2026-07-28")).toEqual({
      ok: false,
      errors: { reason: { code: "required" } },
    });
    expect((await recordChanges(db, ACTOR, { employer: "GZ", month: "2026-07", rows: "addition:4", state: "submitted", date: "2026-07-28" }, "2026-07-28")).ok).toBe(true);
    expect((await recordChanges(db, ACTOR, { employer: "GZ", month: "2026-07", rows: "addition:4", state: "refused", date: "2026-07-30", reason: "证件号码有误" }, "2026-07-30")).ok).toBe(true);
    const v = await changeListView(db, "GZ", "2026-07", "2026-07-30");
    if (!v.ok) throw new Error(v.problem);
    expect(v.rows[0]).toMatchObject({ state: "refused", submittedOn: "2026-07-28", decidedOn: "2026-07-30", refusal: "证件号码有误", backPayment: true });
    expect(await recordChanges(db, ACTOR, { employer: "GZ", month: "2026-07", rows: "addition:1", state: "submitted", date: "2026-07-28" }, "2026-07-28")).toEqual({
      ok: false,
      errors: { rows: { code: "notFound" } },
    });
  });
});

describe("the termination report form", () => {
  it("is refused without a termination date or before it, naming the field, and audited when recorded", async () => {
    const db = await hrDb();
    expect(await recordTerminationReport(db, ACTOR, { employeeId: "1", terminationReportedOn: "2026-07-01" })).toEqual({
      ok: false,
      errors: { terminationReportedOn: { code: "noTermination" } },
    });
    expect(await recordTerminationReport(db, ACTOR, { employeeId: "3", terminationReportedOn: "2026-06-19" })).toEqual({
      ok: false,
      errors: { terminationReportedOn: { code: "beforeTermination", detail: "2026-06-20" } },
    });
    const before = await count(db, "audit_log");
    expect((await recordTerminationReport(db, ACTOR, { employeeId: "3", terminationReportedOn: "2026-07-08" })).ok).toBe(true);
    expect(await count(db, "audit_log")).toBe(before + 1);
    expect((await evaluateAsOf(db, "2026-07-10")).findings.filter((f) => f.rule.startsWith("ART50_")).map((f) => `${f.rule}:${f.days}`)).toEqual(["ART50_TERMINATION_REPORTED_LATE:3"]);
  });
});

describe("leavers in the roster", () => {
  it("terminating with a report date records both in one transaction; a report before the termination refuses both", async () => {
    const db = await hrDb();
    const before = await count(db, "audit_log");
    expect(await terminateEmployee(db, ACTOR, 1, { terminationDate: "2026-08-31", terminationReportedOn: "2026-08-30" })).toEqual({
      ok: false,
      errors: { terminationReportedOn: { code: "beforeTermination", detail: "2026-08-31" } },
    });
    expect(await count(db, "audit_log")).toBe(before);
    expect(await terminationReportStatus(db, 1)).toBeNull();
    expect((await terminateEmployee(db, ACTOR, 1, { terminationDate: "2026-08-31", terminationReportedOn: "2026-09-03" })).ok).toBe(true);
    expect(await count(db, "audit_log")).toBe(before + 2);
    expect(await terminationReportStatus(db, 1)).toEqual({ terminationDate: "2026-08-31", deadline: "2026-09-15", reportedOn: "2026-09-03" });
  });

  it("terminating without a report date leaves it to the reminder (the deadline, 15 days on)", async () => {
    const db = await hrDb();
    expect((await terminateEmployee(db, ACTOR, 2, { terminationDate: "2026-08-31", terminationReportedOn: "" })).ok).toBe(true);
    expect(await terminationReportStatus(db, 2)).toEqual({ terminationDate: "2026-08-31", deadline: "2026-09-15", reportedOn: null });
  });

  it("the registrations tracker carries the art. 50 column beside art. 58, and filters by it", async () => {
    const db = await hrDb();
    const row = async (asOf: string) => (await registrationTracker(db, asOf, "", 1)).rows.find((r) => r.employeeNo === "E3")!;
    expect(await row("2026-07-01")).toMatchObject({ art50Deadline: "2026-07-05", terminationReportedOn: null, art50Finding: { rule: "ART50_TERMINATION_REPORT_DUE_SOON", days: 4 } });
    expect((await row("2026-07-10")).art50Finding).toMatchObject({ rule: "ART50_TERMINATION_UNREPORTED", days: 5 });
    expect((await registrationTracker(db, "2026-07-10", "ART50_TERMINATION_UNREPORTED", 1)).rows.map((r) => r.employeeNo)).toEqual(["E3"]);
    expect((await registrationTracker(db, "2026-07-10", "", 1)).rows.find((r) => r.employeeNo === "E1")!.art50Deadline).toBeNull();
    expect((await recordTerminationReport(db, ACTOR, { employeeId: "3", terminationReportedOn: "2026-07-04" })).ok).toBe(true);
    expect(await row("2026-07-10")).toMatchObject({ terminationReportedOn: "2026-07-04", art50Finding: null });
  });
});
