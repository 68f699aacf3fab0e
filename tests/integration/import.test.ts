/**
 * Imports into a real (in-memory, migrated) database: every kind imports, bad
 * rows are refused with `row N, column C` and leave the database exactly as it
 * was, importing twice changes nothing, a key replaces its record, and the
 * employees import writes the hire month's wage.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { CLI_ACTOR } from "~/models/audit.server";
import { evaluateAsOf } from "~/models/engine.server";
import { formatImportError, previewImport, runImport, type ImportKind, type ImportResult } from "~/models/import.server";
import { REQUIRED_COLUMNS as IMPORT_COLUMNS } from "~/shared/import-formats";
import { residentIdCheckChar } from "~/rules/identity";
import { rawSql } from "../helpers/raw-sql";

const USCC_A = "91310000MA1FL8TQ36";
const USCC_B = "91365020X53W432LQT";
const ID1 = "11010519491231002X";
const ID2 = "510107198402190326";
const ID3 = "510107197809305477";

const TABLES = [
  "employers",
  "policies",
  "non_working_days",
  "employees",
  "wages",
  "registrations",
  "declaration_lines",
  "payments",
  "collection_actions",
  "statements",
  "users",
  "audit_log",
] as const;

/** Every row of every table, order-independent. */
async function dump(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of TABLES) out[t] = ((await rawSql(db).prepare(`SELECT * FROM ${t}`).all()) as unknown[]).map((r) => JSON.stringify(r)).sort();
  return out;
}

async function counts(db: Db): Promise<Record<(typeof TABLES)[number], number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await rawSql(db).prepare(`SELECT count(*) AS n FROM ${t}`).get<{ n: number }>())!.n);
  return out as Record<(typeof TABLES)[number], number>;
}

function csv(kind: ImportKind, ...rows: string[]): string {
  return [IMPORT_COLUMNS[kind].join(","), ...rows].join("\r\n") + "\r\n";
}

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`import refused:\n${result.errors.map(formatImportError).join("\n")}`);
  return result.summary;
}

async function imp(db: Db, kind: ImportKind, ...rows: string[]) {
  return ok(await runImport(db, kind, csv(kind, ...rows), CLI_ACTOR));
}

const POLICY = "sample-city,2025-01,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500";
const POLICY_B = "other-city,2025-01,3000.00,15000.00,16%,8%,7.5%+0.5%,2%+¥3.00,0.5%,0.5%,0.2%,0%,0%,0%,jiao,up,last,1,";

/** Two employers, their policies and three employees. */
async function seeded(): Promise<Db> {
  const db = await openTestDatabase();
  await imp(db, "employers", `ACME,Acme Trading,${USCC_A},sample-city`, `BETA,Beta Ltd,${USCC_B},other-city`);
  await imp(db, "policies", POLICY, POLICY_B);
  await imp(
    db,
    "employees",
    `E001,Li Wei,,${ID1},ACME,2026-01-10,,Sales,li.wei@example.com,8000.00`,
    `E002,王芳,,${ID2},ACME,2026-03-20,2026-06-30,Ops,,3000.00`,
    `B001,"Zhao, Min",passport,E12345678,BETA,2025-11-01,,,,12000.00`,
  );
  return db;
}

const rowsOf = async (db: Db, sql: string, ...params: unknown[]) => await rawSql(db).prepare(sql).all(...params);

describe("every kind imports", () => {
  it("employers, policies, non-working days, employees, wages, registrations, declarations, payments, collection", async () => {
    const db = await seeded();
    expect(await rowsOf(db, "SELECT code, name, uscc, region FROM employers ORDER BY code")).toEqual([
      { code: "ACME", name: "Acme Trading", uscc: USCC_A, region: "sample-city" },
      { code: "BETA", name: "Beta Ltd", uscc: USCC_B, region: "other-city" },
    ]);
    const pol = (await rowsOf(db, "SELECT * FROM policies WHERE region = 'other-city'"))[0] as Record<string, unknown>;
    expect(pol).toMatchObject({ base_floor: 300000, base_cap: 1500000, rounding_unit: "jiao", rounding_mode: "up", due_day: "last", due_month_offset: 1, late_fee_ppm_per_day: 500 });
    expect(JSON.parse(pol.rates as string).medical).toEqual({
      employer: [
        { kind: "pct", ppm: 75000 },
        { kind: "pct", ppm: 5000 },
      ],
      employee: [
        { kind: "pct", ppm: 20000 },
        { kind: "fixed", fen: 300 },
      ],
    });
    expect(await rowsOf(db, "SELECT employee_no, name, id_type, id_number, hire_date, termination_date, department, email FROM employees ORDER BY employee_no")).toEqual([
      { employee_no: "B001", name: "Zhao, Min", id_type: "passport", id_number: "E12345678", hire_date: "2025-11-01", termination_date: null, department: "", email: "" },
      { employee_no: "E001", name: "Li Wei", id_type: "resident_id", id_number: ID1, hire_date: "2026-01-10", termination_date: null, department: "Sales", email: "li.wei@example.com" },
      { employee_no: "E002", name: "王芳", id_type: "resident_id", id_number: ID2, hire_date: "2026-03-20", termination_date: "2026-06-30", department: "Ops", email: "" },
    ]);

    expect(await imp(db, "non_working_days", "sample-city,2026-10-01", "sample-city,2026-10-02")).toEqual({ rows: 2, created: 2, replaced: 0, unchanged: 0 });
    expect(await imp(db, "wages", "E001,2026-04,9000.00")).toEqual({ rows: 1, created: 1, replaced: 0, unchanged: 0 });
    expect(await imp(db, "registrations", "E001,2026-02-12,2026-02-20", "E002,,2026-04-01")).toEqual({ rows: 2, created: 2, replaced: 0, unchanged: 0 });
    expect(await imp(db, "declarations", "ACME,2026-03,E001,8000.00,2026-03-14", "ACME,2026-03,E002,3000.00,2026-04-10", "BETA,2026-03,B001,12000.00,2026-03-31")).toMatchObject({
      created: 3,
    });
    expect(await imp(db, "payments", "ACME,2026-03,2026-03-10,1000.00,P-1", "ACME,2026-03,2026-03-20,1000.00,P-2", "BETA,2026-03,2026-04-15,5000.00,P-1")).toEqual({
      rows: 3,
      created: 3,
      replaced: 0,
      unchanged: 0,
    });
    expect(
      await imp(db, "collection", "ACME,order,2026-04-20,2026-03,2026-05-20,,", "ACME,guarantee,2026-05-01,2026-03;2026-04,,,", "ACME,installment,2026-05-01,2026-04;2026-03,,2026-06-01,500.00"),
    ).toEqual({ rows: 3, created: 3, replaced: 0, unchanged: 0 });

    expect(await counts(db)).toMatchObject({ non_working_days: 2, wages: 4, registrations: 2, declaration_lines: 3, payments: 3, collection_actions: 3 });
    expect(await rowsOf(db, "SELECT kind, periods, time_limit, due_on, amount FROM collection_actions ORDER BY id")).toEqual([
      { kind: "order", periods: "2026-03", time_limit: "2026-05-20", due_on: null, amount: null },
      { kind: "guarantee", periods: "2026-03;2026-04", time_limit: null, due_on: null, amount: null },
      { kind: "installment", periods: "2026-03;2026-04", time_limit: null, due_on: "2026-06-01", amount: 50000 },
    ]);
  });

  it("an empty employer_code is refused where the installation holds two employers", async () => {
    const db = await seeded();
    const r = await runImport(db, "payments", csv("payments", ",2026-03,2026-03-20,1000.00,P-2"), CLI_ACTOR);
    expect(r.ok ? [] : r.errors.map(formatImportError)).toEqual(["row 2, column employer_code: is required where the installation holds several employers"]);
  });

  it("the engine sees what was imported", async () => {
    const db = await openTestDatabase();
    await imp(db, "employers", `ACME,Acme,${USCC_A},sample-city`);
    await imp(db, "policies", POLICY);
    await imp(db, "employees", `E001,Li Wei,,${ID1},,2026-01-10,,Sales,,8000.00`);
    await imp(db, "declarations", ",2026-03,E001,8000.00,2026-03-14");
    await imp(db, "payments", ",2026-03,2026-03-10,1000.00,A", ",2026-03,2026-03-20,1000.00,B");
    // SPEC §9 example 6: unpaid ¥816.00, 16 days, late fee ¥9.03.
    const unpaid = (await evaluateAsOf(db, "2026-03-31")).findings.find((f) => f.rule === "ART60_UNPAID" && f.period === "2026-03");
    expect(unpaid).toMatchObject({ outstanding: 81600, days: 16, lateFee: 903 });
  });
});

describe("bad rows are refused and the database is unchanged", () => {
  let db: Db;
  beforeEach(async () => {
    db = await seeded();
    await imp(db, "registrations", "E001,2026-02-12,2026-02-20");
    await imp(db, "collection", "ACME,guarantee,2026-05-01,2026-03;2026-04,,,");
  });

  const cases: [ImportKind, string[], string[]][] = [
    ["employers", [`NEW,New Co,${USCC_A},x`, `ACME,Acme,${USCC_A.slice(0, 17)}0,sample-city`], ["row 3, column uscc: \"91310000MA1FL8TQ30\" is not a unified social credit code: check character should be 6, not 0"]],
    ["policies", ["new-city,2026-01,5000,4000,16%,8%,8%,2%,0.5%,0.5%,0.2%,0.1%,0%,0%,,,15,,"], [
      "row 2, column base_floor: 5000 is above base_cap 4000",
      "row 2, column work_injury_employee: must be 0: work injury is paid by the employer alone (Social Insurance Law arts. 33, 53)",
    ]],
    ["non_working_days", ["sample-city,2026-10-01", "sample-city,2026-09-31"], ['row 3, column date: "2026-09-31" is not a calendar date']],
    ["employees", [`E003,New,,${ID3},ACME,2026-05-01,,,,5000`, `E004,Other,,${ID3},GAMMA,2026-05-01,,,,5000`, `E005,Late,,${ID3},ACME,2026-05-01,2026-04-30,,,5000`], [
      'row 3, column employer_code: no employer with code "GAMMA"',
      "row 4, column termination_date: 2026-04-30 is before hire_date 2026-05-01",
    ]],
    ["wages", ["E001,2026-05,9000", "E404,2026-05,9000"], ['row 3, column employee_no: no employee with number "E404"']],
    ["registrations", ["E002,2026-03-25,", "E001,2026-02-12,2026-02-11"], ["row 3, column registered_on: 2026-02-11 is before applied_on 2026-02-12"]],
    ["declarations", ["ACME,2026-03,E001,8000,2026-03-14", "BETA,2026-03,E001,8000,2026-03-14", "ACME,2026-07,E002,3000,2026-07-14", "ACME,2025-12,E001,8000,2026-01-14"], [
      "row 3, column employee_no: E001 is an employee of ACME, not BETA",
      "row 4, column period: E002 is not liable in 2026-07 (employed 2026-03-20 to 2026-06-30)",
      "row 5, column period: E001 is not liable in 2025-12 (hired 2026-01-10)",
    ]],
    ["payments", ["ACME,2026-03,2026-03-10,100,P-1", "ACME,2026-03,2026-03-10,-100,P-2"], ['row 3, column amount: "-100" is negative']],
    ["collection", ["ACME,court,2026-06-01,2026-03,,,", "ACME,guarantee,2026-06-01,2026-04;2026-05,,,", "ACME,order,2026-06-01,2026-05,,,"], [
      "row 3, column periods: 2026-04 is already in the guarantee agreement of 2026-05-01 (2026-03;2026-04); a month belongs to at most one agreement",
      "row 4, column time_limit: is required for an order",
    ]],
  ];

  it.each(cases)("%s", async (kind, rows, expected) => {
    const before = await dump(db);
    const beforeCounts = await counts(db);
    const r = await runImport(db, kind, csv(kind, ...rows), CLI_ACTOR);
    expect(r.ok ? [] : r.errors.map(formatImportError)).toEqual(expected);
    expect(await counts(db)).toEqual(beforeCounts);
    expect(await dump(db)).toEqual(before);
  });

  it("a missing header column is refused at row 1 and nothing is written", async () => {
    const before = await dump(db);
    const r = await runImport(db, "registrations", "employee_no,applied_on\r\nE002,2026-03-25\r\n", CLI_ACTOR);
    expect(r.ok ? [] : r.errors.map(formatImportError)).toEqual(["row 1, column registered_on: is missing from the header (expected employee_no,applied_on,registered_on,termination_reported_on)"]);
    expect(await dump(db)).toEqual(before);
  });

  it("preview validates the same way and never writes", async () => {
    const before = await dump(db);
    expect(await previewImport(db, "employees", csv("employees", `E009,X,,${ID3},NOPE,2026-05-01,,,,1`))).toEqual({
      ok: false,
      errors: [{ row: 2, column: "employer_code", message: 'no employer with code "NOPE"', code: "unknownEmployer", params: { code: "NOPE" } }],
      total: 1,
    });
    expect(await previewImport(db, "employees", csv("employees", `E009,X,,${ID3},ACME,2026-05-01,,,,1`, `E001,Li Wei,,${ID1},ACME,2026-01-10,,Sales,li.wei@example.com,8000.00`))).toMatchObject({
      ok: true,
      summary: { rows: 2, created: 1, replaced: 0, unchanged: 1 },
    });
    expect(await dump(db)).toEqual(before);
  });
});

describe("importing the same file twice changes nothing", () => {
  const files: [ImportKind, string[]][] = [
    ["employers", [`ACME,Acme Trading,${USCC_A},sample-city`, `BETA,Beta Ltd,${USCC_B},other-city`]],
    ["policies", [POLICY, POLICY_B]],
    ["non_working_days", ["sample-city,2026-10-01", "sample-city,2026-10-01"]],
    ["employees", [`E001,Li Wei,,${ID1},ACME,2026-01-10,,Sales,li.wei@example.com,8000.00`, `E003,New,,${ID3},BETA,2026-05-01,,,,5000`]],
    ["wages", ["E001,2026-05,9000", "E001,2026-06,9500"]],
    ["registrations", ["E001,2026-02-12,2026-02-20", "E002,,"]],
    ["declarations", ["ACME,2026-03,E001,8000,2026-03-14", "ACME,2026-03,E001,8500,2026-03-20"]],
    ["payments", ["ACME,2026-03,2026-03-10,100,P-1", "BETA,2026-03,2026-03-10,100,P-1"]],
    ["collection", ["ACME,installment,2026-05-01,2026-03,,2026-06-01,100", "ACME,installment,2026-05-01,2026-03,,2026-06-01,100", "ACME,guarantee,2026-05-01,2026-03,,,"]],
  ];

  it.each(files)("%s", async (kind, rows) => {
    const db = await seeded();
    const first = await imp(db, kind, ...rows);
    expect(first.rows).toBe(rows.length);
    const before = await dump(db);
    const second = await imp(db, kind, ...rows);
    expect(second).toEqual({ rows: rows.length, created: 0, replaced: 0, unchanged: rows.length });
    expect(await dump(db)).toEqual(before);
  });
});

describe("a key replaces its record", () => {
  it("employers by code", async () => {
    const db = await seeded();
    expect(await imp(db, "employers", `ACME,Acme Group,${USCC_A},other-city`, `GAMMA,Gamma,${USCC_B},x`)).toEqual({ rows: 2, created: 1, replaced: 1, unchanged: 0 });
    expect(await rowsOf(db, "SELECT name, region FROM employers WHERE code = 'ACME'")).toEqual([{ name: "Acme Group", region: "other-city" }]);
    expect((await counts(db)).employers).toBe(3);
  });

  it("policies by region + effective_from", async () => {
    const db = await seeded();
    expect(await imp(db, "policies", POLICY.replace("20000.00", "25000.00"), POLICY.replace("2025-01", "2026-01"))).toEqual({ rows: 2, created: 1, replaced: 1, unchanged: 0 });
    expect(await rowsOf(db, "SELECT effective_from, base_cap FROM policies WHERE region = 'sample-city' ORDER BY effective_from")).toEqual([
      { effective_from: "2025-01", base_cap: 2500000 },
      { effective_from: "2026-01", base_cap: 2000000 },
    ]);
  });

  it("wages by employee_no + effective_month", async () => {
    const db = await seeded();
    expect(await imp(db, "wages", "E001,2026-01,8800", "E001,2026-02,9000")).toEqual({ rows: 2, created: 1, replaced: 1, unchanged: 0 });
    expect(await rowsOf(db, "SELECT effective_month, monthly_wage FROM wages w JOIN employees e ON e.id = w.employee_id WHERE employee_no = 'E001' ORDER BY 1")).toEqual([
      { effective_month: "2026-01", monthly_wage: 880000 },
      { effective_month: "2026-02", monthly_wage: 900000 },
    ]);
  });

  it("declarations by employer + period + employee + declared_on; a new declared_on is a new version", async () => {
    const db = await seeded();
    await imp(db, "declarations", "ACME,2026-03,E001,7000,2026-03-14");
    expect(await imp(db, "declarations", "ACME,2026-03,E001,7500,2026-03-14", "ACME,2026-03,E001,8000,2026-04-02")).toEqual({ rows: 2, created: 1, replaced: 1, unchanged: 0 });
    expect(await rowsOf(db, "SELECT declared_on, declared_base FROM declaration_lines ORDER BY declared_on")).toEqual([
      { declared_on: "2026-03-14", declared_base: 750000 },
      { declared_on: "2026-04-02", declared_base: 800000 },
    ]);
  });

  it("payments by employer + reference", async () => {
    const db = await seeded();
    await imp(db, "payments", "ACME,2026-03,2026-03-10,100,P-1");
    expect(await imp(db, "payments", "ACME,2026-04,2026-04-10,200,P-1", "BETA,2026-03,2026-03-10,100,P-1")).toEqual({ rows: 2, created: 1, replaced: 1, unchanged: 0 });
    expect(await rowsOf(db, "SELECT p.period, paid_on, amount, code FROM payments p JOIN employers e ON e.id = p.employer_id ORDER BY code")).toEqual([
      { period: "2026-04", paid_on: "2026-04-10", amount: 20000, code: "ACME" },
      { period: "2026-03", paid_on: "2026-03-10", amount: 10000, code: "BETA" },
    ]);
  });

  it("collection by the whole row: a changed row is another action", async () => {
    const db = await seeded();
    await imp(db, "collection", "ACME,order,2026-04-20,2026-03,2026-05-20,,");
    expect(await imp(db, "collection", "ACME,order,2026-04-20,2026-03,2026-05-20,,", "ACME,order,2026-04-20,2026-03,2026-05-27,,")).toEqual({ rows: 2, created: 1, replaced: 0, unchanged: 1 });
    expect((await counts(db)).collection_actions).toBe(2);
  });

  it("non-working days by region + date", async () => {
    const db = await seeded();
    await imp(db, "non_working_days", "sample-city,2026-10-01");
    expect(await imp(db, "non_working_days", "sample-city,2026-10-01", "other-city,2026-10-01")).toEqual({ rows: 2, created: 1, replaced: 0, unchanged: 1 });
  });

  it("one audit entry per import that changes something, naming the kind and the counts", async () => {
    const db = await seeded();
    const before = (await counts(db)).audit_log;
    ok(await runImport(db, "payments", csv("payments", "ACME,2026-03,2026-03-10,100,P-1", "ACME,2026-03,2026-03-10,100,P-1"), CLI_ACTOR, { fileName: "pay.csv" }));
    const entries = (await rowsOf(db, "SELECT actor, action, entity, after FROM audit_log ORDER BY id DESC LIMIT 1")) as { actor: string; action: string; entity: string; after: string }[];
    expect((await counts(db)).audit_log).toBe(before + 1);
    expect({ ...entries[0], after: JSON.parse(entries[0]!.after) }).toEqual({
      actor: "cli",
      action: "import",
      entity: "payments",
      after: { file: "pay.csv", rows: 2, created: 1, replaced: 0, unchanged: 1 },
    });
  });
});

describe("employees", () => {
  const wagesOf = async (db: Db, no: string) =>
    await rowsOf(db, "SELECT effective_month, monthly_wage FROM wages w JOIN employees e ON e.id = w.employee_id WHERE employee_no = ? ORDER BY 1", no);

  it("a new employee gets the wage row of the hire month", async () => {
    const db = await seeded();
    expect(await wagesOf(db, "E002")).toEqual([{ effective_month: "2026-03", monthly_wage: 300000 }]);
    expect(await wagesOf(db, "B001")).toEqual([{ effective_month: "2025-11", monthly_wage: 1200000 }]);
  });

  it("an existing hire-month row is kept: the same employee with another monthly_wage changes nothing", async () => {
    const db = await seeded();
    await imp(db, "wages", "E001,2026-01,8500");
    const before = await dump(db);
    expect(await imp(db, "employees", `E001,Li Wei,,${ID1},ACME,2026-01-10,,Sales,li.wei@example.com,9999.00`)).toEqual({ rows: 1, created: 0, replaced: 0, unchanged: 1 });
    expect(await dump(db)).toEqual(before);
    expect(await wagesOf(db, "E001")).toEqual([{ effective_month: "2026-01", monthly_wage: 850000 }]);
  });

  it("replacing the employee updates every field; a new hire month gets its own wage row, the old rows stay", async () => {
    const db = await seeded();
    const id = ((await rowsOf(db, "SELECT id FROM employees WHERE employee_no = 'E001'"))[0] as { id: number }).id;
    expect(await imp(db, "employees", `E001,Li Wei Jr,passport,G1234567,BETA,2025-12-01,2026-12-31,R&D,lw@example.com,7000.00`)).toEqual({ rows: 1, created: 0, replaced: 1, unchanged: 0 });
    expect(await rowsOf(db, "SELECT e.id, e.name, id_type, id_number, code, hire_date, termination_date, department, email FROM employees e JOIN employers r ON r.id = e.employer_id WHERE employee_no = 'E001'")).toEqual([
      { id, name: "Li Wei Jr", id_type: "passport", id_number: "G1234567", code: "BETA", hire_date: "2025-12-01", termination_date: "2026-12-31", department: "R&D", email: "lw@example.com" },
    ]);
    expect(await wagesOf(db, "E001")).toEqual([
      { effective_month: "2025-12", monthly_wage: 700000 },
      { effective_month: "2026-01", monthly_wage: 800000 },
    ]);
  });

  it("a termination date can be set and cleared by re-importing", async () => {
    const db = await seeded();
    await imp(db, "employees", `E001,Li Wei,,${ID1},ACME,2026-01-10,2026-08-31,Sales,li.wei@example.com,8000.00`);
    expect(await rowsOf(db, "SELECT termination_date FROM employees WHERE employee_no = 'E001'")).toEqual([{ termination_date: "2026-08-31" }]);
    await imp(db, "employees", `E001,Li Wei,,${ID1},ACME,2026-01-10,,Sales,li.wei@example.com,8000.00`);
    expect(await rowsOf(db, "SELECT termination_date FROM employees WHERE employee_no = 'E001'")).toEqual([{ termination_date: null }]);
  });

  it("an empty employer_code stands for the only employer", async () => {
    const db = await openTestDatabase();
    await imp(db, "employers", `ACME,Acme,${USCC_A},sample-city`);
    await imp(db, "employees", `E001,Li Wei,,${ID1},,2026-01-10,,,,8000`);
    expect(await rowsOf(db, "SELECT code FROM employees e JOIN employers r ON r.id = e.employer_id")).toEqual([{ code: "ACME" }]);
  });

  it("an employee whose employer does not exist is refused (the engine needs the employer)", async () => {
    const db = await openTestDatabase();
    const r = await runImport(db, "employees", csv("employees", `E001,Li Wei,,${ID1},ACME,2026-01-10,,,,8000`, `E002,Wang,,${ID2},,2026-01-10,,,,8000`), CLI_ACTOR);
    expect(r.ok ? [] : r.errors.map(formatImportError)).toEqual([
      'row 2, column employer_code: no employer with code "ACME"',
      "row 3, column employer_code: is required (no employer exists yet: import employers first)",
    ]);
    expect((await counts(db)).employees).toBe(0);
  });

  it("one bad row rejects the whole file, every bad row is reported", async () => {
    const db = await seeded();
    const before = await dump(db);
    const r = await runImport(
      db,
      "employees",
      csv("employees", `E010,A,,${ID3},ACME,2026-05-01,,,,5000`, `E011,B,,510107197809305478,ACME,2026-05-01,,,,5000`, `E012,C,,${ID3},ACME,2026-05-01,,,,5000`, `E013,,,${ID3},ACME,2026-05-01,,,x,5000.1`, `E010,A,,${ID3},ACME,2026-05-02,,,,5000`),
      CLI_ACTOR,
    );
    expect(r.ok ? [] : r.errors.map(formatImportError)).toEqual([
      'row 3, column id_number: "510107197809305478" is not a valid resident identity number number: check character should be 7, not 8',
      "row 5, column name: is required",
      'row 5, column email: "x" is not an e-mail address',
      "row 6, column employee_no: the key employee_no (E010) already appears in row 2 with different values",
    ]);
    expect(await dump(db)).toEqual(before);
  });
});

describe("registrations", () => {
  const regOf = async (db: Db, no: string) =>
    await rowsOf(db, "SELECT applied_on, registered_on FROM registrations r JOIN employees e ON e.id = r.employee_id WHERE employee_no = ?", no);

  it("creates, replaces and keeps one row per employee", async () => {
    const db = await seeded();
    expect(await imp(db, "registrations", "E001,2026-02-12,", "E002,,2026-04-01")).toEqual({ rows: 2, created: 2, replaced: 0, unchanged: 0 });
    expect(await imp(db, "registrations", "E001,2026-02-12,2026-02-20", "E002,,2026-04-01", "B001,2025-11-20,2025-11-20")).toEqual({ rows: 3, created: 1, replaced: 1, unchanged: 1 });
    expect(await regOf(db, "E001")).toEqual([{ applied_on: "2026-02-12", registered_on: "2026-02-20" }]);
    expect(await regOf(db, "E002")).toEqual([{ applied_on: null, registered_on: "2026-04-01" }]);
    expect((await counts(db)).registrations).toBe(3);
  });

  it("clearing both dates replaces the record with an empty one (no application)", async () => {
    const db = await seeded();
    await imp(db, "registrations", "E001,2026-02-12,2026-02-20");
    expect(await imp(db, "registrations", "E001,,")).toMatchObject({ replaced: 1 });
    expect(await regOf(db, "E001")).toEqual([{ applied_on: null, registered_on: null }]);
    expect((await evaluateAsOf(db, "2026-03-01")).findings.find((f) => f.employeeNo === "E001" && f.rule.startsWith("ART58"))?.rule).toBe("ART58_UNREGISTERED");
  });

  it("the registration date feeds art. 58: applied after the deadline is a late registration", async () => {
    const db = await seeded();
    await imp(db, "registrations", "E001,2026-02-12,2026-02-20");
    const f = (await evaluateAsOf(db, "2026-03-01")).findings.find((x) => x.employeeNo === "E001" && x.rule.startsWith("ART58"));
    expect(f).toMatchObject({ rule: "ART58_LATE_REGISTRATION", days: 3, status: "closed" });
  });

  it.each([
    ["E001,2026-02-12,2026-02-11", "row 2, column registered_on: 2026-02-11 is before applied_on 2026-02-12"],
    ["E404,2026-02-12,", 'row 2, column employee_no: no employee with number "E404"'],
    ["E001,2026-02-29,", 'row 2, column applied_on: "2026-02-29" is not a calendar date'],
    ["E001,,2026-2-20", 'row 2, column registered_on: "2026-2-20" is not a date YYYY-MM-DD'],
  ])("%s is refused and nothing changes", async (line, message) => {
    const db = await seeded();
    await imp(db, "registrations", "E002,,2026-04-01");
    const before = await dump(db);
    const r = await runImport(db, "registrations", csv("registrations", "B001,2025-11-20,", line), CLI_ACTOR);
    expect(r.ok ? [] : r.errors.map(formatImportError)).toEqual([message.replace("row 2", "row 3")]);
    expect(await dump(db)).toEqual(before);
  });

  it("the same employee twice with different dates is a bad row", async () => {
    const db = await seeded();
    const r = await runImport(db, "registrations", csv("registrations", "E001,2026-02-12,", "E002,,", "E001,2026-02-13,"), CLI_ACTOR);
    expect(r.ok ? [] : r.errors.map(formatImportError)).toEqual(["row 4, column employee_no: the key employee_no (E001) already appears in row 2 with different values"]);
    expect((await counts(db)).registrations).toBe(0);
  });
});

describe("size", () => {
  it("imports 50,000 employees in a few seconds, and re-imports them as unchanged", async () => {
    const db = await openTestDatabase();
    await imp(db, "employers", `ACME,Acme,${USCC_A},sample-city`, `BETA,Beta,${USCC_B},other-city`);
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      // One identity number per person (issue 18 refuses a number held by two employees): the birth year carries i / 1000.
      const first17 = `110105${1950 + Math.floor(i / 1000)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, "0")}`;
      const id = first17 + residentIdCheckChar(first17);
      lines.push(`S${String(i).padStart(6, "0")},"Name ${i}, Jr",,${id},${i % 2 ? "ACME" : "BETA"},2024-0${1 + (i % 9)}-1${i % 10},,Dept ${i % 7},s${i}@example.com,${5000 + (i % 1000)}.${String(i % 100).padStart(2, "0")}`);
    }
    const text = csv("employees", ...lines);
    let t = performance.now();
    expect(await imp(db, "employees", ...lines)).toEqual({ rows: 50_000, created: 50_000, replaced: 0, unchanged: 0 });
    const first = performance.now() - t;
    t = performance.now();
    expect(ok(await runImport(db, "employees", text, CLI_ACTOR))).toEqual({ rows: 50_000, created: 0, replaced: 0, unchanged: 50_000 });
    const again = performance.now() - t;
    console.log(`50,000 employees: import ${(first / 1000).toFixed(2)} s, re-import (unchanged) ${(again / 1000).toFixed(2)} s`);
    expect(await counts(db)).toMatchObject({ employees: 50_000, wages: 50_000 });
    expect(first).toBeLessThan(10_000);
    expect(again).toBeLessThan(10_000);
  });
});
