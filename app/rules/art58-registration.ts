/**
 * Art. 58: the employer applies for each employee's social-insurance
 * registration within 30 days from the date of employment.
 */
import { daysBetween } from "./dates";
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

type Base = Pick<Finding, "employerCode" | "employeeNo" | "employeeName" | "period" | "outstanding" | "lateFee" | "stage" | "exposure">;

/** The art. 58 finding for one employee as of D, or null. `premiumsPayable` feeds the art. 84 exposure. */
export function registrationFinding(
  e: RegistrationSubject,
  deadline: IsoDate,
  asOf: IsoDate,
  premiumsPayable: number,
): Finding | null {
  const base: Base = {
    employerCode: e.employerCode,
    employeeNo: e.employeeNo,
    employeeName: e.name,
    period: null,
    outstanding: null,
    lateFee: null,
    stage: null,
    exposure: null,
  };
  const applied = applicationDate(e.appliedOn, e.registeredOn, asOf);
  if (applied === null) {
    if (asOf <= deadline) {
      const left = daysBetween(asOf, deadline);
      if (left > DUE_SOON_DAYS) return null;
      return {
        ...base,
        rule: "ART58_REGISTRATION_DUE_SOON",
        article: "58",
        severity: "warning",
        status: "open",
        dueDate: deadline,
        days: left,
        detail: `Apply for ${e.name}'s social-insurance registration by ${deadline} (${left} days left).`,
      };
    }
    const days = daysBetween(deadline, asOf);
    return {
      ...base,
      rule: "ART58_UNREGISTERED",
      article: "58",
      severity: "breach",
      status: "open",
      dueDate: deadline,
      days,
      exposure: {
        article: "84",
        fineMin: premiumsPayable,
        fineMax: premiumsPayable * 3,
        managerFineMin: 50_000,
        managerFineMax: 300_000,
      },
      detail: `No registration applied for ${e.name}; deadline ${deadline} passed ${days} days ago.`,
    };
  }
  if (applied > deadline) {
    const days = daysBetween(deadline, applied);
    return {
      ...base,
      rule: "ART58_LATE_REGISTRATION",
      article: "58",
      severity: "breach",
      status: "closed",
      dueDate: deadline,
      days,
      detail: `Registration for ${e.name} applied on ${applied}, ${days} days after the deadline ${deadline}.`,
    };
  }
  return null;
}
