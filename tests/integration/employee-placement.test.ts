/**
 * An employee's rows stay placeable by employer (issue 16, docs/scale.md), on
 * both databases through the models:
 * - employee numbers are unique per installation (SPEC §2) through the
 *   `employee_numbers` register, written with every employee (form, import,
 *   seeds), renumbered with it, and refusing a second holder by its key;
 * - an employee moved to another employer (the form, or an employees file
 *   naming another employer_code) keeps its id and takes its wages and
 *   registration along, by delete and insert (a row never changes employer in
 *   place); the lines, statements and change-list entries made for the old
 *   employer stay with it.
 */
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import {
  auditLog,
  declarationLines,
  employeeNumbers,
  employees,
  registrations,
  statements,
  wages,
} from "../../db/schema";
import { openTestDatabase } from "../helpers/test-db";
import { rawSql } from "../helpers/raw-sql";
import { CLI_ACTOR, type Actor } from "~/models/audit.server";
import { createEmployee, setWage, updateEmployee } from "~/models/employee.server";
import { saveEmployer } from "~/models/employer.server";
import { formatImportError, runImport, type ImportKind } from "~/models/import.server";
import { seedDemo } from "../../db/seed/demo";
import { REQUIRED_COLUMNS as IMPORT_COLUMNS } from "~/shared/import-formats";
import { usccCheckChar } from "~/rules/identity";
import { employeeForm, VALID_ID, VALID_USCC } from "../helpers/employee-form";

const actor: Actor = { userId: null, label: "test" };
const ID = VALID_ID;
const USCC_A = VALID_USCC;
const USCC_B = "91310000MA1FL8TQ3" + usccCheckChar("91310000MA1FL8TQ3");
const form = employeeForm;

/** Employers A (id 1) and B (id 2), both in sample-city. */
async function twoEmployers(): Promise<Db> {
  const db = await openTestDatabase();
  expect((await saveEmployer(db, actor, null, { code: "A", name: "A Ltd", uscc: USCC_A, region: "sample-city" })).ok).toBe(true);
  expect((await saveEmployer(db, actor, null, { code: "B", name: "B Ltd", uscc: USCC_B, region: "sample-city" })).ok).toBe(true);
  return db;
}

function csv(kind: ImportKind, ...rows: string[]): string {
  return [IMPORT_COLUMNS[kind].join(","), ...rows].join("\r\n") + "\r\n";
}

async function imp(db: Db, kind: ImportKind, ...rows: string[]) {
  const r = await runImport(db, kind, csv(kind, ...rows), CLI_ACTOR);
  if (!r.ok) throw new Error(r.errors.map(formatImportError).join("\n"));
  return r.summary;
}

async function register(db: Db) {
  return (await db.select().from(employeeNumbers).all()).sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : 1));
}

describe("employee numbers: the installation's register", () => {
  let db: Db;
  beforeEach(async () => {
    db = await twoEmployers();
  });

  it("the form claims the number, a renumbering moves it, and a second holder is refused naming the field", async () => {
    expect(await createEmployee(db, actor, form())).toEqual({ ok: true, value: 1 });
    expect(await register(db)).toEqual([{ employeeNo: "E001", employeeId: 1 }]);
    expect((await updateEmployee(db, actor, 1, form({ employeeNo: "E100" }))).ok).toBe(true);
    expect(await register(db)).toEqual([{ employeeNo: "E100", employeeId: 1 }]);
    // The same number at the other employer: still one per installation.
    const again = await createEmployee(db, actor, form({ employeeNo: "E100", employerId: "2", idNumber: "P1234567", idType: "passport" }));
    expect(again.ok).toBe(false);
    expect(await register(db)).toEqual([{ employeeNo: "E100", employeeId: 1 }]);
  });

  it("the register's key refuses a number already held, whatever wrote it", async () => {
    expect((await createEmployee(db, actor, form())).ok).toBe(true);
    const error = await (async () => db.insert(employeeNumbers).values({ employeeNo: "E001", employeeId: 99 }).run())().then(
      () => null,
      (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ""}`,
    );
    // SQLite: "UNIQUE constraint failed"; PostgreSQL: "duplicate key value violates unique constraint".
    expect(error).toMatch(/unique constraint/i);
  });

  it("an employees import claims every new number in its transaction, and a refused file claims none", async () => {
    await imp(db, "employees", `E1,甲,,${ID},A,2026-01-05,,,,8000`, "E2,乙,passport,P1234567,B,2026-01-05,,,,9000");
    const rows = await register(db);
    expect(rows.map((r) => r.employeeNo)).toEqual(["E1", "E2"]);
    const ids = await db.select({ id: employees.id, no: employees.employeeNo }).from(employees).all();
    for (const r of rows) expect(ids.find((e) => e.no === r.employeeNo)!.id).toBe(r.employeeId);
    const refused = await runImport(db, "employees", csv("employees", "E3,丙,passport,P7654321,A,2026-01-05,,,,8000", "E4,丁,passport,P7654322,NOPE,2026-01-05,,,,8000"), CLI_ACTOR);
    expect(refused.ok).toBe(false);
    expect((await register(db)).map((r) => r.employeeNo)).toEqual(["E1", "E2"]);
  });

  it("the demo data has every employee's number in the register", async () => {
    const demo = await openTestDatabase();
    await seedDemo(demo, { today: "2026-12-03", hash: async () => "x" });
    const people = await demo.select({ id: employees.id, no: employees.employeeNo }).from(employees).all();
    expect(people.length).toBeGreaterThan(10);
    const reg = await register(demo);
    expect(reg.map((r) => `${r.employeeNo}:${r.employeeId}`).sort()).toEqual(people.map((p) => `${p.no}:${p.id}`).sort());
  });
});

describe("an employee moved to another employer", () => {
  let db: Db;
  beforeEach(async () => {
    db = await twoEmployers();
    expect(await createEmployee(db, actor, form())).toEqual({ ok: true, value: 1 });
    expect((await setWage(db, actor, 1, { effectiveMonth: "2026-03", monthlyWage: "9000.00" })).ok).toBe(true);
    // What employer A made for the employee: a registration, a declaration line, a statement.
    await db.insert(registrations).values({ employerId: 1, employeeId: 1, appliedOn: "2026-01-20" }).run();
    await db.insert(declarationLines).values({ employerId: 1, period: "2026-01", employeeId: 1, declaredBase: 800000, declaredOn: "2026-01-25" }).run();
    await db
      .insert(statements)
      .values({ employerId: 1, employeeId: 1, period: "2026-01", version: 1, issuedOn: "2026-02-01", figures: {} as never })
      .run();
  });

  async function placement() {
    return {
      employee: await db.select({ id: employees.id, employerId: employees.employerId, no: employees.employeeNo, name: employees.name }).from(employees).all(),
      wages: await db.select({ employerId: wages.employerId, month: wages.effectiveMonth, wage: wages.monthlyWage }).from(wages).where(eq(wages.employeeId, 1)).orderBy(wages.effectiveMonth).all(),
      registration: await db.select({ employerId: registrations.employerId, appliedOn: registrations.appliedOn }).from(registrations).where(eq(registrations.employeeId, 1)).all(),
      lines: await db.select({ employerId: declarationLines.employerId }).from(declarationLines).all(),
      statements: await db.select({ employerId: statements.employerId }).from(statements).all(),
      register: await register(db),
    };
  }

  const moved = {
    employee: [{ id: 1, employerId: 2, no: "E001", name: "张三" }],
    wages: [
      { employerId: 2, month: "2026-01", wage: 800000 },
      { employerId: 2, month: "2026-03", wage: 900000 },
    ],
    registration: [{ employerId: 2, appliedOn: "2026-01-20" }],
    lines: [{ employerId: 1 }],
    statements: [{ employerId: 1 }],
    register: [{ employeeNo: "E001", employeeId: 1 }],
  };

  it("by the form: same id, wages and registration along, the old employer's records stay; audit-logged once", async () => {
    const before = (await db.select().from(auditLog).all()).length;
    expect(await updateEmployee(db, actor, 1, form({ employerId: "2" }))).toEqual({ ok: true, value: 1 });
    expect(await placement()).toEqual(moved);
    const entries = (await db.select().from(auditLog).all()).slice(before);
    expect(entries.map((e) => [e.action, e.entity])).toEqual([["update", "employee"]]);
    expect(entries[0]!.before).toMatchObject({ employerId: 1 });
    expect(entries[0]!.after).toMatchObject({ employerId: 2 });
    // And back again.
    expect((await updateEmployee(db, actor, 1, form({ employerId: "1" }))).ok).toBe(true);
    expect((await placement()).wages.map((w) => w.employerId)).toEqual([1, 1]);
  });

  it("by an employees file naming the other employer: the same move", async () => {
    const summary = await imp(db, "employees", `E001,张三,,${ID},B,2026-01-10,,Sales,zhang@example.com,8000`);
    expect(summary).toMatchObject({ replaced: 1 });
    expect(await placement()).toEqual(moved);
  });

  it("bumps both employers' data versions, so both evaluations are redone", async () => {
    const versions = async () =>
      new Map(((await rawSql(db).prepare("SELECT employer_id, version FROM data_versions").all()) as { employer_id: number; version: number }[]).map((r) => [Number(r.employer_id), Number(r.version)]));
    const v0 = await versions();
    expect((await updateEmployee(db, actor, 1, form({ employerId: "2" }))).ok).toBe(true);
    const v1 = await versions();
    expect(v1.get(1)!).toBeGreaterThan(v0.get(1)!);
    expect(v1.get(2)!).toBeGreaterThan(v0.get(2) ?? 0);
  });

  it("a refused edit moves nothing", async () => {
    const before = await placement();
    const r = await updateEmployee(db, actor, 1, form({ employerId: "2", hireDate: "not a date" }));
    expect(r.ok).toBe(false);
    expect(await placement()).toEqual(before);
    expect(
      await db.select({ n: employees.id }).from(employees).where(and(eq(employees.employerId, 1), eq(employees.id, 1))).all(),
    ).toEqual([{ n: 1 }]);
  });
});
