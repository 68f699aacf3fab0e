/**
 * `tsx tests/bench/pg-scale.ts` (issue 16): PostgreSQL at provider scale, on a
 * throwaway cluster (Debian's server, as the tests use): 100,000 employees ×
 * 36 months over 200 employers (PG_BENCH_EMPLOYEES, PG_BENCH_EMPLOYERS to
 * change), seeded by `cli seed scale`; then
 *  - `report overdue` as a new process: wall time and peak RSS;
 *  - the dashboard of one employer over HTTP against the production build:
 *    the first request (that employer loaded and evaluated), then the median
 *    of 10; the server's resident memory after it.
 * Print beside `npm run bench`'s SQLite figures at 10,000 (the README's table).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createEmptyDatabase, startPgCluster } from "../helpers/pg-cluster";
import { benchServer, quantile, timed } from "./http";

const EMPLOYEES = Number(process.env.PG_BENCH_EMPLOYEES ?? 100_000);
const EMPLOYERS = Number(process.env.PG_BENCH_EMPLOYERS ?? 200);
const MONTHS = 36;
const TODAY = "2026-11-23";
const HEAP = ["--max-old-space-size=12000"];

const seconds = (t0: number) => (Date.now() - t0) / 1000;
function cli(args: string[], extra: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...HEAP, ...extra, "--import", "tsx", "app/cli/main.ts", ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

const cluster = await startPgCluster();
try {
  const url = await createEmptyDatabase(cluster.url, "bench_scale");
  let t0 = Date.now();
  const seeded = cli(["--db", url, "seed", "scale", "--employees", String(EMPLOYEES), "--months", String(MONTHS), "--employers", String(EMPLOYERS), "--today", TODAY]);
  if (seeded.status !== 0) throw new Error(`seed scale failed: ${seeded.stderr.slice(0, 2000)}`);
  console.log(`${seeded.stdout.trim()} (PostgreSQL; ${seconds(t0).toFixed(0)} s with the migration)`);

  // report overdue, a new process, three times.
  const runs: { wall: number; rss: number; rows: number }[] = [];
  for (let i = 0; i < 3; i++) {
    t0 = Date.now();
    const r = spawnSync(
      "/usr/bin/time",
      ["-f", "MAXRSS %M", process.execPath, ...HEAP, "--import", "tsx", "app/cli/main.ts", "--db", url, "report", "overdue", "--as-of", TODAY],
      { encoding: "utf8", maxBuffer: 1 << 28 },
    );
    if (r.status !== 0) throw new Error(`report overdue failed: ${r.stderr.slice(0, 2000)}`);
    const rss = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
    runs.push({ wall: Date.now() - t0, rss, rows: r.stdout.split("\n").filter(Boolean).length - 1 });
  }
  runs.sort((a, b) => a.wall - b.wall);

  // One employer's dashboard.
  const server = await benchServer(url);
  try {
    const cookie = await server.signIn();
    const page = `${server.base}/?employer=E001&asOf=${TODAY}`;
    const first = await timed(page, cookie);
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) warm.push(await timed(page, cookie));
    const whole = await timed(`${server.base}/?asOf=${TODAY}`, cookie);
    const status = readFileSync(`/proc/${server.child.pid}/status`, "utf8");
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
    console.log(`\nPostgreSQL ${EMPLOYEES.toLocaleString("en-US")} employees × ${MONTHS} months over ${EMPLOYERS} employers:`);
    console.log("| figure | value |");
    console.log("| --- | ---: |");
    console.log(`| \`report overdue\`, a new process (${runs[1]!.rows} rows) | ${runs[1]!.wall} ms (median of 3) |`);
    console.log(`| \`report overdue\` peak RSS | ${runs[1]!.rss.toFixed(0)} MB |`);
    console.log(`| dashboard of one employer (E001), first request of a new server | ${first.toFixed(0)} ms |`);
    console.log(`| dashboard of one employer, warm (median of 10) | ${quantile(warm, 0.5).toFixed(1)} ms |`);
    console.log(`| dashboard of all ${EMPLOYERS} employers, first request (each evaluated) | ${whole.toFixed(0)} ms |`);
    console.log(`| server resident memory after it | ${rss.toFixed(0)} MB |`);
  } finally {
    await server.stop();
  }
} finally {
  await cluster.stop();
}
