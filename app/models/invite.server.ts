/**
 * Employees get in without an administrator typing passwords (issue 19.7):
 * HR invites employees with an e-mail address (an account is made for them
 * with no usable password), and anyone may ask for a new password. Both send
 * a single-use set-password link valid for 7 days; only its hash is stored.
 * "Forgot password" answers the same whatever the address.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { employees, employers, mailOutbox, passwordTokens, sessions, users } from "../../db/schema";
import { isLiable } from "~/rules/contributions";
import { z } from "zod";
import type { PasswordErrors } from "~/shared/password-policy";
import { newPassword, validate } from "~/shared/validation";
import { hashPassword } from "~/server/password.server";
import { audit, type Actor, type Tx } from "./audit.server";
import { normalizeEmail } from "./user.server";
import { transaction } from "../../db/transaction";

export const PASSWORD_TOKEN_TTL_MS = 7 * 86_400_000;
/** At most one "forgot password" message per account in this window. */
export const RESET_INTERVAL_MS = 15 * 60_000;
/** The password hash of an account that has none yet (verifies nothing). */
export const NO_PASSWORD = "!";

function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A fresh set-password token for the outbox's message; only its hash is stored. */
export async function createPasswordToken(tx: Tx, userId: number, purpose: "invite" | "reset", outboxId: number | null, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.insert(passwordTokens)
    .values({ tokenHash: sha256(token), userId, purpose, outboxId, expiresAt: new Date(now.getTime() + PASSWORD_TOKEN_TTL_MS).toISOString() })
    .run();
  return token;
}

export interface InviteResult {
  ok: true;
  invited: number;
  /** Employees without an e-mail address. */
  noAddress: number;
  /** Already have a working account (nothing sent). */
  active: number;
  /** Invited within the last 7 days (nothing sent again). */
  pending: number;
  /** The address belongs to another account. */
  conflict: number;
}

/**
 * Invite the employees of an employer liable in `period` (or one employee by
 * number): an employee account for each one with an address and no account
 * yet, and a set-password message. A second click within 7 days sends nothing.
 */
export async function inviteEmployees(
  db: Db,
  q: { employerCode: string; period?: string; employeeNo?: string },
  actor: Actor,
  now: Date = new Date(),
): Promise<InviteResult | { ok: false; code: "unknownEmployer" | "unknownEmployee" }> {
  const employer = await db.select({ id: employers.id }).from(employers).where(eq(employers.code, q.employerCode)).get();
  if (!employer) return { ok: false, code: "unknownEmployer" };
  let staff = await db.select().from(employees).where(eq(employees.employerId, employer.id)).all();
  if (q.employeeNo) {
    staff = staff.filter((e) => e.employeeNo === q.employeeNo);
    if (staff.length === 0) return { ok: false, code: "unknownEmployee" };
  } else if (q.period) {
    const period = q.period;
    staff = staff.filter((e) => isLiable(e.hireDate, e.terminationDate, period));
  }
  return await transaction(db, async (tx) => {
      const result: InviteResult = { ok: true, invited: 0, noAddress: 0, active: 0, pending: 0, conflict: 0 };
      const since = new Date(now.getTime() - PASSWORD_TOKEN_TTL_MS).toISOString();
      for (const e of staff) {
        const email = normalizeEmail(e.email);
        if (!email) {
          result.noAddress++;
          continue;
        }
        let user = await tx.select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt }).from(users).where(eq(users.employeeId, e.id)).get();
        if (!user) {
          if (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
            result.conflict++;
            continue;
          }
          const row = await tx.insert(users).values({ email, name: e.name, role: "employee", employeeId: e.id, passwordHash: NO_PASSWORD }).returning({ id: users.id }).get();
          await audit(tx, actor, { action: "create", entity: "user", entityId: row.id, after: { email, role: "employee", employeeId: e.id, invited: true } }, now);
          user = { id: row.id, passwordHash: NO_PASSWORD, disabledAt: null };
        }
        if (user.passwordHash !== NO_PASSWORD || user.disabledAt !== null) {
          result.active++;
          continue;
        }
        const recent = await tx
          .select({ id: mailOutbox.id })
          .from(mailOutbox)
          .where(and(eq(mailOutbox.kind, "invite"), eq(mailOutbox.userId, user.id), gt(mailOutbox.createdAt, since)))
          .get();
        if (recent) {
          result.pending++;
          continue;
        }
        const out = await tx
          .insert(mailOutbox)
          .values({ kind: "invite", dedupeKey: `invite:${user.id}:${now.toISOString()}`, employerId: employer.id, userId: user.id, address: email, locale: e.mailLocale, nextAttemptAt: now.toISOString() })
          .returning({ id: mailOutbox.id })
          .get();
        await audit(tx, actor, { action: "invite", entity: "user", entityId: user.id, after: { outboxId: out.id, employeeNo: e.employeeNo } }, now);
        result.invited++;
      }
      return result;
    },
  );
}

/**
 * "Forgot password": queue a set-password message when the address belongs
 * to an enabled account, at most one per RESET_INTERVAL_MS. Returns nothing:
 * the page says the same whatever happened.
 */
export async function requestPasswordReset(db: Db, rawEmail: string, address: string, now: Date = new Date()): Promise<void> {
  const email = normalizeEmail(rawEmail).slice(0, 254);
  if (!email) return;
  await transaction(db, async (tx) => {
      const user = await tx
        .select({ id: users.id, disabledAt: users.disabledAt, locale: users.locale, mailLocale: employees.mailLocale, employerId: employees.employerId })
        .from(users)
        .leftJoin(employees, eq(employees.id, users.employeeId))
        .where(eq(users.email, email))
        .get();
      const anonymous = { userId: null, label: "anonymous" };
      if (!user || user.disabledAt !== null) {
        await audit(tx, anonymous, { action: "password_reset_requested", entity: "user", entityId: "", after: { email, address, sent: false } }, now);
        return;
      }
      const bucket = Math.floor(now.getTime() / RESET_INTERVAL_MS);
      const res = await tx
        .insert(mailOutbox)
        .values({ kind: "reset", dedupeKey: `reset:${user.id}:${bucket}`, employerId: user.employerId ?? null, userId: user.id, address: email, locale: user.locale ?? user.mailLocale ?? "zh-CN", nextAttemptAt: now.toISOString() })
        .onConflictDoNothing()
        .run();
      await audit(tx, anonymous, { action: "password_reset_requested", entity: "user", entityId: user.id, after: { address, sent: res.changes > 0 } }, now);
    },
  );
}

export type TokenState = { ok: true; userId: number; email: string; purpose: "invite" | "reset" } | { ok: false; reason: "unknown" | "expired" | "used" };

export async function checkPasswordToken(db: Db, token: string, now: Date = new Date()): Promise<TokenState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: "unknown" };
  const row = await db
    .select({ userId: passwordTokens.userId, usedAt: passwordTokens.usedAt, expiresAt: passwordTokens.expiresAt, purpose: passwordTokens.purpose, email: users.email, disabledAt: users.disabledAt })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(eq(passwordTokens.tokenHash, sha256(token)))
    .get();
  if (!row || row.disabledAt !== null) return { ok: false, reason: "unknown" };
  if (row.usedAt !== null) return { ok: false, reason: "used" };
  if (row.expiresAt <= now.toISOString()) return { ok: false, reason: "expired" };
  return { ok: true, userId: row.userId, email: row.email, purpose: row.purpose };
}

const SetPasswordSchema = z
  .object({
    newPassword: newPassword(),
    confirmPassword: z.string({ required_error: "required" }).min(1, "required"),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword && v.confirmPassword && v.confirmPassword !== v.newPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "passwordMismatch" });
  });

export type SetPasswordResult = { ok: true; email: string } | { ok: false; token: TokenState & { ok: false } } | { ok: false; errors: PasswordErrors };

/**
 * Set the password with a token: single use (every other open token of the
 * account is spent too), every session of the account ends. It does not sign in.
 */
export async function setPasswordWithToken(
  db: Db,
  input: { token: string; newPassword: string; confirmPassword: string },
  now: Date = new Date(),
): Promise<SetPasswordResult> {
  const state = await checkPasswordToken(db, input.token, now);
  if (!state.ok) return { ok: false, token: state };
  const parsed = validate(SetPasswordSchema, input);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const passwordHash = await hashPassword(input.newPassword);
  return await transaction(db, async (tx): Promise<SetPasswordResult> => {
      // Spend it inside the write lock: two tabs using the same link, one wins.
      const spent = await tx
        .update(passwordTokens)
        .set({ usedAt: now.toISOString() })
        .where(and(eq(passwordTokens.tokenHash, sha256(input.token)), isNull(passwordTokens.usedAt)))
        .run();
      if (spent.changes === 0) return { ok: false, token: { ok: false, reason: "used" } };
      await tx.update(passwordTokens).set({ usedAt: now.toISOString() }).where(and(eq(passwordTokens.userId, state.userId), isNull(passwordTokens.usedAt))).run();
      await tx.update(users).set({ passwordHash }).where(eq(users.id, state.userId)).run();
      await tx.delete(sessions).where(eq(sessions.userId, state.userId)).run();
      await audit(tx, { userId: state.userId, label: state.email }, { action: "set_password", entity: "user", entityId: state.userId, after: { via: state.purpose } }, now);
      return { ok: true, email: state.email };
    },
  );
}

/** Invited accounts among these users that have not set a password yet. */
export async function pendingInvites(db: Db, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  return new Set((await db.select({ id: users.id }).from(users).where(and(inArray(users.id, userIds), eq(users.passwordHash, NO_PASSWORD))).all()).map((r) => r.id));
}
