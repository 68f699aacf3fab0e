import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { auditLog, employees, wages } from "../../db/schema";
import type { Actor } from "~/models/audit.server";
import {
  countActiveEmployees,
  createEmployee,
  getEmployee,
  listEmployees,
  setWage,
  terminateEmployee,
  updateEmployee,
} from "~/models/employee.server";
import { saveEmployer } from "~/models/employer.server";
import { employeeForm, VALID_ID, VALID_USCC, WRONG_CHECK } from "../helpers/employee-form";
import { residentIdCheckChar } from "~/rules/identity";
import { RosterQuerySchema } from "~/url-state/roster-query";

const actor: Actor = { userId: null, label: "test" };
const USCC = VALID_USCC;
const form = employeeForm;

async function auditRows(db: Db) {
  return await db.select().from(auditLog).all();
}

describe("employee model", () => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDatabase();
    const r = await saveEmployer(db, actor, null, { code: "ACME", name: "Acme Ltd", uscc: USCC, region: "sample-city" });
    expect(r).toEqual({ ok: true, value: 1 });
  });

  it("creates an employee with the hire month's wage, audit-logged with the id masked", async () => {
    const r = await createEmployee(db, actor, form({ idNumber: VALID_ID.toLowerCase() }));
    expect(r.ok).toBe(true);
    const e = (await getEmployee(db, 1))!;
    expect(e.idNumber).toBe(VALID_ID.toUpperCase());
    expect(e.wages).toEqual([{ effectiveMonth: "2026-01", monthlyWage: 800000 }]);
    const entry = (await auditRows(db)).find((a) => a.entity === "employee")!;
    expect(entry.action).toBe("create");
    expect(entry.actor).toBe("test");
    expect(JSON.stringify(entry.after)).not.toContain(VALID_ID);
  });

  it("refuses a bad identity number, naming the field, and saves nothing", async () => {
    const before = (await auditRows(db)).length;
    const r = await createEmployee(db, actor, form({ idNumber: WRONG_CHECK }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors)).toEqual(["idNumber"]);
    expect(r.errors.idNumber!.code).toBe("invalidIdentity");
    expect(r.errors.idNumber!.detail).toMatch(/check character/);
    expect(await db.select().from(employees).all()).toHaveLength(0);
    expect(await db.select().from(wages).all()).toHaveLength(0);
    expect(await auditRows(db)).toHaveLength(before);
  });

  it("refuses a short identity number and a bad passport number", async () => {
    const r1 = await createEmployee(db, actor, form({ idNumber: "1234" }));
    expect(!r1.ok && r1.errors.idNumber?.code).toBe("invalidIdentity");
    const r2 = await createEmployee(db, actor, form({ idType: "passport", idNumber: "E-12" }));
    expect(!r2.ok && r2.errors.idNumber?.code).toBe("invalidIdentity");
    const r3 = await createEmployee(db, actor, form({ idType: "passport", idNumber: "E12345678" }));
    expect(r3.ok).toBe(true);
  });

  it("reports every bad field at once", async () => {
    const r = await createEmployee(db, actor, form({ name: "", hireDate: "2026-02-30", monthlyWage: "12.345", employerId: "" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.name?.code).toBe("required");
    expect(r.errors.hireDate?.code).toBe("invalidDate");
    expect(r.errors.monthlyWage?.code).toBe("invalidAmount");
    expect(r.errors.employerId?.code).toBe("unknownEmployer");
  });

  it("keeps employee numbers unique and employers real", async () => {
    expect((await createEmployee(db, actor, form())).ok).toBe(true);
    const dup = await createEmployee(db, actor, form({ name: "李四" }));
    expect(!dup.ok && dup.errors.employeeNo?.code).toBe("duplicate");
    const noEmployer = await createEmployee(db, actor, form({ employeeNo: "E002", employerId: "99" }));
    expect(!noEmployer.ok && noEmployer.errors.employerId?.code).toBe("unknownEmployer");
    expect(await db.select().from(employees).all()).toHaveLength(1);
  });

  it("edits, audit-logged with before and after; a bad edit changes nothing", async () => {
    await createEmployee(db, actor, form());
    await createEmployee(db, actor, form({ employeeNo: "E002", name: "李四", idType: "passport", idNumber: "P1234567" }));
    const ok = await updateEmployee(db, actor, 1, form({ name: "张三丰", department: "Ops" }));
    expect(ok.ok).toBe(true);
    expect((await getEmployee(db, 1))!.name).toBe("张三丰");
    const entry = (await auditRows(db)).filter((a) => a.entity === "employee" && a.action === "update");
    expect(entry).toHaveLength(1);
    expect(entry[0]!.before).toMatchObject({ name: "张三", department: "Sales" });
    expect(entry[0]!.after).toMatchObject({ name: "张三丰", department: "Ops" });

    const n = (await auditRows(db)).length;
    const clash = await updateEmployee(db, actor, 1, form({ employeeNo: "E002" }));
    expect(!clash.ok && clash.errors.employeeNo?.code).toBe("duplicate");
    const badId = await updateEmployee(db, actor, 1, form({ idNumber: WRONG_CHECK, name: "X" }));
    expect(!badId.ok && badId.errors.idNumber?.code).toBe("invalidIdentity");
    expect((await getEmployee(db, 1))!.name).toBe("张三丰");
    expect(await auditRows(db)).toHaveLength(n);
  });

  it("terminates on or after the hire date, audit-logged", async () => {
    await createEmployee(db, actor, form());
    const early = await terminateEmployee(db, actor, 1, { terminationDate: "2026-01-09" });
    expect(!early.ok && early.errors.terminationDate?.code).toBe("beforeHire");
    expect((await getEmployee(db, 1))!.terminationDate).toBeNull();
    expect((await terminateEmployee(db, actor, 1, { terminationDate: "2026-03-31" })).ok).toBe(true);
    expect((await getEmployee(db, 1))!.terminationDate).toBe("2026-03-31");
    const entry = (await auditRows(db)).find((a) => a.action === "terminate")!;
    expect(entry.entityId).toBe("1");
    expect(entry.after).toEqual({ terminationDate: "2026-03-31" });
    // A hire date after the termination date is refused.
    const edit = await updateEmployee(db, actor, 1, form({ hireDate: "2026-04-01" }));
    expect(!edit.ok && edit.errors.hireDate?.code).toBe("afterTermination");
  });

  it("adds and replaces wage rows, newest first", async () => {
    await createEmployee(db, actor, form());
    expect((await setWage(db, actor, 1, { effectiveMonth: "2026-04", monthlyWage: "9000" })).ok).toBe(true);
    expect((await setWage(db, actor, 1, { effectiveMonth: "2026-04", monthlyWage: "9500.50" })).ok).toBe(true);
    const bad = await setWage(db, actor, 1, { effectiveMonth: "2026-13", monthlyWage: "-1" });
    expect(!bad.ok && bad.errors.effectiveMonth?.code).toBe("invalidMonth");
    expect(!bad.ok && bad.errors.monthlyWage?.code).toBe("invalidAmount");
    expect((await getEmployee(db, 1))!.wages).toEqual([
      { effectiveMonth: "2026-04", monthlyWage: 950050 },
      { effectiveMonth: "2026-01", monthlyWage: 800000 },
    ]);
    expect((await auditRows(db)).filter((a) => a.entity === "wage").map((a) => a.action)).toEqual(["create", "update"]);
  });

  it("lists with search, filters, sort and pages, identity numbers masked", async () => {
    for (let i = 1; i <= 60; i++) {
      const no = `E${String(i).padStart(3, "0")}`;
      // One identity number per person (issue 18 refuses a number another employee holds).
      const id17 = `11010519491231${String(i).padStart(3, "0")}`;
      expect((await createEmployee(db, actor, form({ employeeNo: no, name: `员工${i}`, department: i % 2 ? "Sales" : "Ops", idNumber: id17 + residentIdCheckChar(id17) }))).ok).toBe(true);
    }
    await terminateEmployee(db, actor, 3, { terminationDate: "2026-02-01" });
    const q = (p: Record<string, string>) => RosterQuerySchema.parse(p);
    const first = await listEmployees(db, q({}), "2026-05-01");
    expect(first.total).toBe(60);
    expect(first.rows).toHaveLength(50);
    expect(first.pageCount).toBe(2);
    expect(first.rows[0]!.idMasked).toMatch(/^1101\*+/);
    expect(first.rows[0]).not.toHaveProperty("idNumber");
    expect(first.rows[0]!.wage).toBe(800000);
    expect((await listEmployees(db, q({ page: "2" }), "2026-05-01")).rows).toHaveLength(10);
    expect((await listEmployees(db, q({ q: "E05" }), "2026-05-01")).total).toBe(10);
    expect((await listEmployees(db, q({ q: "员工7" }), "2026-05-01")).total).toBe(1);
    expect((await listEmployees(db, q({ q: "%" }), "2026-05-01")).total).toBe(0);
    expect((await listEmployees(db, q({ department: "Ops" }), "2026-05-01")).total).toBe(30);
    expect((await listEmployees(db, q({ status: "terminated" }), "2026-05-01")).rows.map((r) => r.employeeNo)).toEqual(["E003"]);
    expect((await listEmployees(db, q({ status: "active" }), "2026-05-01")).total).toBe(59);
    expect((await listEmployees(db, q({ sort: "employeeNo", dir: "desc" }), "2026-05-01")).rows[0]!.employeeNo).toBe("E060");
    expect((await listEmployees(db, q({ sort: "bogus", page: "-3" }), "2026-05-01")).page).toBe(1);
    expect(await countActiveEmployees(db, "2026-05-01")).toBe(59);
    expect((await db.select().from(employees).where(eq(employees.id, 3)).get())!.terminationDate).toBe("2026-02-01");
  });
});
