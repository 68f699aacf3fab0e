/**
 * SPEC §3: who is liable for a month, the wage and policy in force, the
 * required base clamped to [floor, cap], and every item on each side —
 * worked examples 1–4 and 7 of §9 to the fen.
 */
import { describe, expect, it } from "vitest";
import { clampBase, contributionOn, isLiable, policyInForce, requiredFor, totalOn, wageInForce } from "./contributions";
import { evaluate } from "./evaluate";
import { employee, input, payment, policy, samplePolicy, termsPolicy } from "./test-fixtures";
import type { PolicyVersion } from "./types";

describe("liability: employed at least one day of the month", () => {
  it.each<[string, string, string | null, string, boolean]>([
    ["hired on the last day of the month", "2026-03-31", null, "2026-03", true],
    ["hired on the first day of the next month", "2026-04-01", null, "2026-03", false],
    ["hired mid-month", "2026-03-20", null, "2026-03", true],
    ["hired on the last day of February in a leap year", "2024-02-29", null, "2024-02", true],
    ["left on the first day of the month (termination inclusive)", "2025-01-01", "2026-03-01", "2026-03", true],
    ["left on the last day of the month before", "2025-01-01", "2026-02-28", "2026-03", false],
    ["hired and left the same day", "2026-03-10", "2026-03-10", "2026-03", true],
    ["still employed years later", "2020-01-01", null, "2026-03", true],
  ])("%s", (_story, hire, term, month, liable) => {
    expect(isLiable(hire, term, month)).toBe(liable);
  });
});

describe("the wage in force for M: the latest row with effective_month ≤ M, else the earliest row", () => {
  const rows = [
    { effectiveMonth: "2026-04", monthlyWage: 900_000 },
    { effectiveMonth: "2026-01", monthlyWage: 800_000 },
    { effectiveMonth: "2026-09", monthlyWage: 1_000_000 },
  ];
  it.each([
    ["2026-03", 800_000],
    ["2026-04", 900_000],
    ["2026-08", 900_000],
    ["2026-09", 1_000_000],
    ["2027-05", 1_000_000],
    ["2025-12", 800_000], // before every row: the earliest
  ])("in %s the wage is %i fen", (month, wage) => {
    expect(wageInForce(rows, month)).toBe(wage);
  });
});

describe("the policy in force for M: the latest effective_from ≤ M", () => {
  const v1 = policy({ effectiveFrom: "2025-01" });
  const v2 = policy({ effectiveFrom: "2026-07", baseFloor: 450_000 });
  it.each<[string, PolicyVersion | null]>([
    ["2024-12", null],
    ["2025-01", v1],
    ["2026-06", v1],
    ["2026-07", v2],
    ["2030-01", v2],
  ])("in %s", (month, expected) => {
    expect(policyInForce([v2, v1], month)).toBe(expected);
  });
});

describe("the required base: the wage clamped to [floor ¥4,000.00, cap ¥20,000.00]", () => {
  it.each([
    ["far below the floor", 300_000, 400_000, "floor"],
    ["one fen below the floor", 399_999, 400_000, "floor"],
    ["exactly the floor", 400_000, 400_000, null],
    ["between", 800_000, 800_000, null],
    ["exactly the cap", 2_000_000, 2_000_000, null],
    ["one fen above the cap", 2_000_001, 2_000_000, "cap"],
    ["far above the cap", 3_000_000, 2_000_000, "cap"],
    ["a zero wage", 0, 400_000, "floor"],
  ])("%s: wage %i → base %i (%s)", (_story, wage, base, clamp) => {
    expect(clampBase(wage, samplePolicy)).toEqual({ base, clamp });
  });
});

describe("SPEC §9 worked examples 1–3: required contributions under sample-city", () => {
  it("example 1: ¥8,000.00 → employer 197600, employee 84000, required 281600", () => {
    const c = requiredFor(800_000, samplePolicy);
    expect(c.base).toBe(800_000);
    expect(c.clamp).toBeNull();
    expect(c.items).toEqual({
      pension: { employer: 128_000, employee: 64_000 },
      medical: { employer: 64_000, employee: 16_000 },
      unemployment: { employer: 4_000, employee: 4_000 },
      work_injury: { employer: 1_600, employee: 0 },
      maternity: { employer: 0, employee: 0 },
    });
    expect(c.employerTotal).toBe(197_600);
    expect(c.employeeTotal).toBe(84_000);
    expect(c.total).toBe(281_600);
  });

  it.each([
    ["example 2: ¥3,000.00 is raised to the floor", 300_000, 400_000, "floor", 98_800, 42_000, 140_800],
    ["one fen below the floor is the floor", 399_999, 400_000, "floor", 98_800, 42_000, 140_800],
    ["at the floor", 400_000, 400_000, null, 98_800, 42_000, 140_800],
    ["example 3: ¥30,000.00 is cut to the cap", 3_000_000, 2_000_000, "cap", 494_000, 210_000, 704_000],
    ["at the cap", 2_000_000, 2_000_000, null, 494_000, 210_000, 704_000],
    ["cap + 1 fen is the cap", 2_000_001, 2_000_000, "cap", 494_000, 210_000, 704_000],
    // 1 fen under the cap: 1999999 × 16 % = 319999.84 → 320000, × 8 % = 159999.92 → 160000,
    // × 0.5 % = 9999.995 → 10000, × 0.2 % = 3999.998 → 4000, × 2 % = 39999.98 → 40000
    ["cap − 1 fen rounds to the same items", 1_999_999, 1_999_999, null, 494_000, 210_000, 704_000],
  ])("%s", (_story, wage, base, clamp, employer, employeeSide, total) => {
    const c = requiredFor(wage, samplePolicy);
    expect([c.base, c.clamp, c.employerTotal, c.employeeTotal, c.total]).toEqual([base, clamp, employer, employeeSide, total]);
  });
});

describe("SPEC §9 example 4: ¥8,333.33, every item rounded half up on its own", () => {
  const c = requiredFor(833_333, samplePolicy);
  it.each([
    // 833333 × ppm / 10⁶
    ["pension", "employer", 133_333], // 133333.28
    ["pension", "employee", 66_667], // 66666.64
    ["medical", "employer", 66_667], // 66666.64
    ["medical", "employee", 16_667], // 16666.66
    ["unemployment", "employer", 4_167], // 4166.665 → half up
    ["unemployment", "employee", 4_167], // 4166.665 → half up
    ["work_injury", "employer", 1_667], // 1666.666
    ["work_injury", "employee", 0],
    ["maternity", "employer", 0],
  ] as const)("%s %s = %i", (ins, side, fen) => {
    expect(c.items[ins][side]).toBe(fen);
  });
  it("totals are sums of the rounded items (not a rounded sum)", () => {
    expect(c.employerTotal).toBe(133_333 + 66_667 + 4_167 + 1_667);
    expect(c.employeeTotal).toBe(66_667 + 16_667 + 4_167);
    expect(c.total).toBe(205_834 + 87_501);
    expect(totalOn(833_333, samplePolicy)).toBe(293_335);
  });
});

describe("SPEC §9 example 7: rate terms", () => {
  it("employer medical 7.5% + 0.5% on ¥12,345.67 is 92593 + 6173 = 98766", () => {
    expect(requiredFor(1_234_567, termsPolicy).items.medical).toEqual({ employer: 98_766, employee: 24_991 });
  });

  it("up to the jiao the percentage terms round up separately and the ¥3.00 stays 300", () => {
    const up = policy({ ...termsPolicy, roundingUnit: "jiao", roundingMode: "up" });
    expect(requiredFor(1_234_567, up).items.medical).toEqual({ employer: 92_600 + 6_180, employee: 24_700 + 300 });
  });

  it.each([
    ["at the floor", 100_000, 400_000],
    ["at the cap", 9_000_000, 2_000_000],
    ["at ¥12,345.67", 1_234_567, 1_234_567],
  ])("the fixed ¥3.00 is charged whole %s", (_story, wage, base) => {
    const c = requiredFor(wage, termsPolicy);
    // 2 % of the base, rounded, plus exactly 300
    expect(c.items.medical.employee - 300).toBe(Math.floor((base * 20_000 + 500_000) / 1_000_000));
  });

  it("a declared base is taken as the agency applies it — clamped to the floor and cap, fixed term included", () => {
    // ¥100.00 declared is charged on the floor ¥4,000.00: 2 % = 8000, + 300; 7.5 % = 30000, 0.5 % = 2000
    expect(contributionOn(10_000, termsPolicy).items.medical).toEqual({ employer: 32_000, employee: 8_300 });
    // a zero base is charged on the floor too; above the cap, on the cap
    expect(contributionOn(0, termsPolicy).total).toBe(contributionOn(400_000, termsPolicy).total);
    expect(contributionOn(9_000_000, termsPolicy).total).toBe(contributionOn(2_000_000, termsPolicy).total);
  });

  it("a new employee hired on the month's last day owes the full month, fixed term unprorated", () => {
    const inp = input({ policies: [termsPolicy], employees: [employee({ hireDate: "2026-03-31", wage: 1_234_567 })] });
    const m = evaluate(inp, "2026-03-31").months.find((x) => x.period === "2026-03")!;
    // employer: 197530.72→197531, 98766, 6172.835→6173, 2469.134→2469; employee: 98765.36→98765, 24991, 6173
    expect(m.employerTotal).toBe(197_531 + 98_766 + 6_173 + 2_469);
    expect(m.employeeTotal).toBe(98_765 + 24_991 + 6_173);
  });
});

describe("rounding to the jiao and the yuan, mode up", () => {
  it("every item of example 4 rounds up to the jiao on its own", () => {
    const c = requiredFor(833_333, policy({ roundingUnit: "jiao", roundingMode: "up" }));
    expect(c.items.pension).toEqual({ employer: 133_340, employee: 66_670 });
    expect(c.items.unemployment).toEqual({ employer: 4_170, employee: 4_170 });
    expect(c.items.work_injury.employer).toBe(1_670);
  });
  it("every item of example 4 rounds half up to the yuan", () => {
    const c = requiredFor(833_333, policy({ roundingUnit: "yuan", roundingMode: "half_up" }));
    // 133333.28 → 133300; 66666.64 → 66700; 4166.665 → 4200; 1666.666 → 1700
    expect(c.items.pension).toEqual({ employer: 133_300, employee: 66_700 });
    expect(c.items.unemployment).toEqual({ employer: 4_200, employee: 4_200 });
    expect(c.items.work_injury.employer).toBe(1_700);
    expect(c.total % 100).toBe(0);
  });
});

describe("each month uses the parameters of the version in force for it", () => {
  it("a new floor from 2026-07 raises the base of July, not of June", () => {
    const inp = input({
      policies: [samplePolicy, policy({ effectiveFrom: "2026-07", baseFloor: 450_000 })],
      employees: [employee({ hireDate: "2026-06-01", wage: 300_000 })],
      payments: [payment("2026-06", "2026-06-01", 140_800)],
    });
    const months = evaluate(inp, "2026-07-31").months;
    expect(months.map((m) => [m.period, m.required])).toEqual([
      ["2026-06", 140_800],
      // 450000: employer 72000 + 36000 + 2250 + 900 = 111150; employee 36000 + 9000 + 2250 = 47250
      ["2026-07", 158_400],
    ]);
  });

  it("a month before the first version has no policy: a configuration problem, not a month", () => {
    const inp = input({ policies: [policy({ effectiveFrom: "2026-03" })], employees: [employee({ hireDate: "2026-01-20" })] });
    const ev = evaluate(inp, "2026-03-31");
    expect(ev.months.map((m) => m.period)).toEqual(["2026-03"]);
    expect(ev.configProblems).toEqual([
      { employerCode: "ACME", region: "sample-city", period: "2026-01", liableCount: 1 },
      { employerCode: "ACME", region: "sample-city", period: "2026-02", liableCount: 1 },
    ]);
    expect(ev.findings.filter((f) => f.period === "2026-01" || f.period === "2026-02")).toEqual([]);
  });

  it("a zero-rate maternity and work-injury employee side stay 0", () => {
    const c = requiredFor(800_000, samplePolicy);
    expect(c.items.maternity.employee + c.items.work_injury.employee).toBe(0);
  });
});
