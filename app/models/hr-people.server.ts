/**
 * What the HR month's lists (the annual base declaration, the change list)
 * read of one employer: the employer, its region's policy versions and
 * non-working days, and every employee with wage history and registration —
 * one query per table.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { employees, employers, nonWorkingDays, policies, registrations, wages } from "../../db/schema";
import { toPolicyVersion } from "./engine.server";
import { WorkCalendar } from "~/rules/dates";
import type { PolicyVersion, WageRow } from "~/rules/types";
import type { Tx } from "./audit.server";
import { employmentDates, registrationOfEmployee } from "./employment-columns.server";

export interface HrPerson {
  employeeId: number;
  employeeNo: string;
  name: string;
  idNumber: string;
  hireDate: string;
  terminationDate: string | null;
  wages: WageRow[];
  appliedOn: string | null;
  registeredOn: string | null;
  terminationReportedOn: string | null;
}

export interface HrEmployer {
  id: number;
  code: string;
  name: string;
  region: string;
}

export interface PolicyRow {
  version: PolicyVersion;
  changeCutoffDay: number | null;
}

export interface HrData {
  employer: HrEmployer;
  policies: PolicyRow[];
  calendar: WorkCalendar;
  people: HrPerson[];
}

export async function findEmployerByCode(db: Db | Tx, code: string): Promise<HrEmployer | undefined> {
  return await db.select({ id: employers.id, code: employers.code, name: employers.name, region: employers.region }).from(employers).where(eq(employers.code, code)).get();
}

/** The first employer by code (the lists' default). */
export async function firstEmployerCode(db: Db): Promise<string | null> {
  return (await db.select({ code: employers.code }).from(employers).orderBy(asc(employers.code)).limit(1).get())?.code ?? null;
}

/** A region's policy versions (with the change-list cut-off day). */
export async function loadPolicyRows(db: Db | Tx, region: string): Promise<PolicyRow[]> {
  return (await db
    .select()
    .from(policies)
    .where(eq(policies.region, region))
    .all())
    .map((p) => ({ version: toPolicyVersion(p), changeCutoffDay: p.changeCutoffDay }));
}

export async function loadHrData(db: Db | Tx, employer: HrEmployer): Promise<HrData> {
  const pols = await loadPolicyRows(db, employer.region);
  const calendar = new WorkCalendar(
    (await db.select({ date: nonWorkingDays.date }).from(nonWorkingDays).where(eq(nonWorkingDays.region, employer.region)).all()).map((d) => d.date),
  );
  const rows = await db
    .select({
      employeeId: employees.id,
      employeeNo: employees.employeeNo,
      name: employees.name,
      idNumber: employees.idNumber,
      ...employmentDates,
    })
    .from(employees)
    .leftJoin(registrations, registrationOfEmployee)
    .where(eq(employees.employerId, employer.id))
    .all();
  const byEmployee = new Map<number, WageRow[]>();
  const wageRows = await db
    .select({ employeeId: wages.employeeId, effectiveMonth: wages.effectiveMonth, monthlyWage: wages.monthlyWage })
    .from(wages)
    .where(eq(wages.employerId, employer.id))
    .orderBy(wages.employeeId, wages.effectiveMonth)
    .all();
  for (const w of wageRows) {
    const list = byEmployee.get(w.employeeId) ?? [];
    list.push({ effectiveMonth: w.effectiveMonth, monthlyWage: w.monthlyWage });
    byEmployee.set(w.employeeId, list);
  }
  const people = rows
    .filter((r) => byEmployee.has(r.employeeId))
    .map((r) => ({
      ...r,
      wages: byEmployee.get(r.employeeId)!,
      appliedOn: r.appliedOn ?? null,
      registeredOn: r.registeredOn ?? null,
      terminationReportedOn: r.terminationReportedOn ?? null,
    }));
  return { employer, policies: pols, calendar, people };
}

/** The policy row in force for M (the latest `effective_from ≤ M`). */
export function policyRowFor(rows: readonly PolicyRow[], month: string): PolicyRow | null {
  let best: PolicyRow | null = null;
  for (const r of rows) if (r.version.effectiveFrom <= month && (best === null || r.version.effectiveFrom > best.version.effectiveFrom)) best = r;
  return best;
}
