/**
 * Art. 50 ¶1 (SPEC §4, §5): each leaver reported within 15 days of the end of
 * the employment, the deadline rolled past non-working days; and the go-live
 * month (SPEC §5), which takes earlier registrations and reports as made.
 */
import { describe, expect, it } from "vitest";
import { terminationFinding, terminationReportDeadline } from "./art50-termination";
import { WorkCalendar } from "./dates";
import { evaluate } from "./evaluate";
import { employee, findingsAsOf, guarantee, input, installment, payment, EMPLOYER, REGION } from "./test-fixtures";
import type { EngineInput } from "./types";

const none = new WorkCalendar();
const holiday = new WorkCalendar(["2026-04-04", "2026-04-05", "2026-04-06"]);

describe("the termination report deadline", () => {
  it.each([
    ["2026-03-20", none, "2026-04-04"],
    ["2026-03-20", holiday, "2026-04-07"], // rolled over the whole holiday
    ["2026-02-20", none, "2026-03-07"],
    ["2026-12-31", none, "2027-01-15"],
    ["2024-02-14", none, "2024-02-29"], // leap year
  ])("left %s → report by %s", (left, cal, expected) => {
    expect(terminationReportDeadline(left, cal as WorkCalendar)).toBe(expected);
  });
});

describe("the three ART50 rules", () => {
  const subject = (terminationDate: string | null, terminationReportedOn: string | null = null) => ({
    employerCode: "ACME",
    employeeNo: "E004",
    name: "Li Si",
    terminationDate,
    terminationReportedOn,
  });
  const story = (left: string | null, reported: string | null, asOf: string) => {
    const f = terminationFinding(subject(left, reported), left ? terminationReportDeadline(left, holiday) : "", asOf);
    return f ? `${f.rule}:${f.status}:${f.severity}:${f.dueDate}:${f.days}` : null;
  };

  it.each<[string, string | null, string | null, string, string | null]>([
    ["still employed", null, null, "2026-05-01", null],
    ["a termination dated after D has not happened yet", "2026-03-20", null, "2026-03-19", null],
    ["left, more than 7 days before the deadline", "2026-03-20", null, "2026-03-30", null],
    ["7 days left", "2026-03-20", null, "2026-03-31", "ART50_TERMINATION_REPORT_DUE_SOON:open:warning:2026-04-07:7"],
    ["on the deadline: 0 days left", "2026-03-20", null, "2026-04-07", "ART50_TERMINATION_REPORT_DUE_SOON:open:warning:2026-04-07:0"],
    ["the day after: unreported, 1 day", "2026-03-20", null, "2026-04-08", "ART50_TERMINATION_UNREPORTED:open:breach:2026-04-07:1"],
    ["reported on the deadline: nothing", "2026-03-20", "2026-04-07", "2026-06-01", null],
    ["reported the day it ended: nothing", "2026-03-20", "2026-03-20", "2026-03-25", null],
    ["reported a day late: closed, 1 day", "2026-03-20", "2026-04-08", "2026-06-01", "ART50_TERMINATION_REPORTED_LATE:closed:breach:2026-04-07:1"],
    ["a report dated after D does not exist yet", "2026-03-20", "2026-04-20", "2026-04-10", "ART50_TERMINATION_UNREPORTED:open:breach:2026-04-07:3"],
    ["a late report, seen once it exists", "2026-03-20", "2026-04-20", "2026-04-20", "ART50_TERMINATION_REPORTED_LATE:closed:breach:2026-04-07:13"],
  ])("%s", (_story, left, reported, asOf, expected) => {
    expect(story(left, reported, asOf)).toBe(expected);
  });

  it("names the employee, has no period, amount, late fee or stage", () => {
    const f = terminationFinding(subject("2026-03-20"), "2026-04-04", "2026-04-10")!;
    expect(f).toMatchObject({ article: "50", period: null, employeeNo: "E004", employeeName: "Li Si", outstanding: null, lateFee: null, stage: null, exposure: null });
  });
});

describe("the engine: every terminated employee in scope, registered or not", () => {
  it("an unregistered leaver has both ART58 and ART50 open", () => {
    const inp = input({ employees: [employee({ hireDate: "2026-01-05", terminationDate: "2026-02-28", appliedOn: null, registeredOn: null })] });
    const rules = findingsAsOf(inp, "2026-04-01", { period: null }).map((f) => f.rule);
    expect(rules.sort()).toEqual(["ART50_TERMINATION_UNREPORTED", "ART58_UNREGISTERED"]);
  });
  it("an employee hired after D does not exist yet", () => {
    const inp = input({ employees: [employee({ hireDate: "2026-05-01", terminationDate: "2026-05-02" })] });
    expect(findingsAsOf(inp, "2026-04-30")).toEqual([]);
  });
});

describe("the go-live month (SPEC §5)", () => {
  const tracked = (trackingFrom: string | null, over: Partial<EngineInput> = {}) =>
    input({ employers: [{ code: EMPLOYER, name: "Acme", region: REGION, trackingFrom }], ...over });

  it("no month before it is evaluated: no finding, total or configuration problem has such a period", () => {
    const inp = tracked("2026-03", { employees: [employee({ hireDate: "2024-03-01", appliedOn: null, registeredOn: null })], policies: [] });
    const ev = evaluate(inp, "2026-04-02");
    expect(ev.configProblems.map((p) => p.period)).toEqual(["2026-03", "2026-04"]);
    expect(ev.months).toEqual([]);
  });

  it("months from it on are evaluated as without it; earlier months raise nothing", () => {
    const e = employee({ hireDate: "2025-06-01" });
    const without = evaluate(input({ employees: [e] }), "2026-04-20");
    const withT = evaluate(tracked("2026-03", { employees: [e] }), "2026-04-20");
    expect(withT.findings.every((f) => f.period === null || f.period >= "2026-03")).toBe(true);
    expect(withT.findings).toEqual(without.findings.filter((f) => f.period === null || f.period >= "2026-03"));
    expect(withT.months).toEqual(without.months.filter((m) => m.period >= "2026-03"));
  });

  it.each([
    // hired 2026-01-30: deadline 03-01 ≥ T₁ 2026-03-01 → tracked
    ["2026-01-30", "2026-03", "ART58_UNREGISTERED"],
    // hired 2026-01-29: deadline 02-28 < T₁ → taken as registered
    ["2026-01-29", "2026-03", null],
  ])("a registration due on the boundary: hired %s, go-live %s → %s", (hireDate, t, expected) => {
    const inp = tracked(t, { employees: [employee({ hireDate, appliedOn: null, registeredOn: null })] });
    const f = findingsAsOf(inp, "2026-04-02", { period: null }).filter((x) => x.rule.startsWith("ART58"));
    expect(f.map((x) => x.rule)[0] ?? null).toBe(expected);
  });

  it.each([
    // left 02-14: report due 03-01 ≥ T₁ → tracked; left 02-13: due 02-28 → taken as made
    ["2026-02-14", "ART50_TERMINATION_UNREPORTED"],
    ["2026-02-13", null],
  ])("a leaver before go-live: left %s → %s", (left, expected) => {
    const inp = tracked("2026-03", { employees: [employee({ hireDate: "2025-01-05", terminationDate: left })] });
    const f = findingsAsOf(inp, "2026-04-02", { period: null }).filter((x) => x.rule.startsWith("ART50"));
    expect(f.map((x) => x.rule)[0] ?? null).toBe(expected);
  });

  it("the art. 84 exposure counts evaluated months only", () => {
    const e = employee({ hireDate: "2026-01-29", appliedOn: null, registeredOn: null });
    const [withT] = findingsAsOf(tracked("2026-02", { employees: [e] }), "2026-04-02", { rule: "ART58_UNREGISTERED" });
    // 2026-02, 03 and 04 at 281600 each
    expect(withT!.exposure).toMatchObject({ fineMin: 3 * 281_600, fineMax: 9 * 281_600 });
  });

  it("an agreement spanning the go-live month is taken whole; its missed installment names its first tracked month", () => {
    const e = employee({ hireDate: "2025-06-01" });
    const inp = tracked("2026-02", {
      employees: [e],
      payments: [payment("2026-03", "2026-03-10", 281_600)],
      collection: [guarantee(["2026-01", "2026-02"], "2026-03-01"), installment(["2026-01", "2026-02"], "2026-03-01", "2026-03-20", 100_000)],
    });
    const [f] = findingsAsOf(inp, "2026-04-02", { rule: "ART63_INSTALLMENT_MISSED" });
    expect(f).toMatchObject({ period: "2026-02", dueDate: "2026-03-20", outstanding: 100_000 });
    // an agreement wholly before go-live raises nothing
    const before = tracked("2026-03", {
      employees: [e],
      collection: [guarantee(["2026-01", "2026-02"], "2026-03-01"), installment(["2026-01", "2026-02"], "2026-03-01", "2026-03-20", 100_000)],
    });
    expect(findingsAsOf(before, "2026-04-02", { rule: "ART63_INSTALLMENT_MISSED" })).toEqual([]);
  });
});
