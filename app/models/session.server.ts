/**
 * Server-side sessions and sign-in.
 *
 * The cookie holds a random 32-byte token; the sessions table holds only its
 * SHA-256, so a copy of the database does not yield live sessions. A session
 * ends after IDLE_TIMEOUT_MS without use or ABSOLUTE_TIMEOUT_MS after sign-in.
 * Sign-in is throttled per account and per client address, and its failures
 * never say whether the account exists.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { loginAttempts, sessions, users } from "../../db/schema";
import { audit, type Tx } from "./audit.server";
import { findUserForSignIn, normalizeEmail, sessionUserColumns, type SessionUser } from "./user.server";
import { HashQueueBusy, hashQueueFull, verifyPassword } from "~/server/password.server";
import { transaction } from "../../db/transaction";

export const IDLE_TIMEOUT_MS = 8 * 3_600_000;
export const ABSOLUTE_TIMEOUT_MS = 7 * 86_400_000;
/** `last_seen_at` is written at most this often. */
export const TOUCH_INTERVAL_MS = 60_000;

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 30;
/** Attempts older than this are pruned. */
const ATTEMPT_RETENTION_MS = 86_400_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Start a session; returns the token for the cookie (never stored). */
export async function createSession(db: Tx, userId: number, now: Date = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(sessions)
    .values({
      id: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS).toISOString(),
    })
    .run();
  return token;
}

/** The user of a live session, or null (unknown, expired, idle too long, or the user is disabled). */
export async function getSessionUser(db: Db, token: string, now: Date = new Date()): Promise<SessionUser | null> {
  const id = hashToken(token);
  const row = await db
    .select({ ...sessionUserColumns, disabledAt: users.disabledAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .get();
  if (!row) return null;
  const t = now.getTime();
  const idle = t - Date.parse(row.lastSeenAt) > IDLE_TIMEOUT_MS;
  if (idle || t >= Date.parse(row.expiresAt) || row.disabledAt !== null) {
    await db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  if (t - Date.parse(row.lastSeenAt) > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, id)).run();
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, employeeId: row.employeeId };
}

/** Sign out: the session row is deleted and audited. */
export async function deleteSession(db: Db, token: string, now: Date = new Date()): Promise<void> {
  const id = hashToken(token);
  await transaction(db, async (tx) => {
      const row = await tx
        .select({ userId: sessions.userId, email: users.email })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, id))
        .get();
      if (!row) return;
      await tx.delete(sessions).where(eq(sessions.id, id)).run();
      await audit(tx, { userId: row.userId, label: row.email }, { action: "logout", entity: "user", entityId: row.userId }, now);
    },
  );
}

export type SignInResult = { ok: true; token: string; user: SessionUser } | { ok: false };

/**
 * The throttle's key for an account: a digest of the normalized e-mail, so the
 * attempts table keeps no typed text (a password typed into the e-mail box).
 */
export function accountThrottleKey(email: string): string {
  return `account:${createHash("sha256").update(normalizeEmail(email)).digest("hex")}`;
}

export type Reservation = { throttled: true } | { throttled: false; ids: number[] };

/**
 * Read the failure counters and, unless a limit is reached, reserve this
 * attempt (one row per key) in the same immediate transaction: an attempt in
 * flight counts as a failure until it succeeds, so concurrent guesses cannot
 * all read the same old count. A throttled attempt is recorded too (it keeps
 * the lock on) and is never hashed. The read and the write are in one
 * transaction (SQLite: the immediate lock; PostgreSQL: serializable).
 */
export async function reserveAttempt(
  db: Db,
  limits: Array<{ key: string; max: number }>,
  now: Date,
  /** Written in the same transaction when the attempt is throttled (its audit entry). */
  onThrottled?: (tx: Tx) => Promise<void>,
): Promise<Reservation> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const at = now.toISOString();
  const reserve = async (tx: Tx): Promise<Reservation> => {
    const counts = await tx
      .select({ key: loginAttempts.key, n: sql<number>`count(*)` })
      .from(loginAttempts)
      .where(and(inArray(loginAttempts.key, limits.map((l) => l.key)), gte(loginAttempts.at, since)))
      .groupBy(loginAttempts.key)
      .all();
    const failures = (key: string) => counts.find((c) => c.key === key)?.n ?? 0;
    const throttled = limits.some((l) => failures(l.key) >= l.max);
    const ids: number[] = [];
    for (const l of limits) ids.push((await tx.insert(loginAttempts).values({ key: l.key, at }).returning({ id: loginAttempts.id }).get())!.id);
    await tx.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - ATTEMPT_RETENTION_MS).toISOString())).run();
    if (throttled) await onThrottled?.(tx);
    return throttled ? { throttled: true } : { throttled: false, ids };
  };
  // The counters are a hot spot (a flood of guesses): queue on their keys.
  return await transaction(db, reserve, { lockKeys: limits.map((l) => `login:${l.key}`) });
}

/** Give back a reservation whose guess was never checked (the hashing queue was full). */
export async function releaseReservation(db: Db, ids: number[]): Promise<void> {
  await transaction(db, async (tx) => void tx.delete(loginAttempts).where(inArray(loginAttempts.id, ids)).run());
}

/**
 * Check the credentials and start a new session (a fresh token every time).
 * Refused, with the same answer, when the account does not exist, is
 * disabled, the password is wrong, too many recent failures came from the
 * account or the address, or the hashing queue is full.
 *
 * Order: reserve the attempt (sync, immediate transaction) → hash (async,
 * through the bounded queue) → record the outcome (sync). A failed attempt's
 * audit entry names the account by id, or "unknown account": never the typed
 * e-mail.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; address: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const keys = { account: accountThrottleKey(email), address: `address:${input.address}` };
  const user = await findUserForSignIn(db, email);
  const account = user?.id ?? "unknown account";
  const failed = async (throttled: boolean) =>
    await transaction(db, async (tx) =>
        void audit(tx, { userId: null, label: "anonymous" }, {
          action: "login_failed",
          entity: "user",
          entityId: user?.id ?? "",
          after: { account, address: input.address, throttled },
        }, now),
    );

  // The hashing queue is full: "try again later" (the same answer) at once, with no database write.
  if (hashQueueFull()) return { ok: false };
  const reservation = await reserveAttempt(
    db,
    [
      { key: keys.account, max: MAX_FAILURES_PER_ACCOUNT },
      { key: keys.address, max: MAX_FAILURES_PER_ADDRESS },
    ],
    now,
    async (tx) =>
      await audit(tx, { userId: null, label: "anonymous" }, { action: "login_failed", entity: "user", entityId: user?.id ?? "", after: { account, address: input.address, throttled: true } }, now),
  );
  if (reservation.throttled) return { ok: false };

  let passwordOk: boolean;
  try {
    // Verify even when there is no such account, so the answer takes as long either way.
    passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  } catch (error) {
    if (!(error instanceof HashQueueBusy)) throw error;
    // Nothing was checked: give the reservation back and answer "try again later" (the same message).
    await releaseReservation(db, reservation.ids);
    return { ok: false };
  }
  if (user === undefined || user.disabledAt !== null || !passwordOk) {
    await failed(false);
    return { ok: false };
  }

  return await transaction(db, async (tx): Promise<SignInResult> => {
      await tx.delete(loginAttempts).where(eq(loginAttempts.key, keys.account)).run();
      await tx.delete(loginAttempts).where(inArray(loginAttempts.id, reservation.ids)).run();
      const token = await createSession(tx, user.id, now);
      await audit(tx, { userId: user.id, label: user.email }, { action: "login", entity: "user", entityId: user.id, after: { address: input.address } }, now);
      return { ok: true, token, user: { id: user.id, email: user.email, name: user.name, role: user.role, employeeId: user.employeeId } };
    },
  );
}

/** A valid hash of a random password: what a missing account is checked against. */
const DUMMY_HASH =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + Buffer.alloc(64, 1).toString("base64");
