/**
 * The web over HTTP against the production build (`npm run build` first), on
 * a copy of the scale data set: the figures of issue 6.
 *
 * - Server time of the dashboard, the roster (50 rows) and the findings page:
 *   sequential requests over loopback, time to the last byte, median and p90
 *   after one warm-up each, and the ratio to an empty page route (/about)
 *   measured in the same run. The first dashboard request after a change of
 *   the data (the evaluation is rebuilt) is printed separately.
 * - The overdue CSV streamed: rows per second and the server's resident memory
 *   growth while it streams (sampled from /proc every 5 ms).
 * - Dashboard throughput with 10 concurrent connections (autocannon).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import autocannon from "autocannon";
import { openDatabase, sqliteClient, closeDatabase } from "../../db/connection";
import { CLI_ACTOR } from "../../app/models/audit.server";
import { createUser } from "../../app/models/user.server";
import { freePort } from "../helpers/free-port";

export interface HttpFigures {
  rows: { label: string; median: number; p90: number; ratio: number | null }[];
  coldDashboard: number;
  csv: { rows: number; ms: number; rowsPerSecond: number; rssBefore: number; rssPeak: number };
  autocannon: { connections: number; seconds: number; requests: number; rps: number; p50: number; p99: number; errors: number; non2xx: number };
}

const EMAIL = "bench-hr@example.com";
const PASSWORD = "bench-hr-passphrase";


function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

export const now = () => Number(process.hrtime.bigint()) / 1e6;
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export async function timed(url: string, cookie: string): Promise<number> {
  const t0 = now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.arrayBuffer();
  const t = now() - t0;
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
  return t;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}

/** A production server over a copy of a bench database, with an HR account; `signIn` opens a session. */
export interface BenchServer {
  base: string;
  dbPath: string;
  child: ChildProcess;
  signIn(): Promise<string>;
  stop(): Promise<void>;
}

/** `sourceDb`: a SQLite file (the server runs on a copy) or a PostgreSQL URL (the server runs on it). */
export async function benchServer(sourceDb: string, suffix = "http"): Promise<BenchServer> {
  if (!existsSync("build/index.js")) throw new Error("no production build: run `npm run build` first");
  const onPg = /^postgres(ql)?:\/\//.test(sourceDb);
  const dbPath = onPg ? sourceDb : sourceDb.replace(/\.db$/, `-${suffix}.db`);
  if (!onPg) {
    for (const s of ["", "-wal", "-shm"]) rmSync(dbPath + s, { force: true });
    const src = openDatabase(sourceDb);
    await sqliteClient(src)!.backup(dbPath);
    await closeDatabase(src);
  }
  const db = openDatabase(dbPath);
  try {
    await createUser(db, CLI_ACTOR, { email: EMAIL, name: "Bench HR", role: "hr", password: PASSWORD });
  } catch (e) {
    // A PostgreSQL database a previous run already used: its bench account is there.
    if ((e as { errors?: { email?: { code?: string } } }).errors?.email?.code !== "duplicate") throw e;
  }
  await closeDatabase(db);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", ...(onPg ? { DATABASE_URL: dbPath } : { DATABASE_PATH: dbPath }), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    if (/SQLITE_BUSY|Error/.test(stderr)) console.error(`server stderr:\n${stderr.slice(0, 2000)}`);
    if (!onPg) for (const s of ["", "-wal", "-shm"]) rmSync(dbPath + s, { force: true });
  };
  try {
    await waitFor(`${base}/login`, child);
  } catch (e) {
    await stop();
    throw e;
  }
  const signIn = async () => {
    const login = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email: EMAIL, password: PASSWORD }), redirect: "manual" });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    if (login.status !== 302 || !cookie) throw new Error(`sign-in failed: HTTP ${login.status}`);
    return cookie;
  };
  return { base, dbPath, child, signIn, stop };
}

export async function httpBench(sourceDb: string, today: string, iterations = 30): Promise<HttpFigures> {
  const server = await benchServer(sourceDb);
  const { base, dbPath, child } = server;
  try {
    const cookie = await server.signIn();

    const asOf = `asOf=${today}`;
    const dashboard = `${base}/?${asOf}`;
    // The first dashboard request evaluates the installation (the cache is empty, as after any write).
    const coldDashboard = await timed(dashboard, cookie);
    const pages = [
      { label: "empty route (/about)", url: `${base}/about` },
      { label: "dashboard (/)", url: dashboard },
      { label: "roster (/employees, 50 rows)", url: `${base}/employees` },
      { label: "roster, last page", url: `${base}/employees?page=200` },
      { label: "findings (/findings, 50 rows)", url: `${base}/findings?${asOf}` },
      { label: "findings, filtered and sorted", url: `${base}/findings?${asOf}&status=open&rule=ART60_UNPAID&sort=outstanding&dir=desc` },
    ];
    const times = new Map<string, number[]>(pages.map((p) => [p.label, []]));
    for (const p of pages) await timed(p.url, cookie); // warm-up
    // Interleaved, so every page meets the same machine noise.
    for (let i = 0; i < iterations; i++) for (const p of pages) times.get(p.label)!.push(await timed(p.url, cookie));
    const empty = quantile(times.get(pages[0]!.label)!, 0.5);
    const rows = pages.map((p) => {
      const xs = times.get(p.label)!;
      const median = quantile(xs, 0.5);
      return { label: p.label, median, p90: quantile(xs, 0.9), ratio: p === pages[0] ? null : median / empty };
    });

    // The overdue CSV, streamed (warnings included: the largest report).
    const csvRuns: HttpFigures["csv"][] = [];
    for (let i = 0; i < 3; i++) {
      const pid = child.pid!;
      const rssBefore = rssMb(pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        const r = rssMb(pid);
        if (r > rssPeak) rssPeak = r;
      }, 5);
      const t0 = now();
      const res = await fetch(`${base}/reports/overdue.csv?${asOf}&warnings=1`, { headers: { cookie } });
      if (res.status !== 200 || !res.body) throw new Error(`overdue CSV: HTTP ${res.status}`);
      let newlines = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) for (const b of chunk) if (b === 10) newlines++;
      const ms = now() - t0;
      clearInterval(sampler);
      const rowsOut = newlines - 1;
      csvRuns.push({ rows: rowsOut, ms, rowsPerSecond: rowsOut / (ms / 1000), rssBefore, rssPeak });
    }
    csvRuns.sort((a, b) => a.ms - b.ms);
    const csv = csvRuns[1]!;

    const seconds = 10;
    const ac = await autocannon({ url: dashboard, connections: 10, duration: seconds, headers: { cookie } });
    return {
      rows,
      coldDashboard,
      csv,
      autocannon: {
        connections: 10,
        seconds,
        requests: ac.requests.total,
        rps: ac.requests.average,
        p50: ac.latency.p50,
        p99: ac.latency.p99,
        errors: ac.errors,
        non2xx: ac.non2xx,
      },
    };
  } finally {
    await server.stop();
  }
}
