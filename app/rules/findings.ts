/**
 * The shape shared by every finding (SPEC §5): the columns a rule leaves empty
 * start empty here, and each article's file fills its own.
 */
import type { EmployeeInput, Finding, Month } from "./types";

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

/** An art. 60 finding of month M that names the employee (their own line or statement). */
export function employeeMonthFinding(employerCode: string, period: Month, e: Pick<EmployeeInput, "employeeNo" | "name">) {
  return {
    article: "60",
    severity: "breach",
    employerCode,
    period,
    employeeNo: e.employeeNo,
    employeeName: e.name,
    outstanding: null,
    lateFee: null,
    stage: null,
    exposure: null,
  } satisfies Partial<Finding>;
}
