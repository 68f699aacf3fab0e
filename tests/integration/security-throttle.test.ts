/**
 * Issue 21, findings 1, 2 and 6: the sign-in throttle under concurrency, the
 * password-change forms' throttle, the bounded hashing queue and what a failed
 * sign-in writes into the audit log.
 */
import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { auditLog, loginAttempts } from "../../db/schema";
import { changePassword } from "~/models/account.server";
import { MAX_FAILURES_PER_ACCOUNT, signIn, THROTTLE_WINDOW_MS } from "~/models/session.server";
import { createUser } from "~/models/user.server";

const actor = { userId: null, label: "test" };
const PW = "correct horse battery";
const T0 = new Date("2026-03-01T00:00:00Z");

describe("finding 1: parallel guessing", () => {
  let db: Db;
  let userId: number;
  beforeEach(async () => {
    db = await openTestDatabase();
    userId = await createUser(db, actor, { email: "hr@example.com", name: "HR", role: "hr", password: PW });
  });

  it("40 concurrent wrong guesses, then the right one: refused, and at most 10 guesses were checked", async () => {
    const wrong = Array.from({ length: 40 }, async (_, i) =>
      await signIn(db, { email: "hr@example.com", password: `guess-${i}`, address: `10.1.0.${i}` }, T0),
    );
    const right = await signIn(db, { email: "hr@example.com", password: PW, address: "10.2.0.1" }, T0);
    const results = await Promise.all([...wrong, right]);
    expect(results.every((r) => !r.ok)).toBe(true);
    const failed = await db.select().from(auditLog).where(eq(auditLog.action, "login_failed")).all();
    const checked = failed.filter((r) => (r.after as { throttled: boolean }).throttled === false);
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    // Once the window has passed, the right password opens the account again.
    const later = new Date(T0.getTime() + THROTTLE_WINDOW_MS + 1000);
    expect((await signIn(db, { email: "hr@example.com", password: PW, address: "10.2.0.1" }, later)).ok).toBe(true);
  });

  it("one address guessing 40 accounts at once is held to its limit too", async () => {
    // Waves of 40 until the address is locked (the hashing queue answers part of each wave
    // "try again later" without checking anything); never more than 30 checked in all.
    const checkedSoFar = async () =>
      (await db.select().from(auditLog).where(eq(auditLog.action, "login_failed")).all()).filter((r) => (r.after as { throttled: boolean }).throttled === false).length;
    for (let wave = 0; wave < 10 && await checkedSoFar() < 30; wave++) {
      const results = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => await signIn(db, { email: `nobody${wave}-${i}@example.com`, password: "x", address: "192.0.2.7" }, T0)),
      );
      expect(results.every((r) => !r.ok)).toBe(true);
    }
    const right = await signIn(db, { email: "hr@example.com", password: PW, address: "192.0.2.7" }, T0);
    expect(right.ok).toBe(false);
    const checked = (await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "login_failed"))
      .all())
      .filter((r) => (r.after as { throttled: boolean }).throttled === false);
    expect(checked.length).toBeLessThanOrEqual(30);
  });

  it("25 concurrent wrong current passwords on the change form, then the right one: refused, at most 10 checked", async () => {
    const user = { id: userId, email: "hr@example.com" };
    const form = (current: string) => ({ currentPassword: current, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" });
    const wrong = Array.from({ length: 25 }, async (_, i) => await changePassword(db, user, form(`wrong-${i}`), T0));
    const right = await changePassword(db, user, form(PW), T0);
    const results = await Promise.all([...wrong, right]);
    expect(results.every((r) => !r.ok)).toBe(true);
    const failed = await db.select().from(auditLog).where(eq(auditLog.action, "password_change_failed")).all();
    const checked = failed.filter((r) => (r.after as { throttled: boolean }).throttled === false);
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    // The old password still works (nothing changed).
    expect((await signIn(db, { email: "hr@example.com", password: PW, address: "10.3.0.1" }, new Date(T0.getTime() + THROTTLE_WINDOW_MS + 1000))).ok).toBe(true);
  });
});

describe("finding 2: a sign-in flood does not starve file reads", () => {
  it("with 40 concurrent bogus sign-ins, a file read answers within 1 s", async () => {
    const db = await openTestDatabase();
    const flood = Array.from({ length: 40 }, async (_, i) =>
      await signIn(db, { email: `bogus${i}@example.com`, password: "x", address: `10.9.${i}.1` }, T0),
    );
    // Let the flood reach the thread pool first.
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    await readFile("package.json");
    const waited = performance.now() - started;
    const results = await Promise.all(flood);
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(waited).toBeLessThan(1000);
  });
});

describe("finding 6: what a failed sign-in records", () => {
  it("records the account id, or 'unknown account', never the typed text", async () => {
    const db = await openTestDatabase();
    const id = await createUser(db, actor, { email: "hr@example.com", name: "HR", role: "hr", password: PW });
    await signIn(db, { email: "hr@example.com", password: "nope", address: "a" }, T0);
    await signIn(db, { email: "my secret passphrase", password: "x", address: "a" }, T0);
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, "login_failed")).all();
    expect(rows).toHaveLength(2);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("my secret passphrase");
    expect(text).not.toContain("hr@example.com");
    expect(rows[0]!.entityId).toBe(String(id));
    expect((rows[0]!.after as { account: unknown }).account).toBe(id);
    expect((rows[1]!.after as { account: unknown }).account).toBe("unknown account");
    // The throttle's own table keeps no typed text either.
    expect(JSON.stringify(await db.select().from(loginAttempts).all())).not.toContain("my secret passphrase");
  });
});
