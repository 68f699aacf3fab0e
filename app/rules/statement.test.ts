/**
 * SPEC §6: what the monthly statement tells an employee, with the figures of
 * the worked examples of §9 (sample-city), and the issue checks of §2.
 */
import { describe, expect, it } from "vitest";
import { checkStatementIssue, paymentStatus, statementFigures, type StatementSubject } from "./statement";
import { samplePolicy, termsPolicy } from "./test-fixtures";
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
    month: null,
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

  it("shows the declared base only where it differs from the required one", () => {
    expect(statementFigures(subject({ declaredBase: 700_000 })).declaredBase).toBe(700_000);
    expect(statementFigures(subject({ declaredBase: 800_000 })).declaredBase).toBeNull();
    expect(statementFigures(subject({ declaredBase: null })).declaredBase).toBeNull();
  });

  it("masks the identity number: first 4 and last 4", () => {
    expect(statementFigures(subject()).maskedId).toBe("1101**********002X");
  });

  it("running totals of the employee's own pension and medical from the hire month (Jan–Mar: 3 × 64000 and 3 × 16000)", () => {
    expect(statementFigures(subject()).runningTotals).toEqual({ pension: 192_000, medical: 48_000, fromMonth: "2026-01" });
  });

  it("running totals skip months in which the employee was not liable", () => {
    const s = subject({ period: "2026-05", issuedOn: "2026-06-01" });
    s.employee = { ...s.employee, hireDate: "2026-01-10", terminationDate: "2026-05-03" };
    expect(statementFigures(s).runningTotals.pension).toBe(5 * 64_000);
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
