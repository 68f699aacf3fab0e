/**
 * The monthly statement (SPEC §6; art. 60: the employer informs each employee
 * monthly of the premiums paid for them). Pure: the issue date is a parameter,
 * and the figures are a snapshot as of that date.
 */
import { clampBase, contributionOn, isLiable, policyInForce, wageInForce, type BaseClamp } from "./contributions";
import { firstDayOf, monthRange, monthOf } from "./dates";
import { maskId } from "./identity";
import { rateText } from "./money";
import type { Fen, Insurance, IsoDate, Month, MonthSummary, PolicyVersion, WageRow } from "./types";
import { INSURANCES } from "./types";

export interface StatementItem {
  insurance: Insurance;
  employerRate: string;
  employerAmount: Fen;
  employeeRate: string;
  employeeAmount: Fen;
}

export type PaymentStatus =
  | { kind: "paid"; on: IsoDate; paid: Fen; required: Fen }
  | { kind: "partly_paid"; paid: Fen; required: Fen }
  | { kind: "unpaid"; paid: 0; required: Fen };

/** The immutable snapshot stored with every statement version. */
export interface StatementFigures {
  employerCode: string;
  employerName: string;
  employeeNo: string;
  employeeName: string;
  maskedId: string;
  period: Month;
  issuedOn: IsoDate;
  wage: Fen;
  base: Fen;
  /** Which bound applied: the floor, the cap, or none. */
  clamp: BaseClamp;
  baseFloor: Fen;
  baseCap: Fen;
  items: StatementItem[];
  employeeTotal: Fen;
  employerTotal: Fen;
  /** The declared base where it differs from the required one (latest version ≤ the issue date). */
  declaredBase: Fen | null;
  /** The employer's payment for the month as of the issue date. */
  payment: PaymentStatus;
  /** Running totals of the employee's own pension and medical contributions, hire month to this month. */
  runningTotals: { pension: Fen; medical: Fen; fromMonth: Month };
}

export interface StatementSubject {
  employer: { code: string; name: string };
  employee: {
    employeeNo: string;
    name: string;
    idNumber: string;
    hireDate: IsoDate;
    terminationDate: IsoDate | null;
    wages: readonly WageRow[];
  };
  /** The versions of the employer's region. */
  policies: readonly PolicyVersion[];
  period: Month;
  issuedOn: IsoDate;
  /** The employer-month as evaluated as of the issue date (null when nothing is known). */
  month: Pick<MonthSummary, "required" | "paid" | "tranches"> | null;
  /** The latest declared base for this employee and month dated ≤ the issue date, or null. */
  declaredBase: Fen | null;
}

/** A failure says why in English (`reason`) and, for the web, as a code (`problems.statements.*`) with parameters. */
export type StatementCheck =
  | { ok: true }
  | { ok: false; reason: string; code: "notEmployed" | "noPolicy" | "beforePeriod" | "beforeHire"; params: Record<string, string> };

/** SPEC §2: only for a liable month with a policy in force, dated no earlier than the month's first day and the hire date. */
export function checkStatementIssue(s: Pick<StatementSubject, "employee" | "policies" | "period" | "issuedOn">): StatementCheck {
  const { employee, period, issuedOn } = s;
  if (!isLiable(employee.hireDate, employee.terminationDate, period))
    return { ok: false, reason: `${employee.employeeNo} was not employed in ${period}`, code: "notEmployed", params: { employeeNo: employee.employeeNo, period } };
  if (!policyInForce(s.policies, period))
    return { ok: false, reason: `no policy is in force for ${period}`, code: "noPolicy", params: { employeeNo: employee.employeeNo, period } };
  if (issuedOn < firstDayOf(period)) {
    const date = firstDayOf(period);
    return { ok: false, reason: `a statement for ${period} cannot be issued before ${date}`, code: "beforePeriod", params: { employeeNo: employee.employeeNo, period, date } };
  }
  if (issuedOn < employee.hireDate) {
    const reason = `a statement for ${employee.employeeNo} cannot be issued before the hire date ${employee.hireDate}`;
    return { ok: false, reason, code: "beforeHire", params: { employeeNo: employee.employeeNo, date: employee.hireDate } };
  }
  return { ok: true };
}

export function paymentStatus(month: StatementSubject["month"], fallbackRequired: Fen): PaymentStatus {
  const required = month?.required ?? fallbackRequired;
  const paid = month?.paid ?? 0;
  if (month && required > 0 && paid >= required) {
    let on: IsoDate = "";
    for (const t of month.tranches) if (t.filledOn && t.filledOn > on) on = t.filledOn;
    return { kind: "paid", on, paid, required };
  }
  if (paid > 0) return { kind: "partly_paid", paid, required };
  return { kind: "unpaid", paid: 0, required };
}

/** The figures of SPEC §6. The caller has checked the issue with checkStatementIssue. */
export function statementFigures(s: StatementSubject): StatementFigures {
  const policy = policyInForce(s.policies, s.period);
  if (!policy) throw new Error(`no policy in force for ${s.period}`);
  const wage = wageInForce(s.employee.wages, s.period);
  const { base, clamp } = clampBase(wage, policy);
  const c = contributionOn(base, policy);
  const items: StatementItem[] = INSURANCES.map((ins) => ({
    insurance: ins,
    employerRate: rateText(policy.rates[ins].employer),
    employerAmount: c.items[ins].employer,
    employeeRate: rateText(policy.rates[ins].employee),
    employeeAmount: c.items[ins].employee,
  }));

  const fromMonth = monthOf(s.employee.hireDate);
  let pension = 0;
  let medical = 0;
  for (const m of monthRange(fromMonth, s.period)) {
    if (!isLiable(s.employee.hireDate, s.employee.terminationDate, m)) continue;
    const p = policyInForce(s.policies, m);
    if (!p) continue;
    const mc = contributionOn(clampBase(wageInForce(s.employee.wages, m), p).base, p);
    pension += mc.items.pension.employee;
    medical += mc.items.medical.employee;
  }

  return {
    employerCode: s.employer.code,
    employerName: s.employer.name,
    employeeNo: s.employee.employeeNo,
    employeeName: s.employee.name,
    maskedId: maskId(s.employee.idNumber),
    period: s.period,
    issuedOn: s.issuedOn,
    wage,
    base,
    clamp,
    baseFloor: policy.baseFloor,
    baseCap: policy.baseCap,
    items,
    employeeTotal: c.employeeTotal,
    employerTotal: c.employerTotal,
    declaredBase: s.declaredBase !== null && s.declaredBase !== base ? s.declaredBase : null,
    payment: paymentStatus(s.month, c.total),
    runningTotals: { pension, medical, fromMonth },
  };
}
