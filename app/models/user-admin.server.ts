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
import { checkNewUser, createUser, setUserDisabled, UserRefused } from "./user.server";
import { emailAddress, fail, idParam, newPassword, validate, type Result } from "~/shared/validation";

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
    email: emailAddress(),
    name: z.string().trim().max(100, "tooLong").optional().default(""),
    role: z.enum(ROLES, { errorMap: () => ({ message: "invalid" }) }),
    employeeNo: z.string().trim().max(20, "tooLong").optional().default(""),
    password: newPassword(),
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
  const checked = await checkNewUser(db, { email: v.email, employeeNo: v.role === "employee" ? v.employeeNo : null });
  if (!checked.ok) return checked;
  try {
    const id = await createUser(db, actor, { email: v.email, name: v.name, role: v.role, password: v.password, employeeId: checked.value.employeeId });
    return { ok: true, value: id };
  } catch (e) {
    // Another request took the e-mail or the employee between the check and the write.
    if (e instanceof UserRefused) return { ok: false, errors: "employeeId" in e.errors ? { employeeNo: e.errors.employeeId! } : e.errors };
    if (e instanceof Error && /UNIQUE|unique/.test(e.message)) return fail(/employee/.test(e.message) ? "employeeNo" : "email", "duplicate");
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
