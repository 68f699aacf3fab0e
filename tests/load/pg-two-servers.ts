/**
 * The load test's PostgreSQL half (issue 16): two server processes on one
 * PostgreSQL database (a throwaway cluster, the demo data seeded through the
 * command line), for LOAD_SECONDS (45 s), concurrent clients on both mixing
 * the dashboard, findings, the month page and payment writes. Then, six
 * times, a payment written through one process must be in the next dashboard
 * of the other (its month's premiums paid, from the other's cached
 * evaluation: the employer's data version, bumped by the write's triggers,
 * tells it the evaluation is stale).
 *
 * Passes when: no 5xx and no unexpected answer, every acknowledged payment is
 * stored exactly once, and every cross-process check saw the other's payment.
 * Run after `npm run build`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createEmptyDatabase, startPgCluster } from "../helpers/pg-cluster";
import { freePort } from "../helpers/free-port";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SECONDS = Number(process.env.LOAD_SECONDS ?? 45);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 8);
const HR = { email: "hr@example.com", password: "demo-hr-passphrase" };

function fail(message: string): never {
  console.error(`load test (PostgreSQL, two servers): FAILED — ${message}`);
  process.exit(1);
}
if (!existsSync(join(ROOT, "build", "index.js"))) fail("no production build: run `npm run build` first");

const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : 0);

const cluster = await startPgCluster();
const servers: ChildProcess[] = [];
let code = 1;
try {
  const url = await createEmptyDatabase(cluster.url, "shebao_load");
  const seed = spawnSync(process.execPath, ["--import", "tsx", "tests/e2e/setup-db.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (seed.status !== 0) fail(`seeding: ${seed.stderr}`);

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const paymentsBefore = Number((await db.query("SELECT count(*) AS n FROM payments")).rows[0].n);
  const period = (await db.query("SELECT max(period) AS p FROM payments")).rows[0].p as string;
  const employer = (await db.query("SELECT code FROM employers ORDER BY id LIMIT 1")).rows[0].code as string;

  const bases: string[] = [];
  const errs: string[] = ["", ""];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const child = spawn(process.execPath, ["server.mjs"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url, NODE_ENV: "production", MAIL_WORKER: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr!.on("data", (d: Buffer) => (errs[i] += d.toString()));
    servers.push(child);
    bases.push(`http://127.0.0.1:${port}`);
  }
  for (const base of bases)
    for (let i = 0; ; i++) {
      if (i > 300) fail(`a server did not start:\n${errs.join("\n")}`);
      try {
        if ((await fetch(`${base}/login`)).ok) break;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  const cookies: string[] = [];
  for (const base of bases) {
    const res = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams(HR), redirect: "manual" });
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("__session=") && c.length > 10);
    if (res.status !== 302 || !cookie) fail(`signing in on ${base}: ${res.status}`);
    cookies.push(cookie);
  }

  const monthPath = `/months/${period}?employer=${employer}`;
  let serial = 0;
  let acknowledged = 0;
  let fivexx = 0;
  let requests = 0;
  const unexpected: string[] = [];
  const latencies: number[] = [];
  const pay = async (server: number, reference: string): Promise<number> => {
    const base = bases[server]!;
    const res = await fetch(base + monthPath, {
      method: "POST",
      headers: { Cookie: cookies[server]!, Origin: base, "Sec-Fetch-Site": "same-origin" },
      body: new URLSearchParams({ intent: "payment", employer, period, paidOn: new Date().toISOString().slice(0, 10), amount: "1.00", reference }),
      redirect: "manual",
    });
    await res.arrayBuffer();
    if (res.status === 302) acknowledged++;
    return res.status;
  };
  const deadline = performance.now() + SECONDS * 1000;
  const client = async (i: number) => {
    const server = i % 2;
    while (performance.now() < deadline) {
      const r = Math.random();
      const t0 = performance.now();
      let status = 0;
      let expected = 200;
      try {
        if (r < 0.3) {
          expected = 302;
          status = await pay(server, `PGLOAD-${i}-${++serial}`);
        } else {
          const path = r < 0.55 ? "/" : r < 0.8 ? "/findings" : monthPath;
          const res = await fetch(bases[server]! + path, { headers: { Cookie: cookies[server]! }, redirect: "manual" });
          await res.arrayBuffer();
          status = res.status;
        }
      } catch (e) {
        unexpected.push((e as Error).message);
      }
      requests++;
      latencies.push(performance.now() - t0);
      if (status >= 500) fivexx++;
      if (status !== expected && status !== 0) unexpected.push(`server ${server}: ${status} (expected ${expected})`);
    }
  };
  console.log(`load test (PostgreSQL): ${CLIENTS} clients on two server processes over one database for ${SECONDS} s`);
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));

  // Then, quietly: a payment written through one process must be in the other's
  // next dashboard (its premiums paid for the month, from the cached evaluation).
  const paidOn = async (server: number): Promise<number> => {
    const res = await fetch(`${bases[server]}/?_data=routes%2F_index`, { headers: { Cookie: cookies[server]! } });
    if (res.status !== 200) throw new Error(`dashboard data on server ${server}: ${res.status}`);
    const data = (await res.json()) as { figures: { premiums: { period: string; paid: number }[] } };
    return data.figures.premiums.find((p) => p.period === period)?.paid ?? Number.NaN;
  };
  let crossChecks = 0;
  const crossMisses: string[] = [];
  for (let k = 0; k < 6; k++) {
    const from = k % 2;
    const to = 1 - from;
    const before = await paidOn(to);
    if ((await pay(from, `XPROC-${k}`)) !== 302) {
      crossMisses.push(`XPROC-${k}: not acknowledged`);
      continue;
    }
    const after = await paidOn(to);
    crossChecks++;
    if (after !== before + 100) crossMisses.push(`server ${to} showed ${period} paid ${after} after server ${from} recorded ¥1.00 more than ${before}`);
  }

  for (const s of servers) s.kill("SIGTERM");
  await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.on("exit", r)))));
  const stored = Number((await db.query("SELECT count(*) AS n FROM payments")).rows[0].n);
  const dupes = Number((await db.query("SELECT count(*) AS n FROM (SELECT reference FROM payments GROUP BY employer_id, reference HAVING count(*) > 1) d")).rows[0].n);
  await db.end();

  console.log(
    `requests: ${requests}, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; 5xx: ${fivexx}; unexpected: ${unexpected.length}; ` +
      `payments: ${paymentsBefore} before + ${acknowledged} acknowledged = ${paymentsBefore + acknowledged} expected, ${stored} stored, ${dupes} duplicated; ` +
      `cross-process checks: ${crossChecks}, misses: ${crossMisses.length}`,
  );
  const problems: string[] = [];
  if (fivexx > 0) problems.push(`${fivexx} answers were 5xx`);
  if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected answers, e.g. ${unexpected.slice(0, 5).join("; ")}`);
  if (stored !== paymentsBefore + acknowledged || dupes > 0) problems.push(`payments stored ${stored} (${dupes} duplicated), expected ${paymentsBefore + acknowledged}`);
  if (acknowledged === 0) problems.push("no payment was acknowledged");
  if (crossChecks === 0 || crossMisses.length > 0) problems.push(`cross-process visibility: ${crossMisses.slice(0, 3).join("; ") || "no check ran"}`);
  if (problems.length > 0) {
    console.error(errs.map((e) => e.slice(-1500)).join("\n---\n"));
    fail(problems.join("; "));
  }
  console.log("load test (PostgreSQL, two servers): passed");
  code = 0;
} finally {
  for (const s of servers) if (s.exitCode === null) s.kill("SIGKILL");
  await cluster.stop();
}
process.exit(code);
