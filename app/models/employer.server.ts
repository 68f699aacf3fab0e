/**
 * Employers (SPEC §2): code, name, unified social credit code, region, and the
 * go-live month (`tracking_from`: nothing before it is evaluated). Changing the
 * go-live month of an existing employer needs a confirmation (`confirmTracking`):
 * months start or stop being evaluated.
 */
import { asc, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { employees, employers } from "../../db/schema";
import { isValidMonth } from "~/rules/dates";
import { checkUscc } from "~/rules/identity";
import { audit, type Actor } from "./audit.server";
import { fail, requiredText, validate, type Result } from "~/shared/validation";
import { transaction } from "../../db/transaction";

export const EmployerFormSchema = z.object({
  code: requiredText(20).refine((v) => /^[A-Za-z0-9_.-]+$/.test(v), "invalid"),
  name: requiredText(200),
  uscc: requiredText(40).superRefine((v, ctx) => {
    const r = checkUscc(v);
    if (!r.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "invalidUscc", params: { detail: r.reason, reason: { code: r.code, params: r.params } } });
  }).transform((v) => v.toUpperCase()),
  region: requiredText(50),
  /** The go-live month `YYYY-MM`; empty = every month is tracked. */
  trackingFrom: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((v) => v === "" || isValidMonth(v), "invalidMonth")
    .transform((v) => (v === "" ? null : v)),
});
export type EmployerForm = z.output<typeof EmployerFormSchema>;

export async function listEmployers(db: Db, scope?: readonly string[] | null) {
  return await db
    .select({
      id: employers.id,
      code: employers.code,
      name: employers.name,
      uscc: employers.uscc,
      region: employers.region,
      trackingFrom: employers.trackingFrom,
      employeeCount: count(employees.id),
    })
    .from(employers)
    .leftJoin(employees, eq(employees.employerId, employers.id))
    .where(scope ? inArray(employers.code, [...scope]) : undefined)
    .groupBy(employers.id)
    .orderBy(asc(employers.code))
    .all();
}

/** For select boxes; a scoped account (issue 21) sees only its employers. */
export async function employerOptions(db: Db, scope?: readonly string[] | null) {
  return await db
    .select({ id: employers.id, code: employers.code, name: employers.name })
    .from(employers)
    .where(scope ? inArray(employers.code, [...scope]) : undefined)
    .orderBy(asc(employers.code))
    .all();
}

export async function getEmployer(db: Db, id: number) {
  return await db
    .select({ id: employers.id, code: employers.code, name: employers.name, uscc: employers.uscc, region: employers.region, trackingFrom: employers.trackingFrom })
    .from(employers)
    .where(eq(employers.id, id))
    .get();
}

export async function countEmployers(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(employers).get())?.n ?? 0;
}

/** What a change of go-live month does: `from→to` (a month or `none`), for the confirmation. */
export function trackingChange(from: string | null, to: string | null): string {
  return `${from ?? "none"}→${to ?? "none"}`;
}

/**
 * Create (id null) or update an employer; the code stays unique. A new
 * employer's go-live month is what the form says (the form proposes the current
 * month). Changing an existing employer's go-live month needs `confirmTracking`
 * ("on"); without it the result is the `confirmTracking` error on
 * `trackingFrom` with the change as detail (`2026-12→2026-06`), and nothing is written.
 */
export async function saveEmployer(db: Db, actor: Actor, id: number | null, raw: unknown): Promise<Result> {
  const parsed = validate(EmployerFormSchema, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const confirmed = ["on", "1", "true"].includes(String((raw as Record<string, unknown> | null)?.confirmTracking ?? ""));
  return await transaction(db, async (tx): Promise<Result> => {
      const clash = await tx.select({ id: employers.id }).from(employers).where(eq(employers.code, input.code)).get();
      if (clash && clash.id !== id) return fail("code", "duplicate");
      if (id === null) {
        const row = await tx.insert(employers).values(input).returning({ id: employers.id }).get();
        await audit(tx, actor, { action: "create", entity: "employer", entityId: row.id, after: input });
        return { ok: true, value: row.id };
      }
      const before = await tx
        .select({ code: employers.code, name: employers.name, uscc: employers.uscc, region: employers.region, trackingFrom: employers.trackingFrom })
        .from(employers)
        .where(eq(employers.id, id))
        .get();
      if (!before) return fail("form", "notFound");
      if (before.trackingFrom !== input.trackingFrom && !confirmed) return fail("trackingFrom", "confirmTracking", trackingChange(before.trackingFrom, input.trackingFrom));
      await tx.update(employers).set(input).where(eq(employers.id, id)).run();
      await audit(tx, actor, { action: "update", entity: "employer", entityId: id, before, after: input });
      return { ok: true, value: id };
    },
  );
}
