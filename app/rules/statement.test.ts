/**
 * SPEC §6: what the monthly statement tells an employee, with the figures of
 * the worked examples of §9 (sample-city), and the issue checks of §2.
 */
import { describe, expect, it } from "vitest";
import { checkStatementIssue, paymentStatus, statementFigures, trancheStatus, type StatementSubject } from "./statement";
import { policy, samplePolicy, termsPolicy } from "./test-fixtures";
import type { PolicyVersion } from "./types";

function subject(over: Partial<StatementSubject> & { wage?: number; policies?: PolicyVersion[] } = {}): StatementSubject {
  const { wage = 800_000, ...rest } = over;
  return {
    employer: { code: "ACME", name: "Acme Trading Co. Ltd." },
    employee: {
      employeeNo: "E001",
      name: "Li Wei",
      idNumber: "11010519491231002X",
      hireDate: "2026-01-10",
      terminationDate: null,
      wages: [{ effectiveMonth: "2026-01", monthlyWage: wage }],
    },
    policies: [samplePolicy],
    period: "2026-03",
    issuedOn: "2026-04-05",
    months: [],
    declaredBase: null,
    ...rest,
  };
}

describe("the figures of a statement (SPEC §6)", () => {
  it("example 1: wage ¥8,000.00 — every item on both sides, totals, no bound applied", () => {
    const f = statementFigures(subject());
    expect(f.wage).toBe(800_000);
    expect(f.base).toBe(800_000);
    expect(f.clamp).toBeNull();
    expect(f.items.map((i) => [i.insurance, i.employerRate, i.employerAmount, i.employeeRate, i.employeeAmount])).toEqual([
      ["pension", "16%", 128_000, "8%", 64_000],
      ["medical", "8%", 64_000, "2%", 16_000],
      ["unemployment", "0.5%", 4_000, "0.5%", 4_000],
      ["work_injury", "0.2%", 1_600, "0%", 0],
      ["maternity", "0%", 0, "0%", 0],
    ]);
    expect(f.employerTotal).toBe(197_600);
    expect(f.employeeTotal).toBe(84_000);
  });

  it("example 2: a wage under the floor says the floor applied", () => {
    const f = statementFigures(subject({ wage: 300_000 }));
    expect([f.wage, f.base, f.clamp, f.employerTotal, f.employeeTotal]).toEqual([300_000, 400_000, "floor", 98_800, 42_000]);
  });

  it("example 3: a wage over the cap says the cap applied", () => {
    const f = statementFigures(subject({ wage: 3_000_000 }));
    expect([f.wage, f.base, f.clamp, f.employerTotal, f.employeeTotal]).toEqual([3_000_000, 2_000_000, "cap", 494_000, 210_000]);
  });

  it("example 7: every term of a rate is shown (2% + ¥3.00, 7.5% + 0.5%)", () => {
    const f = statementFigures(subject({ wage: 1_234_567, policies: [termsPolicy] }));
    const medical = f.items.find((i) => i.insurance === "medical")!;
    expect(medical).toEqual({ insurance: "medical", employerRate: "7.5% + 0.5%", employerAmount: 98_766, employeeRate: "2% + ¥3.00", employeeAmount: 24_991 });
  });

  it("shows the declared base, and the bases the agency applies to it, only where the line is under-declared", () => {
    const under = statementFigures(subject({ declaredBase: 700_000 }));
    expect(under.declaredBase).toBe(700_000);
    expect(under.declaredBases).toEqual({ pension: 700_000, medical: 700_000, unemployment: 700_000, work_injury: 700_000, maternity: 700_000 });
    expect(statementFigures(subject({ declaredBase: 800_000 })).declaredBase).toBeNull();
    expect(statementFigures(subject({ declaredBase: 900_000 })).declaredBase).toBeNull();
    expect(statementFigures(subject({ declaredBase: null })).declaredBases).toBeNull();
    // example 2: a wage under the floor declared as it is — charged on the floor, not under-declared
    expect(statementFigures(subject({ wage: 300_000, declaredBase: 300_000 })).declaredBase).toBeNull();
    // below the floor for a wage above it: the agency charges the floor
    expect(statementFigures(subject({ wage: 450_000, declaredBase: 300_000 })).declaredBases?.pension).toBe(400_000);
  });

  it("says how the basis was derived: the wage in force, or the annual base", () => {
    expect(statementFigures(subject()).basisDerivation).toEqual({ kind: "wage", month: "2026-03" });
    const annual = [policy({ baseRule: "annual", baseYearStart: 7 })];
    const s = subject({ policies: annual, period: "2026-07", issuedOn: "2026-08-01" });
    s.employee = {
      ...s.employee,
      hireDate: "2025-06-16",
      wages: [
        { effectiveMonth: "2025-06", monthlyWage: 600_000 },
        { effectiveMonth: "2025-09", monthlyWage: 900_000 },
      ],
    };
    const f = statementFigures(s);
    expect([f.wage, f.basis, f.base, f.basisDerivation]).toEqual([900_000, 771_429, 771_429, { kind: "average", year: 2025, months: 7 }]);
    expect(statementFigures({ ...s, period: "2026-06", issuedOn: "2026-07-01" }).basisDerivation).toEqual({ kind: "hire", month: "2025-06" });
  });

  it("shows each insurance's base where they differ, with the bound that applied and whose it is (example 10)", () => {
    const gd = [policy({ insuranceBounds: { medical: { floor: 500_000 }, unemployment: { floor: 300_000 } } })];
    const f = statementFigures(subject({ wage: 350_000, policies: gd }));
    expect(f.uniformBase).toBe(false);
    expect(f.bases!.map((b) => [b.insurance, b.base, b.clamp, b.owner])).toEqual([
      ["pension", 400_000, "floor", "policy"],
      ["medical", 500_000, "floor", "insurance"],
      ["unemployment", 350_000, null, null],
      ["work_injury", 400_000, "floor", "policy"],
      ["maternity", 400_000, "floor", "policy"],
    ]);
    expect(f.employerTotal + f.employeeTotal).toBe(150_300);
    expect(statementFigures(subject()).uniformBase).toBe(true);
  });

  it("masks the identity number: first 4 and last 4", () => {
    expect(statementFigures(subject()).maskedId).toBe("1101**********002X");
  });

  // E001 hired 2026-01-10: registration deadline 02-09, so due(E, 2026-01) = 02-09, then 02-15, 03-15, …
  const tr = (period: string, dueDate: string, filledOn: string | null, paid = filledOn ? 281_600 : 0) => ({
    period,
    tranches: [{ dueDate, amount: 281_600, paid, filledOn }],
  });

  it("own contributions from the hire month, every month withheld while nothing is paid (Jan–Mar: 3 × 64000 and 3 × 16000)", () => {
    expect(statementFigures(subject()).ownContributions).toEqual({
      fromMonth: "2026-01",
      credited: { pension: 0, medical: 0 },
      withheld: { pension: 192_000, medical: 48_000 },
      withheldMonths: ["2026-01", "2026-02", "2026-03"],
      overdueMonths: ["2026-01", "2026-02", "2026-03"],
    });
  });

  it("credited are the months whose tranche with E is filled by the issue date; the rest withheld, overdue once past due(E,M)", () => {
    const f = statementFigures(subject({ issuedOn: "2026-03-10", months: [tr("2026-01", "2026-02-09", "2026-02-05"), tr("2026-02", "2026-02-15", null, 100_000), tr("2026-03", "2026-03-15", null)] }));
    expect(f.ownContributions).toEqual({
      fromMonth: "2026-01",
      credited: { pension: 64_000, medical: 16_000 },
      withheld: { pension: 128_000, medical: 32_000 },
      withheldMonths: ["2026-02", "2026-03"],
      overdueMonths: ["2026-02"], // March is not due before 03-15
    });
    expect(f.tranche).toEqual({ kind: "not_yet_due", dueDate: "2026-03-15" });
  });

  it("own contributions skip months in which the employee was not liable, and start at the go-live month", () => {
    const s = subject({ period: "2026-05", issuedOn: "2026-06-01" });
    s.employee = { ...s.employee, hireDate: "2026-01-10", terminationDate: "2026-05-03" };
    expect(statementFigures(s).ownContributions!.withheld.pension).toBe(5 * 64_000);
    const tracked = statementFigures({ ...s, trackingFrom: "2026-04" }).ownContributions!;
    expect([tracked.fromMonth, tracked.withheld.pension]).toEqual(["2026-04", 2 * 64_000]);
  });

  it("a new employee's tranche follows the registration deadline (example 8)", () => {
    const s = subject({ period: "2026-03", issuedOn: "2026-04-01" });
    s.employee = { ...s.employee, hireDate: "2026-03-20", wages: [{ effectiveMonth: "2026-03", monthlyWage: 300_000 }] };
    expect(statementFigures(s).tranche).toEqual({ kind: "not_yet_due", dueDate: "2026-04-19" });
  });

  it("stores no employer-wide amount", () => {
    const f = statementFigures(subject({ months: [tr("2026-03", "2026-03-15", "2026-03-14")] }));
    expect(f.payment).toBeUndefined();
    expect(JSON.stringify(f)).not.toContain("281600");
  });
});

describe("E's tranche as of the issue date (SPEC §6)", () => {
  const m = (amount: number, paid: number, filledOn: string | null) => ({ tranches: [{ dueDate: "2026-03-15", amount, paid, filledOn }] });
  it.each([
    ["filled: paid in full on the day of the payment that filled it", m(281_600, 281_600, "2026-03-20"), "2026-04-05", { kind: "paid_in_full", on: "2026-03-20", dueDate: "2026-03-15" }],
    ["a tranche of zero amount: paid in full, no date", m(0, 0, null), "2026-04-05", { kind: "paid_in_full", on: null, dueDate: "2026-03-15" }],
    ["issued on the due date: not yet due", m(281_600, 0, null), "2026-03-15", { kind: "not_yet_due", dueDate: "2026-03-15" }],
    ["issued before the due date, partly paid: not yet due", m(281_600, 100_000, null), "2026-03-10", { kind: "not_yet_due", dueDate: "2026-03-15" }],
    ["after the due date, something paid into it: partly paid", m(281_600, 100_000, null), "2026-03-16", { kind: "partly_paid", dueDate: "2026-03-15" }],
    ["after the due date, nothing: unpaid", m(281_600, 0, null), "2026-03-16", { kind: "unpaid", dueDate: "2026-03-15" }],
    ["no evaluated month at all: unpaid after the due date", undefined, "2026-03-16", { kind: "unpaid", dueDate: "2026-03-15" }],
  ] as const)("%s", (_story, month, issuedOn, expected) => {
    expect(trancheStatus(month, "2026-03-15", issuedOn)).toEqual(expected);
  });
});

describe("the month's payment status as of the issue date", () => {
  const tranche = (amount: number, paid: number, filledOn: string | null) => ({ dueDate: "2026-03-15", amount, paid, filledOn });
  it("paid in full names the day the last tranche was filled", () => {
    expect(paymentStatus({ required: 281_600, paid: 281_600, tranches: [tranche(281_600, 281_600, "2026-03-14")] }, 281_600)).toEqual({
      kind: "paid",
      on: "2026-03-14",
      paid: 281_600,
      required: 281_600,
    });
  });
  it("example 6: ¥2,000.00 of ¥2,816.00 is partly paid", () => {
    expect(paymentStatus({ required: 281_600, paid: 200_000, tranches: [tranche(281_600, 200_000, null)] }, 281_600)).toEqual({
      kind: "partly_paid",
      paid: 200_000,
      required: 281_600,
    });
  });
  it("nothing paid is unpaid; an unknown month is unpaid against the employee's own amount", () => {
    expect(paymentStatus({ required: 281_600, paid: 0, tranches: [tranche(281_600, 0, null)] }, 281_600).kind).toBe("unpaid");
    expect(paymentStatus(null, 281_600)).toEqual({ kind: "unpaid", paid: 0, required: 281_600 });
  });
});

describe("when a statement may be issued (SPEC §2)", () => {
  it.each([
    ["a liable month, on the first day of the month", { period: "2026-03", issuedOn: "2026-03-01" }, true],
    ["before the first day of the month", { period: "2026-03", issuedOn: "2026-02-28" }, false],
    ["the hire month, before the hire date", { period: "2026-01", issuedOn: "2026-01-09" }, false],
    ["the hire month, on the hire date", { period: "2026-01", issuedOn: "2026-01-10" }, true],
    ["a month before the hire", { period: "2025-12", issuedOn: "2026-02-01" }, false],
  ] as const)("%s → %s", (_, over, ok) => {
    expect(checkStatementIssue(subject(over)).ok).toBe(ok);
  });
  it("refuses a month without a policy in force", () => {
    const r = checkStatementIssue(subject({ policies: [{ ...samplePolicy, effectiveFrom: "2026-06" }] }));
    expect(r).toEqual({ ok: false, reason: "no policy is in force for 2026-03", code: "noPolicy", params: { employeeNo: "E001", period: "2026-03" } });
  });
  it("refuses a month after the termination month", () => {
    const s = subject({ period: "2026-04", issuedOn: "2026-05-01" });
    s.employee = { ...s.employee, terminationDate: "2026-03-31" };
    expect(checkStatementIssue(s).ok).toBe(false);
  });
});
