/**
 * The annual base declaration (SPEC §3 `annual`): who is on it, the months and
 * wages averaged, half-up rounding, the hire-month rule, per-insurance bases,
 * the change from last year and the missing wage rows. Figures by hand.
 */
import { describe, expect, it } from "vitest";
import { annualBaseDeclaration, differingInsurances, disagrees, nextYearStart, type DeclarationEmployee } from "./annual-base-declaration";
import { policy } from "./test-fixtures";
import type { WageRow } from "./types";

/** Guangzhou-like: floor ¥4,000, cap ¥20,000, medical floor ¥5,500; `annual` from July. */
const gz = policy({ baseRule: "annual", baseYearStart: 7, insuranceBounds: { medical: { floor: 550_000 } } });
const sameBounds = policy({ baseRule: "annual", baseYearStart: 7 });

let nextId = 1;
function emp(no: string, hireDate: string, wages: WageRow[], terminationDate: string | null = null): DeclarationEmployee {
  return { employeeId: nextId++, employeeNo: no, name: `Name ${no}`, hireDate, terminationDate, wages };
}
const w = (effectiveMonth: string, yuan: number): WageRow => ({ effectiveMonth, monthlyWage: yuan * 100 });

const raised = emp("E1", "2024-01-01", [w("2024-01", 6000), w("2025-03", 9000)]);
const june = emp("E2", "2025-06-10", [w("2025-06", 5000)]);
const newcomer = emp("E3", "2026-02-01", [w("2026-02", 3000)]);
const leaver = emp("E4", "2024-01-01", [w("2024-01", 7000)], "2026-06-30");
const lateHire = emp("E5", "2026-08-01", [w("2026-08", 7000)]);
const noEarlyRow = emp("E6", "2024-01-01", [w("2025-05", 8000)]);

describe("annualBaseDeclaration: the 2026-07 contribution year (2025 averaged)", () => {
  const d = annualBaseDeclaration("2026-07", gz, gz, [lateHire, noEarlyRow, newcomer, leaver, june, raised]);

  it("lists the employees liable in 2026-07, by employee number", () => {
    expect(d.lines.map((l) => l.employeeNo)).toEqual(["E1", "E2", "E3", "E6"]);
    expect(d.averagedYear).toBe(2025);
    expect(d.uniform).toBe(false);
  });

  it.each([
    // employee, derivation, basis (fen), months averaged, previous basis, change
    ["E1", { kind: "average", year: 2025, months: 12 }, 850_000, 12, 600_000, 250_000],
    ["E2", { kind: "average", year: 2025, months: 7 }, 500_000, 7, 500_000, 0],
    ["E3", { kind: "hire", month: "2026-02" }, 300_000, 0, null, null],
    ["E6", { kind: "average", year: 2025, months: 12 }, 800_000, 12, 800_000, 0],
  ] as const)("%s: %j → %i", (no, derivation, basis, months, previous, change) => {
    const l = d.lines.find((x) => x.employeeNo === no)!;
    expect(l.derivation).toEqual(derivation);
    expect(l.basis).toBe(basis);
    expect(l.averaged).toHaveLength(months);
    expect(l.previousBasis).toBe(previous);
    expect(l.change).toBe(change);
  });

  it("averages the wage in force month by month (two months at ¥6,000, ten at ¥9,000)", () => {
    const l = d.lines.find((x) => x.employeeNo === "E1")!;
    expect(l.averaged.slice(0, 3)).toEqual([
      { month: "2025-01", wage: 600_000, fallback: false },
      { month: "2025-02", wage: 600_000, fallback: false },
      { month: "2025-03", wage: 900_000, fallback: false },
    ]);
  });

  it("a basis below the medical floor: pension on the policy floor, medical on its own floor", () => {
    const l = d.lines.find((x) => x.employeeNo === "E3")!;
    expect(l.bases).toEqual({ pension: 400_000, medical: 550_000, unemployment: 400_000, work_injury: 400_000, maternity: 400_000 });
    // sample-city rates: pension 16 % + 8 %, unemployment 0.5 % + 0.5 %, work injury 0.2 % on ¥4,000; medical 8 % + 2 % on ¥5,500
    expect(l.employerTotal).toBe(64_000 + 44_000 + 2_000 + 800);
    expect(l.employeeTotal).toBe(32_000 + 11_000 + 2_000);
    expect(l.total).toBe(l.employerTotal + l.employeeTotal);
    expect(differingInsurances(d)).toEqual(["medical"]);
  });

  it("names who needs a wage history row: months before the earliest row", () => {
    const l = d.lines.find((x) => x.employeeNo === "E6")!;
    expect(l.needsWageRow).toBe(true);
    expect(l.missingRowFor).toBe("2025-01");
    expect(l.averaged.filter((a) => a.fallback).map((a) => a.month)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04"]);
    expect(d.lines.filter((x) => x.needsWageRow).map((x) => x.employeeNo)).toEqual(["E6"]);
  });
});

describe("annualBaseDeclaration: rounding, year starts, shared bounds", () => {
  it("rounds the average half up to the fen (¥1,000.00 and ¥1,000.01 → ¥1,000.01)", () => {
    const e = emp("R1", "2025-11-01", [{ effectiveMonth: "2025-11", monthlyWage: 100_000 }, { effectiveMonth: "2025-12", monthlyWage: 100_001 }]);
    const d = annualBaseDeclaration("2026-07", sameBounds, null, [e]);
    expect(d.lines[0]!.basis).toBe(100_001);
    expect(d.lines[0]!.previousBasis).toBeNull();
  });

  it("base_year_start 1: the calendar year 2026 averages 2025", () => {
    const js = policy({ baseRule: "annual", baseYearStart: 1 });
    const d = annualBaseDeclaration("2026-01", js, js, [raised]);
    expect(d.lines[0]!.basis).toBe(850_000);
    expect(d.lines[0]!.previousBasis).toBe(600_000);
  });

  it("the previous year under a `wage` policy gives the wage in force then", () => {
    const d = annualBaseDeclaration("2026-07", gz, policy({ baseRule: "wage" }), [raised]);
    expect(d.lines[0]!.previousBasis).toBe(900_000);
    expect(d.lines[0]!.change).toBe(-50_000);
  });

  it("one floor and cap for all: uniform, no extra columns", () => {
    const d = annualBaseDeclaration("2026-07", sameBounds, null, [newcomer]);
    expect(d.uniform).toBe(true);
    expect(differingInsurances(d)).toEqual([]);
    expect(d.lines[0]!.bases.medical).toBe(400_000);
  });
});

describe("nextYearStart and disagrees", () => {
  it.each([
    ["2026-05", 7, "2026-07"],
    ["2026-07", 7, "2026-07"],
    ["2026-08", 7, "2027-07"],
    ["2026-01", 1, "2026-01"],
    ["2026-12", 1, "2027-01"],
  ] as const)("%s with start %i → %s", (m, start, expected) => {
    expect(nextYearStart(m, start)).toBe(expected);
  });
  it.each([
    [null, 500_000, false],
    [500_000, 500_000, false],
    [450_000, 500_000, true],
    [550_000, 500_000, true],
  ] as const)("declared %s vs basis %i → %s", (declared, basis, expected) => {
    expect(disagrees(declared, basis)).toBe(expected);
  });
});
