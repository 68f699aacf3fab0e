/**
 * Issue 18: the files HR actually has, through the one decoding path, into the
 * database. The fixtures under tests/fixtures/files were written by Python's
 * codecs and Debian's python3-openpyxl (make_fixtures.py), not by the library
 * the product reads them with.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { readImportFile } from "~/server/import-file.server";
import { CLI_ACTOR } from "~/models/audit.server";
import { previewImport, runImport } from "~/models/import.server";
import { contentHash } from "../helpers/db-hash";
import { rawSql } from "../helpers/raw-sql";

const DIR = join(import.meta.dirname, "..", "fixtures", "files");
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

const ZHANG = "310101199003071230";
const LI = "310104198511204567";
const WANG = "11010519930615789X";

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
  const r = await runImport(db, "employers", "code,name,uscc,region\nACME,Acme Trading Co. Ltd.,91310000MA1FL8TQ36,sample-city\n", CLI_ACTOR);
  expect(r.ok).toBe(true);
});

type Stored = { employee_no: string; name: string; id_number: string; hire_date: string; termination_date: string | null; department: string; email: string; wage: number };
async function stored(): Promise<Stored[]> {
  return await rawSql(db)
    .prepare(
      "SELECT e.employee_no, e.name, e.id_number, e.hire_date, e.termination_date, e.department, e.email, w.monthly_wage AS wage FROM employees e JOIN wages w ON w.employee_id = e.id ORDER BY e.employee_no",
    )
    .all<Stored>();
}

async function importFixture(name: string, kind: "employees" = "employees", sheet?: string) {
  const read = await readImportFile(kind, fixture(name), { sheet });
  if (!read.ok) return { read, result: undefined };
  return { read, result: await runImport(db, kind, read.input, CLI_ACTOR, { fileName: name }) };
}

const THREE: Partial<Stored>[] = [
  { employee_no: "E101", name: "张伟", id_number: ZHANG, hire_date: "2024-07-01", department: "研发部", wage: 800000 },
  { employee_no: "E102", name: "李娜", id_number: LI, hire_date: "2024-07-15", department: "财务部", wage: 1250000 },
  { employee_no: "E103", name: "王芳", id_number: WANG, hire_date: "2024-08-01", department: "人事部", wage: 900000 },
];

describe("each fixture imports to exactly the values expected", () => {
  it("GBK CSV with Chinese headers (工号,姓名,身份证号码,入职日期,部门,月工资), slash dates and grouped amounts", async () => {
    const { read, result } = await importFixture("employees-gbk.csv");
    expect(read.ok && read.source).toEqual({ format: "csv", encoding: "gb18030", delimiter: "," });
    expect(result).toMatchObject({ ok: true, summary: { rows: 3, created: 3 } });
    const rows = await stored();
    expect(rows).toMatchObject(THREE);
    // Byte-exact names: the UTF-8 of 张伟, not mojibake.
    expect(Buffer.from(rows[0]!.name, "utf8").toString("hex")).toBe("e5bca0e4bc9f");
  });

  it("UTF-16 LE CSV with BOM, SPEC names in another order, 2024.7.15, 2024年8月1日, ￥12,500.00 and full-width digits", async () => {
    const { read, result } = await importFixture("employees-utf16.csv");
    expect(read.ok && read.source).toMatchObject({ format: "csv", encoding: "utf-16le" });
    expect(result).toMatchObject({ ok: true, summary: { created: 3 } });
    expect(await stored()).toMatchObject(THREE);
  });

  it("UTF-8 CSV with BOM: 证件号码 and 证件类型 in Chinese, 年月日 dates, ¥ amounts, spaces around cells", async () => {
    const { read, result } = await importFixture("employees-utf8-bom.csv");
    expect(read.ok && read.source).toMatchObject({ format: "csv", encoding: "utf-8-bom" });
    expect(result).toMatchObject({ ok: true, summary: { created: 3 } });
    expect(await stored()).toMatchObject([
      { ...THREE[0], email: "zhang.wei@example.com", termination_date: null },
      { ...THREE[1], termination_date: "2025-01-31" },
      THREE[2],
    ]);
  });

  it("xlsx with date cells and number cells (the first sheet)", async () => {
    const { read, result } = await importFixture("employees-dates.xlsx");
    expect(read.ok && read.source).toEqual({ format: "xlsx", sheet: "花名册", sheets: ["花名册", "其他"] });
    expect(result).toMatchObject({ ok: true, summary: { created: 3 } });
    expect(await stored()).toMatchObject([THREE[0], { ...THREE[1], wage: 1250050 }, THREE[2]]);
  });

  it("xlsx with a formula cell: its cached value", async () => {
    const { result } = await importFixture("employees-formula.xlsx");
    expect(result).toMatchObject({ ok: true, summary: { created: 1 } });
    expect(await stored()).toMatchObject([{ employee_no: "E101", wage: 800000 }]);
  });

  it("the preview shows the first rows as they will be stored", async () => {
    const read = await readImportFile("employees", fixture("employees-gbk.csv"));
    const p = read.ok ? await previewImport(db, "employees", read.input) : undefined;
    expect(p?.ok && p.preview.rows[0]).toEqual({
      line: 2,
      cells: ["E101", "张伟", "resident_id", "3101**********1230", "ACME", "2024-07-01", "", "研发部", "", "¥8,000.00"],
    });
    expect(await stored()).toEqual([]);
  });
});

describe("refused naming row and column, the database unchanged", () => {
  it("an identity number Excel turned into a number cell", async () => {
    const before = await contentHash(db, []);
    const { read, result } = await importFixture("employees-numeric-id.xlsx");
    expect(result).toMatchObject({ ok: false });
    expect(result && !result.ok && result.errors.map((e) => [e.row, e.column, e.code])).toEqual([[3, "id_number", "idNumericCell"]]);
    expect(result && !result.ok && result.errors[0]!.message).toMatch(/Excel keeps 15 digits: format the column as text and re-enter/);
    expect(read.ok).toBe(true);
    expect(await contentHash(db, [])).toBe(before);
  });

  it("scientific notation and 18 digits ending in 000 that fail the check character", async () => {
    const csv = `工号,姓名,身份证号码,入职日期,月工资\nE1,甲,3.10104E+17,2024-07-01,1\nE2,乙,310104198511204000,2024-07-01,1\nE3,丙,${LI},2024-07-01,1\n`;
    const read = await readImportFile("employees", new TextEncoder().encode(csv));
    const r = read.ok ? await runImport(db, "employees", read.input, CLI_ACTOR) : undefined;
    expect(r && !r.ok && r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, "id_number", "idScientific"],
      [3, "id_number", "idTruncated"],
    ]);
    expect(await stored()).toEqual([]);
  });

  it.each([
    ["picture.csv", "fileOther", /PNG picture/],
    ["old-excel.csv", "fileXls", /Excel 97–2003 workbook/],
    ["archive.csv", "fileOther", /ZIP archive/],
    ["undecodable.csv", "undecodable", /neither a spreadsheet nor text in UTF-8, UTF-16 \(with BOM\) or GB18030/],
  ])("%s: a file of another kind, named", async (name, code, message) => {
    const read = await readImportFile("employees", fixture(name));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors).toEqual([expect.objectContaining({ row: 1, column: "", code, message: expect.stringMatching(message) })]);
  });

  it("a sheet that does not exist", async () => {
    const read = await readImportFile("employees", fixture("employees-dates.xlsx"), { sheet: "Sheet9" });
    expect(!read.ok && read.errors[0]).toMatchObject({ code: "noSheet", params: { sheet: "Sheet9", sheets: "花名册, 其他" } });
  });

  it("limits: 1,000 columns and 200,000 rows, refused before validation", async () => {
    const wide = await readImportFile("employees", new TextEncoder().encode(Array.from({ length: 1001 }, (_, i) => `c${i}`).join(",") + "\n"));
    expect(!wide.ok && wide.errors[0]).toMatchObject({ code: "tooManyColumns", params: { columns: 1001, limit: 1000 } });
    const long = await readImportFile("wages", new TextEncoder().encode("employee_no,effective_month,monthly_wage\n" + "E1,2024-01,1\n".repeat(200_001)));
    expect(!long.ok && long.errors[0]).toMatchObject({ code: "tooManyRows", params: { rows: 200_001, limit: 200_000 } });
  });
});

describe("an identity number belongs to one employee", () => {
  it("refused on import naming both employee numbers, against the database and within the file", async () => {
    expect((await importFixture("employees-gbk.csv")).result?.ok).toBe(true);
    const before = await contentHash(db, []);
    const again = `工号,姓名,身份证号码,入职日期,月工资\nE201,张伟,${ZHANG},2024-09-01,8000\n`;
    const read = await readImportFile("employees", new TextEncoder().encode(again + `E202,某,${WANG},2024-09-01,1\nE203,某某,${WANG},2024-09-01,1\n`));
    const r2 = read.ok ? await runImport(db, "employees", read.input, CLI_ACTOR) : undefined;
    expect(r2 && !r2.ok && r2.errors.map((e) => [e.row, e.column, e.code, e.params])).toEqual([
      [2, "id_number", "duplicateIdNumber", { idNumber: ZHANG, other: "E101" }],
      [3, "id_number", "duplicateIdNumber", { idNumber: WANG, other: "E103" }],
      [4, "id_number", "duplicateIdNumber", { idNumber: WANG, other: "E202" }],
    ]);
    expect(await contentHash(db, [])).toBe(before);
    // Re-importing the same employees (same numbers, same identities) is not a clash.
    expect((await importFixture("employees-gbk.csv")).result).toMatchObject({ ok: true, summary: { unchanged: 3 } });
  });
});
