/**
 * Contributions (SPEC §3): liability, wage in force, policy in force, the
 * basis (the wage in force, or the contribution year's annual base), the
 * required base of each insurance (the basis clamped to that insurance's floor
 * and cap) and the amount of every insurance on each side.
 */
import { firstDayOf, lastDayOf, monthNumber } from "./dates";
import { rateAmount } from "./money";
import type { BaseRule, Fen, Insurance, Month, PolicyVersion, Side, WageRow } from "./types";
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

// ---------- the basis (SPEC §3) ----------

export function baseRuleOf(policy: PolicyVersion): BaseRule {
  return policy.baseRule ?? "wage";
}
export function baseYearStartOf(policy: PolicyVersion): number {
  return policy.baseYearStart ?? 7;
}

/** How a basis was derived (SPEC §6 shows it on the statement). */
export type BasisDerivation =
  | { kind: "wage"; month: Month }
  | { kind: "average"; year: number; months: number }
  | { kind: "hire"; month: Month };

export interface BasisSubject {
  hireDate: string;
  terminationDate: string | null;
  wages: readonly WageRow[];
}

/**
 * The first month S of M's contribution year: the latest month ≤ M whose
 * month of the year is `start` (1–12).
 */
export function contributionYearStart(month: Month, start: number): Month {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const year = m >= start ? y : y - 1;
  return `${year}-${String(start).padStart(2, "0")}`;
}

/**
 * The `annual` basis for the contribution year whose first month is S: the
 * average of the wages in force for E's liable months of calendar year
 * `year(S) − 1`, rounded half up to the fen; for an employee not liable in
 * that year, the wage in force for the hire month.
 */
export function annualBasis(e: BasisSubject, yearStartMonth: Month): { basis: Fen; derivation: BasisDerivation } {
  const year = Number(yearStartMonth.slice(0, 4)) - 1;
  const hireM = monthNumber(e.hireDate.slice(0, 7));
  const termM = e.terminationDate === null ? Infinity : monthNumber(e.terminationDate.slice(0, 7));
  const from = Math.max(hireM, year * 12);
  const to = Math.min(termM, year * 12 + 11);
  if (from > to) {
    const hireMonth = e.hireDate.slice(0, 7);
    return { basis: wageInForce(e.wages, hireMonth), derivation: { kind: "hire", month: hireMonth } };
  }
  let sum = 0;
  const sorted = [...e.wages].sort((a, b) => (a.effectiveMonth < b.effectiveMonth ? -1 : 1));
  // The wage in force walks forward with the months: the latest row with effective month ≤ mn, else the earliest.
  let at = 0;
  let next = sorted.length > 1 ? monthNumber(sorted[1]!.effectiveMonth) : Infinity;
  for (let mn = from; mn <= to; mn++) {
    while (next <= mn) {
      at++;
      next = at + 1 < sorted.length ? monthNumber(sorted[at + 1]!.effectiveMonth) : Infinity;
    }
    sum += sorted[at]!.monthlyWage;
  }
  const n = to - from + 1;
  return { basis: Math.floor((2 * sum + n) / (2 * n)), derivation: { kind: "average", year, months: n } };
}

/** `basis(E,M)` under M's policy, with how it was derived. */
export function basisOf(e: BasisSubject, month: Month, policy: PolicyVersion): { basis: Fen; derivation: BasisDerivation } {
  if (baseRuleOf(policy) === "annual") return annualBasis(e, contributionYearStart(month, baseYearStartOf(policy)));
  return { basis: wageInForce(e.wages, month), derivation: { kind: "wage", month } };
}

// ---------- floors, caps and required bases ----------

export type BaseClamp = "floor" | "cap" | null;

/** Each insurance's floor and cap, resolved (absent ones are the version's `base_floor` / `base_cap`). */
export interface ResolvedBounds {
  floor: Record<Insurance, Fen>;
  cap: Record<Insurance, Fen>;
  /** True when every insurance has the version's own floor and cap. */
  uniform: boolean;
  /** The base-bearing insurances (SPEC §5): a percentage term of non-zero ppm on either side; all five where none has one. */
  baseBearing: Insurance[];
}

const BOUNDS = new WeakMap<PolicyVersion, ResolvedBounds>();

export function boundsOf(policy: PolicyVersion): ResolvedBounds {
  let b = BOUNDS.get(policy);
  if (b) return b;
  const floor = {} as Record<Insurance, Fen>;
  const cap = {} as Record<Insurance, Fen>;
  let uniform = true;
  const bearing: Insurance[] = [];
  for (const ins of INSURANCES) {
    const own = policy.insuranceBounds?.[ins];
    floor[ins] = own?.floor ?? policy.baseFloor;
    cap[ins] = own?.cap ?? policy.baseCap;
    if (floor[ins] !== policy.baseFloor || cap[ins] !== policy.baseCap) uniform = false;
    const r = policy.rates[ins];
    if ([...r.employer, ...r.employee].some((t) => t.kind === "pct" && t.ppm !== 0)) bearing.push(ins);
  }
  b = { floor, cap, uniform, baseBearing: bearing.length > 0 ? bearing : [...INSURANCES] };
  BOUNDS.set(policy, b);
  return b;
}

/** The basis clamped to [base_floor, base_cap]: the policy-wide required base. */
export function clampedBase(wage: Fen, policy: PolicyVersion): Fen {
  return wage < policy.baseFloor ? policy.baseFloor : wage > policy.baseCap ? policy.baseCap : wage;
}

/** The policy-wide required base and which bound, if any, applied. */
export function clampBase(wage: Fen, policy: PolicyVersion): { base: Fen; clamp: BaseClamp } {
  const base = clampedBase(wage, policy);
  return { base, clamp: base === wage ? null : wage < base ? "floor" : "cap" };
}

/** `B(E,M,i) = min(cap_i, max(floor_i, basis))` for every insurance (also `DB(E,M,i)` from a declared base). */
export function insuranceBases(basis: Fen, policy: PolicyVersion): Record<Insurance, Fen> {
  const { floor, cap } = boundsOf(policy);
  const out = {} as Record<Insurance, Fen>;
  for (const ins of INSURANCES) out[ins] = Math.min(cap[ins], Math.max(floor[ins], basis));
  return out;
}

/**
 * `DB(E,M,i) < B(E,M,i)` for at least one base-bearing insurance: the
 * declared base, as the agency applies it, is short of the required base.
 */
export function isUnderDeclared(declaredBase: Fen, basis: Fen, policy: PolicyVersion): boolean {
  if (declaredBase >= basis) return false;
  const { floor, cap, baseBearing } = boundsOf(policy);
  for (const ins of baseBearing) {
    const db = Math.min(cap[ins], Math.max(floor[ins], declaredBase));
    const b = Math.min(cap[ins], Math.max(floor[ins], basis));
    if (db < b) return true;
  }
  return false;
}

export type Items = Record<Insurance, Record<Side, Fen>>;

export interface Contribution {
  /** The policy-wide base (the basis clamped to base_floor and base_cap). */
  base: Fen;
  /** Each insurance's base. */
  bases: Record<Insurance, Fen>;
  items: Items;
  employerTotal: Fen;
  employeeTotal: Fen;
  total: Fen;
}

/**
 * Every item for a basis (or a declared base): each insurance on its own base,
 * the basis clamped to its floor and cap. Used for required and declared amounts.
 */
export function contributionOn(basis: Fen, policy: PolicyVersion): Contribution {
  const bases = insuranceBases(basis, policy);
  const items = {} as Items;
  let employerTotal = 0;
  let employeeTotal = 0;
  for (const ins of INSURANCES) {
    const r = policy.rates[ins];
    const er = rateAmount(bases[ins], r.employer, policy.roundingUnit, policy.roundingMode);
    const ee = rateAmount(bases[ins], r.employee, policy.roundingUnit, policy.roundingMode);
    items[ins] = { employer: er, employee: ee };
    employerTotal += er;
    employeeTotal += ee;
  }
  return { base: clampedBase(basis, policy), bases, items, employerTotal, employeeTotal, total: employerTotal + employeeTotal };
}

/** The total (both sides) for a basis. */
export function totalOn(basis: Fen, policy: PolicyVersion): Fen {
  return contributionOn(basis, policy).total;
}

/** Required contribution for a basis under a policy: each insurance's base clamped to its floor and cap. */
export function requiredFor(basis: Fen, policy: PolicyVersion): Contribution & { wage: Fen; clamp: BaseClamp } {
  const { clamp } = clampBase(basis, policy);
  return { ...contributionOn(basis, policy), wage: basis, clamp };
}
