/** Issue 21, finding 7: loose values are refused, naming the field, in forms and imports alike. */
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/test-db";
import { previewImport } from "~/models/import.server";
import { recordPayment } from "~/models/payment.server";
import { saveEmployer } from "~/models/employer.server";
import { EmployeeFormSchema, WageFormSchema } from "~/models/employee.server";
import { validate } from "~/shared/validation";

const actor = { userId: null, label: "test" };

async function setup() {
  const db = await openTestDatabase();
  const r = await saveEmployer(db, actor, null, { code: "ACME", name: "Acme", uscc: "91350100M000100Y43", region: "Shanghai" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return db;
}

const payment = (over: Record<string, string>) => ({ employer: "ACME", period: "2026-03", paidOn: "2026-04-10", amount: "1000.00", reference: `R-${Math.random()}`, ...over });

describe("finding 7: loose values", () => {
  it("a payment dated 2999-12-31 or 1900-01-01 is refused, naming paidOn", async () => {
    const db = await setup();
    for (const paidOn of ["2999-12-31", "1900-01-01", "2101-01-01", "1949-12-31"]) {
      const r = await recordPayment(db, actor, payment({ paidOn }));
      expect(r.ok, paidOn).toBe(false);
      if (!r.ok) expect(Object.keys(r.errors)).toEqual(["paidOn"]);
    }
    for (const paidOn of ["1950-01-01", "2100-12-31"]) expect((await recordPayment(db, actor, payment({ paidOn }))).ok, paidOn).toBe(true);
  });

  it("a period of 2999-12 is refused; at most 12 months ahead", async () => {
    const db = await setup();
    const r = await recordPayment(db, actor, payment({ period: "2999-12" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors)).toEqual(["period"]);
    expect((await recordPayment(db, actor, payment({ period: "1949-12" }))).ok).toBe(false);
    expect(validate(WageFormSchema, { effectiveMonth: "2999-12", monthlyWage: "100" }).ok).toBe(false);
  });

  it("an amount of ¥9,999,999,999,999.99 is refused; ¥100,000,000.00 is the most", async () => {
    const db = await setup();
    const r = await recordPayment(db, actor, payment({ amount: "9999999999999.99" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors)).toEqual(["amount"]);
    expect((await recordPayment(db, actor, payment({ amount: "100000000.01" }))).ok).toBe(false);
    expect((await recordPayment(db, actor, payment({ amount: "100000000.00" }))).ok).toBe(true);
  });

  it("names holding NUL, escape or right-to-left override are refused, naming the field", async () => {
    for (const name of ["Wang\u0000Wei", "Wang\u001b[31mWei", "Wang\u202eieW", "Wang\u2066Wei"]) {
      const r = validate(EmployeeFormSchema, {
        employeeNo: "E1",
        name,
        idType: "passport",
        idNumber: "E12345678",
        employerId: "1",
        hireDate: "2026-01-05",
      });
      expect(r.ok, JSON.stringify(name)).toBe(false);
      if (!r.ok) expect(r.errors.name?.code).toBe("controlCharacters");
    }
    const db = await setup();
    const e = await saveEmployer(db, actor, null, { code: "B2", name: "Evil\u202eCo", uscc: "91350100M000100Y43", region: "Shanghai" });
    expect(e.ok).toBe(false);
  });

  it("imports refuse the same values, naming the row and column", async () => {
    const db = await setup();
    const csv = [
      "employer_code,period,paid_on,amount,reference",
      "ACME,2026-03,2999-12-31,100.00,R1",
      "ACME,2999-12,2026-04-01,100.00,R2",
      "ACME,2026-03,2026-04-01,9999999999999.99,R3",
      "ACME,2026-03,2026-04-01,100.00,R\u202e4",
    ].join("\n");
    const r = await previewImport(db, "payments", csv + "\n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const where = r.errors.map((e) => `${e.row}:${e.column}`);
    expect(where).toEqual(expect.arrayContaining(["2:paid_on", "3:period", "4:amount", "5:reference"]));
    const employers = await previewImport(db, "employers", "code,name,uscc,region\nB3,Nul\u0000Co,91350100M000100Y43,Shanghai\n");
    expect(employers.ok).toBe(false);
  });
});
