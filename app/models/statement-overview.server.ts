/**
 * HR's view of a month's statements (SPEC §6): every liable employee with the
 * latest version issued by the as-of date and when they first opened it; the
 * months still without statements (the art. 60 findings); the latest version
 * of each statement of a month (the batch print); and the employer a statement
 * belongs to (the account's employer scope).
 */
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { employees, employers, statements } from "../../db/schema";
import { shanghaiDate } from "~/rules/dates";
import { isLiable } from "~/rules/contributions";
import { evaluateAsOf } from "./engine.server";
import { toView, VIEW_COLUMNS, type StatementVersionRef, type StatementView } from "./statement-view.server";

export interface MonthOverviewRow {
  employeeId: number;
  employeeNo: string;
  name: string;
  hireDate: string;
  terminationDate: string | null;
  /** The latest version issued on or before the as-of date, or null. */
  latest: StatementVersionRef | null;
  /** The issue date of version 1 (what the art. 60 deadline is measured by). */
  firstIssuedOn: string | null;
}

export interface MonthOverview {
  employer: { id: number; code: string; name: string };
  period: string;
  asOf: string;
  rows: MonthOverviewRow[];
  liable: number;
  issued: number;
  viewed: number;
}

/**
 * One employer-month for HR: every employee liable in the month (and hired by
 * the as-of date) with the latest statement version issued by then and when the
 * employee first opened it. Three queries; null for an unknown employer.
 */
export async function statementMonthOverview(db: Db, q: { employerCode: string; period: string; asOf: string }): Promise<MonthOverview | null> {
  const employer = await db
    .select({ id: employers.id, code: employers.code, name: employers.name })
    .from(employers)
    .where(eq(employers.code, q.employerCode))
    .get();
  if (!employer) return null;
  const staff = (await db
    .select({
      employeeId: employees.id,
      employeeNo: employees.employeeNo,
      name: employees.name,
      hireDate: employees.hireDate,
      terminationDate: employees.terminationDate,
    })
    .from(employees)
    .where(eq(employees.employerId, employer.id))
    .orderBy(asc(employees.employeeNo))
    .all())
    .filter((e) => e.hireDate <= q.asOf && isLiable(e.hireDate, e.terminationDate, q.period));

  const latest = new Map<number, StatementVersionRef>();
  const first = new Map<number, string>();
  for (const s of await db
    .select({
      employeeId: statements.employeeId,
      id: statements.id,
      version: statements.version,
      issuedOn: statements.issuedOn,
      reason: statements.reason,
      firstViewedAt: statements.firstViewedAt,
    })
    .from(statements)
    .where(and(eq(statements.employerId, employer.id), eq(statements.period, q.period)))
    .all()) {
    if (s.issuedOn > q.asOf) continue;
    const { employeeId, ...ref } = s;
    // A view after the as-of date had not happened yet.
    if (ref.firstViewedAt && shanghaiDate(new Date(ref.firstViewedAt)) > q.asOf) ref.firstViewedAt = null;
    const cur = latest.get(employeeId);
    if (!cur || ref.version > cur.version) latest.set(employeeId, ref);
    if (ref.version === 1) first.set(employeeId, ref.issuedOn);
  }
  const rows = staff.map((e) => ({ ...e, latest: latest.get(e.employeeId) ?? null, firstIssuedOn: first.get(e.employeeId) ?? null }));
  return {
    employer,
    period: q.period,
    asOf: q.asOf,
    rows,
    liable: rows.length,
    issued: rows.filter((r) => r.latest).length,
    viewed: rows.filter((r) => r.latest?.firstViewedAt).length,
  };
}

export interface MonthWithoutStatements {
  period: string;
  /** Liable employees with no statement for the month. */
  employees: number;
  /** The statement deadline (last day of M+1, rolled). */
  deadline: string;
  /** Days past the deadline as of the as-of date. */
  days: number;
}

/** The months of an employer with ART60_STATEMENT_MISSING findings as of D, newest first. */
export async function monthsWithoutStatements(db: Db, employerCode: string, asOf: string): Promise<MonthWithoutStatements[]> {
  const byPeriod = new Map<string, MonthWithoutStatements>();
  for (const f of (await evaluateAsOf(db, asOf, { employerCodes: [employerCode] })).findings) {
    if (f.rule !== "ART60_STATEMENT_MISSING" || f.period === null) continue;
    const cur = byPeriod.get(f.period);
    if (cur) cur.employees++;
    else byPeriod.set(f.period, { period: f.period, employees: 1, deadline: f.dueDate, days: f.days });
  }
  return [...byPeriod.values()].sort((a, b) => (a.period < b.period ? 1 : -1));
}

/** The latest version of every statement of an employer-month, by employee number: the batch print. */
export async function statementsForMonth(db: Db, employerCode: string, period: string): Promise<StatementView[]> {
  const rows = await db
    .select({ ...VIEW_COLUMNS, employeeId: statements.employeeId })
    .from(statements)
    .innerJoin(employers, eq(employers.id, statements.employerId))
    .innerJoin(employees, eq(employees.id, statements.employeeId))
    .where(and(eq(employers.code, employerCode), eq(statements.period, period)))
    .orderBy(asc(employees.employeeNo), desc(statements.version))
    .all();
  const seen = new Set<number>();
  const out: StatementView[] = [];
  for (const { employeeId, ...r } of rows) {
    if (seen.has(employeeId)) continue;
    seen.add(employeeId);
    out.push(toView(r));
  }
  return out;
}

/** The employer a statement belongs to (for the account's employer scope); null when there is no such statement. */
export async function statementEmployerId(db: Db, id: number): Promise<number | null> {
  return (await db.select({ employerId: statements.employerId }).from(statements).where(eq(statements.id, id)).get())?.employerId ?? null;
}
