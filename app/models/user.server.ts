/**
 * Users: staff (admin, hr, auditor) and employees (linked to one employee).
 */
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { employees, employers, ROLES, userEmployers, users, type Role } from "../../db/schema";
import { audit, type Actor } from "./audit.server";
import { hashPassword } from "~/server/password.server";
import { emailAddress, fail, newPassword, type FieldErrors, type Result } from "~/shared/validation";
import { transaction } from "../../db/transaction";

export const NewUserSchema = z
  .object({
    email: emailAddress(),
    name: z.string().trim().max(100, "tooLong").default(""),
    role: z.enum(ROLES, { errorMap: () => ({ message: "invalid" }) }),
    password: newPassword(),
    employeeId: z.number().int().positive().nullable().default(null),
    /** An hr or auditor account limited to these employers (issue 21); none = all. */
    employerCodes: z.array(z.string().trim().min(1)).default([]),
  })
  .superRefine((u, ctx) => {
    if ((u.role === "employee") !== (u.employeeId !== null)) {
      ctx.addIssue({ code: "custom", path: ["employeeId"], message: u.role === "employee" ? "required" : "staffNoEmployee" });
    }
    if (u.employerCodes.length > 0 && u.role !== "hr" && u.role !== "auditor") ctx.addIssue({ code: "custom", path: ["employers"], message: "invalid" });
  });
export type NewUser = z.input<typeof NewUserSchema>;

/** A new account refused by `createUser`: the field errors, as codes (the caller words them). */
export class UserRefused extends Error {
  constructor(readonly errors: FieldErrors) {
    super(`user refused: ${Object.entries(errors).map(([field, e]) => `${field} ${e.code}${e.detail ? ` (${e.detail})` : ""}`).join(", ")}`);
  }
}

/**
 * What can be checked about a new account before its password is asked for:
 * the e-mail is free, the employee (by number) exists and has no account yet,
 * the employers exist. Gives the employee's id.
 */
export async function checkNewUser(
  db: Db,
  input: { email: string; employeeNo?: string | null; employerCodes?: readonly string[] },
): Promise<Result<{ employeeId: number | null }>> {
  if (await db.select({ id: users.id }).from(users).where(eq(users.email, normalizeEmail(input.email))).get()) return fail("email", "duplicate");
  let employeeId: number | null = null;
  if (input.employeeNo) {
    const emp = await db.select({ id: employees.id }).from(employees).where(eq(employees.employeeNo, input.employeeNo)).get();
    if (!emp) return fail("employeeNo", "notFound");
    if (await db.select({ id: users.id }).from(users).where(eq(users.employeeId, emp.id)).get()) return fail("employeeNo", "duplicate");
    employeeId = emp.id;
  }
  const codes = [...new Set(input.employerCodes ?? [])];
  if (codes.length > 0) {
    const found = new Set((await db.select({ code: employers.code }).from(employers).where(inArray(employers.code, codes)).all()).map((e) => e.code));
    const unknown = codes.filter((c) => !found.has(c));
    if (unknown.length > 0) return fail("employers", "unknownEmployer", unknown.join(", "));
  }
  return { ok: true, value: { employeeId } };
}

/**
 * The one way to add an account (the web form and `cli user add`): in one
 * transaction with its audit entry. Refused with `UserRefused` (nothing
 * written): an e-mail already used, an unknown employee or one that already
 * has an account (one account per employee; also a unique index), an unknown
 * employer. Invalid input throws zod's error.
 */
export async function createUser(db: Db, actor: Actor, input: NewUser): Promise<number> {
  const u = NewUserSchema.parse(input);
  const passwordHash = await hashPassword(u.password);
  return await transaction(db, async (tx) => {
      if (await tx.select({ id: users.id }).from(users).where(eq(users.email, u.email)).get()) throw new UserRefused({ email: { code: "duplicate" } });
      if (u.employeeId !== null) {
        const emp = await tx.select({ id: employees.id }).from(employees).where(eq(employees.id, u.employeeId)).get();
        if (!emp) throw new UserRefused({ employeeId: { code: "notFound" } });
        if (await tx.select({ id: users.id }).from(users).where(eq(users.employeeId, u.employeeId)).get()) throw new UserRefused({ employeeId: { code: "duplicate" } });
      }
      const codes = [...new Set(u.employerCodes)].sort();
      const scoped = codes.length ? await tx.select({ id: employers.id, code: employers.code }).from(employers).where(inArray(employers.code, codes)).all() : [];
      const unknown = codes.filter((c) => !scoped.some((e) => e.code === c));
      if (unknown.length > 0) throw new UserRefused({ employers: { code: "unknownEmployer", detail: unknown.join(", ") } });
      const row = await tx
        .insert(users)
        .values({ email: u.email, name: u.name, role: u.role, employeeId: u.employeeId, passwordHash })
        .returning({ id: users.id })
        .get();
      if (scoped.length) await tx.insert(userEmployers).values(scoped.map((e) => ({ userId: row.id, employerId: e.id }))).run();
      await audit(tx, actor, {
        action: "create",
        entity: "user",
        entityId: row.id,
        after: { email: u.email, name: u.name, role: u.role, employeeId: u.employeeId, ...(codes.length ? { employers: codes } : {}) },
      });
      return row.id;
    },
  );
}

/** What the rest of the app knows about a signed-in user. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  employeeId: number | null;
}

export const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  employeeId: users.employeeId,
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The account behind an e-mail, with what sign-in needs; undefined when there is none. */
export async function findUserForSignIn(db: Db, email: string) {
  return await db
    .select({ ...sessionUserColumns, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

export async function setUserDisabled(db: Db, actor: Actor, userId: number, disabled: boolean, now: Date = new Date()): Promise<void> {
  await transaction(db, async (tx) => {
      const before = await tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).get();
      if (!before) throw new Error(`no user with id ${userId}`);
      const disabledAt = disabled ? now.toISOString() : null;
      await tx.update(users).set({ disabledAt }).where(eq(users.id, userId)).run();
      await audit(tx, actor, { action: disabled ? "disable" : "enable", entity: "user", entityId: userId, before, after: { disabledAt } }, now);
    },
  );
}
