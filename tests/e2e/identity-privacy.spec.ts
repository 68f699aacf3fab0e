/**
 * Identity numbers never travel in addresses: every page a role can reach from
 * its home page (followed link by link, and the forms' targets) is addressed by
 * internal ids, and no link, form target or redirect holds an identity number
 * of the demo data. The full number is shown only to those who may edit it
 * (HR and admin, on the employee's own page); auditors and employees never
 * receive one, in a page or in its data.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ACCOUNTS, type Role } from "./fixtures";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const E2E_DB = join(ROOT, process.env.E2E_DATABASE_PATH ?? "tests/.tmp/e2e.db");
const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3111)}`;
/** Pages visited per role: enough to reach every kind of page and several of each. */
const MAX_PAGES = 90;

let idNumbers: string[] = [];

test.beforeAll(() => {
  const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
  try {
    idNumbers = (db.prepare("SELECT id_number AS n FROM employees").all() as { n: string }[]).map((r) => r.n);
  } finally {
    db.close();
  }
  expect(idNumbers.length).toBeGreaterThan(100);
});

function containedIds(text: string): string[] {
  const upper = text.toUpperCase();
  return idNumbers.filter((n) => upper.includes(n.toUpperCase()));
}

/** Same-site links and form targets of a page, decoded. */
function targets(html: string, from: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\s(?:href|action)="([^"]*)"/g)) {
    const raw = m[1]!.replaceAll("&amp;", "&");
    const url = new URL(raw, new URL(from, BASE));
    if (url.origin === BASE) out.push(url.pathname + url.search);
  }
  return out;
}

async function signIn(role: Role): Promise<string> {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE });
  const res = await ctx.post("/login", { form: ACCOUNTS[role], maxRedirects: 0 });
  expect(res.status()).toBe(302);
  const cookie = res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value.split(";")[0]!)
    .find((c) => c.startsWith("__session=") && c.length > 10)!;
  await ctx.dispose();
  return cookie;
}

const SKIP = /^\/(logout|set-language|build\/|favicon)/;

for (const role of ["admin", "hr", "auditor", "employee"] as const) {
  test(`${role}: no identity number in any address; full numbers only where they may be edited`, async () => {
    const cookie = await signIn(role);
    const ctx = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { Cookie: cookie } });
    const seen = new Set<string>();
    const queue = [
      role === "employee" ? "/me" : "/",
      "/employees",
      "/statements",
      "/audit",
      "/months",
      "/collection",
      "/payments",
      // The CSV exports and reports: nobody gets a full number in a file.
      "/employees?format=csv",
      "/findings?format=csv",
      "/months?format=csv",
      "/payments?format=csv",
      "/audit?format=csv",
      "/reports/overdue.csv",
      "/reports/findings.csv",
    ];
    const kinds = new Set<string>();
    let visited = 0;
    while (queue.length > 0 && visited < MAX_PAGES) {
      const path = queue.shift()!;
      if (seen.has(path) || SKIP.test(path)) continue;
      seen.add(path);
      const res = await ctx.get(path, { maxRedirects: 0 });
      visited++;
      const location = res.headers()["location"];
      if (location) {
        expect(containedIds(location), `redirect from ${path}`).toEqual([]);
        queue.push(new URL(location, new URL(path, BASE)).pathname);
        continue;
      }
      if (res.status() !== 200) continue;
      kinds.add(path.replace(/\d+/g, "N").replace(/\?.*/, ""));
      const body = await res.text();
      // Full numbers where HR and admin may edit them, and in an export they asked for explicitly (`ids=full`, audited: the agency's upload needs them).
      const mayEdit = (role === "hr" || role === "admin") && (/^\/employees\/\d+$/.test(path.replace(/\?.*/, "")) || /[?&]ids=full(&|$)/.test(path));
      if (!mayEdit) expect(containedIds(body), `full identity numbers in ${path} for ${role}`).toEqual([]);
      if (!(res.headers()["content-type"] ?? "").includes("text/html")) continue;
      for (const t of targets(body, path)) {
        expect(containedIds(decodeURIComponent(t)), `a link or form on ${path}: ${t}`).toEqual([]);
        // Breadth first, but only a few of each kind of page (employee 1, 2, 3… are alike).
        const kind = t.replace(/\d+/g, "N").replace(/\?.*/, "");
        const sameKind = [...seen, ...queue].filter((s) => s.replace(/\d+/g, "N").replace(/\?.*/, "") === kind).length;
        if (sameKind < 3) queue.push(t);
      }
    }
    // The data behind the pages: the same rule.
    for (const [path, id] of [["/employees", "routes/employees._index"], ["/employees/1", "routes/employees.$id"], ["/audit", "routes/audit"], ["/me", "routes/me"]] as const) {
      const res = await ctx.get(`${path}?_data=${encodeURIComponent(id)}`, { maxRedirects: 0 });
      if (res.status() !== 200) continue;
      const mayEdit = (role === "hr" || role === "admin") && id === "routes/employees.$id";
      if (!mayEdit) expect(containedIds(await res.text()), `full identity numbers in ${path} data for ${role}`).toEqual([]);
    }
    console.log(`${role}: ${visited} addresses checked, ${kinds.size} kinds of page`);
    expect(visited).toBeGreaterThan(role === "employee" ? 3 : 20);
    await ctx.dispose();
  });
}
