/**
 * The authorization matrix, continued (issue 21, finding 8): an HR account and
 * an auditor account limited to one employer (SH01, added with
 * `cli user add --employer SH01`) read nothing and write nothing of the other
 * (BJ01) — pages, `?_data`, CSV exports, the CSV reports and the dashboard's
 * figures — while the unlimited accounts keep seeing both.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { expect, request as playwrightRequest, test, type APIResponse } from "@playwright/test";
import { ACCOUNTS, todayInShanghai } from "./fixtures";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const E2E_DB = join(ROOT, process.env.E2E_DATABASE_PATH ?? "tests/.tmp/e2e.db");
const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3111)}`;

const SCOPED = {
  hr: { email: "scoped-hr@example.com", password: "scoped-hr-passphrase", role: "hr" },
  auditor: { email: "scoped-auditor@example.com", password: "scoped-auditor-passphrase", role: "auditor" },
} as const;
type Scoped = keyof typeof SCOPED;

type Answer = APIResponse & { bodyText: string };

async function send(method: "GET" | "POST", url: string, cookie: string | null, form?: Record<string, string>): Promise<Answer> {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE });
  try {
    const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
    const res = method === "GET" ? await ctx.get(url, { headers, maxRedirects: 0 }) : await ctx.post(url, { headers, form: form ?? {}, maxRedirects: 0 });
    const bodyText = await res.text();
    return Object.assign(res, { bodyText });
  } finally {
    await ctx.dispose();
  }
}

async function signIn(email: string, password: string): Promise<string> {
  const res = await send("POST", "/login", null, { email, password });
  expect(res.status(), `sign-in as ${email}`).toBe(302);
  const cookie = res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value.split(";")[0]!)
    .find((c) => c.startsWith("__session=") && c.length > "__session=".length);
  expect(cookie).toBeTruthy();
  return cookie!;
}

const data = (url: string, route: string) => `${url}${url.includes("?") ? "&" : "?"}_data=${encodeURIComponent(route)}`;

interface Other {
  employerId: number;
  employeeId: number;
  employeeNo: string;
  ownEmployeeId: number;
  ownEmployeeNos: string[];
  otherEmployeeNos: string[];
}
let other: Other;
const cookies: Partial<Record<Scoped | "admin", string>> = {};

function counts() {
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      bjPayments: one("SELECT count(*) AS n FROM payments p JOIN employers e ON e.id = p.employer_id WHERE e.code = 'BJ01'"),
      bjEmployees: one("SELECT count(*) AS n FROM employees m JOIN employers e ON e.id = m.employer_id WHERE e.code = 'BJ01'"),
      bjCollection: one("SELECT count(*) AS n FROM collection_actions c JOIN employers e ON e.id = c.employer_id WHERE e.code = 'BJ01'"),
      bjRegistrations: one("SELECT count(*) AS n FROM registrations r JOIN employees m ON m.id = r.employee_id JOIN employers e ON e.id = m.employer_id WHERE e.code = 'BJ01'"),
      employers: one("SELECT count(*) AS n FROM employers"),
      scopedWrites: one(
        `SELECT count(*) AS n FROM audit_log WHERE actor IN ('${SCOPED.hr.email}', '${SCOPED.auditor.email}') AND action NOT IN ('login', 'logout')`,
      ),
    };
  } finally {
    db.close();
  }
}

test.beforeAll(async () => {
  // The two limited accounts, through the real command line (once: a retried worker finds them there).
  const existing = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  const known = new Set((existing.prepare("SELECT email FROM users").all() as { email: string }[]).map((r) => r.email));
  existing.close();
  for (const a of Object.values(SCOPED)) {
    if (known.has(a.email)) continue;
    execFileSync("npx", ["tsx", "app/cli/main.ts", "--db", E2E_DB, "user", "add", "--email", a.email, "--role", a.role, "--employer", "SH01"], {
      cwd: ROOT,
      input: `${a.password}\n`,
      stdio: ["pipe", "pipe", "pipe"],
    });
  }
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  try {
    const employer = db.prepare("SELECT id FROM employers WHERE code = 'BJ01'").get() as { id: number };
    const employee = db.prepare("SELECT id, employee_no AS no FROM employees WHERE employer_id = ? ORDER BY id LIMIT 1").get(employer.id) as { id: number; no: string };
    const own = db.prepare("SELECT e.id FROM employees e JOIN employers r ON r.id = e.employer_id WHERE r.code = 'SH01' ORDER BY e.id LIMIT 1").get() as { id: number };
    const nos = (code: string) =>
      (db.prepare("SELECT e.employee_no AS no FROM employees e JOIN employers r ON r.id = e.employer_id WHERE r.code = ?").all(code) as { no: string }[]).map((r) => r.no);
    other = { employerId: employer.id, employeeId: employee.id, employeeNo: employee.no, ownEmployeeId: own.id, ownEmployeeNos: nos("SH01"), otherEmployeeNos: nos("BJ01") };
  } finally {
    db.close();
  }
  expect(other.otherEmployeeNos.length).toBeGreaterThan(0);
  for (const who of ["hr", "auditor"] as const) cookies[who] = await signIn(SCOPED[who].email, SCOPED[who].password);
  cookies.admin = await signIn(ACCOUNTS.admin.email, ACCOUNTS.admin.password);
});

/** No BJ01 record in an answer: neither its name, its code (unless the answer only echoes its own address) nor any of its employees' numbers. */
function expectNothingOfTheOther(body: string, label: string, echoesCode = false) {
  expect(body, label).not.toContain("北京京宝科技有限公司");
  if (!echoesCode) expect(body, label).not.toContain("BJ01");
  for (const no of other.otherEmployeeNos) expect(body, `${label}: employee ${no}`).not.toMatch(new RegExp(`\\b${no}\\b`));
}

test("the other employer's records answer 404, as pages and as data, to both limited accounts", async () => {
  const period = todayInShanghai().slice(0, 7);
  const urls: [string, string][] = [
    [`/employees/${other.employeeId}`, "routes/employees.$id"],
    [`/employers/${other.employerId}`, "routes/employers.$id"],
    ["/employees?employer=BJ01", "routes/employees._index"],
    ["/employees?employer=BJ01&format=csv", "routes/employees._index"],
    [`/months?employer=BJ01&period=${period}`, "routes/months._index"],
    ["/months?employer=BJ01", "routes/months._index"],
    ["/payments?employer=BJ01", "routes/payments"],
    ["/findings?employer=BJ01", "routes/findings"],
    ["/collection?employer=BJ01", "routes/collection"],
  ];
  for (const who of ["hr", "auditor"] as const) {
    for (const [url, route] of urls) {
      const page = await send("GET", url, cookies[who]!);
      expect(page.status(), `GET ${url} as scoped ${who}`).toBe(404);
      // A 404 page repeats its own address (the language switch's way back), nothing else.
      expectNothingOfTheOther(page.bodyText.replaceAll(url.replaceAll("&", "&amp;"), ""), `GET ${url} as scoped ${who}`, true);
      const d = await send("GET", data(url, route), cookies[who]!);
      expect(d.status(), `GET ${url} ?_data as scoped ${who}`).toBe(404);
      expect(d.bodyText.length).toBeLessThan(200);
    }
    // The audit log covers every employer: not for a limited account.
    expect((await send("GET", "/audit", cookies[who]!)).status()).toBe(403);
    expect((await send("GET", "/audit?format=csv", cookies[who]!)).status()).toBe(403);
  }
  // The unlimited administrator still reads them.
  expect((await send("GET", `/employees/${other.employeeId}`, cookies.admin!)).status()).toBe(200);
  expect((await send("GET", "/employees?employer=BJ01", cookies.admin!)).status()).toBe(200);
});

test("lists, exports, reports and the dashboard hold only the limited account's employer", async () => {
  const lists: [string, string][] = [
    ["/", "routes/_index"],
    ["/employees", "routes/employees._index"],
    ["/employees?format=csv", ""],
    ["/employers", "routes/employers._index"],
    ["/months", "routes/months._index"],
    ["/months?format=csv", ""],
    ["/payments", "routes/payments"],
    ["/payments?format=csv", ""],
    ["/findings", "routes/findings"],
    ["/findings?format=csv", ""],
    ["/registrations", "routes/registrations"],
    ["/collection", "routes/collection"],
    ["/imports", "routes/imports"],
    ["/reports/findings.csv", ""],
    ["/reports/overdue.csv", ""],
    ["/settings/policies", "routes/settings.policies"],
  ];
  for (const who of ["hr", "auditor"] as const) {
    for (const [url, route] of lists) {
      const page = await send("GET", url, cookies[who]!);
      expect(page.status(), `GET ${url} as scoped ${who}`).toBe(200);
      expectNothingOfTheOther(page.bodyText, `GET ${url} as scoped ${who}`);
      if (route) {
        const d = await send("GET", data(url, route), cookies[who]!);
        expect(d.status(), `GET ${url} ?_data as scoped ${who}`).toBe(200);
        expectNothingOfTheOther(d.bodyText, `GET ${url} ?_data as scoped ${who}`);
      }
    }
  }
  // The admin's lists do hold BJ01 (the check above can fail).
  const all = await send("GET", data("/employees", "routes/employees._index"), cookies.admin!);
  expect(all.bodyText).toContain("BJ01");
  const report = await send("GET", "/reports/findings.csv", cookies.admin!);
  expect(report.bodyText).toContain("BJ01");

  // The dashboard's figures of a limited account are its employer's figures.
  type Figures = { figures: { employerCode: string | null } & Record<string, unknown>; employers: { code: string }[] };
  const figures = async (url: string, cookie: string) => {
    const f = (JSON.parse((await send("GET", data(url, "routes/_index"), cookie)).bodyText) as Figures).figures;
    return { ...f, employerCode: null };
  };
  const mine = JSON.parse((await send("GET", data("/", "routes/_index"), cookies.hr!)).bodyText) as Figures;
  expect(mine.employers.map((e) => e.code)).toEqual(["SH01"]);
  expect(await figures("/", cookies.hr!)).toEqual(await figures("/?employer=SH01", cookies.admin!));
  expect(await figures("/", cookies.hr!)).not.toEqual(await figures("/", cookies.admin!));
  // Asking for the other employer's figures gives the account's own, never the other's.
  expect(await figures("/?employer=BJ01", cookies.auditor!)).toEqual(await figures("/?employer=SH01", cookies.admin!));
});

test("no write crosses the boundary; the limited HR account still writes its own employer", async () => {
  const before = counts();
  const today = todayInShanghai();
  const period = today.slice(0, 7);
  const writes: [string, Record<string, string>, number][] = [
    ["/months", { intent: "payment", employer: "BJ01", period, paidOn: today, amount: "100.00", reference: "SCOPE-X" }, 404],
    ["/months", { intent: "prepare", employer: "BJ01", period, declaredOn: today }, 404],
    [`/employees/${other.employeeId}`, { intent: "terminate", terminationDate: today }, 404],
    [`/employees/${other.ownEmployeeId}`, { intent: "update", employeeNo: "Z1", name: "Z", idType: "passport", idNumber: "E1234567", employerId: String(other.employerId), hireDate: today }, 400],
    ["/employees/new", { employeeNo: "SCOPE-1", name: "Scope", idType: "passport", idNumber: "E7654321", employerId: String(other.employerId), hireDate: today, monthlyWage: "10000" }, 400],
    [`/employers/${other.employerId}`, { code: "BJ01", name: "Renamed", uscc: "91110108MA01ABCD1X", region: "beijing" }, 404],
    ["/employers/new", { code: "NEW1", name: "New", uscc: "91110108MA01ABCD1X", region: "beijing" }, 403],
    ["/registrations", { employeeId: String(other.employeeId), intent: "applied", date: today }, 404],
    ["/collection", { employer: "BJ01", kind: "order", actionDate: today, periods: period }, 404],
    ["/settings/policies", { intent: "addDays", region: "beijing", dates: today }, 403],
  ];
  for (const [url, form, status] of writes) {
    const res = await send("POST", url, cookies.hr!, form);
    expect(res.status(), `POST ${url} ${JSON.stringify(form)} as scoped hr`).toBe(status);
    const audited = await send("POST", url, cookies.auditor!, form);
    expect(audited.status(), `POST ${url} as scoped auditor`).toBe(403);
  }
  // An import with a BJ01 row is refused as naming an unknown employer.
  const ctx = await playwrightRequest.newContext({ baseURL: BASE });
  const csv = `employer_code,period,paid_on,amount,reference\nBJ01,${period},${today},100.00,SCOPE-IMP\n`;
  const imp = await ctx.post("/imports", {
    headers: { Cookie: cookies.hr! },
    multipart: { kind: "payments", file: { name: "p.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } },
    maxRedirects: 0,
  });
  expect(imp.status()).toBe(400);
  expect(await imp.text()).toContain("import-errors");
  await ctx.dispose();

  const after = counts();
  expect(after).toEqual(before);

  // The positive control: its own employer is writable.
  const own = await send("POST", "/months", cookies.hr!, { intent: "payment", employer: "SH01", period, paidOn: today, amount: "1.00", reference: `SCOPE-OWN-${Date.now()}` });
  expect(own.status()).toBe(302);
  expect(counts().scopedWrites).toBe(before.scopedWrites + 1);
});

test("the users page edits an account's employers (admin only), and the account's reads follow at once", async ({ page }) => {
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  const auditorId = (db.prepare("SELECT id FROM users WHERE email = ?").get(SCOPED.auditor.email) as { id: number }).id;
  db.close();
  const usersData = data("/users", "routes/users");
  // HR cannot.
  expect((await send("POST", usersData, cookies.hr!, { intent: "employers", userId: String(auditorId), "employer:BJ01": "1" })).status()).toBe(403);
  // An unknown code is refused, naming the field; nothing changes.
  const bad = await send("POST", usersData, cookies.admin!, { intent: "employers", userId: String(auditorId), "employer:NOPE": "1" });
  expect(bad.status()).toBe(400);
  expect(bad.bodyText).toContain("unknownEmployer");
  // Widen to both, then back to SH01: the auditor's reads follow at once.
  expect((await send("POST", usersData, cookies.admin!, { intent: "employers", userId: String(auditorId), "employer:SH01": "1", "employer:BJ01": "1" })).status()).toBe(200);
  expect((await send("GET", `/employees/${other.employeeId}`, cookies.auditor!)).status()).toBe(200);
  expect((await send("POST", usersData, cookies.admin!, { intent: "employers", userId: String(auditorId), "employer:SH01": "1" })).status()).toBe(200);
  expect((await send("GET", `/employees/${other.employeeId}`, cookies.auditor!)).status()).toBe(404);

  // In a browser: the list shows the limits, the form shows the ticks.
  await page.context().addCookies([{ name: "__session", value: cookies.admin!.slice("__session=".length), url: BASE }]);
  await page.goto("/users");
  await expect(page.getByTestId("users").locator("tr", { hasText: SCOPED.auditor.email })).toContainText("SH01");
  await page.locator('select[name="userId"]').selectOption(String(auditorId));
  await expect(page.locator('input[name="employer:SH01"]')).toBeChecked();
  await expect(page.locator('input[name="employer:BJ01"]')).not.toBeChecked();
});

/**
 * Statements and their mail, the annual base declaration and the change list
 * (issue 21 item 8, the rest): BJ01 gets an open dispute, a sent-and-unopened
 * message and a live link (written here, as the mail worker and an employee
 * would), so the dispute queue, the dashboard's mail counts and the revoke
 * action have something of the other employer to leak or to change.
 */
interface OtherStatements {
  statementId: number;
  period: string;
  ownStatementId: number;
  ownPeriod: string;
  reason: string;
}
let bj: OtherStatements;

function seedOtherMail(): OtherStatements {
  const db = new Database(E2E_DB, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const latest = (code: string) =>
      db
        .prepare(
          "SELECT s.id, s.period, s.employer_id FROM statements s JOIN employers r ON r.id = s.employer_id WHERE r.code = ? AND NOT EXISTS (SELECT 1 FROM statement_responses x WHERE x.statement_id = s.id) ORDER BY s.period DESC, s.id DESC LIMIT 1",
        )
        .get(code) as { id: number; period: string; employer_id: number };
    const s = latest("BJ01");
    const own = latest("SH01");
    const reason = `SCOPE-DISPUTE-${Date.now()}`;
    const long = new Date(Date.now() - 30 * 86_400_000).toISOString();
    db.prepare("INSERT INTO statement_responses (employer_id, statement_id, kind, reason, at, via, dispute_state) VALUES (?, ?, 'disputed', ?, ?, 'link', 'open')").run(s.employer_id, s.id, reason, long);
    db.prepare("UPDATE statements SET first_viewed_at = NULL WHERE id = ?").run(s.id);
    const out = db
      .prepare(
        "INSERT INTO mail_outbox (kind, dedupe_key, employer_id, statement_id, address, state, next_attempt_at, sent_at) VALUES ('statement', ?, ?, ?, 'scope-bj@example.com', 'sent', ?, ?)",
      )
      .run(`scope-test:${s.id}:${Date.now()}`, s.employer_id, s.id, long, long);
    db.prepare("INSERT INTO statement_links (token_hash, employer_id, statement_id, outbox_id, expires_at) VALUES (?, ?, ?, ?, ?)").run(
      `scope-test-${Date.now()}`,
      s.employer_id,
      s.id,
      Number(out.lastInsertRowid),
      new Date(Date.now() + 30 * 86_400_000).toISOString(),
    );
    return { statementId: s.id, period: s.period, ownStatementId: own.id, ownPeriod: own.period, reason };
  } finally {
    db.close();
  }
}

function mailCounts() {
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const bjStatement = "SELECT s.id FROM statements s JOIN employers e ON e.id = s.employer_id WHERE e.code = 'BJ01'";
    return {
      bjStatements: one(`SELECT count(*) AS n FROM (${bjStatement})`),
      bjStatementRows: one(`SELECT coalesce(sum(version * 7 + length(figures)), 0) AS n FROM statements WHERE id IN (${bjStatement})`),
      bjOutbox: one(`SELECT count(*) AS n FROM mail_outbox WHERE statement_id IN (${bjStatement})`),
      bjLiveLinks: one(`SELECT count(*) AS n FROM statement_links WHERE revoked_at IS NULL AND statement_id IN (${bjStatement})`),
      bjOpenDisputes: one(`SELECT count(*) AS n FROM statement_responses WHERE dispute_state = 'open' AND statement_id IN (${bjStatement})`),
      declarations: one("SELECT count(*) AS n FROM declaration_lines l JOIN employers e ON e.id = l.employer_id WHERE e.code = 'BJ01'"),
      users: one("SELECT count(*) AS n FROM users"),
      passwordTokens: one("SELECT count(*) AS n FROM password_tokens"),
      audit: one(`SELECT count(*) AS n FROM audit_log WHERE actor IN ('${SCOPED.hr.email}', '${SCOPED.auditor.email}') AND action NOT IN ('login', 'logout')`),
    };
  } finally {
    db.close();
  }
}

test.describe("statements, mail, the annual base and the change list", () => {
  test.beforeAll(() => {
    bj = seedOtherMail();
  });

  test("the other employer's statements, prints, declarations, change lists and exports answer 404 to both limited accounts", async () => {
    // The year BJ01 prepares, as the admin's page shows it (so the admin's export below is a real one).
    const adminView = JSON.parse((await send("GET", data("/annual-base?employer=BJ01", "routes/annual-base"), cookies.admin!)).bodyText) as { view: { yearStart: string } };
    const year = adminView.view.yearStart;
    const before = mailCounts();
    const urls: [string, string][] = [
      [`/statements?employer=BJ01&period=${bj.period}`, "routes/statements._index"],
      [`/statements/${bj.statementId}`, "routes/statements.$id"],
      [`/statements/print?employer=BJ01&period=${bj.period}`, "routes/statements.print"],
      ["/annual-base?employer=BJ01", "routes/annual-base"],
      [`/annual-base?employer=BJ01&year=${year}`, "routes/annual-base"],
      ["/change-list?employer=BJ01", "routes/change-list"],
      [`/change-list?employer=BJ01&month=${bj.period}`, "routes/change-list"],
      [`/annual-base/export?employer=BJ01&year=${year}&format=csv`, ""],
      [`/change-list/export?employer=BJ01&month=${bj.period}&format=csv`, ""],
    ];
    for (const who of ["hr", "auditor"] as const) {
      for (const [url, route] of urls) {
        const page = await send("GET", url, cookies[who]!);
        expect(page.status(), `GET ${url} as scoped ${who}`).toBe(404);
        expectNothingOfTheOther(page.bodyText.replaceAll(url.replaceAll("&", "&amp;"), ""), `GET ${url} as scoped ${who}`, true);
        expect(page.bodyText, `GET ${url} as scoped ${who}`).not.toContain(bj.reason);
        if (route) {
          const d = await send("GET", data(url, route), cookies[who]!);
          expect(d.status(), `GET ${url} ?_data as scoped ${who}`).toBe(404);
          expect(d.bodyText.length).toBeLessThan(200);
        }
      }
    }
    // Nothing was read into the audit log (the exports audit a full read) and nothing changed.
    expect(mailCounts()).toEqual(before);
    // The controls: the admin reads them all, and the limited accounts read their own employer's.
    for (const [url] of urls) expect((await send("GET", url, cookies.admin!)).status(), `GET ${url} as admin`).toBe(200);
    for (const who of ["hr", "auditor"] as const) {
      for (const url of [
        `/statements/${bj.ownStatementId}`,
        `/statements/print?employer=SH01&period=${bj.ownPeriod}`,
        "/annual-base?employer=SH01",
        "/change-list?employer=SH01",
        `/change-list/export?employer=SH01&month=${bj.period}&format=csv`,
      ])
        expect((await send("GET", url, cookies[who]!)).status(), `GET ${url} as scoped ${who}`).toBe(200);
    }
  });

  test("the lists, the dispute queue and the dashboard's notices, mail counts, today list and checklist hold only the limited account's employer", async () => {
    const lists: [string, string][] = [
      ["/", "routes/_index"],
      ["/?employer=BJ01", "routes/_index"],
      ["/statements", "routes/statements._index"],
      [`/statements?period=${bj.period}&show=disputed`, "routes/statements._index"],
      ["/annual-base", "routes/annual-base"],
      ["/change-list", "routes/change-list"],
    ];
    for (const who of ["hr", "auditor"] as const) {
      for (const [url, route] of lists) {
        const page = await send("GET", url, cookies[who]!);
        expect(page.status(), `GET ${url} as scoped ${who}`).toBe(200);
        // A page repeats its own address (the language switch's way back, the filter form's action).
        expectNothingOfTheOther(page.bodyText.replaceAll("employer=BJ01", ""), `GET ${url} as scoped ${who}`);
        expect(page.bodyText, `GET ${url} as scoped ${who}`).not.toContain(bj.reason);
        const d = await send("GET", data(url, route), cookies[who]!);
        expect(d.status(), `GET ${url} ?_data as scoped ${who}`).toBe(200);
        expectNothingOfTheOther(d.bodyText, `GET ${url} ?_data as scoped ${who}`);
        expect(d.bodyText, `GET ${url} ?_data as scoped ${who}`).not.toContain(bj.reason);
      }
      // Only its own employer is offered.
      for (const route of ["statements._index", "annual-base", "change-list"]) {
        const url = route === "statements._index" ? "/statements" : `/${route}`;
        const d = JSON.parse((await send("GET", data(url, `routes/${route}`), cookies[who]!)).bodyText) as { employers: { code: string }[] };
        expect(d.employers.map((e) => e.code), `${url} as scoped ${who}`).toEqual(["SH01"]);
      }
    }
    // The controls: the admin sees BJ01's dispute in its queue and its mail in the dashboard's counts.
    const queue = await send("GET", data(`/statements?employer=BJ01&period=${bj.period}`, "routes/statements._index"), cookies.admin!);
    expect(queue.bodyText).toContain(bj.reason);
    type Dash = { mail: { unopened: number; openDisputes: number }; tracking: { code: string }[]; setup: { employerCount: number } };
    const dash = async (url: string, cookie: string) => JSON.parse((await send("GET", data(url, "routes/_index"), cookie)).bodyText) as Dash;
    const adminBj = await dash("/?employer=BJ01", cookies.admin!);
    expect(adminBj.mail.unopened).toBeGreaterThan(0);
    expect(adminBj.mail.openDisputes).toBeGreaterThan(0);
    const adminSh = await dash("/?employer=SH01", cookies.admin!);
    const adminAll = await dash("/", cookies.admin!);
    expect(adminAll.tracking.map((e) => e.code)).toContain("BJ01");
    expect(adminAll.setup.employerCount).toBe(2);
    for (const who of ["hr", "auditor"] as const) {
      const mine = await dash("/", cookies[who]!);
      expect(mine.mail, `mail counts as scoped ${who}`).toEqual(adminSh.mail);
      expect(mine.tracking.map((e) => e.code)).toEqual(["SH01"]);
      expect(mine.setup.employerCount).toBe(1);
    }
  });

  test("no statement, mail, declaration or change-list write crosses the boundary", async () => {
    const before = mailCounts();
    const today = todayInShanghai();
    const p = bj.period;
    const no = other.employeeNo;
    const writes: [string, Record<string, string>][] = [
      ["/statements", { intent: "issue", employer: "BJ01", period: p }],
      ["/statements", { intent: "one", employer: "BJ01", period: p, employeeNo: no, correction: "1", reason: "scope" }],
      ["/statements", { intent: "history", employer: "BJ01", period: p, claimedOn: today, employeeNo: no }],
      ["/statements", { intent: "send", employer: "BJ01", period: p, which: "unopened" }],
      ["/statements", { intent: "send", employer: "BJ01", period: p, which: "new" }],
      ["/statements", { intent: "invite", employer: "BJ01", period: p }],
      ["/statements", { intent: "invite", employer: "BJ01", period: p, employeeNo: no }],
      ["/statements", { intent: "answer", employer: "BJ01", period: p, statementId: String(bj.statementId), answer: "scope" }],
      // Its own employer named, the other's statement answered: still 404.
      ["/statements", { intent: "answer", employer: "SH01", period: p, statementId: String(bj.statementId), answer: "scope" }],
      [`/statements/${bj.statementId}`, { intent: "revokeLinks" }],
      ["/annual-base", { employer: "BJ01", yearStart: `${today.slice(0, 4)}-01`, declaredOn: today }],
      ["/change-list", { employer: "BJ01", month: p, row: `hire:${other.employeeId}`, state: "submitted", date: today }],
    ];
    for (const [url, form] of writes) {
      for (const target of [url, data(url, url.startsWith("/statements/") ? "routes/statements.$id" : `routes/${url.slice(1) === "statements" ? "statements._index" : url.slice(1)}`)]) {
        const res = await send("POST", target, cookies.hr!, form);
        expect(res.status(), `POST ${target} ${JSON.stringify(form)} as scoped hr`).toBe(404);
        expect(res.bodyText).not.toContain(bj.reason);
        const audited = await send("POST", target, cookies.auditor!, form);
        expect(audited.status(), `POST ${target} as scoped auditor`).toBe(403);
      }
    }
    expect(mailCounts()).toEqual(before);
    // The control: the admin's answer to the same dispute is taken.
    const res = await send("POST", "/statements", cookies.admin!, { intent: "answer", employer: "BJ01", period: p, statementId: String(bj.statementId), answer: "scope control" });
    expect(res.status()).toBe(302);
    expect(mailCounts().bjOpenDisputes).toBe(before.bjOpenDisputes - 1);
  });
});

/** Every cell of every sheet of a workbook, as text. */
async function workbookText(body: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void out.push(cell.text))));
  return out.join("\n");
}

test("the Excel reports and the lists' Excel exports hold only the limited account's employer", async () => {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE });
  try {
    const get = async (url: string, cookie: string) => {
      const res = await ctx.get(url, { headers: { Cookie: cookie }, maxRedirects: 0 });
      expect(res.status(), `GET ${url}`).toBe(200);
      return workbookText(await res.body());
    };
    for (const url of [
      "/reports/findings.xlsx",
      "/reports/overdue.xlsx?warnings=1",
      data("/employees?format=xlsx", "routes/employees._index"),
      data("/payments?format=xlsx", "routes/payments"),
      data("/months?format=xlsx", "routes/months._index"),
    ]) {
      // The control: the unlimited administrator's workbook names BJ01 (the check below can fail).
      expect(await get(url, cookies.admin!), `${url} as admin`).toContain("BJ01");
      for (const who of ["hr", "auditor"] as const) {
        const text = await get(url, cookies[who]!);
        expect(text, `${url} as scoped ${who}`).toContain("SH01");
        expectNothingOfTheOther(text, `${url} as scoped ${who}`);
      }
    }
  } finally {
    await ctx.dispose();
  }
});
