/**
 * One e-mail rule (issue 15): an address the employee import takes is taken
 * by the employee form, the account form and `cli user add`, and an address
 * one of them refuses is refused by all.
 */
import { describe, expect, it } from "vitest";
import { validateImport, IMPORT_COLUMNS, type ImportContext } from "~/shared/import-formats";
import { NewAccountSchema } from "~/models/user-admin.server";
import { emailAddress, optionalEmail, validate } from "~/shared/validation";

const ADDRESSES = [
  "li.wei@example.com",
  "Li.Wei@Example.COM",
  "first+tag@sub.example.cn",
  "o'brien@example.ie",
  "a@b.c",
  "a..b@example.com",
  ".a@example.com",
  "a@-example.com",
  "a@example",
  "a b@example.com",
  "a@b@example.com",
  "not-an-address",
  "李@example.com",
  "x@例子.中国",
  `${"a".repeat(245)}@example.com`,
];

function importTakes(email: string): boolean {
  const ctx: ImportContext = {
    employerCodes: new Set(["ACME"]),
    employees: new Map(),
    guarantees: [],
  };
  const cells: Record<string, string> = {
    employee_no: "E001",
    name: "Li Wei",
    id_type: "",
    id_number: "11010519491231002X",
    employer_code: "ACME",
    hire_date: "2026-01-10",
    termination_date: "",
    department: "",
    email,
    monthly_wage: "8000.00",
  };
  const columns = IMPORT_COLUMNS.employees;
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const text = `${columns.join(",")}\r\n${columns.map((c) => quote(cells[c] ?? "")).join(",")}\r\n`;
  const r = validateImport("employees", text, ctx);
  if (r.ok) return true;
  expect(r.errors.every((e) => e.column === "email")).toBe(true);
  return false;
}

const PW = "a long enough passphrase";
const accountFormTakes = (email: string) => validate(NewAccountSchema, { email, role: "hr", password: PW, confirmPassword: PW }).ok;
const employeeFormTakes = (email: string) => validate(optionalEmail(), email).ok;
const cliTakes = (email: string) => validate(emailAddress(), email).ok;

describe("the e-mail rule", () => {
  it.each(ADDRESSES)("%s: the import, the forms and the command line agree", (email) => {
    const taken = importTakes(email);
    expect({ accountForm: accountFormTakes(email), employeeForm: employeeFormTakes(email), cli: cliTakes(email) }).toEqual({
      accountForm: taken,
      employeeForm: taken,
      cli: taken,
    });
  });

  it("takes ordinary addresses and refuses what is not one (the list tests both sides)", () => {
    expect(importTakes("li.wei@example.com")).toBe(true);
    expect(importTakes("not-an-address")).toBe(false);
    expect(cliTakes("a@example")).toBe(false);
  });
});
