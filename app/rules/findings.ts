/**
 * The shape shared by every finding (SPEC §5): the columns a rule leaves empty
 * start empty here, and each article's file fills its own.
 */
import { daysBetween } from "./dates";
import type { EmployeeInput, Fen, Finding, FindingStatus, IsoDate, Month, RuleCode } from "./types";

/** An employer-level finding of month M: no employee, no amount, no late fee, no stage, no exposure. */
export function monthFinding(employerCode: string, period: Month) {
  return {
    employerCode,
    period,
    employeeNo: null,
    employeeName: null,
    outstanding: null,
    lateFee: null,
    stage: null,
    exposure: null,
  } satisfies Partial<Finding>;
}

/**
 * An art. 60 finding of month M that names the employee (their own line or
 * statement): one object, its keys in `Finding`'s order. The engine makes one
 * for most employee-months of a large group, so it is built whole rather than
 * spread from a partial (half the objects, and one shape for all of them).
 */
export function employeeMonthFinding(
  employerCode: string,
  period: Month,
  e: Pick<EmployeeInput, "employeeNo" | "name">,
  rule: RuleCode,
  status: FindingStatus,
  dueDate: IsoDate,
  days: number,
  outstanding: Fen | null,
  detail: string,
): Finding {
  return {
    rule,
    article: "60",
    severity: "breach",
    status,
    employerCode,
    period,
    employeeNo: e.employeeNo,
    employeeName: e.name,
    dueDate,
    days,
    outstanding,
    lateFee: null,
    stage: null,
    exposure: null,
    detail,
  };
}

/** An employee's finding owed by a deadline (art. 58 registration, art. 50 termination report): no month, no amount, no late fee, no stage, no exposure. */
export function employeeDeadlineFinding(e: { employerCode: string; employeeNo: string; name: string }, article: "50" | "58", dueDate: IsoDate, days: number) {
  return {
    employerCode: e.employerCode,
    employeeNo: e.employeeNo,
    employeeName: e.name,
    period: null,
    outstanding: null,
    lateFee: null,
    stage: null,
    exposure: null,
    article,
    dueDate,
    days,
  } satisfies Partial<Finding>;
}

/**
 * Where an act owed by a deadline stands as of D (art. 58 registration, art. 50
 * termination report, art. 60 monthly statement): `due_soon` (not done, within `soonDays` of the
 * deadline), `missed` (not done, deadline passed), `late` (done after it), or
 * null (done in time, or not due soon). `done` is the act's date, counted only
 * when dated ≤ D.
 */
export type DeadlineState = { kind: "due_soon" | "missed" | "late"; days: number } | null;

export function deadlineState(done: IsoDate | null, deadline: IsoDate, asOf: IsoDate, soonDays: number): DeadlineState {
  const d = done !== null && done <= asOf ? done : null;
  if (d === null) {
    if (asOf > deadline) return { kind: "missed", days: daysBetween(deadline, asOf) };
    const left = daysBetween(asOf, deadline);
    return left <= soonDays ? { kind: "due_soon", days: left } : null;
  }
  return d > deadline ? { kind: "late", days: daysBetween(deadline, d) } : null;
}
