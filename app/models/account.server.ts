/**
 * A signed-in user's own account: changing the password. A success ends every
 * session of the user (a stolen cookie stops working) and starts a fresh one
 * for the browser that made the change.
 */
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { loginAttempts, sessions, users } from "../../db/schema";
import { PASSWORD_MAX_LENGTH, type PasswordErrors } from "~/shared/password-policy";
import { fieldErrorsOf, newPassword } from "~/shared/validation";
import { HashQueueBusy, hashPassword, hashQueueFull, verifyPassword } from "~/server/password.server";
import { audit } from "./audit.server";
import { accountThrottleKey, createSession, MAX_FAILURES_PER_ACCOUNT, releaseReservation, reserveAttempt } from "./session.server";
import { transaction } from "../../db/transaction";


export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "required").max(PASSWORD_MAX_LENGTH, "tooLong"),
    newPassword: newPassword(),
    confirmPassword: z.string().min(1, "required").max(PASSWORD_MAX_LENGTH, "tooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword && v.newPassword !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "passwordMismatch" });
    if (v.newPassword && v.newPassword === v.currentPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: "passwordUnchanged" });
  });

export type ChangePasswordResult = { ok: true; token: string; sessionsEnded: number } | { ok: false; errors: PasswordErrors };

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
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const { currentPassword, newPassword } = parsed.data;
  const actor = { userId: user.id, label: user.email };
  const failed = async (throttled: boolean): Promise<ChangePasswordResult> => {
    await transaction(db, async (tx) => void audit(tx, actor, { action: "password_change_failed", entity: "user", entityId: user.id, after: { throttled } }, now),
    );
    return { ok: false, errors: { currentPassword: { code: "passwordWrong" } } };
  };

  // Reserve the attempt before hashing (see signIn): concurrent guesses cannot all read the same count.
  if (hashQueueFull()) return { ok: false, errors: { currentPassword: { code: "busy" } } };
  const reservation = await reserveAttempt(db, [{ key: accountThrottleKey(user.email), max: MAX_FAILURES_PER_ACCOUNT }], now);
  if (reservation.throttled) return await failed(true);
  const row = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
  let passwordHash: string;
  try {
    const currentOk = row ? await verifyPassword(currentPassword, row.passwordHash) : false;
    if (!currentOk) return await failed(false);
    passwordHash = await hashPassword(newPassword);
  } catch (error) {
    if (!(error instanceof HashQueueBusy)) throw error;
    await releaseReservation(db, reservation.ids);
    return { ok: false, errors: { currentPassword: { code: "busy" } } };
  }

  return await transaction(db, async (tx): Promise<ChangePasswordResult> => {
      await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
      await tx.delete(loginAttempts).where(inArray(loginAttempts.id, reservation.ids)).run();
      const ended = (await tx.delete(sessions).where(eq(sessions.userId, user.id)).run()).changes;
      const token = await createSession(tx, user.id, now);
      await audit(tx, actor, { action: "password_change", entity: "user", entityId: user.id, after: { sessionsEnded: ended } }, now);
      return { ok: true, token, sessionsEnded: ended };
    },
  );
}
