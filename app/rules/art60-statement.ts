/**
 * Art. 60: inform each employee monthly (SPEC §4, §5): STATEMENT_MISSING while
 * no statement exists after the deadline, STATEMENT_LATE when the first one
 * was issued after it. The statement's content is in statement.ts.
 */
import { deadlineState, employeeMonthFinding } from "./findings";
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
  // No due-soon rule for statements: only a missing or a late one is a finding.
  const state = deadlineState(firstIssued ?? null, deadline, asOf, 0);
  if (state === null || state.kind === "due_soon") return null;
  const missing = state.kind === "missed";
  return employeeMonthFinding(
    employerCode,
    month,
    e,
    missing ? "ART60_STATEMENT_MISSING" : "ART60_STATEMENT_LATE",
    missing ? "open" : "closed",
    deadline,
    state.days,
    null,
    missing ? `No statement for ${month} given to ${e.name}; due ${deadline}.` : `Statement for ${month} issued to ${e.name} on ${firstIssued}, after ${deadline}.`,
  );
}
