/** `calendar apply` and `policy preset` on the command line; a preset file imports as it stands. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runCli, type CliIo } from "~/cli/main";
import { presetCsv } from "~/rules/presets/policies";
import { SAMPLE_PRESET } from "~/rules/presets/preset-test-fixtures";

const tmp = mkdtempSync(join(tmpdir(), "shebao-cli-firstday-"));
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
  const code = await runCli(argv, { stdout, stderr } as CliIo);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
const rows = (path: string, sql: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

let dbPath: string;
let n = 0;
beforeEach(async () => {
  dbPath = join(tmp, `t${n++}.db`);
  expect((await cli(["--db", dbPath, "migrate"])).code).toBe(0);
});

describe("calendar apply", () => {
  it("writes 2025 with weekends minus make-up days, then nothing the second time", async () => {
    const first = await cli(["--db", dbPath, "calendar", "apply", "--region", "shanghai", "--year", "2025", "--weekends"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^shanghai 2025: \d+ non-working days added, 0 already there\n$/);
    expect(first.stderr).toContain("国务院办公厅关于2025年部分节假日安排的通知");
    const dates = (rows(dbPath, "SELECT date FROM non_working_days WHERE region = 'shanghai'") as { date: string }[]).map((r) => r.date);
    expect(dates).not.toContain("2025-01-26");
    expect(dates).toContain("2025-01-25");
    const audits = rows(dbPath, "SELECT * FROM audit_log").length;
    const second = await cli(["--db", dbPath, "calendar", "apply", "--region", "shanghai", "--year", "2025", "--weekends"]);
    expect(second.stdout).toBe(`shanghai 2025: 0 non-working days added, ${dates.length} already there\n`);
    expect(rows(dbPath, "SELECT * FROM non_working_days").length).toBe(dates.length);
    expect(rows(dbPath, "SELECT * FROM audit_log").length).toBe(audits);
  });

  it("refuses a year without a notice (exit 1) and bad arguments (exit 2)", async () => {
    const r = await cli(["--db", dbPath, "calendar", "apply", "--region", "shanghai", "--year", "2019"]);
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toContain("2024, 2025, 2026");
    expect((await cli(["--db", dbPath, "calendar", "apply", "--year", "2025"])).code).toBe(2);
  });
});

describe("policy preset", () => {
  it("says plainly when no sourced preset exists, writing nothing to standard output", async () => {
    const r = await cli(["policy", "preset", "atlantis", "2024-07"]);
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toContain('no sourced preset for "atlantis"');
    expect((await cli(["policy", "preset", "shanghai", "2024-13"])).code).toBe(2);
  });

  it("a preset's policies file imports as it stands", async () => {
    const file = join(tmp, "preset.csv");
    writeFileSync(file, presetCsv(SAMPLE_PRESET));
    const r = await cli(["--db", dbPath, "import", "policies", file]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const [p] = rows(dbPath, "SELECT region, effective_from, base_floor, base_cap, base_rule, base_year_start, insurance_bounds, rates FROM policies") as Record<string, unknown>[];
    expect(p).toMatchObject({ region: "sample-city", effective_from: "2024-07", base_floor: 400_000, base_cap: 2_000_000, base_rule: "annual", base_year_start: 7 });
    expect(JSON.parse(p!.insurance_bounds as string)).toEqual({ medical: { floor: 500_000 } });
  });
});
