/**
 * The art. 58 registration tracker: each employee in scope with the
 * registration deadline (hire + 30, rolled past the region's non-working
 * days) and the art. 58 finding as of D, and the one-step recording of an
 * application or registration date.
 */
import { and, eq, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { employees, employers, nonWorkingDays, registrations } from "../../db/schema";
import { registrationFinding } from "~/rules/art58-registration";
import { terminationFinding, terminationReportDeadline } from "~/rules/art50-termination";
import { WorkCalendar } from "~/rules/dates";
import { registrationDeadline } from "~/rules/deadlines";
import type { Finding } from "~/rules/types";
import { audit, type Actor } from "./audit.server";
import { pageWindow } from "~/url-state/search-params";
import type { TrackerQuery } from "~/url-state/registrations-query";
import { fail, isoDate, validate, type Result } from "~/shared/validation";
import { transaction } from "../../db/transaction";
import { employmentDates, registrationOfEmployee } from "./employment-columns.server";

export const REGISTRATION_PAGE_SIZE = 50;

export interface TrackerRow {
  employeeId: number;
  employeeNo: string;
  name: string;
  employerCode: string;
  hireDate: string;
  terminationDate: string | null;
  deadline: string;
  appliedOn: string | null;
  registeredOn: string | null;
  finding: Pick<Finding, "rule" | "severity" | "status" | "days"> | null;
  /** Art. 50 ¶1 (leavers): the report deadline, the report date and the finding as of D. */
  terminationReportedOn: string | null;
  art50Deadline: string | null;
  art50Finding: Pick<Finding, "rule" | "severity" | "status" | "days"> | null;
}

/** Every employee hired on or before D, soonest deadline first, filtered by finding, one page. */
export async function registrationTracker(db: Db, asOf: string, filter: TrackerQuery["finding"], page: number, scope?: readonly string[] | null) {
  const rows = await db
    .select({
      employeeId: employees.id,
      employeeNo: employees.employeeNo,
      name: employees.name,
      employerCode: employers.code,
      region: employers.region,
      ...employmentDates,
    })
    .from(employees)
    .innerJoin(employers, eq(employers.id, employees.employerId))
    .leftJoin(registrations, registrationOfEmployee)
    .where(and(lte(employees.hireDate, asOf), scope ? inArray(employers.code, [...scope]) : undefined))
    .all();
  const regions = [...new Set(rows.map((r) => r.region))];
  const calendars = new Map<string, WorkCalendar>();
  const days = regions.length
    ? await db.select({ region: nonWorkingDays.region, date: nonWorkingDays.date }).from(nonWorkingDays).where(inArray(nonWorkingDays.region, regions)).all()
    : [];
  for (const region of regions) calendars.set(region, new WorkCalendar(days.filter((d) => d.region === region).map((d) => d.date)));

  const all: TrackerRow[] = rows.map(({ region, ...r }) => {
    const deadline = registrationDeadline(r.hireDate, calendars.get(region)!);
    const f = registrationFinding(
      { employerCode: r.employerCode, employeeNo: r.employeeNo, name: r.name, appliedOn: r.appliedOn, registeredOn: r.registeredOn },
      deadline,
      asOf,
      0,
    );
    const terminationReportedOn = r.terminationReportedOn ?? null;
    const art50Deadline = r.terminationDate === null ? null : terminationReportDeadline(r.terminationDate, calendars.get(region)!);
    const g =
      art50Deadline === null
        ? null
        : terminationFinding(
            { employerCode: r.employerCode, employeeNo: r.employeeNo, name: r.name, terminationDate: r.terminationDate, terminationReportedOn },
            art50Deadline,
            asOf,
          );
    return {
      ...r,
      terminationReportedOn,
      deadline,
      finding: f && { rule: f.rule, severity: f.severity, status: f.status, days: f.days },
      art50Deadline,
      art50Finding: g && { rule: g.rule, severity: g.severity, status: g.status, days: g.days },
    };
  });
  const matches = (r: TrackerRow) =>
    filter === "" ? true : filter === "none" ? r.finding === null && r.art50Finding === null : r.finding?.rule === filter || r.art50Finding?.rule === filter;
  const kept = all
    .filter(matches)
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.employeeNo < b.employeeNo ? -1 : 1));
  const total = kept.length;
  const w = pageWindow(total, page, REGISTRATION_PAGE_SIZE);
  return { rows: kept.slice(w.offset, w.offset + REGISTRATION_PAGE_SIZE), total, page: w.page, pageCount: w.pageCount };
}

export const RecordRegistrationSchema = z.object({
  employeeId: z.coerce.number().int().positive(),
  intent: z.enum(["applied", "registered"]),
  date: isoDate(),
});

/** Record the application or the registration date (registered_on ≥ applied_on), audit-logged. */
export async function recordRegistration(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(RecordRegistrationSchema, raw);
  if (!parsed.ok) return parsed;
  const { employeeId, intent, date } = parsed.value;
  const field = intent === "applied" ? "appliedOn" : "registeredOn";
  return await transaction(db, async (tx): Promise<Result> => {
      const emp = await tx.select({ id: employees.id, employerId: employees.employerId }).from(employees).where(eq(employees.id, employeeId)).get();
      if (!emp) return fail("form", "notFound");
      const before = await tx
        .select({ appliedOn: registrations.appliedOn, registeredOn: registrations.registeredOn })
        .from(registrations)
        .where(and(eq(registrations.employerId, emp.employerId), eq(registrations.employeeId, employeeId)))
        .get() ?? { appliedOn: null, registeredOn: null };
      const after = { ...before, [field]: date };
      if (after.appliedOn !== null && after.registeredOn !== null && after.registeredOn < after.appliedOn) {
        return intent === "registered"
          ? fail("registeredOn", "beforeApplied", after.appliedOn)
          : fail("appliedOn", "afterRegistered", after.registeredOn);
      }
      await tx.insert(registrations)
        .values({ employerId: emp.employerId, employeeId, ...after })
        .onConflictDoUpdate({ target: [registrations.employerId, registrations.employeeId], set: { [field]: date } })
        .run();
      await audit(tx, actor, { action: "update", entity: "registration", entityId: employeeId, before, after });
      return { ok: true, value: employeeId };
    },
  );
}

