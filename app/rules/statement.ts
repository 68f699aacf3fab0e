/**
 * The monthly statement (SPEC §6; art. 60: the employer informs each employee
 * monthly of the premiums paid for them). Pure: the issue date is a parameter,
 * and the figures are a snapshot as of that date.
 */
import {
  basisOf,
  boundsOf,
  clampBase,
  contributionOn,
  insuranceBases,
  isLiable,
  isUnderDeclared,
  policyInForce,
  wageInForce,
  type BaseClamp,
  type BasisDerivation,
} from "./contributions";
import { firstDayOf, monthRange, monthOf, WorkCalendar } from "./dates";
import { employeeDueDate, premiumDueDate, registrationDeadline } from "./deadlines";
import { maskId } from "./identity";
import { rateText } from "./money";
import type { Fen, Insurance, IsoDate, Month, MonthSummary, PolicyVersion, WageRow } from "./types";
import { INSURANCES } from "./types";

export type { BasisDerivation } from "./contributions";

/** One insurance's base (SPEC §6): where a floor or a cap applied, and whose — the policy's or the insurance's own. */
export interface InsuranceBaseLine {
  insurance: Insurance;
  base: Fen;
  clamp: BaseClamp;
  /** Whose bound applied: `policy` (base_floor / base_cap) or `insurance` (its own floor or cap); null when none did. */
  owner: "policy" | "insurance" | null;
}

/**
 * The payment status of E's tranche for the month (SPEC §6), revealing no
 * employer-wide amount: `paid_in_full` (on the day the payment that filled it
 * was made; no date for a tranche of zero amount), `not_yet_due`,
 * `partly_paid` or `unpaid`.
 */
export type TrancheStatus =
  | { kind: "paid_in_full"; on: IsoDate | null; dueDate: IsoDate }
  | { kind: "not_yet_due"; dueDate: IsoDate }
  | { kind: "partly_paid"; dueDate: IsoDate }
  | { kind: "unpaid"; dueDate: IsoDate };

/** E's own pension and medical contributions (the personal accounts), credited or withheld but not yet paid (SPEC §6). */
export interface OwnContributions {
  /** E's hire month, or the employer's go-live month if later. */
  fromMonth: Month;
  credited: { pension: Fen; medical: Fen };
  withheld: { pension: Fen; medical: Fen };
  /** The months whose own contributions were withheld but whose tranche is not filled. */
  withheldMonths: Month[];
  /** Of those, the months already past their due date `due(E,M′)` on the issue date. */
  overdueMonths: Month[];
}

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

/**
 * The immutable snapshot stored with every statement version. Fields marked
 * "legacy" are read from snapshots stored before the revised rule book; new
 * snapshots carry the fields after them.
 */
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
  /** The declared base where E's line is under-declared as of the issue date (latest version ≤ the issue date), else null. */
  declaredBase: Fen | null;
  /** Legacy: the employer's payment for the month (employer-wide amounts; no longer stored). */
  payment?: PaymentStatus;
  /** Legacy: running totals of the employee's own pension and medical contributions. */
  runningTotals?: { pension: Fen; medical: Fen; fromMonth: Month };
  /** The basis (SPEC §3) and how it was derived. */
  basis?: Fen;
  basisDerivation?: BasisDerivation;
  /** Each insurance's base; `uniformBase` when the five are equal (one figure is shown). */
  bases?: InsuranceBaseLine[];
  uniformBase?: boolean;
  /** The bases the agency applies to the declared base, `DB(E,M,i)`, where E's line is under-declared. */
  declaredBases?: Record<Insurance, Fen> | null;
  /** E's tranche for the month as of the issue date. */
  tranche?: TrancheStatus;
  ownContributions?: OwnContributions;
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
  /**
   * The employer's months as evaluated as of the issue date, without the
   * go-live month (go-live changes no tranche): their tranches and fillings.
   */
  months: readonly Pick<MonthSummary, "period" | "tranches">[];
  /** The non-working days of the employer's region (for E's due dates). */
  nonWorkingDays?: readonly IsoDate[];
  /** The employer's go-live month: own contributions are summed from it (or the hire month, if later). */
  trackingFrom?: Month | null;
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

/** Legacy (snapshots stored before the revised rule book): the employer's month as a whole. */
export function paymentStatus(month: Pick<MonthSummary, "required" | "paid" | "tranches"> | null, fallbackRequired: Fen): PaymentStatus {
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

/**
 * The status of E's tranche for M — the tranche of `due(E,M)` — filled by the
 * month's payments dated ≤ the issue date (SPEC §6).
 */
export function trancheStatus(month: Pick<MonthSummary, "tranches"> | undefined, dueDate: IsoDate, issuedOn: IsoDate): TrancheStatus {
  const t = month?.tranches.find((x) => x.dueDate === dueDate);
  if (t && t.amount === 0) return { kind: "paid_in_full", on: null, dueDate };
  if (t && t.filledOn !== null) return { kind: "paid_in_full", on: t.filledOn, dueDate };
  if (issuedOn <= dueDate) return { kind: "not_yet_due", dueDate };
  if (t && t.paid > 0) return { kind: "partly_paid", dueDate };
  return { kind: "unpaid", dueDate };
}

/** Each insurance's base, with the bound that applied and whose it is. */
export function insuranceBaseLines(basis: Fen, policy: PolicyVersion): InsuranceBaseLine[] {
  const bases = insuranceBases(basis, policy);
  const { floor, cap } = boundsOf(policy);
  return INSURANCES.map((ins) => {
    const own = policy.insuranceBounds?.[ins];
    const clamp: BaseClamp = basis < floor[ins] ? "floor" : basis > cap[ins] ? "cap" : null;
    const owner = clamp === null ? null : (clamp === "floor" ? own?.floor : own?.cap) !== undefined ? "insurance" : "policy";
    return { insurance: ins, base: bases[ins], clamp, owner };
  });
}

/** The figures of SPEC §6. The caller has checked the issue with checkStatementIssue. */
export function statementFigures(s: StatementSubject): StatementFigures {
  const policy = policyInForce(s.policies, s.period);
  if (!policy) throw new Error(`no policy in force for ${s.period}`);
  const cal = new WorkCalendar(s.nonWorkingDays ?? []);
  const regDeadline = registrationDeadline(s.employee.hireDate, cal);
  const monthsByPeriod = new Map(s.months.map((m) => [m.period, m]));
  const dueOf = (m: Month, p: PolicyVersion) => employeeDueDate(premiumDueDate(m, p, cal), regDeadline);

  const wage = wageInForce(s.employee.wages, s.period);
  const { basis, derivation } = basisOf(s.employee, s.period, policy);
  const { base, clamp } = clampBase(basis, policy);
  const c = contributionOn(basis, policy);
  const items: StatementItem[] = INSURANCES.map((ins) => ({
    insurance: ins,
    employerRate: rateText(policy.rates[ins].employer),
    employerAmount: c.items[ins].employer,
    employeeRate: rateText(policy.rates[ins].employee),
    employeeAmount: c.items[ins].employee,
  }));
  const bases = insuranceBaseLines(basis, policy);
  const uniformBase = bases.every((b) => b.base === bases[0]!.base);
  const underDeclared = s.declaredBase !== null && isUnderDeclared(s.declaredBase, basis, policy);

  // Own contributions: from the hire month (or the go-live month, if later) to M, liable months with a policy in force.
  const hireMonth = monthOf(s.employee.hireDate);
  const fromMonth = s.trackingFrom && s.trackingFrom > hireMonth ? s.trackingFrom : hireMonth;
  const own: OwnContributions = { fromMonth, credited: { pension: 0, medical: 0 }, withheld: { pension: 0, medical: 0 }, withheldMonths: [], overdueMonths: [] };
  for (const m of fromMonth <= s.period ? monthRange(fromMonth, s.period) : []) {
    if (!isLiable(s.employee.hireDate, s.employee.terminationDate, m)) continue;
    const p = policyInForce(s.policies, m);
    if (!p) continue;
    const mc = contributionOn(basisOf(s.employee, m, p).basis, p);
    const due = dueOf(m, p);
    const status = trancheStatus(monthsByPeriod.get(m), due, s.issuedOn);
    const bucket = status.kind === "paid_in_full" ? own.credited : own.withheld;
    bucket.pension += mc.items.pension.employee;
    bucket.medical += mc.items.medical.employee;
    if (status.kind !== "paid_in_full") {
      own.withheldMonths.push(m);
      if (due < s.issuedOn) own.overdueMonths.push(m);
    }
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
    declaredBase: underDeclared ? s.declaredBase : null,
    basis,
    basisDerivation: derivation,
    bases,
    uniformBase,
    declaredBases: underDeclared ? insuranceBases(s.declaredBase!, policy) : null,
    tranche: trancheStatus(monthsByPeriod.get(s.period), dueOf(s.period, policy), s.issuedOn),
    ownContributions: own,
  };
}
