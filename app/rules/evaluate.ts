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
import { compareFindings } from "./order";
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
function basisFor(ctx: EmployeeCtx, month: Month, policy: PolicyVersion): Fen {
  // Wage in force: the latest row with effective_month ≤ M (months only increase), else the earliest.
  const w = ctx.wages;
  while (ctx.wageIx + 1 < w.length && w[ctx.wageIx + 1]!.effectiveMonth <= month) ctx.wageIx++;
  if (baseRuleOf(policy) !== "annual") return w[ctx.wageIx]!.monthlyWage;
  const from = contributionYearStart(month, baseYearStartOf(policy));
  if (ctx.annualFrom !== from) {
    ctx.annualFrom = from;
    ctx.annualBasis = annualBasis(ctx.e, from).basis;
  }
  return ctx.annualBasis;
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

      // Required amounts and employee due dates; tranches by due date; each employee's line and statement.
      const byDue = new Map<IsoDate, Fen>();
      let dueM: IsoDate | null = null;
      let required = 0;
      let employerTotal = 0;
      let employeeTotal = 0;
      const totals = totalsCache(policy);
      for (const ctx of liable) {
        const e = ctx.e;
        const basis = basisFor(ctx, month, policy);
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

      const declaration = monthDeclarationFinding(employer.code, month, due, declaredFrom, asOf);
      if (declaration) findings.push(declaration);
      const coll = unpaid ? monthCollection(actions, agreements, month, asOf) : null;
      const stage = coll ? stageOf(coll, asOf) : null;
      paymentFindings(employer.code, month, required, filling, fee, stage, asOf, findings);
      if (coll) collectionMonthFindings(employer.code, month, coll, stage!, filling.overdue, asOf, findings);
    }

    // Agreements with a missed installment, while any of their months is unpaid (art. 63).
    for (const ag of agreements) {
      const f = installmentMissedFinding(employer.code, ag, unpaidMonths, tracking, asOf);
      if (f) findings.push(f);
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
