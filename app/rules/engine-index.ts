/**
 * The engine's index over its input (SPEC §2 data): what does not depend on
 * the as-of date, built once and reused across several as-of dates.
 */
import type { PaymentLike } from "./art60-payment";
import { monthNumber, WorkCalendar } from "./dates";
import type { DeclarationVersion, EmployeeInput, EngineInput, IsoDate, Month, PolicyVersion } from "./types";

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** employer → month → its payments, in input order. */
function paymentsIndex(payments: EngineInput["payments"]): Map<string, Map<Month, PaymentLike[]>> {
  const out = new Map<string, Map<Month, PaymentLike[]>>();
  for (const p of payments) {
    let byMonth = out.get(p.employerCode);
    if (!byMonth) out.set(p.employerCode, (byMonth = new Map()));
    const list = byMonth.get(p.period);
    if (list) list.push(p);
    else byMonth.set(p.period, [p]);
  }
  return out;
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
    this.paymentsByEmployer = paymentsIndex(input.payments);
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

  /**
   * The same index with other payments and collection actions (for the same
   * employers): everything else is shared, not indexed again. What a payment
   * or a collection action changes, read back without the rest (issue 16).
   */
  withMoney(money: Pick<EngineInput, "payments" | "collection">): EngineIndex {
    const ix = Object.create(EngineIndex.prototype) as EngineIndex;
    Object.assign(ix, this, {
      input: { ...this.input, payments: money.payments, collection: money.collection },
      paymentsByEmployer: paymentsIndex(money.payments),
      collectionByEmployer: groupBy(money.collection, (c) => c.employerCode),
    });
    return ix;
  }

  /** The same index without the employees (what the money part of the dashboard reads: app/rules/dashboard.ts `moneyFigures`). */
  withoutRoster(): EngineIndex {
    const ix = Object.create(EngineIndex.prototype) as EngineIndex;
    Object.assign(ix, this, { employeesByEmployer: new Map() });
    return ix;
  }

  calendar(region: string): WorkCalendar {
    let c = this.calendars.get(region);
    if (!c) this.calendars.set(region, (c = new WorkCalendar()));
    return c;
  }
}
