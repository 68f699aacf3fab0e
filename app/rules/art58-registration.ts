/**
 * Art. 58: the employer applies for each employee's social-insurance
 * registration within 30 days from the date of employment.
 */
import { deadlineState, employeeDeadlineFinding } from "./findings";
import type { Finding, IsoDate } from "./types";

export const DUE_SOON_DAYS = 7;

/** The application date: `applied_on`, or `registered_on` where `applied_on` is empty; only if dated ≤ D. */
export function applicationDate(appliedOn: IsoDate | null, registeredOn: IsoDate | null, asOf: IsoDate): IsoDate | null {
  const d = appliedOn ?? registeredOn;
  return d !== null && d <= asOf ? d : null;
}

export interface RegistrationSubject {
  employerCode: string;
  employeeNo: string;
  name: string;
  appliedOn: IsoDate | null;
  registeredOn: IsoDate | null;
}

/** The art. 58 finding for one employee as of D, or null. `premiumsPayable` feeds the art. 84 exposure. */
export function registrationFinding(
  e: RegistrationSubject,
  deadline: IsoDate,
  asOf: IsoDate,
  premiumsPayable: number,
): Finding | null {
  const state = deadlineState(applicationDate(e.appliedOn, e.registeredOn, asOf), deadline, asOf, DUE_SOON_DAYS);
  if (state === null) return null;
  const base = employeeDeadlineFinding(e, "58", deadline, state.days);
  if (state.kind === "due_soon")
    return {
      ...base,
      rule: "ART58_REGISTRATION_DUE_SOON",
      severity: "warning",
      status: "open",
      detail: `Apply for ${e.name}'s social-insurance registration by ${deadline} (${state.days} days left).`,
    };
  if (state.kind === "missed")
    return {
      ...base,
      rule: "ART58_UNREGISTERED",
      severity: "breach",
      status: "open",
      exposure: {
        article: "84",
        fineMin: premiumsPayable,
        fineMax: premiumsPayable * 3,
        managerFineMin: 50_000,
        managerFineMax: 300_000,
      },
      detail: `No registration applied for ${e.name}; deadline ${deadline} passed ${state.days} days ago.`,
    };
  const applied = applicationDate(e.appliedOn, e.registeredOn, asOf)!;
  return {
    ...base,
    rule: "ART58_LATE_REGISTRATION",
    severity: "breach",
    status: "closed",
    detail: `Registration for ${e.name} applied on ${applied}, ${state.days} days after the deadline ${deadline}.`,
  };
}
