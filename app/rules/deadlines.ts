/**
 * Deadlines (SPEC §4): registration (art. 58), premium due dates, the new
 * employee's grace (MOHRSS Order No. 20 art. 8) and the statement deadline.
 */
import { addDays, addMonths, daysInMonth, lastDayOf, type WorkCalendar } from "./dates";
import type { IsoDate, Month, PolicyVersion } from "./types";

/** Art. 58: within 30 days from employment — `hire_date + 30`, then the non-working roll. */
export function registrationDeadline(hireDate: IsoDate, cal: WorkCalendar): IsoDate {
  return cal.roll(addDays(hireDate, 30));
}

/** Day `due_day` of month `M + offset` (`last`, or past the month's end, is its last day), then the roll. */
export function premiumDueDate(month: Month, policy: Pick<PolicyVersion, "dueDay" | "dueMonthOffset">, cal: WorkCalendar): IsoDate {
  const dueMonth = addMonths(month, policy.dueMonthOffset);
  const y = Number(dueMonth.slice(0, 4));
  const m = Number(dueMonth.slice(5, 7));
  const last = daysInMonth(y, m);
  const day = policy.dueDay === "last" ? last : Math.min(policy.dueDay, last);
  return cal.roll(`${dueMonth}-${String(day).padStart(2, "0")}`);
}

/** `due(E,M) = max(premium due date for M, E's registration deadline)`. */
export function employeeDueDate(premiumDue: IsoDate, registrationDue: IsoDate): IsoDate {
  return premiumDue >= registrationDue ? premiumDue : registrationDue;
}

/** Art. 60 "inform monthly": the last day of M+1, then the roll. */
export function statementDeadline(month: Month, cal: WorkCalendar): IsoDate {
  return cal.roll(lastDayOf(addMonths(month, 1)));
}
