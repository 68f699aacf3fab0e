/**
 * Art. 60: declare the premiums in full and on time (SPEC §3, §5): the month's
 * declaration (NOT_DECLARED, LATE_DECLARATION) and each employee's line
 * (EMPLOYEE_OMITTED, EMPLOYEE_DECLARED_LATE, BASE_UNDER_DECLARED — the declared
 * base as the agency applies it against the required bases).
 */
import { isUnderDeclared } from "./contributions";
import { daysBetween } from "./dates";
import { employeeMonthFinding, monthFinding } from "./findings";
import { yuanPlain } from "./money";
import type { DeclarationVersion, EmployeeInput, Fen, Finding, IsoDate, Month, PolicyVersion } from "./types";

/** NOT_DECLARED or LATE_DECLARATION for month M (the month counts as declared from its first line, whoever it names). */
export function monthDeclarationFinding(employerCode: string, month: Month, due: IsoDate, declaredFrom: IsoDate | null, asOf: IsoDate): Finding | null {
  if (declaredFrom === null) {
    if (!(asOf > due)) return null;
    return {
      ...monthFinding(employerCode, month),
      rule: "ART60_NOT_DECLARED",
      article: "60",
      severity: "breach",
      status: "open",
      dueDate: due,
      days: daysBetween(due, asOf),
      detail: `Premiums for ${month} not declared; due ${due}.`,
    };
  }
  if (declaredFrom > due) {
    return {
      ...monthFinding(employerCode, month),
      rule: "ART60_LATE_DECLARATION",
      article: "60",
      severity: "breach",
      status: "closed",
      dueDate: due,
      days: daysBetween(due, declaredFrom),
      detail: `Premiums for ${month} declared on ${declaredFrom}, after the due date ${due}.`,
    };
  }
  return null;
}

export interface EmployeeLineSubject {
  employerCode: string;
  month: Month;
  employee: Pick<EmployeeInput, "employeeNo" | "name">;
  /** The line's versions sorted by `declared_on` (all of them; only those ≤ D count). */
  versions: readonly DeclarationVersion[] | undefined;
  basis: Fen;
  /** `required(E,M)`. */
  required: Fen;
  /** `due(E,M)`. */
  due: IsoDate;
  /** The month's declaration date as of D, or null. */
  declaredFrom: IsoDate | null;
  policy: PolicyVersion;
  /** Employer and employee totals for a basis under M's policy (memoized by the caller). */
  totals: (basis: Fen) => readonly [Fen, Fen];
}

/** The art. 60 declaration findings of one liable employee's line for M, as of D. */
export function employeeLineFindings(s: EmployeeLineSubject, asOf: IsoDate, out: Finding[]): void {
  const { employerCode, month, employee: e, due, declaredFrom } = s;
  let latest: DeclarationVersion | null = null;
  if (s.versions) for (const v of s.versions) if (v.declaredOn <= asOf) latest = v;
  if (latest === null) {
    if (declaredFrom !== null && asOf > due) {
      out.push(
        employeeMonthFinding(employerCode, month, e, "ART60_EMPLOYEE_OMITTED", "open", due, daysBetween(due, asOf), s.required, `${e.name} is missing from the declaration for ${month}.`),
      );
    }
    return;
  }
  const firstDeclared = s.versions![0]!.declaredOn;
  if (firstDeclared > due && declaredFrom !== null && firstDeclared > declaredFrom) {
    out.push(
      employeeMonthFinding(
        employerCode,
        month,
        e,
        "ART60_EMPLOYEE_DECLARED_LATE",
        "closed",
        due,
        daysBetween(due, firstDeclared),
        null,
        `${e.name} was added to the declaration for ${month} on ${firstDeclared}, after ${due}.`,
      ),
    );
  }
  const declaredBase = latest.declaredBase;
  // The declared base as the agency applies it (clamped to each insurance's floor and cap) against the required bases.
  if (isUnderDeclared(declaredBase, s.basis, s.policy)) {
    const d = s.totals(declaredBase);
    out.push(
      employeeMonthFinding(
        employerCode,
        month,
        e,
        "ART60_BASE_UNDER_DECLARED",
        "open",
        due,
        Math.max(0, daysBetween(due, asOf)),
        Math.max(0, s.required - (d[0] + d[1])),
        `${e.name}'s base for ${month} declared as ¥${yuanPlain(declaredBase)}, required ¥${yuanPlain(s.basis)}.`,
      ),
    );
  }
}
