/**
 * The set-up checklist (issue 20 item 2): for an installation or an employer
 * that is not ready, the steps in order — employer with a valid USCC, a policy
 * in force for the go-live month, a holiday calendar, a roster, registrations,
 * the first month declared — each done or to do. It is shown until every step
 * is done.
 *
 * Pure: the facts come from the model (employer.server's `setupFacts`), the
 * current month is a parameter.
 */
import { checkUscc } from "./identity";
import type { Month } from "./types";

export const SETUP_STEPS = ["employer", "policy", "calendar", "roster", "registrations", "declared"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export interface EmployerFacts {
  code: string;
  uscc: string;
  region: string;
  trackingFrom: Month | null;
  /** `effective_from` of every policy version of the employer's region. */
  policyMonths: Month[];
  /** The years (YYYY) in which the region has at least one non-working day. */
  calendarYears: number[];
  employees: number;
  /** Employees without an application or registration date (SPEC §2). */
  unregistered: number;
  /** Months with at least one declaration line. */
  declaredMonths: Month[];
}

export interface ChecklistStep {
  step: SetupStep;
  done: boolean;
  /** The employer the step is about, where it is about one. */
  employerCode: string | null;
}

export interface Checklist {
  steps: ChecklistStep[];
  done: boolean;
}

/**
 * The checklist over every employer (or the one given): a step is done when
 * it is done for every employer. With no employer, every step is to do.
 * `currentMonth` stands in for the go-live month of an employer without one.
 */
export function setupChecklist(employers: EmployerFacts[], currentMonth: Month): Checklist {
  if (employers.length === 0) {
    const steps = SETUP_STEPS.map((step) => ({ step, done: false, employerCode: null }));
    return { steps, done: false };
  }
  const firstNotDone = (test: (e: EmployerFacts) => boolean): ChecklistStep["employerCode"] | undefined => employers.find((e) => !test(e))?.code;
  const goLive = (e: EmployerFacts) => e.trackingFrom ?? currentMonth;
  const tests: Record<SetupStep, (e: EmployerFacts) => boolean> = {
    employer: (e) => checkUscc(e.uscc).ok,
    policy: (e) => e.policyMonths.some((m) => m <= goLive(e)),
    calendar: (e) => e.calendarYears.includes(Number(goLive(e).slice(0, 4))),
    roster: (e) => e.employees > 0,
    registrations: (e) => e.employees > 0 && e.unregistered === 0,
    declared: (e) => e.declaredMonths.some((m) => m >= goLive(e)),
  };
  const steps = SETUP_STEPS.map((step) => {
    const code = firstNotDone(tests[step]);
    return { step, done: code === undefined, employerCode: code ?? null };
  });
  return { steps, done: steps.every((s) => s.done) };
}
