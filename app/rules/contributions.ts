/**
 * Contributions (SPEC §3): liability, wage in force, policy in force, the
 * required base and the amount of every insurance on each side.
 */
import { firstDayOf, lastDayOf } from "./dates";
import { rateAmount } from "./money";
import type { Fen, Insurance, Month, PolicyVersion, Side, WageRow } from "./types";
import { INSURANCES } from "./types";

/** E is liable for M when employed at least one day of M. */
export function isLiable(hireDate: string, terminationDate: string | null, month: Month): boolean {
  return hireDate <= lastDayOf(month) && (terminationDate === null || terminationDate >= firstDayOf(month));
}

/** The wage row with the latest `effective_month ≤ M`; if none, the earliest row. */
export function wageInForce(wages: readonly WageRow[], month: Month): Fen {
  if (wages.length === 0) throw new Error("an employee has at least one wage row");
  let best: WageRow | null = null;
  let earliest = wages[0]!;
  for (const w of wages) {
    if (w.effectiveMonth < earliest.effectiveMonth) earliest = w;
    if (w.effectiveMonth <= month && (best === null || w.effectiveMonth > best.effectiveMonth)) best = w;
  }
  return (best ?? earliest).monthlyWage;
}

/** The version in force for M: the latest `effective_from ≤ M` among the region's versions. */
export function policyInForce(versions: readonly PolicyVersion[], month: Month): PolicyVersion | null {
  let best: PolicyVersion | null = null;
  for (const v of versions) {
    if (v.effectiveFrom <= month && (best === null || v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  return best;
}

export type BaseClamp = "floor" | "cap" | null;

/** The wage clamped to [base_floor, base_cap]: the required base (no allocation, for the engine's hot path). */
export function clampedBase(wage: Fen, policy: PolicyVersion): Fen {
  return wage < policy.baseFloor ? policy.baseFloor : wage > policy.baseCap ? policy.baseCap : wage;
}

/** The required base and which bound, if any, applied. */
export function clampBase(wage: Fen, policy: PolicyVersion): { base: Fen; clamp: BaseClamp } {
  const base = clampedBase(wage, policy);
  return { base, clamp: base === wage ? null : wage < base ? "floor" : "cap" };
}

export type Items = Record<Insurance, Record<Side, Fen>>;

export interface Contribution {
  base: Fen;
  items: Items;
  employerTotal: Fen;
  employeeTotal: Fen;
  total: Fen;
}

/** Every item on a base as it stands (no clamp): used for both required and declared amounts. */
export function contributionOn(base: Fen, policy: PolicyVersion): Contribution {
  const items = {} as Items;
  let employerTotal = 0;
  let employeeTotal = 0;
  for (const ins of INSURANCES) {
    const r = policy.rates[ins];
    const er = rateAmount(base, r.employer, policy.roundingUnit, policy.roundingMode);
    const ee = rateAmount(base, r.employee, policy.roundingUnit, policy.roundingMode);
    items[ins] = { employer: er, employee: ee };
    employerTotal += er;
    employeeTotal += ee;
  }
  return { base, items, employerTotal, employeeTotal, total: employerTotal + employeeTotal };
}

/** The total (both sides) on a base. */
export function totalOn(base: Fen, policy: PolicyVersion): Fen {
  return contributionOn(base, policy).total;
}

/** Required contribution for a wage under a policy: base clamped to [floor, cap]. */
export function requiredFor(wage: Fen, policy: PolicyVersion): Contribution & { wage: Fen; clamp: BaseClamp } {
  const { base, clamp } = clampBase(wage, policy);
  return { ...contributionOn(base, policy), wage, clamp };
}
