/**
 * Issue 18: the forms check what the files carry. An identity number already
 * held by another employee is refused naming both employee numbers; amounts
 * are accepted as imports accept them (`30,000`, `¥30,000.00`, full-width).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { employees } from "../../db/schema";
import type { Actor } from "~/models/audit.server";
import { recordCollectionAction } from "~/models/collection.server";
import { createEmployee, getEmployee, setWage, updateEmployee } from "~/models/employee.server";
import { saveEmployer } from "~/models/employer.server";
import { residentIdCheckChar, usccCheckChar } from "~/rules/identity";
import { translate } from "~/locales";
import { rawSql } from "../helpers/raw-sql";

const actor: Actor = { userId: null, label: "test" };
const id = (first17: string) => first17 + residentIdCheckChar(first17);
const ID_A = id("31010119900307123");
const ID_B = id("31010419851120456");
const USCC17 = "91350100M000100Y4";

function form(over: Record<string, string> = {}) {
  return { employeeNo: "E001", name: "张伟", idType: "resident_id", idNumber: ID_A, employerId: "1", hireDate: "2026-01-10", department: "", email: "", monthlyWage: "8000.00", ...over };
}

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
  expect((await saveEmployer(db, actor, null, { code: "ACME", name: "Acme", uscc: USCC17 + usccCheckChar(USCC17), region: "sample-city" })).ok).toBe(true);
});

describe("an identity number held by another employee", () => {
  it("is refused on create and on edit, naming both employee numbers; nothing changes", async () => {
    expect((await createEmployee(db, actor, form())).ok).toBe(true);
    const dup = await createEmployee(db, actor, form({ employeeNo: "E002", name: "张伟2" }));
    expect(dup.ok).toBe(false);
    const e = !dup.ok ? dup.errors.idNumber : undefined;
    expect(e).toMatchObject({ code: "invalidIdentity", reason: { code: "heldByOther", params: { other: "E001", self: "E002" } } });
    expect(translate("en", `identityReasons.${e!.reason!.code}`, e!.reason!.params)).toBe("it is already that of employee E001 (this is employee E002); each person has one employee number");
    expect(await db.select().from(employees).all()).toHaveLength(1);

    expect((await createEmployee(db, actor, form({ employeeNo: "E002", idNumber: ID_B }))).ok).toBe(true);
    const edit = await updateEmployee(db, actor, 2, form({ employeeNo: "E002", idNumber: ID_A.toLowerCase() }));
    expect(!edit.ok && edit.errors.idNumber?.reason?.params).toEqual({ other: "E001", self: "E002" });
    // The employee's own number is not a clash.
    expect((await updateEmployee(db, actor, 1, form({ name: "张伟伟" }))).ok).toBe(true);
  });
});

describe("amounts as imports accept them", () => {
  it.each([
    ["30,000", 3_000_000],
    ["¥30,000.00", 3_000_000],
    ["￥30,000.50", 3_000_050],
    ["３００００", 3_000_000],
    [" 8000 ", 800_000],
  ])("%s", async (typed, fen) => {
    expect((await createEmployee(db, actor, form({ monthlyWage: typed }))).ok).toBe(true);
    expect((await getEmployee(db, 1))!.wages.at(-1)!.monthlyWage).toBe(fen);
    expect((await setWage(db, actor, 1, { effectiveMonth: "2026-02", monthlyWage: typed })).ok).toBe(true);
  });

  it("still refuses what is not an amount", async () => {
    for (const bad of ["30,00", "¥-5", "8000.123", "abc", "1,2345"]) {
      const r = await createEmployee(db, actor, form({ monthlyWage: bad }));
      expect(!r.ok && r.errors.monthlyWage?.code, bad).toBe("invalidAmount");
    }
  });

  it("the collection form's optional amount too", async () => {
    const r = await recordCollectionAction(db, actor, { employer: "ACME", kind: "installment", actionDate: "2026-05-01", periods: "2026-03", timeLimit: "", dueOn: "2026-06-01", amount: "¥1,234.50", note: "" });
    expect(r.ok).toBe(true);
    expect(await rawSql(db).prepare("SELECT amount FROM collection_actions").get()).toEqual({ amount: 123_450 });
  });
});

describe("an identity number held by another employee, on import (the plain CSV path too)", () => {
  it("is refused naming both employee numbers, nothing written", async () => {
    const { runImport } = await import("~/models/import.server");
    const head = "employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage\n";
    expect((await runImport(db, "employees", head + `E001,张伟,,${ID_A},ACME,2026-01-10,,,,8000\n`, actor)).ok).toBe(true);
    const r = await runImport(db, "employees", head + `E009,张伟,,${ID_A},ACME,2026-01-10,,,,8000\n`, actor);
    expect(!r.ok && r.errors.map((e) => [e.row, e.column, e.message])).toEqual([[2, "id_number", `identity number ${ID_A} is also that of employee E001; each person has one employee number`]]);
    expect(await db.select().from(employees).all()).toHaveLength(1);
  });
});
