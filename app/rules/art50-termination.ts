/**
 * Art. 50 ¶1: the employer reports each person whose employment ended to the
 * social-insurance agency within 15 days (in practice the 减员 that stops the
 * employee's insurance). SPEC §4 (deadline) and §5 (the three ART50 rules).
 */
import { addDays, type WorkCalendar } from "./dates";
import { deadlineState, employeeDeadlineFinding } from "./findings";
import type { Finding, IsoDate } from "./types";

export const TERMINATION_REPORT_DAYS = 15;
export const TERMINATION_DUE_SOON_DAYS = 7;

/** "Within 15 days from the end of the employment": `termination_date + 15`, then the non-working roll. */
export function terminationReportDeadline(terminationDate: IsoDate, cal: WorkCalendar): IsoDate {
  return cal.roll(addDays(terminationDate, TERMINATION_REPORT_DAYS));
}

export interface TerminationSubject {
  employerCode: string;
  employeeNo: string;
  name: string;
  terminationDate: IsoDate | null;
  terminationReportedOn: IsoDate | null;
}

/**
 * The art. 50 finding for one employee as of D, or null. A termination dated
 * after D has not happened yet; a report dated after D does not exist yet.
 */
export function terminationFinding(e: TerminationSubject, deadline: IsoDate, asOf: IsoDate): Finding | null {
  if (e.terminationDate === null || e.terminationDate > asOf) return null;
  const state = deadlineState(e.terminationReportedOn, deadline, asOf, TERMINATION_DUE_SOON_DAYS);
  if (state === null) return null;
  const base = employeeDeadlineFinding(e, "50", deadline, state.days);
  if (state.kind === "due_soon")
    return {
      ...base,
      rule: "ART50_TERMINATION_REPORT_DUE_SOON",
      severity: "warning",
      status: "open",
      detail: `Report the end of ${e.name}'s employment (${e.terminationDate}) to the agency by ${deadline} (${state.days} days left).`,
    };
  if (state.kind === "missed")
    return {
      ...base,
      rule: "ART50_TERMINATION_UNREPORTED",
      severity: "breach",
      status: "open",
      detail: `The end of ${e.name}'s employment (${e.terminationDate}) was not reported; the deadline ${deadline} passed ${state.days} days ago.`,
    };
  return {
    ...base,
    rule: "ART50_TERMINATION_REPORTED_LATE",
    severity: "breach",
    status: "closed",
    detail: `The end of ${e.name}'s employment was reported on ${e.terminationReportedOn}, ${state.days} days after the deadline ${deadline}.`,
  };
}
