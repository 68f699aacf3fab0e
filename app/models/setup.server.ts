/**
 * The facts the set-up checklist (app/rules/checklist.ts) is decided from,
 * per employer: its region's policy months and calendar years, its roster,
 * unregistered employees and declared months. Read-only.
 */
import { cachedPerVersion } from "./evaluation.server";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { declarationLines, employees, employers, nonWorkingDays, policies, registrations } from "../../db/schema";
import type { Db } from "../../db/connection";
import { setupChecklist, type Checklist, type EmployerFacts } from "~/rules/checklist";
import type { Month } from "~/rules/types";

export async function setupFacts(db: Db, employerCode: string | null = null, employerCodes: readonly string[] | null = null): Promise<EmployerFacts[]> {
  const employerRows = await db
    .select({ id: employers.id, code: employers.code, uscc: employers.uscc, region: employers.region, trackingFrom: employers.trackingFrom })
    .from(employers)
    .where(employerCode === null ? undefined : eq(employers.code, employerCode))
    .orderBy(asc(employers.code))
    .all();
  const list = employerRows.filter((e) => employerCodes === null || employerCodes.includes(e.code)); // an account's scope (issue 21)
  if (list.length === 0) return [];
  const ids = list.map((e) => e.id);
  const regions = [...new Set(list.map((e) => e.region))];
  const policyMonths = groupOf(
    await db.select({ k: policies.region, v: policies.effectiveFrom }).from(policies).where(inArray(policies.region, regions)).all(),
  );
  const years = groupOf(
    (await db.selectDistinct({ k: nonWorkingDays.region, v: sql<string>`substr(${nonWorkingDays.date}, 1, 4)` }).from(nonWorkingDays).where(inArray(nonWorkingDays.region, regions)).all()),
  );
  const roster = new Map(
    (
      await db
        .select({
          id: employees.employerId,
          n: count(),
          unregistered: sql<number>`sum(CASE WHEN ${registrations.appliedOn} IS NULL AND ${registrations.registeredOn} IS NULL THEN 1 ELSE 0 END)`.mapWith(Number),
        })
        .from(employees)
        .leftJoin(registrations, and(eq(registrations.employerId, employees.employerId), eq(registrations.employeeId, employees.id)))
        .where(inArray(employees.employerId, ids))
        .groupBy(employees.employerId)
        .all()
    ).map((r) => [r.id, r]),
  );
  const declared = groupOf(
    (await db.selectDistinct({ k: declarationLines.employerId, v: declarationLines.period }).from(declarationLines).where(inArray(declarationLines.employerId, ids)).all()),
  );
  return list.map((e) => {
    const r = roster.get(e.id);
    return {
      code: e.code,
      uscc: e.uscc,
      region: e.region,
      trackingFrom: e.trackingFrom,
      policyMonths: (policyMonths.get(e.region) ?? []) as Month[],
      calendarYears: [...new Set((years.get(e.region) ?? []).map(Number))],
      employees: r?.n ?? 0,
      unregistered: r?.unregistered ?? 0,
      declaredMonths: (declared.get(e.id) ?? []) as Month[],
    };
  });
}

function groupOf<K, V>(rows: { k: K; v: V }[]): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const { k, v } of rows) {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  }
  return m;
}

/** The checklist for the installation (or one employer) in the current month. */
export async function setupState(db: Db, currentMonth: Month, employerCode: string | null = null, employerCodes: readonly string[] | null = null): Promise<Checklist & { employerCount: number }> {
  // Per data version (no payment changes it): the checklist reads every employer's roster, policies and declarations.
  return await cachedPerVersion(db, `setup|${currentMonth}|${employerCode ?? ""}|${employerCodes?.join(",") ?? "*"}`, async () => {
    const facts = await setupFacts(db, employerCode, employerCodes);
    return { ...setupChecklist(facts, currentMonth), employerCount: facts.length };
  }, { people: true });
}

/** Go-live months of the employers, for the dashboard's "tracked from". */
export async function trackingMonths(db: Db): Promise<{ code: string; trackingFrom: Month | null }[]> {
  return await db.select({ code: employers.code, trackingFrom: employers.trackingFrom }).from(employers).orderBy(asc(employers.code)).all();
}
