/**
 * Evaluate an installation as of D (SPEC §5): every finding, every month's
 * state, and the months that cannot be evaluated for want of a policy.
 *
 * Pure: the as-of date is a parameter; only events dated ≤ D count.
 */
import { registrationFinding } from "./art58-registration";
import { fillTranches, lateFee, type PaymentLike } from "./art60-payment";
import { agreementsOf, monthCollection, stageOf } from "./art63-collection";
import { contributionOn, clampBase, policyInForce, totalOn, wageInForce } from "./contributions";
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
} from "./types";

interface EmployeeCtx {
  e: EmployeeInput;
  /** Month numbers of the hire and termination (liable for M when hireM ≤ M ≤ termM). */
  hireM: number;
  termM: number;
  regDeadline: IsoDate;
  /** Premiums payable for the liable months so far (art. 84 exposure). */
  payable: Fen;
  statements: Map<Month, IsoDate[]> | undefined;
}

/** Employer and employee totals on a base, memoized per policy version (many employees share a base). */
const TOTALS = new WeakMap<PolicyVersion, Map<Fen, [Fen, Fen]>>();
function totalsCache(policy: PolicyVersion): (base: Fen) => [Fen, Fen] {
  let cache = TOTALS.get(policy);
  if (!cache) TOTALS.set(policy, (cache = new Map()));
  const c = cache;
  return (base) => {
    let v = c.get(base);
    if (!v) {
      const r = contributionOn(base, policy);
      c.set(base, (v = [r.employerTotal, r.employeeTotal]));
    }
    return v;
  };
}

interface LineState {
  firstDeclared: IsoDate;
  latest: DeclarationVersion;
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
  readonly declarationsByMonth: Map<string, DeclarationVersion[]>;
  readonly paymentsByEmployer: Map<string, Map<Month, PaymentLike[]>>;
  readonly collectionByEmployer: Map<string, EngineInput["collection"]>;
  /** employee → period → every `issued_on`. */
  readonly statementIssues: Map<string, Map<Month, IsoDate[]>>;

  constructor(readonly input: EngineInput) {
    for (const [region, days] of Object.entries(input.nonWorkingDays)) this.calendars.set(region, new WorkCalendar(days));
    this.policiesByRegion = groupBy(input.policies, (p) => p.region);
    this.employeesByEmployer = groupBy(input.employees, (e) => e.employerCode);
    this.declarationsByMonth = groupBy(input.declarations, (d) => `${d.employerCode}|${d.period}`);
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
      const list = byPeriod.get(s.period);
      if (list) list.push(s.issuedOn);
      else byPeriod.set(s.period, [s.issuedOn]);
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
    }));
    let firstM = monthNumber(asOfMonth);
    for (const c of ctxs) if (c.hireM < firstM) firstM = c.hireM;
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

      // Declaration lines of the month, whoever they name (versions dated ≤ D).
      const lines = new Map<string, LineState>();
      let declaredFrom: IsoDate | null = null;
      for (const v of ix.declarationsByMonth.get(`${employer.code}|${month}`) ?? []) {
        if (v.declaredOn > asOf) continue;
        const st = lines.get(v.employeeNo);
        if (!st) lines.set(v.employeeNo, { firstDeclared: v.declaredOn, latest: v });
        else {
          if (v.declaredOn < st.firstDeclared) st.firstDeclared = v.declaredOn;
          if (v.declaredOn > st.latest.declaredOn) st.latest = v;
        }
        if (declaredFrom === null || v.declaredOn < declaredFrom) declaredFrom = v.declaredOn;
      }

      // Required amounts and employee due dates; tranches by due date.
      const byDue = new Map<IsoDate, Fen>();
      let dueM: IsoDate | null = null;
      let required = 0;
      let employerTotal = 0;
      let employeeTotal = 0;
      const totals = totalsCache(policy);
      const perEmployee: { ctx: EmployeeCtx; e: EmployeeInput; base: Fen; required: Fen; due: IsoDate }[] = [];
      for (const ctx of liable) {
        const e = ctx.e;
        const { base } = clampBase(wageInForce(e.wages, month), policy);
        const c = totals(base);
        const total = c[0] + c[1];
        const due = employeeDueDate(premiumDue, ctx.regDeadline);
        perEmployee.push({ ctx, e, base, required: total, due });
        required += total;
        employerTotal += c[0];
        employeeTotal += c[1];
        ctx.payable += total;
        byDue.set(due, (byDue.get(due) ?? 0) + total);
        if (dueM === null || due < dueM) dueM = due;
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

      // Employee-level declaration and statement rules.
      const stDeadline = statementDeadline(month, cal);
      for (const pe of perEmployee) {
        const { e, ctx } = pe;
        const empBase = {
          employerCode: employer.code,
          period: month,
          employeeNo: e.employeeNo,
          employeeName: e.name,
          lateFee: null,
          stage: null,
          exposure: null,
        } as const;
        const line = lines.get(e.employeeNo);
        if (!line) {
          if (declaredFrom !== null && asOf > pe.due) {
            findings.push({
              ...empBase,
              rule: "ART60_EMPLOYEE_OMITTED",
              article: "60",
              severity: "breach",
              status: "open",
              dueDate: pe.due,
              days: daysBetween(pe.due, asOf),
              outstanding: pe.required,
              detail: `${e.name} is missing from the declaration for ${month}.`,
            });
          }
        } else {
          if (line.firstDeclared > pe.due && declaredFrom !== null && line.firstDeclared > declaredFrom) {
            findings.push({
              ...empBase,
              rule: "ART60_EMPLOYEE_DECLARED_LATE",
              article: "60",
              severity: "breach",
              status: "closed",
              dueDate: pe.due,
              days: daysBetween(pe.due, line.firstDeclared),
              outstanding: null,
              detail: `${e.name} was added to the declaration for ${month} on ${line.firstDeclared}, after ${pe.due}.`,
            });
          }
          const declaredBase = line.latest.declaredBase;
          if (declaredBase < pe.base) {
            const declared = totalOn(declaredBase, policy);
            findings.push({
              ...empBase,
              rule: "ART60_BASE_UNDER_DECLARED",
              article: "60",
              severity: "breach",
              status: "open",
              dueDate: pe.due,
              days: Math.max(0, daysBetween(pe.due, asOf)),
              outstanding: Math.max(0, pe.required - declared),
              detail: `${e.name}'s base for ${month} declared as ¥${yuanPlain(declaredBase)}, required ¥${yuanPlain(pe.base)}.`,
            });
          }
        }

        let firstIssued: IsoDate | null = null;
        for (const d of ctx.statements?.get(month) ?? []) {
          if (d <= asOf && (firstIssued === null || d < firstIssued)) firstIssued = d;
        }
        if (firstIssued === null) {
          if (asOf > stDeadline) {
            findings.push({
              ...empBase,
              rule: "ART60_STATEMENT_MISSING",
              article: "60",
              severity: "breach",
              status: "open",
              dueDate: stDeadline,
              days: daysBetween(stDeadline, asOf),
              outstanding: null,
              detail: `No statement for ${month} given to ${e.name}; due ${stDeadline}.`,
            });
          }
        } else if (firstIssued > stDeadline) {
          findings.push({
            ...empBase,
            rule: "ART60_STATEMENT_LATE",
            article: "60",
            severity: "breach",
            status: "closed",
            dueDate: stDeadline,
            days: daysBetween(stDeadline, firstIssued),
            outstanding: null,
            detail: `Statement for ${month} issued to ${e.name} on ${firstIssued}, after ${stDeadline}.`,
          });
        }
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
    for (const ag of agreements) {
      if (!ag.missed || !ag.periods.some((p) => unpaidMonths.has(p))) continue;
      const inst = ag.missed.installment;
      findings.push({
        rule: "ART63_INSTALLMENT_MISSED",
        article: "63",
        severity: "critical",
        status: "open",
        employerCode: employer.code,
        period: ag.periods[0]!,
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
    for (const { e, regDeadline, payable } of ctxs) {
      const f = registrationFinding(
        { employerCode: employer.code, employeeNo: e.employeeNo, name: e.name, appliedOn: e.appliedOn, registeredOn: e.registeredOn },
        regDeadline,
        asOf,
        payable,
      );
      if (f) findings.push(f);
    }
  }

  findings.sort(compareFindings);
  return { asOf, findings, months, configProblems };
}
