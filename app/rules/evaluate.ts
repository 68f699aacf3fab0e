/**
 * Evaluate an installation as of D (SPEC §5): walk every employer and every
 * evaluated month, compute the required amounts and tranches, and ask each
 * article's file for its findings. The findings themselves are built where
 * their article is: art58-registration.ts, art50-termination.ts,
 * art60-declaration.ts, art60-payment.ts, art60-statement.ts,
 * art63-collection.ts.
 *
 * Pure: the as-of date is a parameter; only events dated ≤ D count.
 */
import { terminationFinding, terminationReportDeadline } from "./art50-termination";
import { registrationFinding } from "./art58-registration";
import { employeeLineFindings, monthDeclarationFinding } from "./art60-declaration";
import { fillTranches, lateFee, paymentFindings, type PaymentLike } from "./art60-payment";
import { statementFinding } from "./art60-statement";
import { agreementsOf, collectionMonthFindings, installmentMissedFinding, monthCollection, stageOf } from "./art63-collection";
import { annualBasis, baseRuleOf, baseYearStartOf, boundsOf, clampedBase, contributionOn, contributionYearStart, policyInForce } from "./contributions";
import { fromMonthNumber, monthNumber, monthOf } from "./dates";
import { employeeDueDate, premiumDueDate, registrationDeadline, statementDeadline } from "./deadlines";
import { EngineIndex } from "./engine-index";
import { compareFindings, mergeSorted } from "./order";
import type { ConfigProblem, DeclarationVersion, EmployeeInput, EngineInput, Evaluation, Fen, Finding, IsoDate, Month, MonthSummary, PolicyVersion, WageRow } from "./types";

export { EngineIndex } from "./engine-index";

interface EmployeeCtx {
  e: EmployeeInput;
  /** Month numbers of the hire and termination (liable for M when hireM ≤ M ≤ termM). */
  hireM: number;
  termM: number;
  regDeadline: IsoDate;
  /** Premiums payable for the liable evaluated months so far (art. 84 exposure). */
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

/** `basis(E,M)` (SPEC §3), walking the wage rows forward as months increase. */
function basisFor(ctx: EmployeeCtx, month: Month, yearStart: Month | null): Fen {
  // Wage in force: the latest row with effective_month ≤ M (months only increase), else the earliest.
  const w = ctx.wages;
  while (ctx.wageIx + 1 < w.length && w[ctx.wageIx + 1]!.effectiveMonth <= month) ctx.wageIx++;
  // `annual` (yearStart: M's contribution year, the same for every employee of the month): the year's basis.
  if (yearStart === null) return w[ctx.wageIx]!.monthlyWage;
  if (ctx.annualFrom !== yearStart) {
    ctx.annualFrom = yearStart;
    ctx.annualBasis = annualBasis(ctx.e, yearStart).basis;
  }
  return ctx.annualBasis;
}

export interface EvaluateOptions {
  /** Only these employers (codes); all when absent. */
  employerCodes?: readonly string[];
}

/** One evaluated month as its people data make it (SPEC §4): what is required and when, before any payment. */
export interface BaseMonth {
  period: Month;
  /** The month's due date (its earliest tranche). */
  dueDate: IsoDate;
  /** The tranches to fill, by due date. */
  dues: { dueDate: IsoDate; amount: Fen }[];
  liableCount: number;
  required: Fen;
  employerTotal: Fen;
  employeeTotal: Fen;
  declaredFrom: IsoDate | null;
  lateFeePpmPerDay: number;
}

/**
 * The part of an employer's evaluation as of D that its payments and
 * collection actions cannot change: the months' required amounts and
 * tranches, and the findings of art. 58, art. 50 ¶1, the declaration and the
 * statements (sorted). A payment changes only `employerMoney`'s part, so an
 * evaluation after a payment can reuse this one (issue 16).
 */
export interface EmployerBase {
  employerCode: string;
  /** The go-live month (SPEC §5), or null. */
  tracking: Month | null;
  months: BaseMonth[];
  findings: Finding[];
  configProblems: ConfigProblem[];
}

/** The part of an employer's evaluation that its payments and collection actions decide (sorted findings). */
export interface EmployerMoney {
  months: MonthSummary[];
  findings: Finding[];
}

/** An employer's people-side evaluation as of D, or null when nobody is hired by D. */
export function employerBase(ix: EngineIndex, employer: EngineInput["employers"][number], asOf: IsoDate): EmployerBase | null {
  const findings: Finding[] = [];
  const months: BaseMonth[] = [];
  const configProblems: ConfigProblem[] = [];
  const asOfMonth = monthOf(asOf);
  const cal = ix.calendar(employer.region);
  const versions = ix.policiesByRegion.get(employer.region) ?? [];
  const inScope = (ix.employeesByEmployer.get(employer.code) ?? []).filter((e) => e.hireDate <= asOf);
  if (inScope.length === 0) return null;

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

    // Required amounts and employee due dates; tranches by due date; each employee's line and statement.
    const byDue = new Map<IsoDate, Fen>();
    let dueM: IsoDate | null = null;
    let required = 0;
    let employerTotal = 0;
    let employeeTotal = 0;
    const totals = totalsCache(policy);
    const yearStart = baseRuleOf(policy) === "annual" ? contributionYearStart(month, baseYearStartOf(policy)) : null;
    for (const ctx of liable) {
      const e = ctx.e;
      const basis = basisFor(ctx, month, yearStart);
      const c = totals(basis);
      const total = c[0] + c[1];
      const eDue = employeeDueDate(premiumDue, ctx.regDeadline);
      required += total;
      employerTotal += c[0];
      employeeTotal += c[1];
      ctx.payable += total;
      byDue.set(eDue, (byDue.get(eDue) ?? 0) + total);
      if (dueM === null || eDue < dueM) dueM = eDue;
      employeeLineFindings(
        { employerCode: employer.code, month, employee: e, versions: ctx.lines?.get(mn), basis, required: total, due: eDue, declaredFrom, policy, totals },
        asOf,
        findings,
      );
      const st = statementFinding(employer.code, month, e, ctx.statements?.get(mn), stDeadline, asOf);
      if (st) findings.push(st);
    }
    const due = dueM!;
    const dues = [...byDue.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([dueDate, amount]) => ({ dueDate, amount }));
    months.push({ period: month, dueDate: due, dues, liableCount: liable.length, required, employerTotal, employeeTotal, declaredFrom, lateFeePpmPerDay: policy.lateFeePpmPerDay });
    const declaration = monthDeclarationFinding(employer.code, month, due, declaredFrom, asOf);
    if (declaration) findings.push(declaration);
  }

  // Art. 58 after the months: the art. 84 exposure needs the premiums payable to D.
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
  findings.sort(compareFindings);
  return { employerCode: employer.code, tracking, months, findings, configProblems };
}

/** The payments' and collection's part of an employer's evaluation as of D, on top of its base. */
export function employerMoney(ix: EngineIndex, base: EmployerBase, asOf: IsoDate): EmployerMoney {
  const code = base.employerCode;
  const findings: Finding[] = [];
  const months: MonthSummary[] = [];
  const paymentsByMonth = ix.paymentsByEmployer.get(code) ?? new Map<Month, PaymentLike[]>();
  const actions = ix.collectionByEmployer.get(code) ?? [];
  const agreements = agreementsOf(actions, paymentsByMonth, asOf);
  const unpaidMonths = new Set<Month>();
  for (const m of base.months) {
    const filling = fillTranches(m.dues, paymentsByMonth.get(m.period) ?? [], asOf);
    const fee = lateFee(filling, m.lateFeePpmPerDay);
    const unpaid = filling.firstOverdue !== null;
    if (unpaid) unpaidMonths.add(m.period);
    months.push({
      employerCode: code,
      period: m.period,
      dueDate: m.dueDate,
      liableCount: m.liableCount,
      required: m.required,
      employerTotal: m.employerTotal,
      employeeTotal: m.employeeTotal,
      declaredFrom: m.declaredFrom,
      paid: filling.paid,
      overdue: filling.overdue,
      outstanding: Math.max(0, m.required - filling.paid),
      overpaid: filling.overpaid,
      lateFee: fee,
      unpaid,
      tranches: filling.tranches,
    });
    const coll = unpaid ? monthCollection(actions, agreements, m.period, asOf) : null;
    const stage = coll ? stageOf(coll, asOf) : null;
    paymentFindings(code, m.period, m.required, filling, fee, stage, asOf, findings);
    if (coll) collectionMonthFindings(code, m.period, coll, stage!, filling.overdue, asOf, findings);
  }
  // Agreements with a missed installment, while any of their months is unpaid (art. 63).
  for (const ag of agreements) {
    const f = installmentMissedFinding(code, ag, unpaidMonths, base.tracking, asOf);
    if (f) findings.push(f);
  }
  findings.sort(compareFindings);
  return { months, findings };
}

/**
 * Both parts as one employer's evaluation. The findings of the two parts never
 * tie under `compareFindings` (they differ in rule), so merging the two sorted
 * lists gives what sorting them together gives.
 */
export function employerEvaluation(base: EmployerBase | null, money: EmployerMoney | null, asOf: IsoDate): Evaluation {
  if (base === null || money === null) return { asOf, findings: [], months: [], configProblems: [] };
  return { asOf, findings: mergeSorted([base.findings, money.findings], compareFindings), months: money.months, configProblems: base.configProblems };
}

export function evaluate(input: EngineInput | EngineIndex, asOf: IsoDate, options: EvaluateOptions = {}): Evaluation {
  const ix = input instanceof EngineIndex ? input : new EngineIndex(input);
  const findings: Finding[] = [];
  const months: MonthSummary[] = [];
  const configProblems: ConfigProblem[] = [];
  const only = options.employerCodes ? new Set(options.employerCodes) : null;
  for (const employer of ix.input.employers) {
    if (only && !only.has(employer.code)) continue;
    const base = employerBase(ix, employer, asOf);
    if (base === null) continue;
    const money = employerMoney(ix, base, asOf);
    for (const f of base.findings) findings.push(f);
    for (const f of money.findings) findings.push(f);
    for (const m of money.months) months.push(m);
    for (const c of base.configProblems) configProblems.push(c);
  }
  // Stable: findings that tie (one rule, employer, period, employee) keep their order within their part.
  findings.sort(compareFindings);
  return { asOf, findings, months, configProblems };
}
