/**
 * The month's change list (增减员): additions, reductions with their art. 50
 * deadline, base changes at the contribution year's turn, recorded states,
 * the cut-off and back payments. Figures by hand.
 */
import { describe, expect, it } from "vitest";
import { changeList, cutoffDate, type ChangeEmployee, type ChangeEntry } from "./change-list";
import { WorkCalendar } from "./dates";
import { policy } from "./test-fixtures";
import type { WageRow } from "./types";

const annual = policy({ baseRule: "annual", baseYearStart: 7 });
const w = (effectiveMonth: string, yuan: number): WageRow => ({ effectiveMonth, monthlyWage: yuan * 100 });
function emp(id: number, hireDate: string, wages: WageRow[], extra: Partial<ChangeEmployee> = {}): ChangeEmployee {
  return {
    employeeId: id,
    employeeNo: `E${id}`,
    name: `Name ${id}`,
    hireDate,
    terminationDate: null,
    wages,
    appliedOn: "2024-01-05",
    registeredOn: null,
    terminationReportedOn: null,
    ...extra,
  };
}

const hiredInJuly = emp(1, "2026-07-03", [w("2026-07", 6000)], { appliedOn: null });
const unregistered = emp(2, "2026-03-01", [w("2026-03", 5000)], { appliedOn: null });
const leftInJune = emp(3, "2024-01-01", [w("2024-01", 7000)], { terminationDate: "2026-06-20" });
const raised = emp(4, "2024-01-01", [w("2024-01", 6000), w("2025-03", 9000)]);
const steady = emp(5, "2024-01-01", [w("2024-01", 6000)]);
const leftInMay = emp(6, "2024-01-01", [w("2024-01", 6000)], { terminationDate: "2026-05-10" });
const reported = emp(7, "2024-01-01", [w("2024-01", 6000)], { terminationDate: "2026-06-30", terminationReportedOn: "2026-07-02" });
const everyone = [steady, reported, leftInMay, raised, leftInJune, unregistered, hiredInJuly];

function list(entries: ChangeEntry[] = [], extra: { asOf?: string; cutoffDay?: number | null; calendar?: WorkCalendar } = {}) {
  return changeList({
    month: "2026-07",
    asOf: extra.asOf ?? "2026-07-20",
    policy: annual,
    previousPolicy: annual,
    cutoffDay: extra.cutoffDay === undefined ? 25 : extra.cutoffDay,
    calendar: extra.calendar ?? new WorkCalendar(),
    employees: everyone,
    entries,
  });
}

describe("changeList for 2026-07 (an `annual` year turn)", () => {
  it("additions, then reductions, then base changes", () => {
    const l = list();
    expect(l.rows.map((r) => `${r.kind}:${r.employeeNo}:${r.reason}`)).toEqual([
      "addition:E1:hire",
      "addition:E2:unregistered",
      "reduction:E3:terminated",
      "reduction:E7:terminated",
      "base_change:E4:year_turn",
    ]);
    expect(l.yearTurn).toBe(true);
  });

  it("a base change carries both bases: 2024's average (¥6,000) and 2025's (¥8,500)", () => {
    const r = list().rows.find((x) => x.kind === "base_change")!;
    expect([r.previousBasis, r.basis]).toEqual([600_000, 850_000]);
  });

  it("a reduction carries its art. 50 deadline (termination + 15, rolled) and the report date", () => {
    const l = list([], { calendar: new WorkCalendar(["2026-07-05", "2026-07-06"]) });
    const r3 = l.rows.find((x) => x.employeeNo === "E3")!;
    expect(r3.reportDeadline).toBe("2026-07-07");
    expect(r3.state).toBe("to_submit");
    const r7 = l.rows.find((x) => x.employeeNo === "E7")!;
    expect([r7.reportDeadline, r7.state, r7.submittedOn]).toEqual(["2026-07-15", "submitted", "2026-07-02"]);
  });

  it("the cut-off and the days left; an addition submitted after it is a back payment (补缴)", () => {
    const l = list([
      { employeeId: 1, kind: "addition", state: "submitted", submittedOn: "2026-07-28", decidedOn: null, reason: "" },
      { employeeId: 2, kind: "addition", state: "submitted", submittedOn: "2026-07-25", decidedOn: null, reason: "" },
    ]);
    expect([l.cutoff, l.daysLeft]).toEqual(["2026-07-25", 5]);
    expect(l.rows.filter((r) => r.kind === "addition").map((r) => [r.employeeNo, r.backPayment])).toEqual([
      ["E1", true],
      ["E2", false],
    ]);
    expect(list([], { asOf: "2026-07-27" }).daysLeft).toBe(-2);
  });

  it("no cut-off: no date, no days, never a back payment", () => {
    const l = list([{ employeeId: 1, kind: "addition", state: "submitted", submittedOn: "2026-07-31", decidedOn: null, reason: "" }], { cutoffDay: null });
    expect([l.cutoff, l.daysLeft, l.rows[0]!.backPayment]).toEqual([null, null, false]);
  });

  it("recorded states: accepted, refused with the agency's reason; the counts", () => {
    const l = list([
      { employeeId: 1, kind: "addition", state: "accepted", submittedOn: "2026-07-10", decidedOn: "2026-07-12", reason: "" },
      { employeeId: 2, kind: "addition", state: "refused", submittedOn: "2026-07-10", decidedOn: "2026-07-13", reason: "证件号码有误" },
    ]);
    const [a, b] = l.rows;
    expect([a!.state, a!.decidedOn, a!.refusal]).toEqual(["accepted", "2026-07-12", ""]);
    expect([b!.state, b!.refusal]).toEqual(["refused", "证件号码有误"]);
    expect(l.counts).toEqual({ to_submit: 2, submitted: 1, accepted: 1, refused: 1 });
  });
});

describe("changeList outside the turn", () => {
  it("2026-08: no base changes; June leavers are gone, July's hire is no addition once registered", () => {
    const l = changeList({
      month: "2026-08",
      asOf: "2026-08-03",
      policy: annual,
      previousPolicy: annual,
      cutoffDay: null,
      calendar: new WorkCalendar(),
      employees: [{ ...hiredInJuly, appliedOn: "2026-07-10" }, raised, leftInJune],
      entries: [],
    });
    expect(l.yearTurn).toBe(false);
    expect(l.rows).toEqual([]);
  });

  it("a `wage` policy has no year turn", () => {
    const wage = policy({ baseRule: "wage" });
    const l = changeList({ month: "2026-07", asOf: "2026-07-01", policy: wage, previousPolicy: wage, cutoffDay: null, calendar: new WorkCalendar(), employees: [raised], entries: [] });
    expect([l.yearTurn, l.rows.length]).toEqual([false, 0]);
  });
});

describe("cutoffDate", () => {
  it.each([
    ["2026-07", 25, "2026-07-25"],
    ["2026-02", 31, "2026-02-28"],
    ["2028-02", 30, "2028-02-29"],
    ["2026-04", 1, "2026-04-01"],
  ] as const)("%s day %i → %s", (m, d, expected) => {
    expect(cutoffDate(m, d)).toBe(expected);
  });
});
