/**
 * Managing accounts from the web (admin): the list, a new account, and
 * disabling or enabling one. Disabling ends the person's sessions at once
 * (session.server refuses a disabled user's session on its next request).
 */
import { asc, eq, max } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { employees, ROLES, sessions, users } from "../../db/schema";
import type { Actor } from "./audit.server";
import { createUser, normalizeEmail, setUserDisabled } from "./user.server";
import { NEW_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from "~/utils/password-policy";
import { fail, idParam, requiredText, validate, type Result } from "~/utils/validation";

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  employeeNo: string | null;
  disabledAt: string | null;
  createdAt: string;
  lastSeenAt: string | null;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const lastSeen = db
    .select({ userId: sessions.userId, lastSeenAt: max(sessions.lastSeenAt).as("last_seen_at") })
    .from(sessions)
    .groupBy(sessions.userId)
    .as("last_seen");
  return await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      employeeNo: employees.employeeNo,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
      lastSeenAt: lastSeen.lastSeenAt,
    })
    .from(users)
    .leftJoin(employees, eq(employees.id, users.employeeId))
    .leftJoin(lastSeen, eq(lastSeen.userId, users.id))
    .orderBy(asc(users.email))
    .all();
}

export const NewAccountSchema = z
  .object({
    email: requiredText(254).transform(normalizeEmail).refine((v) => z.string().email().safeParse(v).success, "invalidEmail"),
    name: z.string().trim().max(100, "tooLong").optional().default(""),
    role: z.enum(ROLES, { errorMap: () => ({ message: "invalid" }) }),
    employeeNo: z.string().trim().max(20, "tooLong").optional().default(""),
    password: z
      .string({ required_error: "required" })
      .min(1, "required")
      .min(NEW_PASSWORD_MIN_LENGTH, "passwordTooShort")
      .max(PASSWORD_MAX_LENGTH, "tooLong"),
    confirmPassword: z.string().optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.password) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "passwordMismatch" });
    if (v.role === "employee" && v.employeeNo === "") ctx.addIssue({ code: "custom", path: ["employeeNo"], message: "required" });
    if (v.role !== "employee" && v.employeeNo !== "") ctx.addIssue({ code: "custom", path: ["employeeNo"], message: "staffNoEmployee" });
  });

/** A new account from the form; every problem named by its field, nothing written unless all is well. */
export async function createAccount(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(NewAccountSchema, raw);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (await db.select({ id: users.id }).from(users).where(eq(users.email, v.email)).get()) return fail("email", "duplicate");
  let employeeId: number | null = null;
  if (v.role === "employee") {
    const emp = await db.select({ id: employees.id }).from(employees).where(eq(employees.employeeNo, v.employeeNo)).get();
    if (!emp) return fail("employeeNo", "notFound");
    if (await db.select({ id: users.id }).from(users).where(eq(users.employeeId, emp.id)).get()) return fail("employeeNo", "duplicate");
    employeeId = emp.id;
  }
  try {
    const id = await createUser(db, actor, { email: v.email, name: v.name, role: v.role, password: v.password, employeeId });
    return { ok: true, value: id };
  } catch (e) {
    // Another request created the same e-mail between the check and the write.
    if (e instanceof Error && /UNIQUE/.test(e.message)) return fail("email", "duplicate");
    throw e;
  }
}

const ToggleSchema = z.object({ userId: idParam(), disabled: z.enum(["0", "1"], { errorMap: () => ({ message: "invalid" }) }) });

/** Disable or enable an account. An admin cannot disable their own (no locking oneself out). */
export async function setAccountDisabled(db: Db, actor: Actor & { userId: number | null }, raw: unknown): Promise<Result> {
  const parsed = validate(ToggleSchema, raw);
  if (!parsed.ok) return parsed;
  const { userId, disabled } = parsed.value;
  if (!await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) return fail("userId", "notFound");
  if (disabled === "1" && userId === actor.userId) return fail("userId", "selfDisable");
  await setUserDisabled(db, actor, userId, disabled === "1");
  return { ok: true, value: userId };
}
