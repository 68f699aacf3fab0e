import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { auditLog, loginAttempts, sessions } from "../../db/schema";
import {
  ABSOLUTE_TIMEOUT_MS,
  createSession,
  deleteSession,
  getSessionUser,
  hashToken,
  IDLE_TIMEOUT_MS,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  signIn,
  THROTTLE_WINDOW_MS,
} from "~/models/session.server";
import { createUser, setUserDisabled } from "~/models/user.server";

const actor = { userId: null, label: "test" };
const PW = "correct horse battery";
const T0 = new Date("2026-03-01T00:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("sessions and sign-in", () => {
  let db: Db;
  let userId: number;
  beforeEach(async () => {
    db = await openTestDatabase();
    userId = await createUser(db, actor, { email: "HR@Example.com", name: "HR", role: "hr", password: PW });
  });

  it("stores only the SHA-256 of the token", async () => {
    const token = await createSession(db, userId, T0);
    const rows = await db.select().from(sessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(hashToken(token));
    expect(rows[0]!.id).not.toContain(token);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("ends a session after the idle timeout and after the absolute timeout", async () => {
    const idle = await createSession(db, userId, T0);
    expect((await getSessionUser(db, idle, at(IDLE_TIMEOUT_MS - 1000)))?.email).toBe("hr@example.com");
    expect(await getSessionUser(db, idle, at(2 * IDLE_TIMEOUT_MS - 2000))).not.toBeNull(); // kept alive by use
    expect(await getSessionUser(db, idle, at(3 * IDLE_TIMEOUT_MS))).toBeNull();
    expect(await db.select().from(sessions).all()).toHaveLength(0);

    const busy = await createSession(db, userId, T0);
    let t = 0;
    while (t + IDLE_TIMEOUT_MS / 2 < ABSOLUTE_TIMEOUT_MS) {
      t += IDLE_TIMEOUT_MS / 2;
      expect(await getSessionUser(db, busy, at(t))).not.toBeNull();
    }
    expect(await getSessionUser(db, busy, at(ABSOLUTE_TIMEOUT_MS))).toBeNull();
  });

  it("signs in with a fresh session every time, audit-logged", async () => {
    const a = await signIn(db, { email: " hr@example.com ", password: PW, address: "10.0.0.1" }, T0);
    const b = await signIn(db, { email: "hr@example.com", password: PW, address: "10.0.0.1" }, T0);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.token).not.toBe(b.token);
    expect(a.user).toEqual({ id: userId, email: "hr@example.com", name: "HR", role: "hr", employeeId: null });
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "login")).all()).toHaveLength(2);
  });

  it("signs out by deleting the row", async () => {
    const r = await signIn(db, { email: "hr@example.com", password: PW, address: "a" }, T0);
    if (!r.ok) throw new Error("sign-in failed");
    await deleteSession(db, r.token, T0);
    expect(await getSessionUser(db, r.token, T0)).toBeNull();
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "logout")).all()).toHaveLength(1);
  });

  it("answers the same for a wrong password and an unknown account", async () => {
    const wrong = await signIn(db, { email: "hr@example.com", password: "nope", address: "a" }, T0);
    const unknown = await signIn(db, { email: "ghost@example.com", password: PW, address: "a" }, T0);
    expect(wrong).toEqual({ ok: false });
    expect(unknown).toEqual({ ok: false });
  });

  it("refuses disabled users and ends their sessions", async () => {
    const r = await signIn(db, { email: "hr@example.com", password: PW, address: "a" }, T0);
    await setUserDisabled(db, actor, userId, true, T0);
    if (r.ok) expect(await getSessionUser(db, r.token, T0)).toBeNull();
    expect(await signIn(db, { email: "hr@example.com", password: PW, address: "a" }, T0)).toEqual({ ok: false });
  });
});

describe("sign-in throttling", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
    await createUser(db, actor, { email: "hr@example.com", role: "hr", password: PW });
    await createUser(db, actor, { email: "audit@example.com", role: "auditor", password: PW });
  });

  it("locks an account after 10 failures in 15 minutes, even with the right password", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect((await signIn(db, { email: "hr@example.com", password: "bad", address: `10.0.0.${i}` }, at(i * 1000))).ok).toBe(false);
    }
    expect((await signIn(db, { email: "hr@example.com", password: PW, address: "10.9.9.9" }, at(20_000))).ok).toBe(false);
    // Once the window has passed, the account opens again.
    expect((await signIn(db, { email: "hr@example.com", password: PW, address: "10.9.9.9" }, at(THROTTLE_WINDOW_MS + 30_000))).ok).toBe(true);
  });

  it("locks an address after 30 failures in 15 minutes, whatever the account", async () => {
    const base = 2 * THROTTLE_WINDOW_MS;
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await signIn(db, { email: `nobody${i}@example.com`, password: "bad", address: "192.0.2.1" }, at(base + i));
    }
    expect((await signIn(db, { email: "audit@example.com", password: PW, address: "192.0.2.1" }, at(base + 100))).ok).toBe(false);
    expect((await signIn(db, { email: "audit@example.com", password: PW, address: "192.0.2.2" }, at(base + 100))).ok).toBe(true);
    expect((await db.select().from(loginAttempts).where(eq(loginAttempts.key, "address:192.0.2.1")).all()).length).toBeGreaterThanOrEqual(30);
  });
});
