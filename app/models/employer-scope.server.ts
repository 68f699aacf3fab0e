/**
 * Employer-scoped staff accounts (issue 21, finding 8). An HR or auditor
 * account may be limited to a list of employers (`user_employers`); an empty
 * list means every employer. Admins and employees are never scoped (an
 * employee sees only their own portal anyway).
 *
 * A scope is `null` (all employers) or the allowed employers by id and code;
 * routes ask `inScope` before reading or writing anything of an employer and
 * pass `scope.codes` to the list queries.
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { employers, userEmployers, users } from "../../db/schema";
import { audit, type Actor } from "./audit.server";
import { fail, type Result } from "~/shared/validation";
import { transaction } from "../../db/transaction";

export type EmployerScope = { ids: ReadonlySet<number>; codes: string[] } | null;

/** The roles that may be limited to employers. */
export const SCOPABLE_ROLES = ["hr", "auditor"] as const;

/** The employers a user may see and change: null = all. */
export async function employerScopeOf(db: Db, userId: number): Promise<EmployerScope> {
  const rows = await db
    .select({ id: employers.id, code: employers.code })
    .from(userEmployers)
    .innerJoin(employers, eq(employers.id, userEmployers.employerId))
    .where(eq(userEmployers.userId, userId))
    .orderBy(asc(employers.code))
    .all();
  if (rows.length === 0) return null;
  return { ids: new Set(rows.map((r) => r.id)), codes: rows.map((r) => r.code) };
}

/** Whether the scope allows this employer (by id or by code). */
export function inScope(scope: EmployerScope, employer: { id?: number | null; code?: string | null }): boolean {
  if (scope === null) return true;
  if (employer.id != null) return scope.ids.has(employer.id);
  if (employer.code != null) return scope.codes.includes(employer.code);
  return false;
}

/** Every account's employer codes (for the users page): user id → codes; absent = all. */
export async function employerCodesByUser(db: Db): Promise<Map<number, string[]>> {
  const rows = await db
    .select({ userId: userEmployers.userId, code: employers.code })
    .from(userEmployers)
    .innerJoin(employers, eq(employers.id, userEmployers.employerId))
    .orderBy(asc(employers.code))
    .all();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.code]);
  return out;
}

/**
 * Replace the employers of an account (empty = all), audit-logged in the same
 * transaction. Refused: an unknown account, an unknown employer code (named),
 * a role that cannot be scoped (admin, employee) with a non-empty list.
 */
export async function setUserEmployers(db: Db, actor: Actor, userId: number, codes: readonly string[], now: Date = new Date()): Promise<Result> {
  const wanted = [...new Set(codes.map((c) => c.trim()).filter((c) => c !== ""))].sort();
  return await transaction(db, async (tx): Promise<Result> => {
      const user = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).get();
      if (!user) return fail("userId", "notFound");
      if (wanted.length > 0 && !(SCOPABLE_ROLES as readonly string[]).includes(user.role)) return fail("employers", "invalid");
      const found = wanted.length ? await tx.select({ id: employers.id, code: employers.code }).from(employers).where(inArray(employers.code, wanted)).all() : [];
      const missing = wanted.filter((c) => !found.some((f) => f.code === c));
      if (missing.length > 0) return fail("employers", "unknownEmployer", missing.join(", "));
      const before = (await tx
        .select({ code: employers.code })
        .from(userEmployers)
        .innerJoin(employers, eq(employers.id, userEmployers.employerId))
        .where(eq(userEmployers.userId, userId))
        .orderBy(asc(employers.code))
        .all())
        .map((r) => r.code);
      if (before.join(",") === wanted.join(",")) return { ok: true, value: userId };
      await tx.delete(userEmployers).where(eq(userEmployers.userId, userId)).run();
      if (found.length) await tx.insert(userEmployers).values(found.map((f) => ({ userId, employerId: f.id }))).run();
      await audit(tx, actor, { action: "set_employers", entity: "user", entityId: userId, before: { employers: before }, after: { employers: wanted } }, now);
      return { ok: true, value: userId };
    },
  );
}
