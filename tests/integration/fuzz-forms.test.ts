/**
 * Bad input, forms: every form action of the app is called directly (the
 * route's `action`, with a real session cookie and FormData) with valid forms
 * whose fields are replaced, dropped or joined by arbitrary values.
 *
 * Whatever the form: the action never throws anything but a Response and never
 * answers 5xx; a refusal (4xx) changes nothing in the data (a content hash of
 * every table but sessions, sign-in attempts and the audit log), and writes to
 * the audit log only what sign-in and password checks record (one entry); a
 * success (a redirect) leaves exactly one more audit entry.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/connection";
import { IMPORT_KINDS } from "~/shared/import-formats";
import { residentIdCheckChar, usccCheckChar } from "~/rules/identity";
import { auditCount, contentHash } from "../helpers/db-hash";
import { CASES_DIR } from "../helpers/golden";
import { closeDatabase } from "../../db/connection";

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** Sign-in and password forms hash passwords (scrypt): fewer runs. */
const SLOW_RUNS = Math.max(10, Math.ceil(RUNS / 3));

const tmp = mkdtempSync(join(tmpdir(), "shebao-fuzz-forms-"));
// Before any module that opens the app's database (server/db.server) is imported.
process.env.DATABASE_PATH = join(tmp, "forms.db");

type ActionFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;
let db: Db;
let cookieFor: (userId: number) => Promise<string>;
let users: { hr: number; employee: number; admin: number; target: number };
let employeePassword = "an-employee-passphrase";
const routes: Record<string, ActionFn> = {};

let tried = 0;
const outcomes = { success: 0, refused: 0 };
afterAll(async () => {
  console.log(`fuzz-forms: ${tried} form submissions tried (${outcomes.success} accepted, ${outcomes.refused} refused with nothing changed)`);
  if (db) await closeDatabase(db);
  rmSync(tmp, { recursive: true, force: true });
});

beforeAll(async () => {
  const { db: appDb, migrateOnce } = await import("~/server/db.server");
  db = appDb;
  await migrateOnce();
  const { runImport } = await import("~/models/import.server");
  const { CLI_ACTOR } = await import("~/models/audit.server");
  const dir = join(CASES_DIR, "worked-examples");
  for (const k of ["employers", "policies", "employees", "registrations", "declarations", "payments"] as const) {
    const r = await runImport(db, k, readFileSync(join(dir, `${k}.csv`), "utf8"), CLI_ACTOR);
    if (!r.ok) throw new Error(`${k}: ${JSON.stringify(r.errors)}`);
  }
  // The employer form's fuzz edits an employer of its own (id 2): a mutation it accepts may rename
  // it, and the month, collection and statement forms need ACME as it is.
  const { saveEmployer } = await import("~/models/employer.server");
  const edited = await saveEmployer(db, CLI_ACTOR, null, { code: "EDITME", name: "Edited by the fuzz", uscc: "91110108MA01ABCD1E", region: "sample-city" });
  if (!edited.ok || edited.value !== 2) throw new Error(`the employer to edit: ${JSON.stringify(edited)}`);
  const { createUser } = await import("~/models/user.server");
  users = {
    hr: await createUser(db, CLI_ACTOR, { email: "hr@example.com", role: "hr", password: "an-hr-passphrase" }),
    employee: await createUser(db, CLI_ACTOR, { email: "li.wei@example.com", role: "employee", password: employeePassword, employeeId: 1 }),
    admin: await createUser(db, CLI_ACTOR, { email: "admin@example.com", role: "admin", password: "an-admin-passphrase" }),
    // The account the users page disables and enables (no one else's sessions end).
    target: await createUser(db, CLI_ACTOR, { email: "target@example.com", role: "auditor", password: "a-target-passphrase" }),
  };
  const { createSession } = await import("~/models/session.server");
  const { sessionCookie } = await import("~/server/auth.server");
  cookieFor = async (userId) => (await sessionCookie.serialize(await createSession(db, userId))).split(";")[0]!;
  const load = async (name: string, mod: Promise<{ action: unknown }>) => (routes[name] = (await mod).action as ActionFn);
  await Promise.all([
    load("employees.new", import("~/routes/employees.new")),
    load("employees.$id", import("~/routes/employees.$id")),
    load("employers.new", import("~/routes/employers.new")),
    load("employers.$id", import("~/routes/employers.$id")),
    load("registrations", import("~/routes/registrations")),
    load("months", import("~/routes/months.$period/route")),
    load("collection", import("~/routes/collection")),
    load("settings.policies", import("~/routes/settings.policies")),
    load("statements._index", import("~/routes/statements._index")),
    load("imports", import("~/routes/imports")),
    load("login", import("~/routes/login")),
    load("me", import("~/routes/me")),
    load("logout", import("~/routes/logout")),
    load("set-language", import("~/routes/set-language")),
    load("users", import("~/routes/users")),
  ]);
}, 120_000);

// ---------- arbitrary values ----------

const nasty = fc.constantFrom(
  "", " ", "0", "-1", "1.005", "8000", "8000.00", "99999999999999999999", "1e308", "NaN", "Infinity", "0x10", "１２３", "¥100",
  "2026-02-30", "2026-13", "2026-03", "2026-03-15", "9999-12-31", "0000-01-01", "2026/03/15",
  "=1+1", "+SUM(A1)", "@x", "\u0000", "\uFEFF", "a\r\nb", "'; DROP TABLE payments; --", "<script>x</script>", "../../etc/passwd",
  "ACME", "E001", "1", "2", "999999", "sample-city", "issue", "one", "save", "addDays", "removeDay", "update", "terminate", "wage",
  "prepare", "correct", "payment", "applied", "registered", "order", "installment", "agreement", "confirm", "preview", "x".repeat(5000),
);
const value = fc.oneof({ weight: 3, arbitrary: nasty }, { weight: 2, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) });

/** A valid form, changed at random: some fields replaced, some dropped, some added. */
function mutated(base: Record<string, string>): fc.Arbitrary<Record<string, string>> {
  const keys = Object.keys(base);
  return fc
    .record({
      keep: fc.boolean(),
      replace: fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 3 }),
      drop: fc.array(fc.constantFrom(...keys), { maxLength: 2 }),
      add: fc.array(fc.tuple(fc.constantFrom("extra", "intent", "id", "employer", "__proto__", "constructor"), value), { maxLength: 2 }),
    })
    .map(({ keep, replace, drop, add }) => {
      // A quarter of the forms go through untouched (so successes are tried too).
      if (keep) return { ...base };
      const out: Record<string, string> = { ...base };
      for (const [k, v] of replace) out[k] = v;
      for (const k of drop) delete out[k];
      for (const [k, v] of add) out[k] = v;
      return out;
    });
}

let serial = 0;
const next = () => ++serial;
const uscc = (n: number) => {
  const first = `91310000MA${String(n).padStart(7, "0")}`.slice(0, 17);
  return first + usccCheckChar(first);
};
const residentId = (n: number) => {
  const first = `1101051990${String(1 + (n % 12)).padStart(2, "0")}${String(1 + (n % 28)).padStart(2, "0")}${String(n % 1000).padStart(3, "0")}`;
  return first + residentIdCheckChar(first);
};
const RATES = { pension_employer: "16%", pension_employee: "8%", medical_employer: "8%", medical_employee: "2%", unemployment_employer: "0.5%", unemployment_employee: "0.5%", work_injury_employer: "0.2%", work_injury_employee: "0%", maternity_employer: "0%", maternity_employee: "0%" };
const EMPLOYEE = { employeeNo: "E001", name: "Li Wei", idType: "resident_id", idNumber: "11010519491231002X", employerId: "1", hireDate: "2026-01-10", department: "Sales", email: "li.wei@example.com" };

/** Every form of the app: which action, whose session, and a valid form to start from (made fresh per run). */
interface Form {
  route: string;
  as: "hr" | "employee" | "admin" | "nobody";
  params?: Record<string, string>;
  base: () => Record<string, string>;
  runs?: number;
  /** Records security events (failed sign-in, failed password check) in the audit log even when refused. */
  auditsRefusals?: boolean;
}

const FORMS: Record<string, Form> = {
  "employees.new": { route: "employees.new", as: "hr", base: () => { const n = next(); return { ...EMPLOYEE, employeeNo: `F${n}`, name: `Fuzz ${n}`, idNumber: residentId(n), hireDate: "2026-02-02", email: "", monthlyWage: "6000.00" }; } },
  "employees.$id update": { route: "employees.$id", as: "hr", params: { id: "1" }, base: () => ({ intent: "update", ...EMPLOYEE, department: `Dept ${next()}` }) },
  "employees.$id terminate": { route: "employees.$id", as: "hr", params: { id: "1" }, base: () => ({ intent: "terminate", terminationDate: "2026-12-31" }) },
  "employees.$id wage": { route: "employees.$id", as: "hr", params: { id: "1" }, base: () => ({ intent: "wage", effectiveMonth: "2026-06", monthlyWage: `${8000 + next()}.00` }) },
  "employers.new": { route: "employers.new", as: "hr", base: () => { const n = next(); return { code: `F${n}`, name: `Fuzz ${n}`, uscc: uscc(n), region: "sample-city" }; } },
  "employers.$id": { route: "employers.$id", as: "hr", params: { id: "2" }, base: () => ({ code: "EDITME", name: `Edited ${next()}`, uscc: "91110108MA01ABCD1E", region: "sample-city" }) },
  registrations: { route: "registrations", as: "hr", base: () => ({ employeeId: "1", intent: next() % 2 ? "applied" : "registered", date: `2026-02-${String(10 + (serial % 15)).padStart(2, "0")}` }) },
  "months prepare": { route: "months", as: "hr", base: () => ({ intent: "prepare", employer: "ACME", period: `2026-${String(4 + (next() % 8)).padStart(2, "0")}`, declaredOn: "2026-12-01" }) },
  "months correct": { route: "months", as: "hr", base: () => ({ intent: "correct", employer: "ACME", period: "2026-03", employeeNo: "E001", declaredBase: `${8000 + next()}.00`, declaredOn: "2026-03-20" }) },
  "months payment": { route: "months", as: "hr", base: () => ({ intent: "payment", employer: "ACME", period: "2026-03", paidOn: "2026-04-01", amount: "10.00", reference: `FUZZ-${next()}` }) },
  collection: { route: "collection", as: "hr", base: () => ({ employer: "ACME", kind: "order", actionDate: `2026-05-${String(1 + (next() % 28)).padStart(2, "0")}`, periods: "2026-03", timeLimit: "2026-07-01", dueOn: "", amount: "", note: "fuzz" }) },
  "settings.policies save": { route: "settings.policies", as: "hr", base: () => ({ intent: "save", id: "", region: `fuzz-${next()}`, effectiveFrom: "2030-01", baseFloor: "4000.00", baseCap: "20000.00", ...RATES, roundingUnit: "fen", roundingMode: "half_up", dueDay: "15", dueMonthOffset: "0", lateFeePpmPerDay: "500" }) },
  "settings.policies addDays": { route: "settings.policies", as: "hr", base: () => ({ intent: "addDays", region: "sample-city", dates: `2027-01-${String(1 + (next() % 28)).padStart(2, "0")}` }) },
  "settings.policies removeDay": { route: "settings.policies", as: "hr", base: () => ({ intent: "removeDay", region: "sample-city", date: `2027-01-${String(1 + (next() % 28)).padStart(2, "0")}` }) },
  "statements issue": { route: "statements._index", as: "hr", base: () => ({ intent: "issue", employer: "ACME", period: `2026-0${1 + (next() % 3)}`, issuedOn: "2026-04-20" }) },
  "statements one": { route: "statements._index", as: "hr", base: () => ({ intent: "one", employer: "ACME", period: "2026-03", issuedOn: "2026-04-21", employeeNo: "E001", correction: "1", reason: `fuzz ${next()}` }) },
  "imports confirm": { route: "imports", as: "hr", base: () => ({ intent: "confirm", id: "0123456789abcdef", kind: "payments", sha256: "0".repeat(64) }) },
  login: { route: "login", as: "nobody", runs: SLOW_RUNS, auditsRefusals: true, base: () => ({ email: next() % 3 ? "hr@example.com" : "ghost@example.com", password: "an-hr-passphrase", redirectTo: "/" }) },
  "me password": {
    route: "me",
    as: "employee",
    runs: SLOW_RUNS,
    auditsRefusals: true,
    base: () => { const p = `a-new-passphrase-${next()}`; return { currentPassword: employeePassword, newPassword: p, confirmPassword: p }; },
  },
  "users create": {
    route: "users",
    as: "admin",
    runs: SLOW_RUNS,
    base: () => { const n = next(); return { intent: "create", email: `user${n}@example.com`, name: `User ${n}`, role: "hr", employeeNo: "", password: "a-long-passphrase", confirmPassword: "a-long-passphrase" }; },
  },
  "users toggle": { route: "users", as: "admin", base: () => ({ intent: "toggle", userId: String(users.target), disabled: next() % 2 ? "1" : "0" }) },
  "set-language": { route: "set-language", as: "nobody", base: () => ({ lng: next() % 2 ? "en" : "zh-CN", redirectTo: "/" }) },
};

/** Tables a refusal must leave alone: everything but the session bookkeeping and the audit log (counted on its own). */
const SKIP = ["sessions", "login_attempts", "audit_log"];

async function submit(form: Form, fields: Record<string, string>, cookie: string | null) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  const request = new Request(`http://127.0.0.1/${form.route.replace("._index", "").replace(".$id", `/${form.params?.id ?? ""}`).replaceAll(".", "/")}`, {
    method: "POST",
    body,
    headers: cookie ? { Cookie: cookie } : {},
  });
  try {
    return await routes[form.route]!({ request, params: form.params ?? {}, context: { clientAddress: `10.0.${serial % 250}.${serial % 7}`, cspNonce: "" } });
  } catch (e) {
    if (e instanceof Response) return e;
    throw new Error(`${form.route} threw a non-Response for ${JSON.stringify(fields).slice(0, 500)}: ${(e as Error)?.stack ?? String(e)}`);
  }
}

describe.each(Object.entries(FORMS))("form %s", (name, form) => {
  it("never a 5xx or a throw; a refusal changes nothing; a success is audit-logged once", async () => {
    let cookie = form.as === "nobody" ? null : await cookieFor(users[form.as]);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.constant(null).chain(() => mutated(form.base())), async (fields) => {
        const sqlite = db;
        const before = { hash: await contentHash(sqlite, SKIP), audit: await auditCount(sqlite) };
        const res = await submit(form, fields, cookie);
        tried++;
        const after = { hash: await contentHash(sqlite, SKIP), audit: await auditCount(sqlite) };
        expect(res.status, `${name}: ${JSON.stringify(fields).slice(0, 300)}`).toBeLessThan(500);
        // The users page answers a success with 200 and `ok: true` (it stays on the page).
        const accepted200 = res.status === 200 && ((await res.clone().json()) as { ok?: unknown }).ok === true;
        if ((res.status >= 300 && res.status < 400) || accepted200) {
          outcomes.success++;
          accepted++;
          // A success that changes data leaves exactly one audit entry. One that changes
          // nothing (the same date again, a month already issued) leaves at most one; a
          // language choice, none.
          const entries = after.audit - before.audit;
          if (name === "set-language") expect(entries).toBe(0);
          else if (after.hash !== before.hash || name === "login" || name === "me password") expect(entries, `${name} accepted: audit entries`).toBe(1);
          else expect(entries, `${name} accepted, nothing changed: audit entries`).toBeLessThanOrEqual(1);
          if (name === "me password") {
            employeePassword = fields.newPassword!;
            cookie = (res.headers.get("Set-Cookie") ?? "").split(";")[0]!;
          }
        } else {
          expect(res.status, `${name}: ${JSON.stringify(fields).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          outcomes.refused++;
          expect(after.hash, `${name} refused: data unchanged`).toBe(before.hash);
          expect(after.audit - before.audit, `${name} refused: audit entries`).toBeLessThanOrEqual(form.auditsRefusals ? 1 : 0);
        }
      }),
      { numRuns: form.runs ?? RUNS },
    );
    // The unchanged form does go through at least once (the property is not vacuous).
    if (name !== "imports confirm") expect(accepted, `${name}: some submissions accepted`).toBeGreaterThan(0);
  }, 180_000);
});

describe("imports, the two steps", () => {
  it("a fuzzed file: preview writes nothing; confirming it imports all or nothing", async () => {
    const cookie = await cookieFor(users.hr);
    const good = "employer_code,period,paid_on,amount,reference\nACME,2026-03,2026-04-02,5.00,REF\n";
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...IMPORT_KINDS), fc.oneof(fc.constant(good), fc.string({ maxLength: 200 }), value.map((v) => good.replace("5.00", v)), value.map((v) => good.replace("REF", v))), async (kind, text) => {
        const sqlite = db;
        const unique = text.replace("REF", `REF-${next()}`);
        const before = { hash: await contentHash(sqlite, SKIP), audit: await auditCount(sqlite) };
        const body = new FormData();
        body.append("intent", "preview");
        body.append("kind", unique === text ? kind : "payments");
        body.append("file", new Blob([unique], { type: "text/csv" }), "fuzz.csv");
        const req = new Request("http://127.0.0.1/imports", { method: "POST", body, headers: { Cookie: cookie } });
        let res: Response;
        try {
          res = await routes.imports!({ request: req, params: {}, context: {} });
        } catch (e) {
          if (!(e instanceof Response)) throw e;
          res = e;
        }
        tried++;
        expect(res.status).toBeLessThan(500);
        expect({ hash: await contentHash(sqlite, SKIP), audit: await auditCount(sqlite) }, "a preview writes nothing").toEqual(before);
        if (res.status !== 200) return void outcomes.refused++;
        const data = (await res.json()) as { step: string; id: string; kind: string; sha256: string };
        expect(data.step).toBe("preview");
        const confirm = await submit(FORMS["imports confirm"]!, { intent: "confirm", id: data.id, kind: data.kind, sha256: data.sha256 }, cookie);
        tried++;
        const after = { hash: await contentHash(sqlite, SKIP), audit: await auditCount(sqlite) };
        expect(confirm.status).toBeLessThan(500);
        if (confirm.status === 302) {
          outcomes.success++;
          // An import that changes nothing writes nothing; otherwise one audit entry.
          if (after.hash === before.hash) expect(after.audit).toBe(before.audit);
          else expect(after.audit).toBe(before.audit + 1);
        } else {
          outcomes.refused++;
          expect(after).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
  }, 180_000);
});
