/**
 * One password rule wherever a password is set — createUser (model), `cli user
 * add`, and changing one's own password: at least NEW_PASSWORD_MIN_LENGTH (12)
 * characters, long passphrases up to PASSWORD_MAX_LENGTH (200) welcome.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it, beforeAll } from "vitest";
import { migrate, openDatabase } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { runCli, type CliIo } from "~/cli/main";
import { changePassword } from "~/models/account.server";
import { CLI_ACTOR } from "~/models/audit.server";
import { createUser } from "~/models/user.server";
import { NEW_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from "~/shared/password-policy";
import { closeDatabase } from "../../db/connection";

const tmp = mkdtempSync(join(tmpdir(), "shebao-pw-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const of = (n: number) => "密".repeat(Math.floor(n / 2)) + "x".repeat(n % 2) + "a".repeat(Math.floor(n / 2));

describe("the policy", () => {
  it("is 12 to 200 characters", () => {
    expect(NEW_PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(200);
    expect(of(11)).toHaveLength(11);
  });
});

describe("createUser", () => {
  it("refuses 11 characters and 201; accepts 12 and a 200-character passphrase", async () => {
    const db = await openTestDatabase();
    await expect(createUser(db, CLI_ACTOR, { email: "a@example.com", role: "hr", password: of(11) })).rejects.toThrow();
    await expect(createUser(db, CLI_ACTOR, { email: "a@example.com", role: "hr", password: of(201) })).rejects.toThrow();
    expect(await createUser(db, CLI_ACTOR, { email: "a@example.com", role: "hr", password: of(12) })).toBeGreaterThan(0);
    expect(await createUser(db, CLI_ACTOR, { email: "b@example.com", role: "hr", password: of(200) })).toBeGreaterThan(0);
  });
});

describe("cli user add", () => {
  const dbPath = join(tmp, "cli.db");
  beforeAll(async () => {
    const db = openDatabase(dbPath);
    await migrate(db);
    await closeDatabase(db);
  });

  async function add(email: string, password: string) {
    let stderr = "";
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (s: string) => ((stderr += s), true) },
      stdin: Readable.from([Buffer.from(`${password}\n`)]) as unknown as CliIo["stdin"],
    };
    const code = await runCli(["--db", dbPath, "user", "add", "--email", email, "--role", "admin"], io);
    return { code, stderr };
  }

  it("refuses 11 and 201 characters; accepts 12 and 200", async () => {
    expect(await add("c@example.com", of(11))).toMatchObject({ code: 1, stderr: expect.stringMatching(/at least 12 characters/) });
    expect(await add("c@example.com", of(201))).toMatchObject({ code: 1, stderr: expect.stringMatching(/at most 200 characters/) });
    expect((await add("c@example.com", of(12))).code).toBe(0);
    expect((await add("d@example.com", of(200))).code).toBe(0);
  });
});

describe("changing one's password", () => {
  it("refuses 11 and 201 characters; accepts a 200-character passphrase", async () => {
    const db = await openTestDatabase();
    const old = "an-old-passphrase";
    const id = await createUser(db, CLI_ACTOR, { email: "e@example.com", role: "hr", password: old });
    const user = { id, email: "e@example.com" };
    const change = async (p: string) => await changePassword(db, user, { currentPassword: old, newPassword: p, confirmPassword: p });
    expect(await change(of(11))).toEqual({ ok: false, errors: { newPassword: { code: "passwordTooShort" } } });
    expect(await change(of(201))).toMatchObject({ ok: false, errors: { newPassword: { code: "tooLong" } } });
    expect(await change(of(200))).toMatchObject({ ok: true });
  });
});
