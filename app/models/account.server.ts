/**
 * A signed-in user's own account: changing the password. A success ends every
 * session of the user (a stolen cookie stops working) and starts a fresh one
 * for the browser that made the change.
 */
import { and, eq, gte, count } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { loginAttempts, sessions, users } from "../../db/schema";
import {
  NEW_PASSWORD_MIN_LENGTH,
  PASSWORD_MAX_LENGTH,
  type PasswordErrorCode,
  type PasswordErrors,
  type PasswordField,
} from "~/utils/password-policy";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { audit } from "./audit.server";
import { createSession, MAX_FAILURES_PER_ACCOUNT, THROTTLE_WINDOW_MS } from "./session.server";


export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "required").max(PASSWORD_MAX_LENGTH, "tooLong"),
    newPassword: z.string().min(1, "required").min(NEW_PASSWORD_MIN_LENGTH, "tooShort").max(PASSWORD_MAX_LENGTH, "tooLong"),
    confirmPassword: z.string().min(1, "required").max(PASSWORD_MAX_LENGTH, "tooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword && v.newPassword !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "mismatch" });
    if (v.newPassword && v.newPassword === v.currentPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: "unchanged" });
  });

export type ChangePasswordResult = { ok: true; token: string; sessionsEnded: number } | { ok: false; errors: PasswordErrors };

function errorsOf(error: z.ZodError): PasswordErrors {
  const out: PasswordErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as PasswordField;
    if (out[field]) continue;
    const code = issue.message as PasswordErrorCode;
    out[field] = ["required", "tooShort", "tooLong", "mismatch", "unchanged"].includes(code) ? code : "required";
  }
  return out;
}

/**
 * Change the password after checking the current one. Wrong answers count
 * towards the sign-in throttle of the account (so the form cannot be used to
 * guess the password) and are audit-logged, as is the change itself.
 */
export async function changePassword(
  db: Db,
  user: { id: number; email: string },
  raw: unknown,
  now: Date = new Date(),
): Promise<ChangePasswordResult> {
  const parsed = ChangePasswordSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error) };
  const { currentPassword, newPassword } = parsed.data;
  const actor = { userId: user.id, label: user.email };
  const accountKey = `account:${user.email}`;

  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const failures =
    db.select({ n: count() }).from(loginAttempts).where(and(eq(loginAttempts.key, accountKey), gte(loginAttempts.at, since))).get()?.n ?? 0;
  const currentOk = row ? await verifyPassword(currentPassword, row.passwordHash) : false;
  if (!row || !currentOk || failures >= MAX_FAILURES_PER_ACCOUNT) {
    db.transaction(
      (tx) => {
        tx.insert(loginAttempts).values({ key: accountKey, at: now.toISOString() }).run();
        audit(tx, actor, { action: "password_change_failed", entity: "user", entityId: user.id, after: { throttled: failures >= MAX_FAILURES_PER_ACCOUNT } }, now);
      },
      { behavior: "immediate" },
    );
    return { ok: false, errors: { currentPassword: "wrong" } };
  }

  const passwordHash = await hashPassword(newPassword);
  return db.transaction(
    (tx): ChangePasswordResult => {
      tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
      const ended = tx.delete(sessions).where(eq(sessions.userId, user.id)).run().changes;
      const token = createSession(tx, user.id, now);
      audit(tx, actor, { action: "password_change", entity: "user", entityId: user.id, after: { sessionsEnded: ended } }, now);
      return { ok: true, token, sessionsEnded: ended };
    },
    { behavior: "immediate" },
  );
}
