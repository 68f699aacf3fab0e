/**
 * The dashboard's figures as of D, from one evaluation and its index: what is
 * wrong (open findings), what is due (unregistered employees, deadlines of the
 * next 30 days) and how the employer is trending (24 months of premiums,
 * arrears and late fees, on-time registration).
 *
 * Pure: no database, no clock. Every count is derived from the same findings
 * the findings page lists, so the two pages always agree.
 */
import { applicationDate } from "./art58-registration";
import { fillTranches, lateFee, type PaymentLike } from "./art60-payment";
import { policyInForce } from "./contributions";
import { addDays, addMonths, lastDayOf, monthOf, monthRange } from "./dates";
import { premiumDueDate, registrationDeadline } from "./deadlines";
import type { EngineIndex } from "./evaluate";
import type { ConfigProblem, Evaluation, Fen, Finding, IsoDate, Month, RuleCode, Severity, Stage } from "./types";
import { RULES, SEVERITIES } from "./types";

export const TREND_MONTHS = 24;
export const UPCOMING_DAYS = 30;
export const DUE_THIS_WEEK_DAYS = 7;
export const UPCOMING_LIMIT = 60;

export const STAGES: readonly Stage[] = ["court", "installment_missed", "deferred", "order_expired", "ordered", "overdue"];

export interface PremiumPoint {
  period: Month;
  required: Fen;
  /** Paid into the month as of D. */
  paid: Fen;
}

export interface ArrearsPoint {
  /** The month whose last day (or D, for D's own month) the figures are taken on. */
  period: Month;
  asOf: IsoDate;
  /** Premiums overdue (tranches due before that day, unpaid on it). */
  overdue: Fen;
  /** Late fees accrued to that day (art. 86), paid-late months included. */
  lateFee: Fen;
}

export interface RegistrationPoint {
  /** Month of hire. */
  period: Month;
  hired: number;
  /** Applied for within the deadline. */
  onTime: number;
  /** Applied for after the deadline, or deadline passed with no application. */
  late: number;
  /** Deadline not yet passed and no application yet. */
  pending: number;
  /** onTime / (onTime + late) in ppm, to 0.01 %; null when nothing is decided yet. */
  rate: number | null;
}

export type UpcomingKind = "registration" | "premium" | "order" | "installment";

export interface UpcomingItem {
  date: IsoDate;
  kind: UpcomingKind;
  employerCode: string;
  /** The month concerned (premium, order, installment). */
  period: Month | null;
  employeeNo: string | null;
  employeeName: string | null;
  /** What is still to pay, when known. */
  amount: Fen | null;
}

export interface DashboardFigures {
  asOf: IsoDate;
  employerCode: string | null;
  /** Employees hired ≤ D and not terminated before D. */
  activeEmployees: number;
  openFindings: number;
  bySeverity: Record<Severity, number>;
  byRule: { rule: RuleCode; count: number }[];
  /** Employees hired ≤ D, not terminated before D, with no registration application dated ≤ D. */
  unregistered: number;
  /** Of those, how many have their deadline within the next seven days (D included). */
  registrationsDueThisWeek: number;
  monthsUnpaid: number;
  /** Σ overdue premiums of the unpaid months (equals the open ART60_UNPAID findings' outstanding). */
  outstanding: Fen;
  /** Late fees accrued on every evaluated month (paid-late months included). */
  lateFees: Fen;
  statementsMissing: number;
  /** Unpaid months by collection stage. */
  collectionByStage: Record<Stage, number>;
  premiums: PremiumPoint[];
  arrears: ArrearsPoint[];
  registration: RegistrationPoint[];
  upcoming: UpcomingItem[];
  upcomingTotal: number;
  /** Months in scope with liable employees but no policy (never evaluated silently). */
  configProblems: ConfigProblem[];
}

function emptyRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareUpcoming(a: UpcomingItem, b: UpcomingItem): number {
  return cmpStr(a.date, b.date) || cmpStr(a.kind, b.kind) || cmpStr(a.employerCode, b.employerCode) || cmpStr(a.period ?? "", b.period ?? "") || cmpStr(a.employeeNo ?? "", b.employeeNo ?? "");
}

/** The figures for all employers, or one (`employerCode`). */
export function dashboardFigures(
  ix: EngineIndex,
  ev: Evaluation,
  options: { employerCode?: string | null; /** An account's employers (issue 21); null = all. */ employerCodes?: readonly string[] | null } = {},
): DashboardFigures {
  const asOf = ev.asOf;
  const only = options.employerCode ?? null;
  const allowed = options.employerCodes ? new Set(options.employerCodes) : null;
  const inScope = (code: string) => (only === null || code === only) && (allowed === null || allowed.has(code));
  const asOfMonth = monthOf(asOf);
  const trend = monthRange(addMonths(asOfMonth, -(TREND_MONTHS - 1)), asOfMonth);
  const horizon = addDays(asOf, UPCOMING_DAYS);
  const weekEnd = addDays(asOf, DUE_THIS_WEEK_DAYS - 1);

  // What is wrong: open findings.
  const open: Finding[] = ev.findings.filter((f) => f.status === "open" && inScope(f.employerCode));
  const bySeverity = emptyRecord(SEVERITIES);
  const ruleCounts = new Map<RuleCode, number>();
  const collectionByStage = emptyRecord(STAGES);
  let statementsMissing = 0;
  for (const f of open) {
    bySeverity[f.severity]++;
    ruleCounts.set(f.rule, (ruleCounts.get(f.rule) ?? 0) + 1);
    if (f.rule === "ART60_UNPAID" && f.stage) collectionByStage[f.stage]++;
    if (f.rule === "ART60_STATEMENT_MISSING") statementsMissing++;
  }
  const byRule = RULES.filter((r) => ruleCounts.has(r)).map((rule) => ({ rule, count: ruleCounts.get(rule)! }));

  // Months: premiums, arrears, upcoming premium due dates.
  const months = ev.months.filter((m) => inScope(m.employerCode));
  const premiumsByPeriod = new Map<Month, PremiumPoint>(trend.map((p) => [p, { period: p, required: 0, paid: 0 }]));
  let monthsUnpaid = 0;
  let outstanding = 0;
  let lateFees = 0;
  const upcoming: UpcomingItem[] = [];
  for (const m of months) {
    const point = premiumsByPeriod.get(m.period);
    if (point) {
      point.required += m.required;
      point.paid += m.paid;
    }
    if (m.unpaid) {
      monthsUnpaid++;
      outstanding += m.overdue;
    }
    lateFees += m.lateFee;
    for (const t of m.tranches) {
      if (t.paid < t.amount && t.dueDate >= asOf && t.dueDate <= horizon) {
        upcoming.push({ date: t.dueDate, kind: "premium", employerCode: m.employerCode, period: m.period, employeeNo: null, employeeName: null, amount: t.amount - t.paid });
      }
    }
  }

  // Arrears and late fees on the last day of each trend month (D for D's own
  // month), as the record stands: each evaluated month's tranches do not depend
  // on D once the month has ended, so refilling them with the payments dated
  // ≤ that day gives what an evaluation on that day reports.
  const arrears: ArrearsPoint[] = trend.map((period) => ({ period, asOf: period === asOfMonth ? asOf : lastDayOf(period), overdue: 0, lateFee: 0 }));
  for (const m of months) {
    const employer = ix.input.employers.find((e) => e.code === m.employerCode);
    const policy = employer ? policyInForce(ix.policiesByRegion.get(employer.region) ?? [], m.period) : null;
    if (!policy) continue;
    const pays: readonly PaymentLike[] = ix.paymentsByEmployer.get(m.employerCode)?.get(m.period) ?? [];
    const dues = m.tranches.map((t) => ({ dueDate: t.dueDate, amount: t.amount }));
    // A month settled by D (every tranche filled) stands on any earlier day after its last
    // payment as it stands on D: the same payments fill the same tranches, nothing is overdue.
    const settled = m.tranches.every((t) => t.filledOn !== null);
    let lastPaid = "";
    for (const p of pays) if (p.paidOn <= asOf && p.paidOn > lastPaid) lastPaid = p.paidOn;
    for (const point of arrears) {
      if (m.period > point.period) continue;
      if (point.asOf === asOf) {
        point.overdue += m.overdue;
        point.lateFee += m.lateFee;
        continue;
      }
      if (settled && lastPaid <= point.asOf) {
        point.lateFee += m.lateFee;
        continue;
      }
      const filling = fillTranches(dues, pays, point.asOf);
      point.overdue += filling.overdue;
      point.lateFee += lateFee(filling, policy.lateFeePpmPerDay);
    }
  }

  // Registration: who is unregistered, on-time rate by month of hire, deadlines ahead.
  const registrationByPeriod = new Map<Month, RegistrationPoint>(
    trend.map((p) => [p, { period: p, hired: 0, onTime: 0, late: 0, pending: 0, rate: null }]),
  );
  let activeEmployees = 0;
  let unregistered = 0;
  let registrationsDueThisWeek = 0;
  for (const employer of ix.input.employers) {
    if (!inScope(employer.code)) continue;
    const cal = ix.calendar(employer.region);
    const policies = ix.policiesByRegion.get(employer.region) ?? [];
    for (const e of ix.employeesByEmployer.get(employer.code) ?? []) {
      if (e.hireDate > asOf) continue;
      const deadline = registrationDeadline(e.hireDate, cal);
      const applied = applicationDate(e.appliedOn, e.registeredOn, asOf);
      const point = registrationByPeriod.get(monthOf(e.hireDate));
      if (point) {
        point.hired++;
        if (applied !== null && applied <= deadline) point.onTime++;
        else if (applied !== null || asOf > deadline) point.late++;
        else point.pending++;
      }
      const working = e.terminationDate === null || e.terminationDate >= asOf;
      if (working) activeEmployees++;
      if (applied === null && working) {
        unregistered++;
        if (deadline >= asOf && deadline <= weekEnd) registrationsDueThisWeek++;
        if (deadline >= asOf && deadline <= horizon) {
          upcoming.push({ date: deadline, kind: "registration", employerCode: employer.code, period: null, employeeNo: e.employeeNo, employeeName: e.name, amount: null });
        }
      }
    }
    // Next month's premiums may fall due within the horizon before the month is evaluated.
    const next = addMonths(asOfMonth, 1);
    const policy = policyInForce(policies, next);
    if (policy && (ix.employeesByEmployer.get(employer.code) ?? []).some((e) => e.hireDate <= asOf && (e.terminationDate === null || monthOf(e.terminationDate) >= next))) {
      const due = premiumDueDate(next, policy, cal);
      if (due >= asOf && due <= horizon) upcoming.push({ date: due, kind: "premium", employerCode: employer.code, period: next, employeeNo: null, employeeName: null, amount: null });
    }
    // Orders' time limits and installments, while a month they cover is unpaid.
    const unpaid = new Set(months.filter((m) => m.unpaid && m.employerCode === employer.code).map((m) => m.period));
    for (const a of ix.collectionByEmployer.get(employer.code) ?? []) {
      if (a.actionDate > asOf || !a.periods.some((p) => unpaid.has(p))) continue;
      const date = a.kind === "order" ? a.timeLimit : a.kind === "installment" ? a.dueOn : null;
      if (date === null || date < asOf || date > horizon) continue;
      upcoming.push({ date, kind: a.kind === "order" ? "order" : "installment", employerCode: employer.code, period: a.periods[0] ?? null, employeeNo: null, employeeName: null, amount: a.amount });
    }
  }
  for (const point of registrationByPeriod.values()) {
    const decided = point.onTime + point.late;
    point.rate = decided === 0 ? null : Math.round((point.onTime * 10_000) / decided) * 100;
  }
  upcoming.sort(compareUpcoming);

  return {
    asOf,
    employerCode: only,
    activeEmployees,
    openFindings: open.length,
    bySeverity,
    byRule,
    unregistered,
    registrationsDueThisWeek,
    monthsUnpaid,
    outstanding,
    lateFees,
    statementsMissing,
    collectionByStage,
    premiums: [...premiumsByPeriod.values()],
    arrears,
    registration: [...registrationByPeriod.values()],
    upcoming: upcoming.slice(0, UPCOMING_LIMIT),
    upcomingTotal: upcoming.length,
    configProblems: ev.configProblems.filter((c) => inScope(c.employerCode)),
  };
}

/**
 * The figures of several employers from each one's own figures (each computed
 * with `dashboardFigures` over that employer alone, as of the same D), in the
 * engine's employer order: what `dashboardFigures` gives over all of them at
 * once (tests/integration/dashboard.test.ts checks it). Every figure is a sum
 * per employer, but the upcoming list (merged, then cut to its limit) and the
 * on-time rates (from the summed counts). So a write for one employer
 * recomputes that employer's figures only (issue 16).
 */
export function combineDashboards(parts: readonly DashboardFigures[], asOf: IsoDate, employerCode: string | null): DashboardFigures {
  const asOfMonth = monthOf(asOf);
  const trend = monthRange(addMonths(asOfMonth, -(TREND_MONTHS - 1)), asOfMonth);
  const bySeverity = emptyRecord(SEVERITIES);
  const collectionByStage = emptyRecord(STAGES);
  const ruleCounts = new Map<RuleCode, number>();
  const premiums = new Map<Month, PremiumPoint>(trend.map((p) => [p, { period: p, required: 0, paid: 0 }]));
  const arrears: ArrearsPoint[] = trend.map((period) => ({ period, asOf: period === asOfMonth ? asOf : lastDayOf(period), overdue: 0, lateFee: 0 }));
  const registration = new Map<Month, RegistrationPoint>(trend.map((p) => [p, { period: p, hired: 0, onTime: 0, late: 0, pending: 0, rate: null }]));
  const out: DashboardFigures = {
    asOf,
    employerCode,
    activeEmployees: 0,
    openFindings: 0,
    bySeverity,
    byRule: [],
    unregistered: 0,
    registrationsDueThisWeek: 0,
    monthsUnpaid: 0,
    outstanding: 0,
    lateFees: 0,
    statementsMissing: 0,
    collectionByStage,
    premiums: [],
    arrears,
    registration: [],
    upcoming: [],
    upcomingTotal: 0,
    configProblems: [],
  };
  const upcoming: UpcomingItem[] = [];
  for (const p of parts) {
    out.activeEmployees += p.activeEmployees;
    out.openFindings += p.openFindings;
    for (const s of SEVERITIES) bySeverity[s] += p.bySeverity[s];
    for (const r of p.byRule) ruleCounts.set(r.rule, (ruleCounts.get(r.rule) ?? 0) + r.count);
    out.unregistered += p.unregistered;
    out.registrationsDueThisWeek += p.registrationsDueThisWeek;
    out.monthsUnpaid += p.monthsUnpaid;
    out.outstanding += p.outstanding;
    out.lateFees += p.lateFees;
    out.statementsMissing += p.statementsMissing;
    for (const s of STAGES) collectionByStage[s] += p.collectionByStage[s];
    for (const x of p.premiums) {
      const point = premiums.get(x.period)!;
      point.required += x.required;
      point.paid += x.paid;
    }
    p.arrears.forEach((x, i) => {
      arrears[i]!.overdue += x.overdue;
      arrears[i]!.lateFee += x.lateFee;
    });
    for (const x of p.registration) {
      const point = registration.get(x.period)!;
      point.hired += x.hired;
      point.onTime += x.onTime;
      point.late += x.late;
      point.pending += x.pending;
    }
    for (const u of p.upcoming) upcoming.push(u);
    out.upcomingTotal += p.upcomingTotal;
    for (const c of p.configProblems) out.configProblems.push(c);
  }
  out.byRule = RULES.filter((r) => ruleCounts.has(r)).map((rule) => ({ rule, count: ruleCounts.get(rule)! }));
  for (const point of registration.values()) {
    const decided = point.onTime + point.late;
    point.rate = decided === 0 ? null : Math.round((point.onTime * 10_000) / decided) * 100;
  }
  out.premiums = [...premiums.values()];
  out.registration = [...registration.values()];
  // Each part's list is sorted and holds its first UPCOMING_LIMIT: the first of all are among them.
  out.upcoming = upcoming.sort(compareUpcoming).slice(0, UPCOMING_LIMIT);
  return out;
}

/**
 * One employer's figures in two parts that `combineDashboards` adds up to
 * `dashboardFigures` over its whole evaluation: the people part (from
 * `employerBase`: its findings, the roster, registrations, next month's
 * premiums), which no payment changes, and the money part (from
 * `employerMoney`: its findings, the months' premiums, arrears and tranches,
 * orders and installments). After a payment only the money part is computed
 * again (issue 16; tests/integration/dashboard.test.ts checks the sum).
 */
export function peopleFigures(ix: EngineIndex, base: Pick<Evaluation, "findings" | "configProblems">, asOf: IsoDate): DashboardFigures {
  return dashboardFigures(ix, { asOf, findings: base.findings, months: [], configProblems: base.configProblems });
}

export function moneyFigures(ix: EngineIndex, money: Pick<Evaluation, "findings" | "months">, asOf: IsoDate): DashboardFigures {
  // Without the roster: the people part counted the employees and next month's premiums.
  return dashboardFigures(ix.withoutRoster(), { asOf, findings: money.findings, months: money.months, configProblems: [] });
}
