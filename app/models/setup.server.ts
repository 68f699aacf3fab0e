/**
 * The facts the set-up checklist (app/rules/checklist.ts) is decided from,
 * per employer: its region's policy months and calendar years, its roster,
 * unregistered employees and declared months. Read-only.
 */
import { cachedPerVersion } from "./evaluation.server";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { setupChecklist, type Checklist, type EmployerFacts } from "~/rules/checklist";
import type { Month } from "~/rules/types";

export function setupFacts(db: Db, employerCode: string | null = null, employerCodes: readonly string[] | null = null): EmployerFacts[] {
  const c = db.$client;
  const employers = (
    (employerCode === null
      ? c.prepare("SELECT id, code, uscc, region, tracking_from FROM employers ORDER BY code").all()
      : c.prepare("SELECT id, code, uscc, region, tracking_from FROM employers WHERE code = ?").all(employerCode)) as {
      id: number;
      code: string;
      uscc: string;
      region: string;
      tracking_from: string | null;
    }[]
  ).filter((e) => employerCodes === null || employerCodes.includes(e.code)); // an account's scope (issue 21)
  const policyMonths = c.prepare("SELECT effective_from AS m FROM policies WHERE region = ?").pluck();
  const years = c.prepare("SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) AS y FROM non_working_days WHERE region = ?").pluck();
  const roster = c.prepare(
    `SELECT count(*) AS n,
            sum(CASE WHEN r.applied_on IS NULL AND r.registered_on IS NULL THEN 1 ELSE 0 END) AS unregistered
       FROM employees e LEFT JOIN registrations r ON r.employee_id = e.id
      WHERE e.employer_id = ?`,
  );
  const declared = c.prepare("SELECT DISTINCT period FROM declaration_lines WHERE employer_id = ?").pluck();
  return employers.map((e) => {
    const r = roster.get(e.id) as { n: number; unregistered: number | null };
    return {
      code: e.code,
      uscc: e.uscc,
      region: e.region,
      trackingFrom: e.tracking_from,
      policyMonths: policyMonths.all(e.region) as Month[],
      calendarYears: years.all(e.region) as number[],
      employees: r.n,
      unregistered: r.unregistered ?? 0,
      declaredMonths: declared.all(e.id) as Month[],
    };
  });
}

/** The checklist for the installation (or one employer) in the current month. */
export function setupState(db: Db, currentMonth: Month, employerCode: string | null = null, employerCodes: readonly string[] | null = null): Checklist & { employerCount: number } {
  // Per data version: the checklist reads every employer's roster, policies and declarations.
  return cachedPerVersion(db, `setup|${currentMonth}|${employerCode ?? ""}|${employerCodes?.join(",") ?? "*"}`, () => {
    const facts = setupFacts(db, employerCode, employerCodes);
    return { ...setupChecklist(facts, currentMonth), employerCount: facts.length };
  });
}

/** Go-live months of the employers, for the dashboard's "tracked from". */
export function trackingMonths(db: Db): { code: string; trackingFrom: Month | null }[] {
  return db.all<{ code: string; trackingFrom: Month | null }>(sql`SELECT code, tracking_from AS trackingFrom FROM employers ORDER BY code`);
}
