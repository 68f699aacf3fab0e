/**
 * Applying the State Council's holiday calendar to a region (issue 20 item 4):
 * writes the year's non-working days — holidays, and weekends if asked, minus
 * the make-up working days — that the region does not have yet. Days already
 * there (HR's own included) stay; re-applying writes nothing. One immediate
 * transaction with its audit entry (none when nothing is written).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { nonWorkingDays } from "../../db/schema";
import { calendarDays, CALENDAR_YEARS } from "~/rules/presets/holidays";
import { requiredText, validate, type Result } from "~/shared/validation";
import { audit, type Actor } from "./audit.server";
import { transaction } from "../../db/transaction";

export interface CalendarApplied {
  region: string;
  year: number;
  weekends: boolean;
  /** Dates written now. */
  added: string[];
  /** Dates of the calendar the region already had. */
  unchanged: number;
}

const ApplySchema = z.object({
  region: requiredText(50),
  year: z
    .string({ required_error: "required" })
    .trim()
    .refine((v) => /^\d{4}$/.test(v) && CALENDAR_YEARS.includes(Number(v)), { message: "noCalendar", params: { detail: CALENDAR_YEARS.join(", ") } })
    .transform(Number),
  weekends: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true"),
});

export async function applyCalendar(db: Db, actor: Actor, raw: unknown): Promise<Result<CalendarApplied>> {
  const parsed = validate(ApplySchema, raw);
  if (!parsed.ok) return parsed;
  const { region, year, weekends } = parsed.value;
  const days = calendarDays(year, weekends)!;
  return await transaction(db, async (tx): Promise<Result<CalendarApplied>> => {
      const have = new Set((await tx.select({ d: nonWorkingDays.date }).from(nonWorkingDays).where(eq(nonWorkingDays.region, region)).all()).map((r) => r.d));
      const added = days.filter((d) => !have.has(d));
      if (added.length > 0) {
        await tx.insert(nonWorkingDays).values(added.map((date) => ({ region, date }))).run();
        await audit(tx, actor, { action: "create", entity: "non_working_days", entityId: region, after: { calendar: year, weekends, dates: added } });
      }
      return { ok: true, value: { region, year, weekends, added, unchanged: days.length - added.length } };
    },
  );
}
