/**
 * SPEC §3: the basis (`wage` or the contribution year's `annual` base) and the
 * per-insurance floors and caps. Worked examples 9 and 10, then the boundaries:
 * rounding half up, the hire-month rule, base_year_start 1 and 7, a policy that
 * switches rule mid-year, and clamping to each insurance's own floor and cap.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  annualBasis,
  basisOf,
  boundsOf,
  contributionOn,
  contributionYearStart,
  insuranceBases,
  isUnderDeclared,
  wageInForce,
} from "./contributions";
import { evaluate } from "./evaluate";
import { declaration, employee, input, policy, samplePolicy } from "./test-fixtures";
import type { EmployeeInput, PolicyVersion } from "./types";

const annual7 = policy({ baseRule: "annual", baseYearStart: 7 });
const annual1 = policy({ baseRule: "annual", baseYearStart: 1 });

/** Example 9's E001: hired 2025-06-16 at ¥6,000.00, ¥9,000.00 from 2025-09, ¥10,000.00 from 2026-03. */
const e001: EmployeeInput = employee({
  hireDate: "2025-06-16",
  wages: [
    { effectiveMonth: "2025-06", monthlyWage: 600_000 },
    { effectiveMonth: "2025-09", monthlyWage: 900_000 },
    { effectiveMonth: "2026-03", monthlyWage: 1_000_000 },
  ],
});
/** Example 9's E002: hired 2025-01-02 at ¥5,000.00, ¥5,600.00 from 2025-03, ¥7,000.00 from 2025-10. */
const e002: EmployeeInput = employee({
  employeeNo: "E002",
  hireDate: "2025-01-02",
  wages: [
    { effectiveMonth: "2025-01", monthlyWage: 500_000 },
    { effectiveMonth: "2025-03", monthlyWage: 560_000 },
    { effectiveMonth: "2025-10", monthlyWage: 700_000 },
  ],
});

describe("the first month of the contribution year", () => {
  it.each([
    ["2026-03", 7, "2025-07"],
    ["2026-07", 7, "2026-07"],
    ["2026-06", 7, "2025-07"],
    ["2026-12", 7, "2026-07"],
    ["2026-03", 1, "2026-01"],
    ["2026-01", 1, "2026-01"],
    ["2026-12", 1, "2026-01"],
    ["2026-03", 4, "2025-04"],
    ["2026-04", 4, "2026-04"],
    ["2026-11", 12, "2025-12"],
    ["2026-12", 12, "2026-12"],
  ])("M = %s, start %i → S = %s", (month, start, expected) => {
    expect(contributionYearStart(month, start)).toBe(expected);
  });
});

describe("SPEC §9 example 9: the annual base", () => {
  it.each([
    ["2025-06", 600_000, "hire"],
    ["2025-09", 600_000, "hire"], // the wage in force is ¥9,000.00, the basis stays the first month's
    ["2026-03", 600_000, "hire"],
    ["2026-06", 600_000, "hire"],
    ["2026-07", 771_429, "average"], // (3 × 600000 + 4 × 900000) / 7 = 771428.57, half up
    ["2027-06", 771_429, "average"],
  ])("E001 in %s: %i (%s)", (month, basis, kind) => {
    const b = basisOf(e001, month, annual7);
    expect(b.basis).toBe(basis);
    expect(b.derivation.kind).toBe(kind);
  });

  it("E001 from 2026-07 averages 2025 over 7 months", () => {
    expect(basisOf(e001, "2026-07", annual7).derivation).toEqual({ kind: "average", year: 2025, months: 7 });
    expect(basisOf(e001, "2026-01", annual7).derivation).toEqual({ kind: "hire", month: "2025-06" });
  });

  it("B = 771429: required 271543 (a truncated 771428 would give 271542)", () => {
    const c = contributionOn(771_429, annual7);
    expect(c.employerTotal).toBe(190_543);
    expect(c.employeeTotal).toBe(81_000);
    expect(c.total).toBe(271_543);
    expect(contributionOn(771_428, annual7).total).toBe(271_542);
  });

  it("E002: 500000 to 2026-06, then the average of all of 2025 = 585000", () => {
    expect(basisOf(e002, "2026-06", annual7).basis).toBe(500_000);
    expect(basisOf(e002, "2026-07", annual7)).toEqual({ basis: 585_000, derivation: { kind: "average", year: 2025, months: 12 } });
  });

  it("with base_year_start 1 the year turns in January: E001's 771429 from 2026-01", () => {
    expect(basisOf(e001, "2025-12", annual1).basis).toBe(600_000);
    expect(basisOf(e001, "2026-01", annual1).basis).toBe(771_429);
    expect(basisOf(e001, "2026-12", annual1).basis).toBe(771_429);
    // 2027: the year 2026 averages ¥9,000.00 × 2 and ¥10,000.00 × 10
    expect(basisOf(e001, "2027-01", annual1).basis).toBe(Math.floor((2 * (2 * 900_000 + 10 * 1_000_000) + 12) / 24));
  });

  it("declared at ¥6,000.00 for 2026-07: under-declared by 60343", () => {
    const inp = input({ policies: [annual7], employees: [e001], declarations: [declaration("2026-07", "E001", 600_000, "2026-07-05")] });
    const f = evaluate(inp, "2026-07-10").findings.filter((x) => x.rule === "ART60_BASE_UNDER_DECLARED");
    expect(f.map((x) => [x.period, x.outstanding])).toEqual([["2026-07", 60_343]]);
  });
});

describe("the average: rounding half up, whole months, the hire month rule", () => {
  const one = (wages: [string, number][], hireDate = "2025-01-01", terminationDate: string | null = null) =>
    annualBasis(employee({ hireDate, terminationDate, wages: wages.map(([effectiveMonth, monthlyWage]) => ({ effectiveMonth, monthlyWage })) }), "2026-07");

  it.each<[string, [string, number][], string, number]>([
    ["exact average", [["2025-01", 500_000]], "2025-01-01", 500_000],
    ["a fraction under half rounds down", [["2025-01", 1], ["2025-12", 2]], "2025-01-01", 1], // (11 × 1 + 2) / 12 = 1.083 → 1
    ["half a fen exactly rounds up", [["2025-11", 1], ["2025-12", 2]], "2025-11-01", 2], // (1 + 2) / 2 = 1.5 → 2
    ["a third rounds down", [["2025-10", 1], ["2025-12", 2]], "2025-10-01", 1], // (1 + 1 + 2) / 3 = 1.33 → 1
    ["two thirds round up", [["2025-10", 1], ["2025-11", 2]], "2025-10-01", 2], // (1 + 2 + 2) / 3 = 1.67 → 2
    ["one day worked in December makes December count", [["2025-12", 700_000]], "2025-12-31", 700_000],
    ["a row before the year counts for the months it is in force", [["2024-03", 400_000], ["2025-07", 800_000]], "2024-03-01", 600_000],
    ["no row in the year's first months: the earliest row fills them", [["2025-07", 800_000], ["2025-10", 900_000]], "2025-03-01", Math.floor((2 * (4 * 800_000 + 3 * 800_000 + 3 * 900_000) + 10) / 20)],
  ])("%s", (_story, wages, hireDate, expected) => {
    expect(one(wages, hireDate).basis).toBe(expected);
  });

  it("hired after the year: the wage in force for the hire month, not a later raise", () => {
    const e = employee({ hireDate: "2026-02-10", wages: [{ effectiveMonth: "2026-02", monthlyWage: 520_000 }, { effectiveMonth: "2026-05", monthlyWage: 610_000 }] });
    expect(basisOf(e, "2026-06", annual7)).toEqual({ basis: 520_000, derivation: { kind: "hire", month: "2026-02" } });
    expect(basisOf(e, "2026-12", annual7).basis).toBe(520_000); // Y = 2025: not employed
    expect(basisOf(e, "2027-07", annual7).derivation).toEqual({ kind: "average", year: 2026, months: 11 });
  });

  it("the hire month without a row of its own takes §2's rule (the earliest row)", () => {
    const e = employee({ hireDate: "2026-02-10", wages: [{ effectiveMonth: "2026-04", monthlyWage: 700_000 }] });
    expect(basisOf(e, "2026-03", annual7).basis).toBe(700_000);
  });
});

describe("a policy version switching rule mid-year", () => {
  // wage until 2026-03, annual from 2026-04 (start 7: S = 2025-07, Y = 2024)
  const wageThen = policy({ effectiveFrom: "2020-01" });
  const annualFrom = policy({ effectiveFrom: "2026-04", baseRule: "annual", baseYearStart: 7 });
  const e = employee({
    hireDate: "2024-01-01",
    wages: [
      { effectiveMonth: "2024-01", monthlyWage: 500_000 },
      { effectiveMonth: "2024-07", monthlyWage: 600_000 },
      { effectiveMonth: "2026-02", monthlyWage: 900_000 },
    ],
  });
  it("each month takes its own version's rule", () => {
    const months = evaluate(input({ policies: [wageThen, annualFrom], employees: [e] }), "2026-08-31").months;
    const required = (p: string) => months.find((m) => m.period === p)!.required;
    expect(required("2026-03")).toBe(contributionOn(900_000, wageThen).total); // wage in force
    expect(required("2026-04")).toBe(contributionOn(550_000, annualFrom).total); // average of 2024: 6 × 500000 + 6 × 600000
    expect(required("2026-07")).toBe(contributionOn(600_000, annualFrom).total); // 2025 at 600000 all year; the raise of 2026-02 waits
  });
});

describe("SPEC §9 example 10: per-insurance floors and caps", () => {
  const gd = policy({ insuranceBounds: { medical: { floor: 500_000 }, unemployment: { floor: 300_000 } } });

  it("resolves the bounds: absent ones are the version's", () => {
    const b = boundsOf(gd);
    expect(b.floor).toEqual({ pension: 400_000, medical: 500_000, unemployment: 300_000, work_injury: 400_000, maternity: 400_000 });
    expect(b.cap.medical).toBe(2_000_000);
    expect(b.uniform).toBe(false);
    expect(boundsOf(samplePolicy).uniform).toBe(true);
    // maternity at 0 / 0 is not base-bearing
    expect(b.baseBearing).toEqual(["pension", "medical", "unemployment", "work_injury"]);
  });

  it("wage ¥4,500.00: medical on its floor 500000, the others on 450000; required 163400", () => {
    expect(insuranceBases(450_000, gd)).toEqual({ pension: 450_000, medical: 500_000, unemployment: 450_000, work_injury: 450_000, maternity: 450_000 });
    const c = contributionOn(450_000, gd);
    expect([c.employerTotal, c.employeeTotal, c.total]).toEqual([115_150, 48_250, 163_400]);
  });

  it.each([
    ["declared at the wage ¥4,500.00: no finding", 450_000, 450_000, false, 163_400],
    ["declared at ¥4,200.00: short on three insurances, not medical", 450_000, 420_000, true, 155_840],
    ["wage ¥3,500.00 declared ¥3,800.00: no finding", 350_000, 380_000, false, 150_600],
    ["wage ¥3,500.00 declared ¥3,200.00: short on unemployment only", 350_000, 320_000, true, 150_000],
    ["wage ¥3,500.00 declared ¥3,500.00", 350_000, 350_000, false, 150_300],
  ])("%s", (_story, basis, declared, short, declaredTotal) => {
    expect(isUnderDeclared(declared, basis, gd)).toBe(short);
    expect(contributionOn(declared, gd).total).toBe(declaredTotal);
  });

  it("wage ¥3,500.00: 400000 for pension, work injury and maternity, 500000 medical, 350000 unemployment; required 150300", () => {
    expect(insuranceBases(350_000, gd)).toEqual({ pension: 400_000, medical: 500_000, unemployment: 350_000, work_injury: 400_000, maternity: 400_000 });
    expect(contributionOn(350_000, gd).total).toBe(150_300);
  });

  it("a maternity cap at 0 / 0 raises nothing: ¥25,000.00 declared at ¥20,000.00", () => {
    const p = policy({ insuranceBounds: { maternity: { cap: 3_000_000 } } });
    expect(isUnderDeclared(2_000_000, 2_500_000, p)).toBe(false);
    expect(isUnderDeclared(1_999_999, 2_500_000, p)).toBe(true);
  });

  it("a cap of one insurance below the base: that insurance is charged on its cap", () => {
    const p = policy({ insuranceBounds: { medical: { cap: 1_000_000 } } });
    expect(insuranceBases(1_500_000, p).medical).toBe(1_000_000);
    expect(insuranceBases(1_500_000, p).pension).toBe(1_500_000);
    // declared between the medical cap and the basis: short on the others
    expect(isUnderDeclared(1_200_000, 1_500_000, p)).toBe(true);
  });

  it("where no insurance bears a percentage, all five are base-bearing", () => {
    const fixedOnly: PolicyVersion = policy({
      rates: {
        pension: { employer: [{ kind: "fixed", fen: 1000 }], employee: [{ kind: "pct", ppm: 0 }] },
        medical: { employer: [{ kind: "pct", ppm: 0 }], employee: [{ kind: "pct", ppm: 0 }] },
        unemployment: { employer: [{ kind: "pct", ppm: 0 }], employee: [{ kind: "pct", ppm: 0 }] },
        work_injury: { employer: [{ kind: "pct", ppm: 0 }], employee: [{ kind: "pct", ppm: 0 }] },
        maternity: { employer: [{ kind: "pct", ppm: 0 }], employee: [{ kind: "pct", ppm: 0 }] },
      },
    });
    expect(boundsOf(fixedOnly).baseBearing).toHaveLength(5);
    expect(isUnderDeclared(500_000, 800_000, fixedOnly)).toBe(true);
  });
});

describe("the average is SPEC §3's, whatever the wage rows (property)", () => {
  it("equals the rounded average of the wage in force (wageInForce) over the employee's liable months of year(S) − 1", () => {
    const month = fc.integer({ min: 2020 * 12, max: 2027 * 12 + 11 }).map((n) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(month, fc.integer({ min: 1, max: 5_000_000 })), { minLength: 1, maxLength: 6, selector: (w) => w[0] }),
        month,
        fc.option(month, { nil: null }),
        fc.integer({ min: 2021, max: 2028 }),
        fc.integer({ min: 1, max: 12 }),
        (rows, hireMonth, termMonth, startYear, startMonth) => {
          const wages = rows.map(([effectiveMonth, monthlyWage]) => ({ effectiveMonth, monthlyWage }));
          const hireDate = `${hireMonth}-15`;
          const terminationDate = termMonth !== null && termMonth >= hireMonth ? `${termMonth}-10` : null;
          const yearStart = `${startYear}-${String(startMonth).padStart(2, "0")}`;
          const got = annualBasis({ hireDate, terminationDate, wages }, yearStart);
          const year = startYear - 1;
          const liable: string[] = [];
          for (let m = 1; m <= 12; m++) {
            const mm = `${year}-${String(m).padStart(2, "0")}`;
            if (mm >= hireMonth && (terminationDate === null || mm <= terminationDate.slice(0, 7))) liable.push(mm);
          }
          if (liable.length === 0) return got.basis === wageInForce(wages, hireMonth);
          const sum = liable.reduce((s, mm) => s + wageInForce(wages, mm), 0);
          return got.basis === Math.floor((2 * sum + liable.length) / (2 * liable.length));
        },
      ),
      { numRuns: 500 },
    );
  });
});
