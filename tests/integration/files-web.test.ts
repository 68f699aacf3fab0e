/**
 * Issue 18 on the web: the two-step import (preview, then confirm) of the GBK
 * file HR's Excel writes stores the names correctly (it used to store
 * mojibake), and the rejected list is capped at 200 problems with the total.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/connection";
import { rawSql } from "../helpers/raw-sql";
import { closeDatabase } from "../../db/connection";

const tmp = mkdtempSync(join(tmpdir(), "shebao-files-web-"));
// Before any module that opens the app's database (server/db.server) is imported.
process.env.DATABASE_PATH = join(tmp, "files.db");

type ActionFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;
let db: Db;
let action: ActionFn;
let cookie: string;
let auditorCookie: string;
type LoaderFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;
let rosterLoader: LoaderFn;

beforeAll(async () => {
  const { db: appDb, migrateOnce } = await import("~/server/db.server");
  db = appDb;
  await migrateOnce();
  const { runImport } = await import("~/models/import.server");
  const { CLI_ACTOR } = await import("~/models/audit.server");
  const r = await runImport(db, "employers", "code,name,uscc,region\nACME,Acme Trading Co. Ltd.,91310000MA1FL8TQ36,sample-city\n", CLI_ACTOR);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const { createUser } = await import("~/models/user.server");
  const hr = await createUser(db, CLI_ACTOR, { email: "hr@example.com", role: "hr", password: "an-hr-passphrase" });
  const { createSession } = await import("~/models/session.server");
  const { sessionCookie } = await import("~/server/auth.server");
  cookie = (await sessionCookie.serialize(await createSession(db, hr))).split(";")[0]!;
  const auditor = await createUser(db, CLI_ACTOR, { email: "auditor@example.com", role: "auditor", password: "an-auditor-passphrase" });
  auditorCookie = (await sessionCookie.serialize(await createSession(db, auditor))).split(";")[0]!;
  rosterLoader = (await import("~/routes/employees._index/route")).loader as unknown as LoaderFn;
  action = (await import("~/routes/imports")).action as unknown as ActionFn;
});

afterAll(async () => {
  if (db) await closeDatabase(db);
  rmSync(tmp, { recursive: true, force: true });
});

async function call(body: FormData): Promise<Response> {
  const request = new Request("http://127.0.0.1/imports", { method: "POST", body, headers: { Cookie: cookie } });
  try {
    return await action({ request, params: {}, context: {} });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

function upload(kind: string, bytes: Uint8Array, name: string): FormData {
  const body = new FormData();
  body.append("intent", "preview");
  body.append("kind", kind);
  body.append("file", new Blob([Buffer.from(bytes)]), name);
  return body;
}

describe("the web's two-step import", () => {
  it("stores the names of a GBK file correctly, and says which encoding was read", async () => {
    const gbk = new Uint8Array(readFileSync(join(import.meta.dirname, "..", "fixtures", "files", "employees-gbk.csv")));
    const res = await call(upload("employees", gbk, "花名册.csv"));
    expect(res.status).toBe(200);
    const data = (await res.json()) as { step: string; id: string; kind: string; sha256: string; reading: { source: unknown }; preview: { rows: { cells: string[] }[] } };
    expect(data.step).toBe("preview");
    expect(data.reading.source).toMatchObject({ format: "csv", encoding: "gb18030" });
    expect(data.preview.rows.map((r) => r.cells[1])).toEqual(["张伟", "李娜", "王芳"]);
    const confirm = new FormData();
    for (const [k, v] of Object.entries({ intent: "confirm", id: data.id, kind: data.kind, sha256: data.sha256, sheet: "" })) confirm.append(k, v);
    const done = await call(confirm);
    expect(done.status).toBe(302);
    const names = await rawSql(db).prepare("SELECT employee_no, name FROM employees ORDER BY employee_no").all();
    expect(names).toEqual([
      { employee_no: "E101", name: "张伟" },
      { employee_no: "E102", name: "李娜" },
      { employee_no: "E103", name: "王芳" },
    ]);
  });

  it("a GBK file whose headers are the SPEC names: the names stored are the names written, not mojibake", async () => {
    const iconv = (await import("iconv-lite")).default;
    const csv = "employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage\r\nE301,张伟强,,11010519491231002X,ACME,2024-07-01,,研发部,,8000.00\r\n";
    const res = await call(upload("employees", new Uint8Array(iconv.encode(csv, "gbk")), "roster.csv"));
    const data = (await res.json()) as { step: string; id: string; kind: string; sha256: string };
    expect(data.step).toBe("preview");
    const confirm = new URLSearchParams({ intent: "confirm", id: data.id, kind: data.kind, sha256: data.sha256 });
    const request = new Request("http://127.0.0.1/imports", { method: "POST", body: confirm, headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } });
    const done = await action({ request, params: {}, context: {} }).catch((e: unknown) => e as Response);
    expect(done.status).toBe(302);
    expect(await rawSql(db).prepare("SELECT name, department FROM employees WHERE employee_no = 'E301'").get()).toEqual({ name: "张伟强", department: "研发部" });
  });

  it("headers that match nothing: the file stays held, the user maps them, the mapping is remembered for the kind", async () => {
    const csv = "员工,月份,工资数\r\nE101,2024/9,\"9,100\"\r\n";
    const res = await call(upload("wages", new TextEncoder().encode(csv), "wages.csv"));
    expect(res.status).toBe(400);
    const data = (await res.json()) as { step: string; held: { id: string; sha256: string }; reading: { unmatched: string[]; missing: string[] } };
    expect(data.step).toBe("rejected");
    expect(data.reading.unmatched).toEqual(["员工", "工资数"]);
    expect(data.reading.missing).toEqual(["employee_no", "monthly_wage"]);
    const body = new URLSearchParams({ intent: "reread", id: data.held.id, kind: "wages", sha256: data.held.sha256, sheet: "" });
    body.append("mapfrom", "员工");
    body.append("mapto", "employee_no");
    body.append("mapfrom", "工资数");
    body.append("mapto", "monthly_wage");
    const post = (b: URLSearchParams, extra: Record<string, string> = {}) =>
      action({ request: new Request("http://127.0.0.1/imports", { method: "POST", body: b, headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", ...extra } }), params: {}, context: {} }).catch((e: unknown) => e as Response);
    const again = await post(body);
    expect(again.status).toBe(200);
    const preview = (await again.json()) as { step: string; preview: { rows: { cells: string[] }[] } };
    expect(preview.step).toBe("preview");
    expect(preview.preview.rows[0]!.cells).toEqual(["E101", "2024-09", "¥9,100.00"]);
    const setCookie = again.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^shebao_import_map=/);
    // The next upload of the same kind uses the remembered mapping.
    const body2 = upload("wages", new TextEncoder().encode(csv), "wages-2.csv");
    const res2 = await action({ request: new Request("http://127.0.0.1/imports", { method: "POST", body: body2, headers: { Cookie: `${cookie}; ${setCookie.split(";")[0]}` } }), params: {}, context: {} }).catch((e: unknown) => e as Response);
    expect(((await res2.json()) as { step: string }).step).toBe("preview");
  });

  it("shows at most 200 problems and the total", async () => {
    const csv = "employee_no,effective_month,monthly_wage\n" + "NOBODY,2024-13,x\n".repeat(150);
    const res = await call(upload("wages", new TextEncoder().encode(csv), "bad.csv"));
    expect(res.status).toBe(400);
    const data = (await res.json()) as { step: string; errors: unknown[]; total: number };
    expect(data.step).toBe("rejected");
    expect(data.errors).toHaveLength(200);
    expect(data.total).toBe(450);
  });
});

describe("the roster export with full identity numbers", () => {
  async function get(url: string, as: string): Promise<Response> {
    try {
      return await rosterLoader({ request: new Request(`http://127.0.0.1${url}`, { headers: { Cookie: as } }), params: {}, context: {} });
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  }
  const auditCount = async () => ((await rawSql(db).prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'export'").get()) as { n: number }).n;

  it("HR: full numbers as text cells, on request, audited; auditors are refused; every other export stays masked", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const before = await auditCount();
    const res = await get("/employees?format=xlsx&ids=full", cookie);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const at = header.findIndex((h) => h === "Identity number" || h === "身份证件号码");
    expect(at).toBeGreaterThanOrEqual(0);
    const ids = [];
    for (let r = 2; r <= ws.actualRowCount; r++) ids.push(ws.getRow(r).getCell(at + 1).value);
    expect(ids).toContain("310101199003071230");
    expect(ids.every((v) => typeof v === "string" && /^\d{17}[\dX]$/.test(v))).toBe(true);
    expect(await auditCount()).toBe(before + 1);

    expect((await get("/employees?format=xlsx&ids=full", auditorCookie)).status).toBe(403);
    const masked = await (await get("/employees?format=csv", cookie)).text();
    expect(masked).not.toContain("310101199003071230");
    expect(masked).toContain("3101**********1230");
    expect(await auditCount()).toBe(before + 1);
  });
});
