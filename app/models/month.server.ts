/**
 * The month view of one employer (SPEC §3–§5): every liable employee with the
 * wage, the required base and the amounts per insurance, the declared base as
 * of D, the month's totals, tranches, payments and late fee. Figures come from
 * the rule engine (one load, one evaluation), never recomputed here.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { employees, employers, payments } from "../../db/schema";
import { isLiable, policyInForce, requiredFor, wageInForce, type BaseClamp, type Items } from "~/rules/contributions";
import { rateText } from "~/rules/money";
import type { Fen, Finding, Insurance, IsoDate, Month, MonthSummary, Side } from "~/rules/types";
import { INSURANCES, SIDES } from "~/rules/types";
import { cachedEmployerView } from "./evaluation.server";

export interface MonthEmployeeRow {
  employeeId: number;
  employeeNo: string;
  name: string;
  hireDate: IsoDate;
  terminationDate: IsoDate | null;
  wage: Fen;
  base: Fen;
  clamp: BaseClamp;
  items: Items;
  employerTotal: Fen;
  employeeTotal: Fen;
  required: Fen;
  /** The line's latest version dated ≤ D, or null. */
  declaredBase: Fen | null;
  declaredOn: IsoDate | null;
  /** declared − required base (negative: under-declared). */
  difference: Fen | null;
  /** Every version of the line (also those after D), oldest first. */
  versions: { declaredBase: Fen; declaredOn: IsoDate }[];
}

export interface MonthPaymentRow {
  id: number;
  paidOn: IsoDate;
  amount: Fen;
  reference: string;
  /** Dated after D: not counted in this view. */
  afterAsOf: boolean;
}

export interface MonthView {
  employer: { id: number; code: string; name: string; region: string };
  period: Month;
  asOf: IsoDate;
  policy: {
    effectiveFrom: Month;
    baseFloor: Fen;
    baseCap: Fen;
    lateFeePpmPerDay: number;
    rates: Record<Insurance, Record<Side, string>>;
  } | null;
  rows: MonthEmployeeRow[];
  totals: { employerTotal: Fen; employeeTotal: Fen; required: Fen; items: Items };
  /** The engine's figures for the month; null when the month is not evaluated (after D's month, no policy, nobody liable). */
  summary: MonthSummary | null;
  findings: Omit<Finding, "exposure" | "detail">[];
  payments: MonthPaymentRow[];
  /** Liable employees in scope without any line version. */
  undeclaredCount: number;
}

export function emptyItems(): Items {
  const items = {} as Items;
  for (const i of INSURANCES) items[i] = { employer: 0, employee: 0 };
  return items;
}

export async function findEmployerByCode(db: Db, code: string) {
  return await db
    .select({ id: employers.id, code: employers.code, name: employers.name, region: employers.region })
    .from(employers)
    .where(eq(employers.code, code))
    .get();
}

/** The month view as of D, or null when the employer does not exist. */
export async function monthView(db: Db, employerCode: string, period: Month, asOf: IsoDate): Promise<MonthView | null> {
  const employer = await findEmployerByCode(db, employerCode);
  if (!employer) return null;
  const { input, evaluation } = await cachedEmployerView(db, asOf, employer.code);
  const policyVersion = policyInForce(
    input.policies.filter((p) => p.region === employer.region),
    period,
  );
  const ids = new Map(
    (await db.select({ id: employees.id, no: employees.employeeNo }).from(employees).where(eq(employees.employerId, employer.id)).all()).map((e) => [e.no, e.id]),
  );
  const linesByEmployee = new Map<string, { declaredBase: Fen; declaredOn: IsoDate }[]>();
  for (const d of input.declarations) {
    if (d.period !== period) continue;
    const list = linesByEmployee.get(d.employeeNo) ?? [];
    list.push({ declaredBase: d.declaredBase, declaredOn: d.declaredOn });
    linesByEmployee.set(d.employeeNo, list);
  }

  const rows: MonthEmployeeRow[] = [];
  const totals = { employerTotal: 0, employeeTotal: 0, required: 0, items: emptyItems() };
  let undeclaredCount = 0;
  for (const e of input.employees) {
    if (e.hireDate > asOf || !isLiable(e.hireDate, e.terminationDate, period)) continue;
    const wage = wageInForce(e.wages, period);
    const versions = (linesByEmployee.get(e.employeeNo) ?? []).sort((a, b) => (a.declaredOn < b.declaredOn ? -1 : 1));
    let latest: (typeof versions)[number] | null = null;
    for (const v of versions) if (v.declaredOn <= asOf) latest = v;
    // Without a line as of D the employee is still to be declared (a line dated after D does not exist yet).
    if (latest === null) undeclaredCount++;
    const c = policyVersion ? requiredFor(wage, policyVersion) : null;
    if (c) {
      for (const i of INSURANCES) for (const s of SIDES) totals.items[i][s] += c.items[i][s];
      totals.employerTotal += c.employerTotal;
      totals.employeeTotal += c.employeeTotal;
      totals.required += c.total;
    }
    rows.push({
      employeeId: ids.get(e.employeeNo) ?? 0,
      employeeNo: e.employeeNo,
      name: e.name,
      hireDate: e.hireDate,
      terminationDate: e.terminationDate,
      wage,
      base: c ? c.base : wage,
      clamp: c ? c.clamp : null,
      items: c ? c.items : emptyItems(),
      employerTotal: c ? c.employerTotal : 0,
      employeeTotal: c ? c.employeeTotal : 0,
      required: c ? c.total : 0,
      declaredBase: latest?.declaredBase ?? null,
      declaredOn: latest?.declaredOn ?? null,
      difference: latest && c ? latest.declaredBase - c.base : null,
      versions,
    });
  }
  rows.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0));

  const paymentRows = (await db
    .select({ id: payments.id, paidOn: payments.paidOn, amount: payments.amount, reference: payments.reference })
    .from(payments)
    .where(and(eq(payments.employerId, employer.id), eq(payments.period, period)))
    .orderBy(asc(payments.paidOn), asc(payments.id))
    .all())
    .map((p) => ({ ...p, afterAsOf: p.paidOn > asOf }));

  const rates = {} as Record<Insurance, Record<Side, string>>;
  if (policyVersion) for (const i of INSURANCES) rates[i] = { employer: rateText(policyVersion.rates[i].employer), employee: rateText(policyVersion.rates[i].employee) };

  return {
    employer,
    period,
    asOf,
    policy: policyVersion
      ? {
          effectiveFrom: policyVersion.effectiveFrom,
          baseFloor: policyVersion.baseFloor,
          baseCap: policyVersion.baseCap,
          lateFeePpmPerDay: policyVersion.lateFeePpmPerDay,
          rates,
        }
      : null,
    rows,
    totals,
    summary: evaluation.months.find((m) => m.period === period) ?? null,
    findings: evaluation.findings.filter((f) => f.period === period).map(({ exposure: _e, detail: _d, ...f }) => f),
    payments: paymentRows,
    undeclaredCount,
  };
}

/** Employee ids by employee number, for links from findings. */
export async function employeeIdsByNo(db: Db, employeeNos: readonly string[]): Promise<Record<string, number>> {
  if (employeeNos.length === 0) return {};
  const rows = await db.select({ id: employees.id, no: employees.employeeNo }).from(employees).where(inArray(employees.employeeNo, [...new Set(employeeNos)])).all();
  return Object.fromEntries(rows.map((r) => [r.no, r.id]));
}
