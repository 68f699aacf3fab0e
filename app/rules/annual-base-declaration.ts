/**
 * The annual base declaration (年度缴费基数申报), SPEC §3: for one employer and
 * contribution year (first month S), every employee liable in S with the
 * months and wages averaged, the basis, each insurance's base, the premiums it
 * makes, the change from last year, and whether the wage history lacks a row
 * the figure depends on. Pure: the model loads, this computes.
 */
import { basisOf, boundsOf, contributionOn, isLiable, wageInForce, type BasisDerivation, type BasisSubject } from "./contributions";
import { addMonths, fromMonthNumber } from "./dates";
import type { Fen, Insurance, Month, PolicyVersion, WageRow } from "./types";
import { INSURANCES } from "./types";

export interface DeclarationEmployee extends BasisSubject {
  employeeId: number;
  employeeNo: string;
  name: string;
}

export interface AveragedMonth {
  month: Month;
  wage: Fen;
  /** No wage row on or before this month: the earliest row stood in (SPEC §2). */
  fallback: boolean;
}

export interface AnnualDeclarationLine {
  employeeId: number;
  employeeNo: string;
  name: string;
  derivation: BasisDerivation;
  /** The months of year Y with their wages in force (empty for a hire-month basis). */
  averaged: AveragedMonth[];
  basis: Fen;
  /** Each insurance's base `B(E,S,i)`. */
  bases: Record<Insurance, Fen>;
  employerTotal: Fen;
  employeeTotal: Fen;
  total: Fen;
  /** Last contribution year's basis (under the policy then in force), null when not liable in its first month or no policy. */
  previousBasis: Fen | null;
  /** `basis − previousBasis`, null without a previous basis. */
  change: Fen | null;
  /** The wage history has no row for a month the figure uses (the earliest row stood in): add one before declaring. */
  needsWageRow: boolean;
  /** The month whose row is missing (the earliest such), when `needsWageRow`. */
  missingRowFor: Month | null;
}

export interface AnnualDeclaration {
  yearStart: Month;
  /** The calendar year whose wages are averaged. */
  averagedYear: number;
  /** The five bases are the same for every line (no per-insurance floor or cap differs). */
  uniform: boolean;
  lines: AnnualDeclarationLine[];
}

function hasRowBy(wages: readonly WageRow[], month: Month): boolean {
  return wages.some((w) => w.effectiveMonth <= month);
}

/** The contribution year beginning in `yearStart` (S) under `policy` (the version in force for S). */
export function annualBaseDeclaration(
  yearStart: Month,
  policy: PolicyVersion,
  previousPolicy: PolicyVersion | null,
  employees: readonly DeclarationEmployee[],
): AnnualDeclaration {
  const averagedYear = Number(yearStart.slice(0, 4)) - 1;
  const previousStart = addMonths(yearStart, -12);
  const lines: AnnualDeclarationLine[] = [];
  for (const e of employees) {
    if (!isLiable(e.hireDate, e.terminationDate, yearStart)) continue;
    const { basis, derivation } = basisOf(e, yearStart, policy);
    const averaged: AveragedMonth[] = [];
    let missingRowFor: Month | null = null;
    if (derivation.kind === "average") {
      for (let mn = averagedYear * 12; mn < averagedYear * 12 + 12; mn++) {
        const m = fromMonthNumber(mn);
        if (!isLiable(e.hireDate, e.terminationDate, m)) continue;
        const fallback = !hasRowBy(e.wages, m);
        if (fallback && missingRowFor === null) missingRowFor = m;
        averaged.push({ month: m, wage: wageInForce(e.wages, m), fallback });
      }
    } else {
      const m = derivation.month;
      if (!hasRowBy(e.wages, m)) missingRowFor = m;
    }
    const c = contributionOn(basis, policy);
    const previousBasis =
      previousPolicy !== null && isLiable(e.hireDate, e.terminationDate, previousStart) ? basisOf(e, previousStart, previousPolicy).basis : null;
    lines.push({
      employeeId: e.employeeId,
      employeeNo: e.employeeNo,
      name: e.name,
      derivation,
      averaged,
      basis,
      bases: c.bases,
      employerTotal: c.employerTotal,
      employeeTotal: c.employeeTotal,
      total: c.total,
      previousBasis,
      change: previousBasis === null ? null : basis - previousBasis,
      needsWageRow: missingRowFor !== null,
      missingRowFor,
    });
  }
  lines.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0));
  return { yearStart, averagedYear, uniform: boundsOf(policy).uniform, lines };
}

/** The insurances whose base differs from the pension base on some line (the export's extra columns). */
export function differingInsurances(d: AnnualDeclaration): Insurance[] {
  if (d.uniform) return [];
  return INSURANCES.filter((ins) => ins !== "pension" && d.lines.some((l) => l.bases[ins] !== l.bases.pension));
}

/**
 * The next contribution year's first month strictly after `month`'s year start,
 * or `month`'s own when it is a first month: the turn HR prepares for.
 */
export function nextYearStart(month: Month, start: number): Month {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const year = m <= start ? y : y + 1;
  return `${year}-${String(start).padStart(2, "0")}`;
}

export const TURN_NOTICE_DAYS = 60;

/**
 * A declared base disagrees with the new basis: the line the agency holds will
 * not match the contribution year's base unless it is re-declared.
 */
export function disagrees(declaredBase: Fen | null, basis: Fen): boolean {
  return declaredBase !== null && declaredBase !== basis;
}
