/**
 * Art. 60: inform each employee monthly (SPEC §4, §5): STATEMENT_MISSING while
 * no statement exists after the deadline, STATEMENT_LATE when the first one
 * was issued after it. The statement's content is in statement.ts.
 */
import { daysBetween } from "./dates";
import { employeeMonthFinding } from "./findings";
import type { EmployeeInput, Finding, IsoDate, Month } from "./types";

/** `firstIssued`: the earliest `issued_on` of the month's versions (any date; only one ≤ D counts). */
export function statementFinding(
  employerCode: string,
  month: Month,
  e: Pick<EmployeeInput, "employeeNo" | "name">,
  firstIssued: IsoDate | undefined,
  deadline: IsoDate,
  asOf: IsoDate,
): Finding | null {
  const issued = firstIssued !== undefined && firstIssued <= asOf ? firstIssued : null;
  if (issued === null) {
    if (!(asOf > deadline)) return null;
    return {
      ...employeeMonthFinding(employerCode, month, e),
      rule: "ART60_STATEMENT_MISSING",
      status: "open",
      dueDate: deadline,
      days: daysBetween(deadline, asOf),
      detail: `No statement for ${month} given to ${e.name}; due ${deadline}.`,
    };
  }
  if (issued > deadline) {
    return {
      ...employeeMonthFinding(employerCode, month, e),
      rule: "ART60_STATEMENT_LATE",
      status: "closed",
      dueDate: deadline,
      days: daysBetween(deadline, issued),
      detail: `Statement for ${month} issued to ${e.name} on ${issued}, after ${deadline}.`,
    };
  }
  return null;
}
