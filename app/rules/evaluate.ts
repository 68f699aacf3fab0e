/**
 * Evaluate an installation as of D (SPEC §5): every finding, every month's
 * state, and the months that cannot be evaluated for want of a policy.
 *
 * Pure: the as-of date is a parameter; only events dated ≤ D count.
 */
import { terminationFinding, terminationReportDeadline } from "./art50-termination";
import { registrationFinding } from "./art58-registration";
import { fillTranches, lateFee, type PaymentLike } from "./art60-payment";
import { agreementsOf, monthCollection, stageOf } from "./art63-collection";
import { annualBasis, baseRuleOf, baseYearStartOf, boundsOf, clampedBase, contributionOn, contributionYearStart, isUnderDeclared, policyInForce } from "./contributions";
import { daysBetween, fromMonthNumber, monthNumber, monthOf, WorkCalendar } from "./dates";
import { employeeDueDate, premiumDueDate, registrationDeadline, statementDeadline } from "./deadlines";
import { compareFindings } from "./order";
import { yuanPlain } from "./money";
import type {
  ConfigProblem,
  DeclarationVersion,
  EmployeeInput,
  EngineInput,
  Evaluation,
  Fen,
  Finding,
  IsoDate,
  Month,
  MonthSummary,
  PolicyVersion,
  RuleCode,
  WageRow,
} from "./types";

interface EmployeeCtx {
  e: EmployeeInput;
  /** Month numbers of the hire and termination (liable for M when hireM ≤ M ≤ termM). */
  hireM: number;
  termM: number;
  regDeadline: IsoDate;
  /** Premiums payable for the liable months so far (art. 84 exposure). */
  payable: Fen;
  statements: Map<number, IsoDate> | undefined;
  lines: Map<number, DeclarationVersion[]> | undefined;
  /** Wage rows by effective month, and the index of the row in force for the current month. */
  wages: WageRow[];
  wageIx: number;
  /** The `annual` basis of the contribution year starting in `annualFrom` (memoized per year). */
  annualFrom: Month | null;
  annualBasis: Fen;
}

/**
 * Employer and employee totals for a basis (each insurance on its own clamped
 * base), memoized per policy version: many employees share a base. Where every
 * insurance has the version's floor and cap, bases clamped alike share an entry.
 */
const TOTALS = new WeakMap<PolicyVersion, Map<Fen, [Fen, Fen]>>();
function totalsCache(policy: PolicyVersion): (basis: Fen) => [Fen, Fen] {
  let cache = TOTALS.get(policy);
  if (!cache) TOTALS.set(policy, (cache = new Map()));
  const c = cache;
  const uniform = boundsOf(policy).uniform;
  return (basis) => {
    const key = uniform ? clampedBase(basis, policy) : basis;
    let v = c.get(key);
    if (!v) {
      const r = contributionOn(key, policy);
      c.set(key, (v = [r.employerTotal, r.employeeTotal]));
    }
    return v;
  };
}


function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** Precomputed indexes over the input; reuse one across several as-of dates. */
export class EngineIndex {
  readonly calendars = new Map<string, WorkCalendar>();
  readonly policiesByRegion: Map<string, PolicyVersion[]>;
  readonly employeesByEmployer: Map<string, EmployeeInput[]>;
  /** employer|period → the earliest `declared_on` of any line (the month's declaration date once ≤ D). */
  readonly monthFirstDeclared: Map<string, IsoDate>;
  /** employee → month number → the line's versions sorted by `declared_on`. */
  readonly linesByEmployee: Map<string, Map<number, DeclarationVersion[]>>;
  readonly paymentsByEmployer: Map<string, Map<Month, PaymentLike[]>>;
  readonly collectionByEmployer: Map<string, EngineInput["collection"]>;
  /** employee → month number → the earliest `issued_on` (the first version once ≤ D). */
  readonly statementIssues: Map<string, Map<number, IsoDate>>;

  constructor(readonly input: EngineInput) {
    for (const [region, days] of Object.entries(input.nonWorkingDays)) this.calendars.set(region, new WorkCalendar(days));
    this.policiesByRegion = groupBy(input.policies, (p) => p.region);
    this.employeesByEmployer = groupBy(input.employees, (e) => e.employerCode);
    this.monthFirstDeclared = new Map();
    this.linesByEmployee = new Map();
    for (const d of input.declarations) {
      const k = `${d.employerCode}|${d.period}`;
      const first = this.monthFirstDeclared.get(k);
      if (first === undefined || d.declaredOn < first) this.monthFirstDeclared.set(k, d.declaredOn);
      let byPeriod = this.linesByEmployee.get(d.employeeNo);
      if (!byPeriod) this.linesByEmployee.set(d.employeeNo, (byPeriod = new Map()));
      const mn = monthNumber(d.period);
      const list = byPeriod.get(mn);
      if (list) list.push(d);
      else byPeriod.set(mn, [d]);
    }
    for (const byPeriod of this.linesByEmployee.values())
      for (const list of byPeriod.values()) if (list.length > 1) list.sort((a, b) => (a.declaredOn < b.declaredOn ? -1 : a.declaredOn > b.declaredOn ? 1 : 0));
    this.paymentsByEmployer = new Map();
    for (const p of input.payments) {
      let byMonth = this.paymentsByEmployer.get(p.employerCode);
      if (!byMonth) this.paymentsByEmployer.set(p.employerCode, (byMonth = new Map()));
      const list = byMonth.get(p.period);
      if (list) list.push(p);
      else byMonth.set(p.period, [p]);
    }
    this.collectionByEmployer = groupBy(input.collection, (c) => c.employerCode);
    this.statementIssues = new Map();
    for (const s of input.statements) {
      let byPeriod = this.statementIssues.get(s.employeeNo);
      if (!byPeriod) this.statementIssues.set(s.employeeNo, (byPeriod = new Map()));
      const mn = monthNumber(s.period);
      const first = byPeriod.get(mn);
      if (first === undefined || s.issuedOn < first) byPeriod.set(mn, s.issuedOn);
    }
  }

  calendar(region: string): WorkCalendar {
    let c = this.calendars.get(region);
    if (!c) this.calendars.set(region, (c = new WorkCalendar()));
    return c;
  }
}

export interface EvaluateOptions {
  /** Only these employers (codes); all when absent. */
  employerCodes?: readonly string[];
}

/** An art. 60 finding that names the employee (a breach of their own line or statement). */
function employeeFinding(
  employerCode: string,
  month: Month,
  e: EmployeeInput,
  rule: RuleCode,
  status: Finding["status"],
  dueDate: IsoDate,
  days: number,
  outstanding: Fen | null,
  detail: string,
): Finding {
  return {
    rule,
    article: "60",
    severity: "breach",
    status,
    employerCode,
    period: month,
    employeeNo: e.employeeNo,
    employeeName: e.name,
    dueDate,
    days,
    outstanding,
    lateFee: null,
    stage: null,
    exposure: null,
    detail,
  };
}

/** Employee-level declaration and statement rules for one liable employee and month. */
function employeeFindings(
  findings: Finding[],
  employerCode: string,
  month: Month,
  mn: number,
  e: EmployeeInput,
  ctx: EmployeeCtx,
  basis: Fen,
  required: Fen,
  due: IsoDate,
  declaredFrom: IsoDate | null,
  stDeadline: IsoDate,
  policy: PolicyVersion,
  totals: (basis: Fen) => [Fen, Fen],
  asOf: IsoDate,
): void {
  const versions = ctx.lines?.get(mn);
  // The line as of D: its first version and its latest version dated ≤ D.
  let latest: DeclarationVersion | null = null;
  if (versions) for (const v of versions) if (v.declaredOn <= asOf) latest = v;
  if (latest === null) {
    if (declaredFrom !== null && asOf > due) {
      findings.push(
        employeeFinding(employerCode, month, e, "ART60_EMPLOYEE_OMITTED", "open", due, daysBetween(due, asOf), required, `${e.name} is missing from the declaration for ${month}.`),
      );
    }
  } else {
    const firstDeclared = versions![0]!.declaredOn;
    if (firstDeclared > due && declaredFrom !== null && firstDeclared > declaredFrom) {
      findings.push(
        employeeFinding(
          employerCode,
          month,
          e,
          "ART60_EMPLOYEE_DECLARED_LATE",
          "closed",
          due,
          daysBetween(due, firstDeclared),
          null,
          `${e.name} was added to the declaration for ${month} on ${firstDeclared}, after ${due}.`,
        ),
      );
    }
    const declaredBase = latest.declaredBase;
    // The declared base as the agency applies it (clamped to each insurance's floor and cap) against the required bases.
    if (isUnderDeclared(declaredBase, basis, policy)) {
      const d = totals(declaredBase);
      const declared = d[0] + d[1];
      findings.push(
        employeeFinding(
          employerCode,
          month,
          e,
          "ART60_BASE_UNDER_DECLARED",
          "open",
          due,
          Math.max(0, daysBetween(due, asOf)),
          Math.max(0, required - declared),
          `${e.name}'s base for ${month} declared as ¥${yuanPlain(declaredBase)}, required ¥${yuanPlain(basis)}.`,
        ),
      );
    }
  }

  const firstIssued = ctx.statements?.get(mn);
  const issued = firstIssued !== undefined && firstIssued <= asOf ? firstIssued : null;
  if (issued === null) {
    if (asOf > stDeadline) {
      findings.push(
        employeeFinding(employerCode, month, e, "ART60_STATEMENT_MISSING", "open", stDeadline, daysBetween(stDeadline, asOf), null, `No statement for ${month} given to ${e.name}; due ${stDeadline}.`),
      );
    }
  } else if (issued > stDeadline) {
    findings.push(
      employeeFinding(
        employerCode,
        month,
        e,
        "ART60_STATEMENT_LATE",
        "closed",
        stDeadline,
        daysBetween(stDeadline, issued),
        null,
        `Statement for ${month} issued to ${e.name} on ${issued}, after ${stDeadline}.`,
      ),
    );
  }
}

export function evaluate(input: EngineInput | EngineIndex, asOf: IsoDate, options: EvaluateOptions = {}): Evaluation {
  const ix = input instanceof EngineIndex ? input : new EngineIndex(input);
  const findings: Finding[] = [];
  const months: MonthSummary[] = [];
  const configProblems: ConfigProblem[] = [];
  const asOfMonth = monthOf(asOf);
  const only = options.employerCodes ? new Set(options.employerCodes) : null;

  for (const employer of ix.input.employers) {
    if (only && !only.has(employer.code)) continue;
    const cal = ix.calendar(employer.region);
    const versions = ix.policiesByRegion.get(employer.region) ?? [];
    const inScope = (ix.employeesByEmployer.get(employer.code) ?? []).filter((e) => e.hireDate <= asOf);
    if (inScope.length === 0) continue;

    const ctxs: EmployeeCtx[] = inScope.map((e) => ({
      e,
      hireM: monthNumber(e.hireDate),
      termM: e.terminationDate === null ? Infinity : monthNumber(e.terminationDate),
      regDeadline: registrationDeadline(e.hireDate, cal),
      payable: 0,
      statements: ix.statementIssues.get(e.employeeNo),
      lines: ix.linesByEmployee.get(e.employeeNo),
      wages: [...e.wages].sort((a, b) => (a.effectiveMonth < b.effectiveMonth ? -1 : 1)),
      wageIx: 0,
      annualFrom: null,
      annualBasis: 0,
    }));
    // The go-live month (SPEC §5): nothing before it is evaluated.
    const tracking = employer.trackingFrom ?? null;
    const trackingM = tracking === null ? -Infinity : monthNumber(tracking);
    const trackingDay = tracking === null ? null : `${tracking}-01`;
    let firstM = monthNumber(asOfMonth);
    for (const c of ctxs) if (c.hireM < firstM) firstM = c.hireM;
    if (firstM < trackingM) firstM = trackingM;
    const paymentsByMonth = ix.paymentsByEmployer.get(employer.code) ?? new Map<Month, PaymentLike[]>();
    const actions = ix.collectionByEmployer.get(employer.code) ?? [];
    const agreements = agreementsOf(actions, paymentsByMonth, asOf);
    const unpaidMonths = new Set<Month>();

    for (let mn = firstM, lastM = monthNumber(asOfMonth); mn <= lastM; mn++) {
      const liable = ctxs.filter((c) => c.hireM <= mn && c.termM >= mn);
      if (liable.length === 0) continue;
      const month = fromMonthNumber(mn);
      const policy = policyInForce(versions, month);
      if (!policy) {
        configProblems.push({ employerCode: employer.code, region: employer.region, period: month, liableCount: liable.length });
        continue;
      }
      const premiumDue = premiumDueDate(month, policy, cal);

      // The month counts as declared from its first line, whoever it names (dated ≤ D).
      const firstLine = ix.monthFirstDeclared.get(`${employer.code}|${month}`);
      const declaredFrom: IsoDate | null = firstLine !== undefined && firstLine <= asOf ? firstLine : null;
      const stDeadline = statementDeadline(month, cal);

      // Required amounts and employee due dates; tranches by due date.
      const byDue = new Map<IsoDate, Fen>();
      let dueM: IsoDate | null = null;
      let required = 0;
      let employerTotal = 0;
      let employeeTotal = 0;
      const totals = totalsCache(policy);
      for (const ctx of liable) {
        const e = ctx.e;
        // Wage in force: the latest row with effective_month ≤ M (months only increase), else the earliest.
        const w = ctx.wages;
        while (ctx.wageIx + 1 < w.length && w[ctx.wageIx + 1]!.effectiveMonth <= month) ctx.wageIx++;
        let basis: Fen;
        if (baseRuleOf(policy) === "annual") {
          const from = contributionYearStart(month, baseYearStartOf(policy));
          if (ctx.annualFrom !== from) {
            ctx.annualFrom = from;
            ctx.annualBasis = annualBasis(e, from).basis;
          }
          basis = ctx.annualBasis;
        } else basis = w[ctx.wageIx]!.monthlyWage;
        const c = totals(basis);
        const total = c[0] + c[1];
        const eDue = employeeDueDate(premiumDue, ctx.regDeadline);
        required += total;
        employerTotal += c[0];
        employeeTotal += c[1];
        ctx.payable += total;
        byDue.set(eDue, (byDue.get(eDue) ?? 0) + total);
        if (dueM === null || eDue < dueM) dueM = eDue;
        employeeFindings(findings, employer.code, month, mn, e, ctx, basis, total, eDue, declaredFrom, stDeadline, policy, totals, asOf);
      }
      const due = dueM!;
      const dues = [...byDue.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([dueDate, amount]) => ({ dueDate, amount }));
      const filling = fillTranches(dues, paymentsByMonth.get(month) ?? [], asOf);
      const fee = lateFee(filling, policy.lateFeePpmPerDay);
      const unpaid = filling.firstOverdue !== null;
      if (unpaid) unpaidMonths.add(month);
      months.push({
        employerCode: employer.code,
        period: month,
        dueDate: due,
        liableCount: liable.length,
        required,
        employerTotal,
        employeeTotal,
        declaredFrom,
        paid: filling.paid,
        overdue: filling.overdue,
        outstanding: Math.max(0, required - filling.paid),
        overpaid: filling.overpaid,
        lateFee: fee,
        unpaid,
        tranches: filling.tranches,
      });

      const monthBase = {
        employerCode: employer.code,
        period: month,
        employeeNo: null,
        employeeName: null,
        outstanding: null,
        lateFee: null,
        stage: null,
        exposure: null,
      } as const;

      // Declaration of the month.
      if (declaredFrom === null) {
        if (asOf > due) {
          findings.push({
            ...monthBase,
            rule: "ART60_NOT_DECLARED",
            article: "60",
            severity: "breach",
            status: "open",
            dueDate: due,
            days: daysBetween(due, asOf),
            detail: `Premiums for ${month} not declared; due ${due}.`,
          });
        }
      } else if (declaredFrom > due) {
        findings.push({
          ...monthBase,
          rule: "ART60_LATE_DECLARATION",
          article: "60",
          severity: "breach",
          status: "closed",
          dueDate: due,
          days: daysBetween(due, declaredFrom),
          detail: `Premiums for ${month} declared on ${declaredFrom}, after the due date ${due}.`,
        });
      }

      // Payment of the month.
      if (filling.nextOpen && daysBetween(asOf, filling.nextOpen.dueDate) <= 7) {
        const t = filling.nextOpen;
        findings.push({
          ...monthBase,
          rule: "ART60_PAYMENT_DUE_SOON",
          article: "60",
          severity: "warning",
          status: "open",
          dueDate: t.dueDate,
          days: daysBetween(asOf, t.dueDate),
          detail: `¥${yuanPlain(t.amount - t.paid)} for ${month} falls due on ${t.dueDate}.`,
        });
      }
      if (unpaid) {
        const t = filling.firstOverdue!;
        const coll = monthCollection(actions, agreements, month, asOf);
        const stage = stageOf(coll, asOf);
        const owed = filling.overdue;
        findings.push({
          ...monthBase,
          rule: "ART60_UNPAID",
          article: "60;63",
          severity: "breach",
          status: "open",
          dueDate: t.dueDate,
          days: daysBetween(t.dueDate, asOf),
          outstanding: owed,
          lateFee: fee,
          stage,
          detail: `¥${yuanPlain(owed)} for ${month} unpaid since ${t.dueDate}; late fee ¥${yuanPlain(fee)}.`,
        });
        const order = coll.latestOrder;
        if (order && order.timeLimit) {
          const expired = asOf > order.timeLimit;
          findings.push({
            ...monthBase,
            rule: expired ? "ART63_ORDER_EXPIRED" : "ART63_ORDERED",
            article: expired ? "63;86" : "63",
            severity: expired ? "critical" : "breach",
            status: "open",
            dueDate: order.timeLimit,
            days: expired ? daysBetween(order.timeLimit, asOf) : daysBetween(asOf, order.timeLimit),
            outstanding: owed,
            stage,
            exposure: expired ? { article: "86", fineMin: owed, fineMax: owed * 3 } : null,
            detail: expired
              ? `The order of ${order.actionDate} to pay ${month} by ${order.timeLimit} has expired.`
              : `Ordered on ${order.actionDate} to pay ${month} by ${order.timeLimit}.`,
          });
        }
        if (coll.latestCourt) {
          findings.push({
            ...monthBase,
            rule: "ART63_COURT_ENFORCEMENT",
            article: "63",
            severity: "critical",
            status: "open",
            dueDate: coll.latestCourt.actionDate,
            days: daysBetween(coll.latestCourt.actionDate, asOf),
            outstanding: owed,
            stage,
            detail: `Court enforcement applied for on ${coll.latestCourt.actionDate} for ${month}.`,
          });
        }
      } else if (required > 0 && filling.latest) {
        const { tranche, days } = filling.latest;
        findings.push({
          ...monthBase,
          rule: "ART60_LATE_PAYMENT",
          article: "60",
          severity: "breach",
          status: "closed",
          dueDate: tranche.dueDate,
          days,
          lateFee: fee,
          detail: `Premiums for ${month} paid ${days} days after ${tranche.dueDate}; late fee ¥${yuanPlain(fee)}.`,
        });
      }
    }

    // Agreements with a missed installment, while any of their months is unpaid.
    // Only agreements with a month from the go-live month on; their period is the earliest such month.
    for (const ag of agreements) {
      if (!ag.missed || !ag.periods.some((p) => unpaidMonths.has(p))) continue;
      const tracked = tracking === null ? ag.periods : ag.periods.filter((p) => p >= tracking);
      if (tracked.length === 0) continue;
      const inst = ag.missed.installment;
      findings.push({
        rule: "ART63_INSTALLMENT_MISSED",
        article: "63",
        severity: "critical",
        status: "open",
        employerCode: employer.code,
        period: tracked[0]!,
        employeeNo: null,
        employeeName: null,
        dueDate: inst.dueOn!,
        days: daysBetween(inst.dueOn!, asOf),
        outstanding: ag.missed.outstanding,
        lateFee: null,
        stage: null,
        exposure: null,
        detail: `Installment due ${inst.dueOn} under the agreement of ${ag.guarantee.actionDate} (${ag.periods.join(", ")}) was not met.`,
      });
    }

    // Art. 58 last: the art. 84 exposure needs the premiums payable to D.
    // A registration due before the go-live month is taken as made.
    for (const { e, regDeadline, payable } of ctxs) {
      if (trackingDay !== null && regDeadline < trackingDay) continue;
      const f = registrationFinding(
        { employerCode: employer.code, employeeNo: e.employeeNo, name: e.name, appliedOn: e.appliedOn, registeredOn: e.registeredOn },
        regDeadline,
        asOf,
        payable,
      );
      if (f) findings.push(f);
    }

    // Art. 50 ¶1: leavers reported to the agency; a report due before the go-live month is taken as made on time.
    for (const { e } of ctxs) {
      if (e.terminationDate === null || e.terminationDate > asOf) continue;
      const deadline = terminationReportDeadline(e.terminationDate, cal);
      if (trackingDay !== null && deadline < trackingDay) continue;
      const f = terminationFinding(
        { employerCode: employer.code, employeeNo: e.employeeNo, name: e.name, terminationDate: e.terminationDate, terminationReportedOn: e.terminationReportedOn ?? null },
        deadline,
        asOf,
      );
      if (f) findings.push(f);
    }
  }

  findings.sort(compareFindings);
  return { asOf, findings, months, configProblems };
}
