/**
 * Users: staff (admin, hr, auditor) and employees (linked to one employee).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { employees, ROLES, users, type Role } from "../../db/schema";
import { audit, type Actor } from "./audit.server";
import { NEW_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from "~/utils/password-policy";
import { hashPassword } from "~/utils/password.server";
import { transaction } from "../../db/transaction";

export const NewUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    name: z.string().trim().max(100).default(""),
    role: z.enum(ROLES),
    password: z.string().min(NEW_PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
    employeeId: z.number().int().positive().nullable().default(null),
  })
  .refine((u) => (u.role === "employee") === (u.employeeId !== null), {
    message: "an employee account is linked to exactly one employee; staff accounts to none",
    path: ["employeeId"],
  });
export type NewUser = z.input<typeof NewUserSchema>;

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

export async function createUser(db: Db, actor: Actor, input: NewUser): Promise<number> {
  const u = NewUserSchema.parse(input);
  const passwordHash = await hashPassword(u.password);
  return await transaction(db, async (tx) => {
      if (u.employeeId !== null) {
        const emp = await tx.select({ id: employees.id }).from(employees).where(eq(employees.id, u.employeeId)).get();
        if (!emp) throw new Error(`no employee with id ${u.employeeId}`);
      }
      const row = await tx
        .insert(users)
        .values({ email: u.email, name: u.name, role: u.role, employeeId: u.employeeId, passwordHash })
        .returning({ id: users.id })
        .get();
      await audit(tx, actor, {
        action: "create",
        entity: "user",
        entityId: row.id,
        after: { email: u.email, name: u.name, role: u.role, employeeId: u.employeeId },
      });
      return row.id;
    },
  );
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
