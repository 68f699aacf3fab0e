/**
 * `npm run bench`: figures, not a timed test.
 *
 * On the scale data set (`seed scale --employees 10000 --months 36`, built once
 * into tests/.tmp/bench.db; pass --fresh to rebuild):
 *  - engine: load (SQL → engine input) and evaluate, median of 5 runs;
 *  - the whole `report overdue` command as a user runs it (a new process), wall time and peak RSS;
 *  - statements for a whole month;
 *  - the web over HTTP against the production build (tests/bench/http.ts).
 * `--http` runs only the web figures; `--files` only issue 18's (xlsx vs CSV import, the streamed overdue xlsx; tests/bench/files.ts).
 * `--after-payment` only issue 16's first page after a payment, on SQLite and
 * (when Debian's PostgreSQL server is installed) on a throwaway PostgreSQL
 * cluster; `--after-payment=sqlite` or `=pg` for one of them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, mkdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { openDatabase, sqliteClient, closeDatabase, migrate } from "../../db/connection";
import { runCli } from "../../app/cli/main";
import { loadEngineInput } from "../../app/models/engine.server";
import { evaluate, EngineIndex } from "../../app/rules/evaluate";
import { issueStatements } from "../../app/models/statement-issue.server";
import { monthOf } from "../../app/rules/dates";
import { filesBench, printFiles } from "./files";
import { httpBench } from "./http";
import { afterPaymentBench, printAfterPayment, type AfterPaymentFigures } from "./after-payment";
import { createEmptyDatabase, findPgBinDir, startPgCluster } from "../helpers/pg-cluster";

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 10_000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 36);
const TODAY = process.env.BENCH_TODAY ?? "2026-11-23";
const DB = process.env.BENCH_DB ?? `tests/.tmp/bench-${EMPLOYEES}x${MONTHS}.db`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** `cli seed scale` into a SQLite file or a PostgreSQL database: two employers (3:1), or `employers` of equal size. */
async function runSeedScale(db: string, employers?: number): Promise<void> {
  const t0 = process.hrtime.bigint();
  const args = ["--db", db, "seed", "scale", "--employees", String(EMPLOYEES), "--months", String(MONTHS), "--today", TODAY];
  if (employers !== undefined) args.push("--employers", String(employers));
  const code = await runCli(args, { stdout: process.stdout, stderr: process.stderr });
  if (code !== 0) throw new Error("seed scale failed");
  console.log(`seed scale: ${(ms(t0) / 1000).toFixed(1)} s`);
}

/**
 * A SQLite scale data set in tests/.tmp, seeded once (--fresh seeds it
 * again); one seeded by an older version is brought up to date first, as the
 * server and the command line do.
 */
const readySets = new Set<string>();
async function ensureScaleDb(path = DB, employers?: number): Promise<void> {
  if (readySets.has(path)) return;
  readySets.add(path);
  mkdirSync("tests/.tmp", { recursive: true });
  if (process.argv.includes("--fresh")) for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
  if (!existsSync(path)) return runSeedScale(path, employers);
  const db = openDatabase(path);
  await migrate(db);
  await closeDatabase(db);
}

async function main() {
  if (process.argv.includes("--files")) {
    printFiles(await filesBench());
    return;
  }
  if (process.argv.some((a) => a === "--after-payment" || a.startsWith("--after-payment="))) {
    printAfterPayment(await afterPaymentFigures());
    return;
  }
  await ensureScaleDb();
  if (process.argv.includes("--http")) {
    printHttp(await httpBench(DB, TODAY));
    printAfterPayment(await afterPaymentFigures());
    return;
  }
  const db = openDatabase(DB);
  const loads: number[] = [];
  const evals: number[] = [];
  const annualEvals: number[] = [];
  let findings = 0;
  let annualFindings = 0;
  for (let i = 0; i < 5; i++) {
    let t0 = process.hrtime.bigint();
    const input = await loadEngineInput(db);
    loads.push(ms(t0));
    t0 = process.hrtime.bigint();
    const ev = evaluate(new EngineIndex(input), TODAY);
    evals.push(ms(t0));
    findings = ev.findings.length;
    // The same data under base_rule=annual (a contribution year from July): the basis averages the previous year's wages.
    const annual = { ...input, policies: input.policies.map((p) => ({ ...p, baseRule: "annual" as const, baseYearStart: 7 })) };
    t0 = process.hrtime.bigint();
    annualFindings = evaluate(new EngineIndex(annual), TODAY).findings.length;
    annualEvals.push(ms(t0));
  }
  await closeDatabase(db);

  const runs: { wall: number; rss: number; rows: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `const { runCli } = await import("./app/cli/main.ts");
         let rows = 0; const out = { write(s) { for (const c of s) if (c === "\\n") rows++; return true; } };
         const code = await runCli(["--db", ${JSON.stringify(DB)}, "report", "overdue", "--as-of", ${JSON.stringify(TODAY)}], { stdout: out, stderr: process.stderr });
         process.stderr.write("BENCH " + JSON.stringify({ code, rows, rss: process.resourceUsage().maxRSS }) + "\\n");`,
      ],
      { encoding: "utf8", maxBuffer: 1 << 26 },
    );
    const wall = ms(t0);
    const line = (r.stderr ?? "").split("\n").find((l) => l.startsWith("BENCH "));
    if (!line) throw new Error(`report overdue failed: ${r.stderr}`);
    const b = JSON.parse(line.slice(6)) as { code: number; rows: number; rss: number };
    if (b.code !== 0) throw new Error(`report overdue exited ${b.code}`);
    runs.push({ wall, rss: b.rss / 1024, rows: b.rows - 1 });
  }

  // Statements for a whole month of every employee (one action per employer), on a copy (the data set stays as seeded).
  const copy = DB.replace(/\.db$/, "-statements.db");
  for (const sfx of ["", "-wal", "-shm"]) rmSync(copy + sfx, { force: true });
  const src = openDatabase(DB);
  await sqliteClient(src)!.backup(copy);
  await closeDatabase(src);
  const target = openDatabase(copy);
  const t0 = process.hrtime.bigint();
  let statementsIssued = 0;
  for (const employerCode of ["GRP-SH", "GRP-BJ"]) {
    const issued = await issueStatements(target, { employerCode, period: monthOf(TODAY), issuedOn: TODAY }, { userId: null, label: "bench" });
    if (!issued.ok) throw new Error(`statements issue failed: ${issued.errors.join("; ")}`);
    statementsIssued += issued.issued;
  }
  const statementsMs = ms(t0);
  await closeDatabase(target);
  for (const sfx of ["", "-wal", "-shm"]) rmSync(copy + sfx, { force: true });

  console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`data: ${EMPLOYEES} employees × ${MONTHS} months, as of ${TODAY}; ${findings} findings`);
  console.log("| figure | median | goal |");
  console.log("| --- | ---: | --- |");
  console.log(`| engine: load from SQLite | ${median(loads).toFixed(0)} ms | |`);
  console.log(`| engine: index + evaluate (the rules) | ${median(evals).toFixed(0)} ms | < 1000 ms |`);
  console.log(`| engine: index + evaluate with base_rule=annual (${annualFindings} findings) | ${median(annualEvals).toFixed(0)} ms | < 1000 ms |`);
  console.log(`| \`report overdue\` command, new process (${runs[0]!.rows} rows) | ${median(runs.map((r) => r.wall)).toFixed(0)} ms | < 3000 ms |`);
  console.log(`| \`report overdue\` peak RSS | ${median(runs.map((r) => r.rss)).toFixed(0)} MB | |`);
  console.log(`| statements for a month, one action per employer (${statementsIssued} employees) | ${statementsMs.toFixed(0)} ms | seconds |`);
  printHttp(await httpBench(DB, TODAY));
  printAfterPayment(await afterPaymentFigures());
  printFiles(await filesBench());
}

/**
 * Issue 16's figures: on SQLite, three layouts of the same size (two
 * employers 3:1, one employer, twenty of equal size); on PostgreSQL (a
 * throwaway cluster, seeded afresh), one employer and twenty.
 */
async function afterPaymentFigures(): Promise<AfterPaymentFigures[]> {
  const which = /^--after-payment=(sqlite|pg)$/.exec(process.argv.find((a) => a.startsWith("--after-payment=")) ?? "")?.[1] ?? "both";
  const out: AfterPaymentFigures[] = [];
  const layout = (employers: number) => `${EMPLOYEES.toLocaleString("en-US")} × ${MONTHS}, ${employers === 1 ? "one employer" : `${employers} employers of ${Math.round(EMPLOYEES / employers)}`}`;
  if (which !== "pg") {
    await ensureScaleDb();
    out.push(await afterPaymentBench(DB, TODAY, `SQLite, ${EMPLOYEES.toLocaleString("en-US")} × ${MONTHS}, two employers`));
    for (const employers of [1, 20]) {
      const db = DB.replace(/\.db$/, `-e${employers}.db`);
      await ensureScaleDb(db, employers);
      out.push(await afterPaymentBench(db, TODAY, `SQLite, ${layout(employers)}`));
    }
  }
  if (which !== "sqlite") {
    try {
      findPgBinDir();
    } catch (e) {
      console.log(`\nPostgreSQL figures skipped: ${(e as Error).message}`);
      return out;
    }
    const cluster = await startPgCluster();
    try {
      for (const employers of [1, 20]) {
        const url = await createEmptyDatabase(cluster.url, `bench_after_e${employers}`);
        await runSeedScale(url, employers);
        out.push(await afterPaymentBench(url, TODAY, `PostgreSQL, ${layout(employers)}`));
      }
    } finally {
      await cluster.stop();
    }
  }
  return out;
}

function printHttp(h: Awaited<ReturnType<typeof httpBench>>) {
  console.log(`\nweb, production build over loopback (sequential requests; time to the last byte):`);
  console.log("| page | median | p90 | × empty route | goal |");
  console.log("| --- | ---: | ---: | ---: | --- |");
  for (const r of h.rows) {
    const goal = r.ratio === null ? "" : "≤ 100 ms, ≤ 5×";
    console.log(`| ${r.label} | ${r.median.toFixed(1)} ms | ${r.p90.toFixed(1)} ms | ${r.ratio === null ? "1" : r.ratio.toFixed(1)}× | ${goal} |`);
  }
  console.log(`| dashboard, first request of a new server (every employer evaluated) | ${h.coldDashboard.toFixed(0)} ms | | | |`);
  const c = h.csv;
  console.log(`| overdue CSV with warnings, streamed (${c.rows} rows) | ${c.ms.toFixed(0)} ms, ${Math.round(c.rowsPerSecond).toLocaleString("en-US")} rows/s | | | ≥ 50,000 rows/s |`);
  console.log(`| server RSS while streaming it | ${c.rssBefore.toFixed(0)} → ${c.rssPeak.toFixed(0)} MB (+${(c.rssPeak - c.rssBefore).toFixed(0)} MB) | | | growth < 100 MB |`);
  const a = h.autocannon;
  console.log(`| dashboard, ${a.connections} connections for ${a.seconds} s (autocannon) | ${a.rps.toFixed(0)} requests/s (p50 ${a.p50} ms, p99 ${a.p99} ms; ${a.requests} requests, ${a.errors} errors, ${a.non2xx} non-2xx) | | | |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
