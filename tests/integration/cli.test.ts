/**
 * The command line in-process (runCli): error output and exit codes, nothing
 * written on a refused import, usage errors, users, backup and restore,
 * reports and their warnings.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runCli, type CliIo } from "~/cli/main";
import { verifyPassword } from "~/server/password.server";

const tmp = mkdtempSync(join(tmpdir(), "shebao-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

class Capture {
  text = "";
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

async function cli(argv: string[], stdin?: string) {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIo = { stdout, stderr };
  if (stdin !== undefined) io.stdin = Readable.from([Buffer.from(stdin)]) as unknown as CliIo["stdin"];
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function write(name: string, text: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const TABLES = ["employers", "policies", "non_working_days", "employees", "wages", "registrations", "declaration_lines", "payments", "collection_actions", "statements", "users", "audit_log"];

function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]));
  } finally {
    db.close();
  }
}

const EMPLOYERS = "code,name,uscc,region\r\nACME,Acme Trading,91310000MA1FL8TQ36,sample-city\r\n";
const POLICIES =
  "region,effective_from,base_floor,base_cap,pension_employer,pension_employee,medical_employer,medical_employee,unemployment_employer,unemployment_employee,work_injury_employer,work_injury_employee,maternity_employer,maternity_employee,rounding_unit,rounding_mode,due_day,due_month_offset,late_fee_ppm_per_day\r\n" +
  "sample-city,2026-02,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500\r\n";
const EMPLOYEES =
  "employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage\r\n" +
  "E001,Li Wei,,11010519491231002X,ACME,2026-01-10,,Sales,li.wei@example.com,8000.00\r\n" +
  "E002,=Wang,,510107198402190326,ACME,2026-03-20,,Ops,,3000.00\r\n";

let dbPath: string;
let n = 0;
beforeEach(async () => {
  dbPath = join(tmp, `t${n++}.db`);
  expect((await cli(["--db", dbPath, "migrate"])).code).toBe(0);
  for (const [kind, text] of [
    ["employers", EMPLOYERS],
    ["policies", POLICIES],
    ["employees", EMPLOYEES],
  ] as const) {
    const r = await cli(["--db", dbPath, "import", kind, write(`${kind}.csv`, text)]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
  }
});

describe("import", () => {
  it("prints a one-line summary", async () => {
    const r = await cli(["--db", dbPath, "import", "registrations", write("reg.csv", "employee_no,applied_on,registered_on\nE001,2026-02-12,2026-02-20\n")]);
    expect(r).toEqual({ code: 0, stdout: `imported registrations from ${join(tmp, "reg.csv")} (csv utf-8): 1 row, 1 created, 0 replaced, 0 unchanged\n`, stderr: "" });
  });

  it("prints every bad row as `row N, column C: reason`, exits 1 and writes nothing", async () => {
    const before = dump(dbPath);
    const file = write(
      "bad-emp.csv",
      "employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage\r\n" +
        "E003,Zhao,,11010519491231002X,ACME,2026-04-01,,,,5000\r\n" +
        "E004,,,11010519491231002X,NOPE,2026-04-31,,,,5000\r\n" +
        "E005,Qian,,11010519491231002X,ACME,2026-04-01,2026-03-01,,,5000.123\r\n",
    );
    const r = await cli(["--db", dbPath, "import", "employees", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "row 3, column name: is required",
        'row 3, column employer_code: no employer with code "NOPE"',
        'row 3, column hire_date: "2026-04-31" is not a calendar date',
        "row 4, column termination_date: 2026-03-01 is before hire_date 2026-04-01",
        'row 4, column monthly_wage: "5000.123" is not an amount in yuan (digits, "." and at most two decimals, no grouping)',
        `${file}: 5 errors; nothing was imported`,
        "",
      ].join("\n"),
    );
    expect(dump(dbPath)).toEqual(before);
  });

  it("reads a GBK file from a spreadsheet (issue 18): the name stored is the name written", async () => {
    const gbk = Buffer.concat([Buffer.from("code,name,uscc,region\r\nB,"), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from(",91365020X53W432LQT,x\r\n")]);
    const r = await cli(["--db", dbPath, "import", "employers", write("gbk.csv", gbk)]);
    expect(r).toMatchObject({ code: 0, stderr: "", stdout: expect.stringContaining("(csv gb18030)") });
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT name FROM employers WHERE code = 'B'").get()).toEqual({ name: "中文" });
    db.close();
  });

  it("refuses bytes that are neither UTF-8 nor GB18030, and writes nothing", async () => {
    const before = dump(dbPath);
    const bad = Buffer.concat([Buffer.from("code,name,uscc,region\r\nB,"), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from(",91365020X53W432LQT,x\r\n")]);
    const r = await cli(["--db", dbPath, "import", "employers", write("bad.csv", bad)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/neither a spreadsheet nor text in UTF-8, UTF-16 \(with BOM\) or GB18030\/GBK/);
    expect(dump(dbPath)).toEqual(before);
  });

  it("--dry-run says what would change and writes nothing", async () => {
    const before = dump(dbPath);
    const r = await cli(["--db", dbPath, "import", "employers", write("e2.csv", EMPLOYERS + "BETA,Beta,91365020X53W432LQT,x\r\n"), "--dry-run"]);
    expect(r.stdout).toMatch(/^would import employers from .*: 2 rows, 1 created, 0 replaced, 1 unchanged\n$/);
    expect(dump(dbPath)).toEqual(before);
  });

  it("the same file twice: the second import changes nothing", async () => {
    const before = dump(dbPath);
    const r = await cli(["--db", dbPath, "import", "employees", write("employees.csv", EMPLOYEES)]);
    expect(r.stdout).toMatch(/2 rows, 0 created, 0 replaced, 2 unchanged/);
    expect(dump(dbPath)).toEqual(before);
  });

  it("a missing file is an error (exit 1), a database never migrated says so", async () => {
    expect(await cli(["--db", dbPath, "import", "employers", join(tmp, "nope.csv")])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: cannot read .*nope\.csv: ENOENT/) });
    const fresh = join(tmp, "never.db");
    expect(await cli(["--db", fresh, "import", "employers", write("x.csv", EMPLOYERS)])).toMatchObject({ code: 1, stderr: expect.stringMatching(/no database at .*never\.db; run "migrate" first/) });
    expect(existsSync(fresh)).toBe(false);
  });
});

describe("usage errors exit 2", () => {
  it.each([
    [[], /^error: no command given/],
    [["frobnicate"], /^error: unknown command "frobnicate"/],
    [["--db"], /^error: --db needs a PATH/],
    [["--verbose", "migrate"], /^error: unknown option --verbose/],
    [["migrate", "now"], /^error: migrate takes no arguments/],
    [["import"], /^error: import needs a KIND and a FILE\n\nusage: import KIND FILE \[--sheet NAME\]/],
    [["import", "salaries", "x.csv"], /^error: unknown import kind "salaries"/],
    [["import", "employers", "x.csv", "--fast"], /^error: Unknown option '--fast'/],
    [["report"], /^error: report needs a kind: findings or overdue/],
    [["report", "findings", "--as-of", "2026-02-30"], /^error: --as-of "2026-02-30" is not a date YYYY-MM-DD/],
    [["report", "findings", "--warnings"], /^error: --warnings is for the overdue report/],
    [["report", "findings", "--as-of"], /^error: Option '--as-of <value>' argument missing/],
    [["statements", "issue", "--on", "2026-02-10"], /^error: --period is required/],
    [["statements", "issue", "--period", "2026-1", "--on", "2026-02-10"], /^error: --period "2026-1" is not a month YYYY-MM/],
    [["statements", "print"], /^error: unknown statements command "print"/],
    [["user", "add", "--email", "a@example.com", "--role", "root"], /^error: --role must be one of admin, hr, auditor, employee/],
    [["user", "add", "--email", "a@example.com", "--role", "employee"], /^error: an employee account needs --employee NO/],
    [["user", "add", "--email", "a@example.com", "--role", "hr", "--employee", "E001"], /^error: --employee is only for the employee role/],
    [["user", "add", "--email", "nobody", "--role", "hr"], /^error: "nobody" is not an e-mail address/],
    [["user", "remove"], /^error: unknown user command "remove"/],
    [["backup"], /^error: backup needs one FILE/],
    [["restore", "a", "b"], /^error: restore needs one FILE/],
  ])("%j", async (argv, message) => {
    const before = dump(dbPath);
    const r = await cli(["--db", dbPath, ...argv].slice(argv[0] === "--db" || argv[0] === "--verbose" ? 2 : 0));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: /);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?$/m); // no stack trace
    expect(dump(dbPath)).toEqual(before);
  });

  it("--help prints the usage and exits 0", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run --silent cli -- \[--db PATH\] COMMAND/);
    for (const c of ["migrate", "import", "user", "backup", "restore", "report", "statements"]) expect(r.stdout).toContain(`\n  ${c} `);
  });
});

describe("user add", () => {
  it("reads the password from the first line of stdin and stores an scrypt hash", async () => {
    const r = await cli(["--db", dbPath, "user", "add", "--email", "HR@Example.com", "--role", "hr", "--name", "Hu Rong"], "correct horse battery\nignored second line\n");
    expect(r).toMatchObject({ code: 0, stdout: "added user hr@example.com (hr), id 1\n" });
    const db = new Database(dbPath, { readonly: true });
    const u = db.prepare("SELECT email, name, role, employee_id, password_hash FROM users").get() as Record<string, string | null>;
    const a = db.prepare("SELECT action, entity, after FROM audit_log WHERE entity = 'user'").get() as Record<string, string>;
    db.close();
    expect(u).toMatchObject({ email: "hr@example.com", name: "Hu Rong", role: "hr", employee_id: null });
    expect(u.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword("correct horse battery", u.password_hash!)).toBe(true);
    expect(await verifyPassword("correct horse batter", u.password_hash!)).toBe(false);
    expect(a.action).toBe("create");
    expect(a.after).not.toMatch(/scrypt|horse/);
  });

  it("links an employee account to its employee", async () => {
    const r = await cli(["--db", dbPath, "user", "add", "--email", "li.wei@example.com", "--role", "employee", "--employee", "E001"], "a-long-enough-pass\r\n");
    expect(r.code).toBe(0);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT e.employee_no FROM users u JOIN employees e ON e.id = u.employee_id").get()).toEqual({ employee_no: "E001" });
    db.close();
  });

  it("refuses a second account for one employee, and writes nothing", async () => {
    expect((await cli(["--db", dbPath, "user", "add", "--email", "li.wei@example.com", "--role", "employee", "--employee", "E001"], "a-long-enough-pass\n")).code).toBe(0);
    const before = dump(dbPath);
    expect(await cli(["--db", dbPath, "user", "add", "--email", "li.wei.2@example.com", "--role", "employee", "--employee", "E001"], "a-long-enough-pass\n")).toMatchObject({
      code: 1,
      stderr: 'error: employee "E001" already has an account; no user was added\n',
    });
    expect(dump(dbPath)).toEqual(before);
  });

  it("refuses a password shorter than 12 characters, a missing password, an unknown employee and a taken e-mail", async () => {
    const before = dump(dbPath);
    expect(await cli(["--db", dbPath, "user", "add", "--email", "a@example.com", "--role", "admin"], "elevenchars\n")).toMatchObject({
      code: 1,
      stderr: "error: the password must be at least 12 characters (got 11); no user was added\n",
    });
    expect(await cli(["--db", dbPath, "user", "add", "--email", "a@example.com", "--role", "admin"], "")).toMatchObject({ code: 1, stderr: expect.stringMatching(/no password on standard input/) });
    expect(await cli(["--db", dbPath, "user", "add", "--email", "a@example.com", "--role", "admin"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/standard input/) });
    expect(await cli(["--db", dbPath, "user", "add", "--email", "x@example.com", "--role", "employee", "--employee", "E999"], "a-long-enough-pass\n")).toMatchObject({
      code: 1,
      stderr: 'error: no employee with number "E999"\n',
    });
    expect(dump(dbPath)).toEqual(before);
    expect((await cli(["--db", dbPath, "user", "add", "--email", "a@example.com", "--role", "admin"], "a-long-enough-pass\n")).code).toBe(0);
    expect(await cli(["--db", dbPath, "user", "add", "--email", "A@example.com", "--role", "hr"], "a-long-enough-pass\n")).toMatchObject({ code: 1, stderr: "error: a user with e-mail a@example.com already exists\n" });
  });
});

describe("backup and restore", () => {
  it("backup writes a copy that passes integrity_check and holds the data", async () => {
    const file = join(tmp, `backup-${n}.db`);
    const r = await cli(["--db", dbPath, "backup", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^backup written to .* \(\d+ bytes\); integrity_check: ok\n$/);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.prepare("SELECT employee_no, name FROM employees ORDER BY employee_no").all()).toEqual([
      { employee_no: "E001", name: "Li Wei" },
      { employee_no: "E002", name: "=Wang" },
    ]);
    copy.close();
    expect(await cli(["--db", dbPath, "backup", file])).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists; choose a new name or pass --force/) });
    expect((await cli(["--db", dbPath, "backup", file, "--force"])).code).toBe(0);
  });

  it("restore checks the file, then replaces the configured database", async () => {
    const file = join(tmp, `restore-src-${n}.db`);
    expect((await cli(["--db", dbPath, "backup", file])).code).toBe(0);
    // Change the live database after the backup; the restore brings back the backup's state.
    expect((await cli(["--db", dbPath, "import", "employers", write("beta.csv", "code,name,uscc,region\nBETA,Beta,91365020X53W432LQT,x\n")])).code).toBe(0);
    const r = await cli(["--db", dbPath, "restore", file]);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^restored .* integrity_check: ok/) });
    expect(dump(dbPath)).toEqual(dump(file));
    expect(dump(dbPath).employers).toHaveLength(1);
  });

  it("restore refuses a file that is not a Shebao database, and leaves the database alone", async () => {
    const before = dump(dbPath);
    expect(await cli(["--db", dbPath, "restore", write("junk.db", "not a database at all, just text ".repeat(200))])).toMatchObject({ code: 1, stderr: expect.stringMatching(/is not a SQLite database|fails integrity_check/) });
    const other = join(tmp, `other-${n}.db`);
    const o = new Database(other);
    o.exec("CREATE TABLE t (x)");
    o.close();
    expect(await cli(["--db", dbPath, "restore", other])).toMatchObject({ code: 1, stderr: expect.stringMatching(/is not a Shebao database \(no table __drizzle_migrations\)/) });
    expect(await cli(["--db", dbPath, "restore", join(tmp, "missing.db")])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: no file /) });
    expect(dump(dbPath)).toEqual(before);
  });
});

describe("report", () => {
  it("writes the findings CSV with BOM and CRLF, and names months without a policy on stderr", async () => {
    const r = await cli(["--db", dbPath, "report", "findings", "--as-of", "2026-02-20"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("\uFEFFrule,article,severity,status,employer_code,period,employee_no,employee_name,due_date,days,outstanding,late_fee,stage,detail\r\n")).toBe(true);
    expect(r.stdout).toContain("ART58_UNREGISTERED,58,breach,open,ACME,,E001,Li Wei,2026-02-09,11,,,,");
    // The policy starts 2026-02: January has a liable employee and no policy.
    expect(r.stderr).toBe("warning: ACME 2026-01: 1 liable employee but no policy in force for region sample-city; the month is not evaluated\n");
  });

  it("the overdue report drops closed findings and warnings unless asked, and escapes formulas", async () => {
    const plain = await cli(["--db", dbPath, "report", "overdue", "--as-of", "2026-04-14"]);
    const withWarnings = await cli(["--db", dbPath, "report", "overdue", "--as-of", "2026-04-14", "--warnings"]);
    expect(plain.stdout.split("\r\n")[0]).toBe("\uFEFFrule,article,severity,employer_code,period,employee_no,employee_name,due_date,days,outstanding,late_fee,stage,detail");
    expect(plain.stdout).not.toContain(",warning,");
    expect(withWarnings.stdout).toContain("ART58_REGISTRATION_DUE_SOON,58,warning,ACME,,E002,'=Wang,2026-04-19,5,,,,");
  });

  it("--employer limits the report; an unknown employer is an error; --human-header adds a Chinese row", async () => {
    const r = await cli(["--db", dbPath, "report", "findings", "--as-of", "2026-03-01", "--employer", "ACME", "--human-header"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\r\n")[0]).toBe("\uFEFF规则,条款,严重程度,状态,用人单位,所属期,职工编号,职工姓名,期限,天数,欠缴金额,滞纳金,阶段,说明");
    expect(r.stdout.split("\r\n")[1]).toBe("rule,article,severity,status,employer_code,period,employee_no,employee_name,due_date,days,outstanding,late_fee,stage,detail");
    expect(await cli(["--db", dbPath, "report", "findings", "--employer", "NOPE"])).toMatchObject({ code: 1, stdout: "", stderr: 'error: no employer with code "NOPE"\n' });
  });
});

describe("statements issue", () => {
  it("issues, and reports the service's refusals on stderr with exit 1", async () => {
    expect(await cli(["--db", dbPath, "statements", "issue", "--employer", "ACME", "--period", "2026-02", "--employee", "E001", "--on", "2026-03-05"])).toMatchObject({
      code: 0,
      stdout: "issued 1 statement for 2026-02\n",
    });
    const r = await cli(["--db", dbPath, "statements", "issue", "--employer", "ACME", "--period", "2026-02", "--employee", "E001", "--on", "2026-03-06"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*a correction needs a reason\nno statement was issued\n$/);
    expect((await cli(["--db", dbPath, "statements", "issue", "--employer", "ACME", "--period", "2026-02", "--employee", "E001", "--on", "2026-03-06", "--reason", "wage corrected"])).stdout).toBe(
      "issued 0 statements for 2026-02 (1 corrected)\n",
    );
  });
});
