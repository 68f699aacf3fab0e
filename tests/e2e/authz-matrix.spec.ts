/**
 * The authorization matrix: every route file in app/routes, every role (and
 * nobody signed in), against the production server — the page GET, the
 * `?_data=<route id>` GET Remix's client makes, and a POST (an empty form
 * unless the entry gives one; 405 where the route has no action).
 *
 * The table must name every route file: a route added without an entry (or an
 * entry whose file is gone) fails the first test, so nobody ships a page
 * without deciding who may use it.
 *
 * Answers: a status number, or "→/path" for a redirect there (a document gets
 * 302 + Location; a data request 204 + X-Remix-Redirect, as Remix's client expects).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { expect, request as playwrightRequest, test, type APIResponse } from "@playwright/test";
import { ACCOUNTS } from "./fixtures";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ROUTES_DIR = join(ROOT, "app", "routes");
const E2E_DB = join(ROOT, process.env.E2E_DATABASE_PATH ?? "tests/.tmp/e2e.db");

const WHO = ["out", "employee", "auditor", "hr", "admin"] as const;
type Who = (typeof WHO)[number];
type Answer = number | `→${string}`;
type Row = readonly [out: Answer, employee: Answer, auditor: Answer, hr: Answer, admin: Answer];

interface Ids {
  employeeId: number;
  employerId: number;
  ownStatementId: number;
  otherStatementId: number;
  printEmployer: string;
  printPeriod: string;
}

interface Case {
  url: (ids: Ids) => string;
  get: Row;
  /** The `?_data` GET; the same as the page unless given. */
  data?: Row;
  post: Row;
  form?: Record<string, string>;
  /** The POST ends the session it is sent with (sign-in, sign-out): it gets a session of its own. */
  endsSession?: boolean;
}

// The usual rows.
const L = "→/login" as const;
const ME = "→/me" as const;
const HOME = "→/" as const;
const STAFF_READ: Row = [L, ME, 200, 200, 200];
const WRITERS_ONLY: Row = [L, ME, 403, 200, 200];
/** A write with an empty (invalid) form: writers get the form back with its errors. */
const WRITE_EMPTY: Row = [L, ME, 403, 400, 400];
const NO_ACTION: Row = [405, 405, 405, 405, 405];
const ALL = (a: Answer): Row => [a, a, a, a, a];

/** Every route file of app/routes, relative to it, with what each role gets. */
const MATRIX: Record<string, Case[]> = {
  "$.tsx": [{ url: () => "/no-such-page", get: [L, 404, 404, 404, 404], post: [L, 404, 404, 404, 404] }],
  "_index.tsx": [{ url: () => "/", get: STAFF_READ, post: NO_ACTION }],
  // What the product encodes: any signed-in user.
  "about.tsx": [{ url: () => "/about", get: [L, 200, 200, 200, 200], post: NO_ACTION }],
  // One's own account and password: anyone signed in; an empty form comes back with its errors.
  "account.tsx": [{ url: () => "/account", get: [L, 200, 200, 200, 200], post: [L, 400, 400, 400, 400] }],
  // The HR month: staff read, writers record; the exports (full identity numbers for writers, masked for auditors).
  "annual-base.tsx": [
    { url: () => "/annual-base", get: STAFF_READ, post: WRITE_EMPTY },
    { url: () => "/annual-base?employer=NOPE", get: [L, ME, 404, 404, 404], post: WRITE_EMPTY },
  ],
  "annual-base_.export.ts": [
    { url: (i) => `/annual-base/export?employer=${i.printEmployer}&year=2027-07&format=csv`, get: STAFF_READ, post: NO_ACTION },
    { url: () => "/annual-base/export?employer=NOPE&year=2027-07", get: [L, ME, 404, 404, 404], post: NO_ACTION },
  ],
  "change-list.tsx": [
    { url: () => "/change-list", get: STAFF_READ, post: WRITE_EMPTY },
    { url: () => "/change-list?employer=NOPE", get: [L, ME, 404, 404, 404], post: WRITE_EMPTY },
  ],
  "change-list_.export.ts": [
    { url: (i) => `/change-list/export?employer=${i.printEmployer}&month=2026-07&format=csv`, get: STAFF_READ, post: NO_ACTION },
    { url: () => "/change-list/export?employer=NOPE&month=2026-07", get: [L, ME, 404, 404, 404], post: NO_ACTION },
  ],
  "audit.tsx": [
    { url: () => "/audit", get: [L, ME, 200, 403, 200], post: NO_ACTION },
    { url: () => "/audit?format=csv", get: [L, ME, 200, 403, 200], post: NO_ACTION },
  ],
  "collection.tsx": [
    { url: () => "/collection", get: STAFF_READ, post: WRITE_EMPTY },
    { url: () => "/collection?employer=NOPE", get: [L, ME, 404, 404, 404], post: WRITE_EMPTY },
  ],
  "employees.$id.tsx": [
    { url: (i) => `/employees/${i.employeeId}`, get: STAFF_READ, post: WRITE_EMPTY },
    { url: () => "/employees/99999999", get: [L, ME, 404, 404, 404], post: [L, ME, 403, 404, 404], form: { intent: "terminate", terminationDate: "2026-01-31" } },
    { url: () => "/employees/abc", get: [L, ME, 404, 404, 404], post: [L, ME, 403, 404, 404], form: { intent: "terminate", terminationDate: "2026-01-31" } },
  ],
  "employees._index/route.tsx": [
    { url: () => "/employees", get: STAFF_READ, post: NO_ACTION },
    { url: () => "/employees?format=csv", get: STAFF_READ, post: NO_ACTION },
  ],
  "employees.new.tsx": [{ url: () => "/employees/new", get: WRITERS_ONLY, post: WRITE_EMPTY }],
  "employers.$id.tsx": [
    { url: (i) => `/employers/${i.employerId}`, get: STAFF_READ, post: WRITE_EMPTY },
    { url: () => "/employers/99999999", get: [L, ME, 404, 404, 404], post: WRITE_EMPTY },
  ],
  "employers._index.tsx": [{ url: () => "/employers", get: STAFF_READ, post: NO_ACTION }],
  "employers.new.tsx": [{ url: () => "/employers/new", get: WRITERS_ONLY, post: WRITE_EMPTY }],
  "findings.tsx": [
    { url: () => "/findings", get: STAFF_READ, post: NO_ACTION },
    { url: () => "/findings?format=csv", get: STAFF_READ, post: NO_ACTION },
  ],
  "imports.tsx": [{ url: () => "/imports", get: STAFF_READ, post: WRITE_EMPTY }],
  // Public: the same answer whatever the address (no account enumeration).
  "forgot-password.tsx": [{ url: () => "/forgot-password", get: [200, ME, HOME, HOME, HOME], post: [200, ME, HOME, HOME, HOME] }],
  // Public, by token only: an unknown token opens nothing, whoever asks.
  "s.$token.tsx": [{ url: () => "/s/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaa", get: ALL(404), post: ALL(404) }],
  "set-password.$token.tsx": [{ url: () => "/set-password/not-a-real-token-aaaaaaaaaaaaaaaa", get: ALL(404), post: ALL(404) }],
  "login.tsx": [{ url: () => "/login", get: [200, ME, HOME, HOME, HOME], post: ALL(400), endsSession: true }],
  "logout.tsx": [{ url: () => "/logout", get: [L, HOME, HOME, HOME, HOME], post: ALL(L), endsSession: true }],
  "me.tsx": [{ url: () => "/me", get: [L, 200, 403, 403, 403], post: [L, 400, 403, 403, 403] }],
  "me_.statements.$id.tsx": [
    // The employee answers their own statement (an empty form comes back with its error).
    { url: (i) => `/me/statements/${i.ownStatementId}`, get: [L, 200, 403, 403, 403], post: [L, 400, 403, 403, 403] },
    // Another employee's statement does not exist for this employee.
    { url: (i) => `/me/statements/${i.otherStatementId}`, get: [L, 404, 403, 403, 403], post: [L, 404, 403, 403, 403] },
  ],
  "months._index/route.tsx": [
    { url: () => "/months", get: STAFF_READ, post: WRITE_EMPTY },
    { url: () => "/months?employer=NOPE", get: [L, ME, 404, 404, 404], post: WRITE_EMPTY },
    { url: () => "/months?format=csv", get: STAFF_READ, post: WRITE_EMPTY },
    // The month's address of before: the same checks, then the month's own address.
    { url: () => "/months?period=2026-03", get: [L, ME, "→/months/2026-03", "→/months/2026-03", "→/months/2026-03"], post: WRITE_EMPTY },
    { url: () => "/months?employer=NOPE&period=2026-03", get: [L, ME, 404, 404, 404], post: WRITE_EMPTY },
  ],
  "months.$period/route.tsx": [
    { url: () => "/months/2026-03", get: STAFF_READ, post: WRITE_EMPTY },
    { url: () => "/months/2026-03?employer=NOPE", get: [L, ME, 404, 404, 404], post: WRITE_EMPTY },
    { url: () => "/months/2026-13", get: [L, ME, 404, 404, 404], post: WRITE_EMPTY },
  ],
  // Read-only list of the payments recorded on the month page, and its CSV.
  "payments.tsx": [
    { url: () => "/payments", get: STAFF_READ, post: NO_ACTION },
    { url: () => "/payments?format=csv", get: STAFF_READ, post: NO_ACTION },
    { url: () => "/payments?employer=NOPE", get: [L, ME, 404, 404, 404], post: NO_ACTION },
  ],
  "registrations.tsx": [{ url: () => "/registrations", get: STAFF_READ, post: WRITE_EMPTY }],
  "reports.findings[.]csv.ts": [{ url: () => "/reports/findings.csv", get: STAFF_READ, post: NO_ACTION }],
  "reports.overdue[.]csv.ts": [{ url: () => "/reports/overdue.csv", get: STAFF_READ, post: NO_ACTION }],
  // The same reports as Excel workbooks (issue 18).
  "reports.findings[.]xlsx.ts": [{ url: () => "/reports/findings.xlsx", get: STAFF_READ, post: NO_ACTION }],
  "reports.overdue[.]xlsx.ts": [{ url: () => "/reports/overdue.xlsx", get: STAFF_READ, post: NO_ACTION }],
  // Import templates (no data of anyone): staff; an unknown kind or format is refused.
  "templates.$kind.ts": [
    { url: () => "/templates/employees?format=xlsx", get: STAFF_READ, post: NO_ACTION },
    { url: () => "/templates/employees?format=csv", get: STAFF_READ, post: NO_ACTION },
    { url: () => "/templates/nope", get: [L, ME, 404, 404, 404], post: NO_ACTION },
    { url: () => "/templates/employees?format=pdf", get: [L, ME, 400, 400, 400], post: NO_ACTION },
  ],
  // Public: it only sets the language cookie.
  "set-language.tsx": [
    { url: () => "/set-language", get: ALL(HOME), post: ALL(400) },
    { url: () => "/set-language", get: ALL(HOME), post: ALL(HOME), form: { lng: "en", redirectTo: "/" } },
  ],
  "settings.policies.tsx": [{ url: () => "/settings/policies", get: STAFF_READ, post: WRITE_EMPTY }],
  "statements.$id.tsx": [
    // HR withdraws the e-mailed links (an empty form is refused).
    { url: (i) => `/statements/${i.otherStatementId}`, get: STAFF_READ, post: WRITE_EMPTY },
    { url: () => "/statements/99999999", get: [L, ME, 404, 404, 404], post: [L, ME, 403, 404, 404] },
  ],
  "statements._index.tsx": [{ url: () => "/statements", get: STAFF_READ, post: WRITE_EMPTY }],
  "statements.print.tsx": [
    { url: (i) => `/statements/print?employer=${i.printEmployer}&period=${i.printPeriod}`, get: STAFF_READ, post: NO_ACTION },
    { url: () => "/statements/print", get: [L, ME, 400, 400, 400], post: NO_ACTION },
  ],
  // Accounts: administrators only.
  "users.tsx": [
    { url: () => "/users", get: [L, ME, 403, 403, 200], post: [L, ME, 403, 403, 400] },
    { url: () => "/users", get: [L, ME, 403, 403, 200], post: [L, ME, 403, 403, 400], form: { intent: "create", email: "x@example.com", role: "hr", password: "short", confirmPassword: "short" } },
  ],
};

/** Route files as Remix's flat routes see them: files in app/routes, or `route.*` in a folder; ignoredRouteFiles left out. */
function routeFiles(): string[] {
  const out: string[] = [];
  const isModule = (f: string) => /\.(tsx|ts|jsx|js)$/.test(f) && !f.startsWith(".") && !/\.(test|spec)\.(tsx|ts)$/.test(f);
  for (const name of readdirSync(ROUTES_DIR)) {
    if (name.startsWith(".")) continue;
    const full = join(ROUTES_DIR, name);
    if (statSync(full).isDirectory()) {
      for (const f of readdirSync(full)) if (/^route\.(tsx|ts|jsx|js)$/.test(f)) out.push(`${name}/${f}`);
    } else if (isModule(name)) out.push(name);
  }
  return out.sort();
}

/** `employees._index/route.tsx` → `routes/employees._index`; `reports.overdue[.]csv.ts` → `routes/reports.overdue[.]csv`. */
function routeId(file: string): string {
  const base = file.includes("/") ? file.slice(0, file.indexOf("/")) : file.replace(/\.(tsx|ts|jsx|js)$/, "");
  return `routes/${base}`;
}

function withData(url: string, id: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}_data=${encodeURIComponent(id)}`;
}

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3111)}`;

/** A fresh request context per request: no cookie jar carries anything from one answer to the next. */
async function send(method: "GET" | "POST", url: string, cookie: string | null, form?: Record<string, string>): Promise<APIResponse & { bodyText: string }> {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE });
  try {
    const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
    const res =
      method === "GET"
        ? await ctx.get(url, { headers, maxRedirects: 0 })
        : await ctx.post(url, { headers, form: form ?? {}, maxRedirects: 0 });
    const bodyText = await res.text();
    return Object.assign(res, { bodyText });
  } finally {
    await ctx.dispose();
  }
}

/** Sign in through the real form; the session cookie as a `Cookie` header value. */
async function signIn(who: Exclude<Who, "out">): Promise<string> {
  const { email, password } = ACCOUNTS[who];
  const res = await send("POST", "/login", null, { email, password });
  expect(res.status(), `sign-in as ${who}`).toBe(302);
  const session = res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value.split(";")[0]!)
    .find((c) => c.startsWith("__session=") && c.length > "__session=".length);
  expect(session, `a session cookie for ${who}`).toBeTruthy();
  return session!;
}

function describeAnswer(res: APIResponse, data: boolean): string {
  const h = res.headers();
  if (data && h["x-remix-redirect"]) return `→${new URL(h["x-remix-redirect"], BASE).pathname}`;
  if (!data && res.status() >= 300 && res.status() < 400 && h.location) return `→${new URL(h.location, BASE).pathname}`;
  return String(res.status());
}

function checkAnswer(res: APIResponse, expected: Answer, data: boolean, label: string) {
  const got = describeAnswer(res, data);
  expect(got, label).toBe(String(expected));
  if (typeof expected === "string") {
    // A redirect carries no page and no data.
    if (data) expect(res.status(), label).toBe(204);
    else expect([301, 302, 303, 307, 308], label).toContain(res.status());
  }
}

let ids: Ids;
const sessions: Partial<Record<Who, string | null>> = { out: null };

test.beforeAll(async () => {
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  try {
    const me = db.prepare("SELECT employee_id AS id FROM users WHERE email = ?").get(ACCOUNTS.employee.email) as { id: number };
    const own = db.prepare("SELECT id FROM statements WHERE employee_id = ? ORDER BY id LIMIT 1").get(me.id) as { id: number };
    const other = db.prepare("SELECT s.id, s.period, r.code FROM statements s JOIN employees e ON e.id = s.employee_id JOIN employers r ON r.id = e.employer_id WHERE s.employee_id <> ? ORDER BY s.id DESC LIMIT 1").get(me.id) as {
      id: number;
      period: string;
      code: string;
    };
    const employee = db.prepare("SELECT id FROM employees ORDER BY id LIMIT 1").get() as { id: number };
    const employer = db.prepare("SELECT id FROM employers WHERE code = 'SH01'").get() as { id: number };
    ids = { employeeId: employee.id, employerId: employer.id, ownStatementId: own.id, otherStatementId: other.id, printEmployer: other.code, printPeriod: other.period };
  } finally {
    db.close();
  }
  for (const who of WHO) if (who !== "out") sessions[who] = await signIn(who);
});

test("the matrix names every route file, and only route files", () => {
  const files = routeFiles();
  expect(files.length).toBeGreaterThan(20);
  expect(files.filter((f) => !(f in MATRIX)), "route files without an entry in MATRIX").toEqual([]);
  expect(Object.keys(MATRIX).filter((f) => !files.includes(f)), "entries in MATRIX without a route file").toEqual([]);
});

for (const [file, cases] of Object.entries(MATRIX)) {
  test(`${file}: who gets what`, async () => {
    const id = routeId(file);
    for (const c of cases) {
      const url = c.url(ids);
      for (const [i, who] of WHO.entries()) {
        const cookie = sessions[who] ?? null;
        const page = await send("GET", url, cookie);
        checkAnswer(page, c.get[i]!, false, `GET ${url} as ${who}`);
        const data = await send("GET", withData(url, id), cookie);
        checkAnswer(data, (c.data ?? c.get)[i]!, true, `GET ${withData(url, id)} as ${who}`);
        // No data leaks with a refusal: a redirect or an error carries no loader data.
        if (data.status() !== 200) expect(data.bodyText.length, `GET ${withData(url, id)} as ${who}: body`).toBeLessThan(200);

        const postCookie = c.endsSession && who !== "out" ? await signIn(who) : cookie;
        const post = await send("POST", url, postCookie, c.form);
        checkAnswer(post, c.post[i]!, false, `POST ${url} as ${who}${c.form ? ` ${JSON.stringify(c.form)}` : " (empty form)"}`);
      }
    }
    // The sessions used above are all still good (nothing above signed anyone out by accident).
    for (const who of WHO) {
      if (who === "out") continue;
      const me = await send("GET", "/?_data=root", sessions[who]!);
      expect(((await JSON.parse(me.bodyText)) as { user: { email: string } | null }).user?.email, `${who} still signed in`).toBe(ACCOUNTS[who].email);
    }
  });
}

test("a cross-origin POST is refused before any route sees it, whoever sends it", async () => {
  for (const who of WHO) {
    const cookie = sessions[who] ?? null;
    for (const url of ["/login", "/logout", "/employers/new", "/months", "/me", "/set-language"]) {
      const foreign: Record<string, string>[] = [{ Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }, { Origin: "https://evil.example" }, { "Sec-Fetch-Site": "same-site" }, { Origin: "null" }];
      for (const headers of foreign) {
        const ctx = await playwrightRequest.newContext({ baseURL: BASE });
        const res = await ctx.post(url, { headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) }, form: { lng: "en" }, maxRedirects: 0 });
        expect(res.status(), `${url} as ${who} with ${JSON.stringify(headers)}`).toBe(403);
        expect(await res.text()).toBe("Cross-origin request refused");
        expect(res.headers()["cache-control"]).toBe("no-store");
        await ctx.dispose();
      }
    }
  }
  // The same requests from our own origin pass on to the route.
  const ctx = await playwrightRequest.newContext({ baseURL: BASE });
  const ok = await ctx.post("/set-language", { headers: { Origin: BASE, "Sec-Fetch-Site": "same-origin" }, form: { lng: "en", redirectTo: "/login" }, maxRedirects: 0 });
  expect(ok.status()).toBe(302);
  const data = await ctx.post(`/login?_data=${encodeURIComponent("routes/login")}`, { headers: { Origin: BASE, "Sec-Fetch-Site": "same-origin" }, form: { email: "", password: "" }, maxRedirects: 0 });
  expect(data.status()).toBe(400);
  await ctx.dispose();
});

test("every answer carries the security headers; personal answers are never cached", async () => {
  const hr = sessions.hr!;
  const answers: [string, string | null][] = [
    ["/login", null],
    ["/", hr],
    ["/?_data=routes%2F_index", hr],
    ["/reports/overdue.csv", hr],
    ["/audit", hr], // 403
    ["/no-such-page", hr], // 404
    ["/employees", null], // a redirect to sign in
  ];
  for (const [url, cookie] of answers) {
    const res = await send("GET", url, cookie);
    const h = res.headers();
    const csp = h["content-security-policy"] ?? "";
    expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp, url).toContain("frame-ancestors 'none'");
    expect(csp, url).toContain("default-src 'self'");
    expect(csp, url).toContain("object-src 'none'");
    expect(csp, url).toContain("form-action 'self'");
    expect(csp, url).not.toContain("unsafe-inline");
    expect(h["x-frame-options"], url).toBe("DENY");
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["referrer-policy"], url).toBe("same-origin");
    expect(h["cache-control"], url).toBe("no-store");
    expect(h["x-powered-by"], url).toBeUndefined();
    // The page's scripts carry this answer's nonce (and only scripts with it run).
    if ((h["content-type"] ?? "").includes("text/html") && res.status() === 200) {
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      const scripts = [...res.bodyText.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, url).toBeGreaterThan(0);
      for (const s of scripts) expect(s, url).toContain(`nonce="${nonce}"`);
    }
  }
  // A fresh nonce every time.
  const a = (await send("GET", "/login", null)).headers()["content-security-policy"];
  const b = (await send("GET", "/login", null)).headers()["content-security-policy"];
  expect(a).not.toBe(b);
});
