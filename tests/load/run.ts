/**
 * `npm run test:load` — a bounded load test on the loopback, against the
 * production build (run `npm run build` first; this builds nothing).
 *
 * A fresh demo database (seeded through the command line, as the browser
 * tests do), `node server.mjs` on a free port, several signed-in sessions (HR,
 * admin, auditor) and, for LOAD_SECONDS (45 s), concurrent clients mixing the
 * dashboard, findings, the roster (also searched with an identity number),
 * the overdue CSV report and payment writes through the month page's form.
 *
 * Passes when: no 5xx, no answer other than the expected ones (a refused
 * auditor write is expected to be 403), no SQLITE_BUSY and no identity
 * number in the server's output, and the database, opened read-only after the
 * server has stopped, holds exactly the payments it held before plus every
 * payment the server acknowledged. Prints requests, req/s, p50/p99 latencies
 * and payments acknowledged vs stored; exits 1 on failure.
 *
 * Then a bounded sign-in flood (issue 21, finding 2): LOAD_FLOOD (200) wrong
 * sign-ins, 40 at a time, half for a real account (HR) and half for unknown
 * ones, while a static file and the signed-out sign-in page are fetched every
 * 100 ms. Passes when every flood answer is 400 (checked, wrong) or 503 (the
 * sign-in gate's "try again later"), the static file's p95 stays under 1 s,
 * and at most 10 guesses for the HR account were checked (the audit log's
 * unthrottled failures).
 *
 * Environment: LOAD_SECONDS (45), LOAD_CLIENTS (8), LOAD_FLOOD (200).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { freePort } from "../helpers/free-port";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SECONDS = Number(process.env.LOAD_SECONDS ?? 45);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 8);

const ACCOUNTS = {
  hr: { email: "hr@example.com", password: "demo-hr-passphrase" },
  admin: { email: "admin@example.com", password: "demo-admin-passphrase" },
  auditor: { email: "auditor@example.com", password: "demo-auditor-passphrase" },
} as const;
type Role = keyof typeof ACCOUNTS;

function fail(message: string): never {
  console.error(`load test: FAILED — ${message}`);
  process.exit(1);
}


function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function readOnly<T>(path: string, f: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

// ---------- set-up ----------

if (!existsSync(join(ROOT, "build", "index.js"))) fail("no production build: run `npm run build` first");
const tmp = mkdtempSync(join(tmpdir(), "shebao-load-"));
const dbPath = join(tmp, "load.db");
let server: ChildProcess | null = null;
process.on("exit", () => {
  server?.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

const seed = spawnSync(process.execPath, ["--import", "tsx", "tests/e2e/setup-db.ts"], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_PATH: dbPath },
  encoding: "utf8",
});
if (seed.status !== 0) fail(`seeding the demo database: ${seed.stderr}`);

const { paymentsBefore, period, employer, idNumbers } = readOnly(dbPath, (db) => ({
  paymentsBefore: (db.prepare("SELECT count(*) AS n FROM payments").get() as { n: number }).n,
  period: (db.prepare("SELECT max(period) AS p FROM payments").get() as { p: string }).p,
  employer: (db.prepare("SELECT code FROM employers ORDER BY id LIMIT 1").get() as { code: string }).code,
  idNumbers: (db.prepare("SELECT id_number AS n FROM employees").all() as { n: string }[]).map((r) => r.n),
}));

const port = await freePort();
const BASE = `http://127.0.0.1:${port}`;
let serverOut = "";
let serverErr = "";
server = spawn(process.execPath, ["server.mjs"], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: dbPath, NODE_ENV: "production" },
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout!.on("data", (d: Buffer) => (serverOut += d.toString()));
server.stderr!.on("data", (d: Buffer) => (serverErr += d.toString()));
const serverExit = new Promise<number | null>((resolve) => server!.on("exit", (code) => resolve(code)));

for (let i = 0; ; i++) {
  if (i > 300) fail(`the server did not start:\n${serverErr}`);
  try {
    if ((await fetch(`${BASE}/login`)).ok) break;
  } catch {
    /* not yet */
  }
  await new Promise((r) => setTimeout(r, 100));
}

async function signIn(role: Role): Promise<string> {
  const res = await fetch(`${BASE}/login`, { method: "POST", body: new URLSearchParams(ACCOUNTS[role]), redirect: "manual" });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("__session=") && c.length > 10);
  if (res.status !== 302 || !cookie) fail(`signing in as ${role}: ${res.status}`);
  return cookie;
}

/** Several sessions per role: each client uses one. */
const sessionRoles: Role[] = ["hr", "admin", "hr", "auditor", "admin", "hr", "auditor", "admin"];
const sessions: { role: Role; cookie: string }[] = [];
for (const role of sessionRoles) sessions.push({ role, cookie: await signIn(role) });

// ---------- the load ----------

type Kind = "dashboard" | "findings" | "roster" | "roster search" | "overdue.csv" | "months" | "payment" | "payment (auditor)";
interface Op {
  kind: Kind;
  method: "GET" | "POST";
  path: string;
  body?: URLSearchParams;
  expect: number;
}

let serial = 0;
function pick(role: Role): Op {
  const r = Math.random();
  const writer = role !== "auditor";
  if (r < 0.3) {
    const body = new URLSearchParams({ intent: "payment", employer, period, paidOn: new Date().toISOString().slice(0, 10), amount: "1.00", reference: `LOAD-${process.pid}-${++serial}` });
    return writer
      ? { kind: "payment", method: "POST", path: `/months/${period}?employer=${employer}`, body, expect: 302 }
      : { kind: "payment (auditor)", method: "POST", path: `/months/${period}?employer=${employer}`, body, expect: 403 };
  }
  if (r < 0.45) return { kind: "dashboard", method: "GET", path: "/", expect: 200 };
  if (r < 0.6) return { kind: "findings", method: "GET", path: "/findings", expect: 200 };
  if (r < 0.7) return { kind: "roster", method: "GET", path: `/employees?page=${1 + Math.floor(Math.random() * 4)}`, expect: 200 };
  // Somebody types an identity number into the roster's search box: it must reach no log.
  if (r < 0.75) return { kind: "roster search", method: "GET", path: `/employees?q=${idNumbers[Math.floor(Math.random() * idNumbers.length)]}`, expect: 200 };
  if (r < 0.9) return { kind: "overdue.csv", method: "GET", path: "/reports/overdue.csv", expect: 200 };
  return { kind: "months", method: "GET", path: `/months/${period}?employer=${employer}`, expect: 200 };
}

const latencies: number[] = [];
const perKind = new Map<Kind, { n: number; ms: number[] }>();
const unexpected: string[] = [];
let fivexx = 0;
let acknowledged = 0;
let requests = 0;

const started = performance.now();
const deadline = started + SECONDS * 1000;

async function client(i: number) {
  const s = sessions[i % sessions.length]!;
  while (performance.now() < deadline) {
    const op = pick(s.role);
    const t0 = performance.now();
    let status = 0;
    try {
      const res = await fetch(BASE + op.path, {
        method: op.method,
        headers: { Cookie: s.cookie, ...(op.method === "POST" ? { Origin: BASE, "Sec-Fetch-Site": "same-origin" } : {}) },
        body: op.body,
        redirect: "manual",
      });
      await res.arrayBuffer();
      status = res.status;
    } catch (e) {
      unexpected.push(`${op.method} ${op.path}: ${(e as Error).message}`);
    }
    const ms = performance.now() - t0;
    requests++;
    latencies.push(ms);
    const k = perKind.get(op.kind) ?? { n: 0, ms: [] };
    k.n++;
    k.ms.push(ms);
    perKind.set(op.kind, k);
    if (status >= 500) fivexx++;
    if (status !== op.expect && status !== 0) unexpected.push(`${op.method} ${op.path} as ${s.role}: ${status} (expected ${op.expect})`);
    if (op.kind === "payment" && status === 302) acknowledged++;
  }
}

console.log(`load test: ${CLIENTS} clients on ${sessions.length} sessions (hr, admin, auditor) for ${SECONDS} s against ${BASE}`);
await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
const elapsed = (performance.now() - started) / 1000;

// ---------- the sign-in flood ----------

const FLOOD = Number(process.env.LOAD_FLOOD ?? 200);
const floodAnswers = new Map<number, number>();
const probes: Record<"static" | "login", number[]> = { static: [], login: [] };
let flooding = true;
const prober = (async () => {
  while (flooding) {
    for (const [kind, path] of [["static", "/favicon.svg"], ["login", "/login"]] as const) {
      const t0 = performance.now();
      try {
        const r = await fetch(`${BASE}${path}`);
        await r.arrayBuffer();
        if (r.status === 200) probes[kind].push(performance.now() - t0);
      } catch {
        probes[kind].push(Number.POSITIVE_INFINITY);
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
})();
const floodStarted = performance.now();
for (let sent = 0; sent < FLOOD; sent += 40) {
  await Promise.all(
    Array.from({ length: Math.min(40, FLOOD - sent) }, async (_, i) => {
      const n = sent + i;
      const email = n % 2 === 0 ? ACCOUNTS.hr.email : `flood-${n}@example.com`;
      try {
        const r = await fetch(`${BASE}/login`, { method: "POST", body: new URLSearchParams({ email, password: `wrong-${n}` }), redirect: "manual" });
        await r.arrayBuffer();
        floodAnswers.set(r.status, (floodAnswers.get(r.status) ?? 0) + 1);
      } catch {
        floodAnswers.set(0, (floodAnswers.get(0) ?? 0) + 1);
      }
    }),
  );
}
const floodSeconds = (performance.now() - floodStarted) / 1000;
flooding = false;
await prober;

// ---------- stop and check ----------

server.kill("SIGTERM");
await serverExit;
server = null;

const stored = readOnly(dbPath, (db) => ({
  payments: (db.prepare("SELECT count(*) AS n FROM payments").get() as { n: number }).n,
  load: (db.prepare("SELECT count(*) AS n FROM payments WHERE reference LIKE 'LOAD-%'").get() as { n: number }).n,
  integrity: db.pragma("integrity_check", { simple: true }) as string,
}));
const hrChecked = readOnly(dbPath, (db) => {
  const hr = db.prepare("SELECT id FROM users WHERE email = ?").get(ACCOUNTS.hr.email) as { id: number };
  return (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login_failed' AND entity_id = ? AND json_extract(after, '$.throttled') = 0").get(String(hr.id)) as { n: number }).n;
});
const output = serverOut + serverErr;
const busy = (output.match(/SQLITE_BUSY/g) ?? []).length;
const leakedIds = idNumbers.filter((n) => output.includes(n)).length;

latencies.sort((a, b) => a - b);
const f = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
console.log(`requests: ${requests} in ${elapsed.toFixed(1)} s = ${(requests / elapsed).toFixed(1)} req/s; latency p50 ${f(percentile(latencies, 50))}, p99 ${f(percentile(latencies, 99))}, max ${f(latencies.at(-1) ?? 0)}`);
for (const [kind, k] of [...perKind.entries()].sort()) {
  k.ms.sort((a, b) => a - b);
  console.log(`  ${kind.padEnd(18)} ${String(k.n).padStart(6)}  p50 ${f(percentile(k.ms, 50)).padStart(8)}  p99 ${f(percentile(k.ms, 99)).padStart(8)}`);
}
console.log(`payments: ${paymentsBefore} before + ${acknowledged} acknowledged = ${paymentsBefore + acknowledged} expected; ${stored.payments} stored (${stored.load} from this run); integrity ${stored.integrity}`);
for (const k of ["static", "login"] as const) probes[k].sort((a, b) => a - b);
console.log(
  `sign-in flood: ${FLOOD} wrong sign-ins in ${floodSeconds.toFixed(1)} s, answers ${[...floodAnswers.entries()].map(([s, n]) => `${s}×${n}`).join(", ")}; ` +
    `HR guesses checked ${hrChecked}; meanwhile /favicon.svg p50 ${f(percentile(probes.static, 50))}, p95 ${f(percentile(probes.static, 95))}, max ${f(probes.static.at(-1) ?? 0)} ` +
    `(${probes.static.length} fetches), /login p50 ${f(percentile(probes.login, 50))}, p95 ${f(percentile(probes.login, 95))}`,
);
console.log(`5xx: ${fivexx}; unexpected answers: ${unexpected.length}; SQLITE_BUSY in the server's output: ${busy}; identity numbers in the server's output: ${leakedIds}`);

const problems: string[] = [];
if (fivexx > 0) problems.push(`${fivexx} answers were 5xx`);
if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected answers, e.g.\n  ${unexpected.slice(0, 5).join("\n  ")}`);
if (busy > 0) problems.push(`SQLITE_BUSY ${busy} times in the server's output`);
if (leakedIds > 0) problems.push(`${leakedIds} identity numbers in the server's output`);
if (stored.payments !== paymentsBefore + acknowledged || stored.load !== acknowledged) problems.push(`payments stored ${stored.payments}, expected ${paymentsBefore + acknowledged}`);
if (stored.integrity !== "ok") problems.push(`integrity check: ${stored.integrity}`);
if (acknowledged === 0) problems.push("no payment was acknowledged");
const floodOther = [...floodAnswers.entries()].filter(([status]) => status !== 400 && status !== 503);
if (floodOther.length > 0) problems.push(`sign-in flood answers other than 400/503: ${floodOther.map(([s, n]) => `${s}×${n}`).join(", ")}`);
if (probes.static.length < 3 || percentile(probes.static, 95) >= 1000) problems.push(`static file p95 ${f(percentile(probes.static, 95))} during the sign-in flood (limit 1 s)`);
if (hrChecked > 10) problems.push(`${hrChecked} guesses for the HR account were checked (limit 10)`);
if (problems.length > 0) {
  if (serverErr) console.error(`server stderr (last 2,000 characters):\n${serverErr.slice(-2000)}`);
  fail(problems.join("; "));
}
console.log("load test: passed");
