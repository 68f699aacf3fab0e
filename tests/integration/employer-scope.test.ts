/** Issue 21, finding 8: employer-scoped staff accounts (the model, the command line). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/test-db";
import { auditLog } from "../../db/schema";
import { runCli, type CliIo } from "~/cli/main";
import { employerScopeOf, inScope, setUserEmployers } from "~/models/employer-scope.server";
import { saveEmployer } from "~/models/employer.server";
import { createUser } from "~/models/user.server";

const actor = { userId: null, label: "test" };

describe("the scope model", () => {
  it("empty = all; set, replace, clear, audit-logged; refused for admins and unknown codes", async () => {
    const db = await openTestDatabase();
    for (const code of ["SH01", "BJ01", "GZ01"]) expect((await saveEmployer(db, actor, null, { code, name: code, uscc: "91350100M000100Y43", region: "r" })).ok).toBe(true);
    const hr = await createUser(db, actor, { email: "hr@example.com", role: "hr", password: "a long passphrase" });
    const admin = await createUser(db, actor, { email: "admin@example.com", role: "admin", password: "a long passphrase" });
    expect(await employerScopeOf(db, hr)).toBeNull();
    expect((await setUserEmployers(db, actor, hr, ["SH01", "GZ01"])).ok).toBe(true);
    const scope = await employerScopeOf(db, hr);
    expect(scope?.codes).toEqual(["GZ01", "SH01"]);
    expect(inScope(scope, { code: "SH01" })).toBe(true);
    expect(inScope(scope, { code: "BJ01" })).toBe(false);
    expect(inScope(scope, { code: "" })).toBe(false);
    expect(inScope(null, { code: "BJ01" })).toBe(true);
    const unknown = await setUserEmployers(db, actor, hr, ["SH01", "NOPE"]);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors.employers).toMatchObject({ code: "unknownEmployer", detail: "NOPE" });
    expect((await employerScopeOf(db, hr))?.codes).toEqual(["GZ01", "SH01"]); // unchanged
    expect((await setUserEmployers(db, actor, admin, ["SH01"])).ok).toBe(false);
    expect((await setUserEmployers(db, actor, hr, [])).ok).toBe(true);
    expect(await employerScopeOf(db, hr)).toBeNull();
    const entries = (await db.select().from(auditLog).all()).filter((e) => e.action === "set_employers");
    expect(entries.map((e) => e.after)).toEqual([{ employers: ["GZ01", "SH01"] }, { employers: [] }]);
  });
});

describe("cli user add --employer", () => {
  const tmp = mkdtempSync(join(tmpdir(), "shebao-scope-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const dbPath = join(tmp, "scope.db");

  async function cli(argv: string[], stdin?: string) {
    let out = "";
    let err = "";
    const io: CliIo = { stdout: { write: (c: string) => ((out += c), true) }, stderr: { write: (c: string) => ((err += c), true) } } as CliIo;
    if (stdin !== undefined) io.stdin = Readable.from([Buffer.from(stdin)]) as unknown as CliIo["stdin"];
    const code = await runCli(["--db", dbPath, ...argv], io);
    return { code, stdout: out, stderr: err };
  }

  it("limits an account to the employers named (repeatable), refuses unknown codes and the wrong roles", async () => {
    expect((await cli(["seed", "demo"])).code).toBe(0);
    const ok = await cli(["user", "add", "--email", "branch@example.com", "--role", "hr", "--employer", "SH01", "--employer", "BJ01"], "a long passphrase here\n");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/employers BJ01, SH01/);
    const bad = await cli(["user", "add", "--email", "x@example.com", "--role", "auditor", "--employer", "NOPE"], "a long passphrase here\n");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/no employer with code "NOPE"/);
    const admin = await cli(["user", "add", "--email", "y@example.com", "--role", "admin", "--employer", "SH01"], "a long passphrase here\n");
    expect(admin.code).toBe(2);
    expect(admin.stderr).toMatch(/--employer is only for the hr and auditor roles/);
    const db = new Database(dbPath, { readonly: true });
    try {
      const rows = db.prepare("SELECT u.email, e.code FROM user_employers ue JOIN users u ON u.id = ue.user_id JOIN employers e ON e.id = ue.employer_id ORDER BY e.code").all();
      expect(rows).toEqual([
        { email: "branch@example.com", code: "BJ01" },
        { email: "branch@example.com", code: "SH01" },
      ]);
      expect(db.prepare("SELECT count(*) AS n FROM users WHERE email IN ('x@example.com', 'y@example.com')").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
