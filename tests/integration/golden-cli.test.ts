/**
 * The golden cases through the command line: for every case and as-of date, a
 * fresh database (a file, or a PostgreSQL database when the suite runs on
 * PostgreSQL), `migrate`, `import` of each file in the README's order,
 * `statements issue` for each row of statements.csv, then `report findings`,
 * compared byte for byte (normalized) with the expected report.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "~/cli/main";
import { caseFiles, caseStatements, expectedReport, goldenCases, normalizeReport } from "../helpers/golden";
import { freshDatabaseLocation } from "../helpers/test-db";

const ROOT = join(import.meta.dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "shebao-golden-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

class Capture {
  text = "";
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

async function cli(argv: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function must(argv: string[]) {
  const r = await cli(argv);
  if (r.code !== 0) throw new Error(`${argv.join(" ")} → exit ${r.code}\n${r.stderr}`);
  return r;
}

let n = 0;
describe.each(goldenCases().map((c) => [c.name, c] as const))("golden case %s", (_name, c) => {
  it.each(c.asOfDates)("as of %s", async (asOf) => {
    // SQLite: a new file; with SHEBAO_TEST_DB=pg, a new PostgreSQL database (the same commands, --db postgres://…).
    const db = await freshDatabaseLocation(tmp, `${c.name}-${asOf}-${n++}`);
    expect(db.startsWith("postgres://")).toBe(process.env.SHEBAO_TEST_DB === "pg");
    await must(["--db", db, "migrate"]);
    for (const f of caseFiles(c)) {
      const r = await must(["--db", db, "import", f.kind, f.path]);
      expect(r.stdout).toMatch(new RegExp(`^imported ${f.kind} from .*: \\d+ rows?, \\d+ created, 0 replaced, \\d+ unchanged\\n$`));
    }
    for (const s of caseStatements(c)) {
      await must(["--db", db, "statements", "issue", "--employer", s.employerCode, "--period", s.period, "--employee", s.employeeNo, "--on", s.issuedOn]);
    }
    const report = await must(["--db", db, "report", "findings", "--as-of", asOf]);
    expect(normalizeReport(report.stdout)).toBe(normalizeReport(expectedReport(c, asOf)));
  });
});

describe("the real binary", () => {
  it("runs the worked examples end to end: BOM, CRLF, the expected report", () => {
    const c = goldenCases().find((g) => g.name === "worked-examples")!;
    const db = join(tmp, "binary.db");
    const run = (...args: string[]) => {
      const r = spawnSync("npx", ["tsx", "app/cli/main.ts", "--db", db, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_PATH: "" } });
      if (r.status !== 0) throw new Error(`${args.join(" ")} → exit ${r.status}\n${r.stderr}`);
      return r;
    };
    run("migrate");
    for (const f of caseFiles(c)) expect(run("import", f.kind, f.path).stdout).toMatch(/^imported /);
    for (const s of caseStatements(c)) run("statements", "issue", "--employer", s.employerCode, "--period", s.period, "--employee", s.employeeNo, "--on", s.issuedOn);
    const asOf = c.asOfDates.at(-1)!;
    const out = run("report", "findings", "--as-of", asOf).stdout;
    expect(out.startsWith("\uFEFFrule,article,severity,status,")).toBe(true);
    expect(out).toMatch(/\r\n$/);
    expect(out.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(normalizeReport(out)).toBe(normalizeReport(expectedReport(c, asOf)));

    // A bad import through the binary: exit 1, every error on stderr.
    const bad = spawnSync("npx", ["tsx", "app/cli/main.ts", "--db", db, "import", "payments", join(c.dir, "registrations.csv")], { cwd: ROOT, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^row 1, column applied_on: is not a column of payments/m);
  }, 180_000);
});
