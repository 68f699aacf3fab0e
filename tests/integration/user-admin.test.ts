/**
 * An administrator manages accounts from the web: a new account with every
 * mistake named by its field and nothing written, and disabling an account
 * ends its sessions at once.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { auditLog, users } from "../../db/schema";
import { createSession, getSessionUser } from "~/models/session.server";
import { createAccount, listUsers, setAccountDisabled } from "~/models/user-admin.server";
import { createUser } from "~/models/user.server";
import { verifyPassword } from "~/server/password.server";
import { workflowDb } from "./workflows-fixture";

const PW = "a long enough passphrase";
let db: Db;
let adminId: number;
let admin: { userId: number; label: string };

const counts = async () => ({ users: (await db.select().from(users).all()).length, audit: (await db.select().from(auditLog).all()).length });

beforeEach(async () => {
  db = await workflowDb();
  adminId = await createUser(db, { userId: null, label: "test" }, { email: "admin@example.com", name: "Admin", role: "admin", password: PW });
  admin = { userId: adminId, label: "admin@example.com" };
});

describe("a new account", () => {
  it("is created with a hashed password and one audit entry", async () => {
    const before = await counts();
    const r = await createAccount(db, admin, { email: " New.HR@Example.com ", name: "New HR", role: "hr", employeeNo: "", password: PW, confirmPassword: PW });
    expect(r.ok).toBe(true);
    expect(await counts()).toEqual({ users: before.users + 1, audit: before.audit + 1 });
    const row = (await listUsers(db)).find((u) => u.email === "new.hr@example.com")!;
    expect(row).toMatchObject({ name: "New HR", role: "hr", employeeNo: null, disabledAt: null, lastSeenAt: null });
    const stored = (await db.select().from(users).all()).find((u) => u.email === "new.hr@example.com")!;
    expect(stored.passwordHash).not.toContain(PW);
    expect(await verifyPassword(PW, stored.passwordHash)).toBe(true);
  });

  it("an employee account is linked to its employee by number", async () => {
    const r = await createAccount(db, admin, { email: "e001@example.com", role: "employee", employeeNo: "E001", password: PW, confirmPassword: PW });
    expect(r.ok).toBe(true);
    expect((await listUsers(db)).find((u) => u.email === "e001@example.com")!.employeeNo).toBe("E001");
    // One account per employee.
    const again = await createAccount(db, admin, { email: "e001b@example.com", role: "employee", employeeNo: "E001", password: PW, confirmPassword: PW });
    expect(again).toEqual({ ok: false, errors: { employeeNo: { code: "duplicate" } } });
  });

  const bad: [string, Record<string, string>, string, string][] = [
    ["no e-mail", { email: "" }, "email", "required"],
    ["not an e-mail", { email: "not-an-address" }, "email", "invalidEmail"],
    ["an e-mail already used, whatever its case", { email: "ADMIN@example.com" }, "email", "duplicate"],
    ["an unknown role", { role: "root" }, "role", "invalid"],
    ["a password of 11 characters", { password: "elevenchars", confirmPassword: "elevenchars" }, "password", "passwordTooShort"],
    ["a password over 200 characters", { password: "x".repeat(201), confirmPassword: "x".repeat(201) }, "password", "tooLong"],
    ["a repeat that differs", { confirmPassword: PW + "!" }, "confirmPassword", "passwordMismatch"],
    ["an employee account without its employee", { role: "employee", employeeNo: "" }, "employeeNo", "required"],
    ["an employee number nobody has", { role: "employee", employeeNo: "E999" }, "employeeNo", "notFound"],
    ["a staff account with an employee number", { role: "auditor", employeeNo: "E001" }, "employeeNo", "staffNoEmployee"],
  ];
  for (const [what, change, field, code] of bad) {
    it(`is refused for ${what}, naming ${field}, and nothing is written`, async () => {
      const before = await counts();
      const r = await createAccount(db, admin, { email: "x@example.com", name: "X", role: "hr", employeeNo: "", password: PW, confirmPassword: PW, ...change });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.errors[field]?.code).toBe(code);
      expect(await counts()).toEqual(before);
    });
  }

  it("a 200-character passphrase is allowed", async () => {
    const long = "correct horse battery staple ".repeat(7).slice(0, 200);
    expect((await createAccount(db, admin, { email: "long@example.com", role: "auditor", password: long, confirmPassword: long })).ok).toBe(true);
  });
});

describe("disabling an account", () => {
  it("ends its sessions at once, and enabling lets the person sign in again", async () => {
    const hrId = await createUser(db, admin, { email: "hr@example.com", name: "HR", role: "hr", password: PW });
    const token = await createSession(db, hrId);
    expect((await getSessionUser(db, token))?.id).toBe(hrId);
    const before = await counts();
    expect(await setAccountDisabled(db, admin, { userId: String(hrId), disabled: "1" })).toEqual({ ok: true, value: hrId });
    expect(await getSessionUser(db, token)).toBeNull();
    expect((await listUsers(db)).find((u) => u.id === hrId)!.disabledAt).not.toBeNull();
    expect((await setAccountDisabled(db, admin, { userId: String(hrId), disabled: "0" })).ok).toBe(true);
    expect((await listUsers(db)).find((u) => u.id === hrId)!.disabledAt).toBeNull();
    expect(await counts()).toEqual({ users: before.users, audit: before.audit + 2 });
  });

  it("an administrator cannot disable their own account; unknown or malformed ids are refused", async () => {
    const before = await counts();
    expect(await setAccountDisabled(db, admin, { userId: String(adminId), disabled: "1" })).toEqual({ ok: false, errors: { userId: { code: "selfDisable" } } });
    expect(await setAccountDisabled(db, admin, { userId: "9999", disabled: "1" })).toEqual({ ok: false, errors: { userId: { code: "notFound" } } });
    expect((await setAccountDisabled(db, admin, { userId: "abc", disabled: "1" })).ok).toBe(false);
    expect((await setAccountDisabled(db, admin, { userId: String(adminId), disabled: "maybe" })).ok).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
