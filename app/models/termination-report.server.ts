/**
 * Art. 50 ¶1: recording the day the end of an employment was reported to the
 * agency (registrations.termination_reported_on, SPEC §2): only for an
 * employee with a termination date, never before it; audited.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { employees, employers, nonWorkingDays, registrations } from "../../db/schema";
import { terminationReportDeadline } from "~/rules/art50-termination";
import { WorkCalendar } from "~/rules/dates";
import { fail, idParam, isoDate, validate, type Result } from "~/shared/validation";
import { audit, type Actor } from "./audit.server";
import { transaction } from "../../db/transaction";

export const TerminationReportSchema = z.object({
  employeeId: idParam(),
  terminationReportedOn: isoDate(),
});

export async function recordTerminationReport(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(TerminationReportSchema, raw);
  if (!parsed.ok) return parsed;
  const { employeeId, terminationReportedOn } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const emp = await tx.select({ terminationDate: employees.terminationDate, employerId: employees.employerId }).from(employees).where(eq(employees.id, employeeId)).get();
      if (!emp) return fail("form", "notFound");
      if (emp.terminationDate === null) return fail("terminationReportedOn", "noTermination");
      if (terminationReportedOn < emp.terminationDate) return fail("terminationReportedOn", "beforeTermination", emp.terminationDate);
      const before = await tx
        .select({ terminationReportedOn: registrations.terminationReportedOn })
        .from(registrations)
        .where(and(eq(registrations.employerId, emp.employerId), eq(registrations.employeeId, employeeId)))
        .get();
      await tx.insert(registrations)
        .values({ employerId: emp.employerId, employeeId, terminationReportedOn })
        .onConflictDoUpdate({ target: [registrations.employerId, registrations.employeeId], set: { terminationReportedOn } })
        .run();
      await audit(tx, actor, {
        action: "update",
        entity: "registration",
        entityId: employeeId,
        before: { terminationReportedOn: before?.terminationReportedOn ?? null },
        after: { terminationReportedOn },
      });
      return { ok: true, value: employeeId };
    },
  );
}

/** A leaver's art. 50 deadline (termination + 15, rolled past the region's non-working days) and report date; null while employed. */
export async function terminationReportStatus(db: Db, employeeId: number): Promise<{ terminationDate: string; deadline: string; reportedOn: string | null } | null> {
  const e = await db
    .select({ terminationDate: employees.terminationDate, region: employers.region, reportedOn: registrations.terminationReportedOn })
    .from(employees)
    .innerJoin(employers, eq(employers.id, employees.employerId))
    .leftJoin(registrations, and(eq(registrations.employerId, employees.employerId), eq(registrations.employeeId, employees.id)))
    .where(eq(employees.id, employeeId))
    .get();
  if (!e || e.terminationDate === null) return null;
  const cal = new WorkCalendar((await db.select({ date: nonWorkingDays.date }).from(nonWorkingDays).where(eq(nonWorkingDays.region, e.region)).all()).map((d) => d.date));
  return { terminationDate: e.terminationDate, deadline: terminationReportDeadline(e.terminationDate, cal), reportedOn: e.reportedOn ?? null };
}
