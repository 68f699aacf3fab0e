/**
 * Issue 18, Excel out: the reports as `.xlsx` from the command line re-read
 * with the same values and cell types as the CSV report; the import templates
 * of every kind read back by the import (both header rows, the example row
 * refused if left in); an exported workbook imported again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "~/cli/main";
import { parseCsvRecords } from "~/shared/csv";
import { readImportFile } from "~/server/import-file.server";
import { IMPORT_KINDS } from "~/shared/import-formats";
import { caseFiles, goldenCases } from "../helpers/golden";

const tmp = mkdtempSync(join(tmpdir(), "shebao-files-export-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

class Capture {
  chunks: Buffer[] = [];
  write(chunk: string | Buffer) {
    this.chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk);
    return true;
  }
  get bytes() {
    return Buffer.concat(this.chunks);
  }
}

async function cli(argv: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: stdout.bytes, stderr: stderr.bytes.toString("utf8") };
}

const db = join(tmp, "worked.db");
const AS_OF = "2026-06-30";

beforeAll(async () => {
  expect((await cli(["--db", db, "migrate"])).code).toBe(0);
  const c = goldenCases().find((g) => g.name === "worked-examples")!;
  for (const f of caseFiles(c)) expect((await cli(["--db", db, "import", f.kind, f.path])).code).toBe(0);
});

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

describe("report --format xlsx", () => {
  it.each(["overdue", "findings"] as const)("%s: the CSV's rows, typed: text codes, money as numbers with ¥, dates as dates; frozen header and autofilter", async (kind) => {
    const csv = await cli(["--db", db, "report", kind, "--as-of", AS_OF]);
    const xlsx = await cli(["--db", db, "report", kind, "--as-of", AS_OF, "--format", "xlsx"]);
    expect(xlsx.code).toBe(0);
    const [header, ...rows] = parseCsvRecords(csv.stdout.toString("utf8")).filter((r) => r.length > 1);
    expect(rows.length).toBeGreaterThan(0);
    const ws = (await workbook(xlsx.stdout)).worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, ...header!.map((h) => ({ rule: "规则", article: "条款", severity: "严重程度", status: "状态", employer_code: "用人单位", period: "所属期", employee_no: "职工编号", employee_name: "职工姓名", due_date: "期限", days: "天数", outstanding: "欠缴金额", late_fee: "滞纳金", stage: "阶段", detail: "说明" })[h])]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.actualRowCount).toBe(rows.length + 1);
    rows.forEach((cells, i) => {
      const row = ws.getRow(i + 2);
      header!.forEach((col, j) => {
        const text = cells[j]!.replace(/^'(?=[=+\-@\t\r])/, "");
        const cell = row.getCell(j + 1);
        if (text === "") return expect(cell.value ?? "").toBe("");
        if (col === "outstanding" || col === "late_fee") {
          expect(cell.value).toBe(Number(text));
          expect(cell.numFmt).toBe('"¥"#,##0.00');
        } else if (col === "due_date") {
          expect(cell.value).toEqual(new Date(`${text}T00:00:00Z`));
        } else if (col === "days") expect(cell.value).toBe(Number(text));
        else expect(cell.value).toBe(text);
      });
    });
  });

  it("--lang en writes the English header", async () => {
    const xlsx = await cli(["--db", db, "report", "overdue", "--as-of", AS_OF, "--format", "xlsx", "--lang", "en"]);
    const ws = (await workbook(xlsx.stdout)).worksheets[0]!;
    expect(ws.getCell("A1").value).toBe("Rule");
  });
});

describe("templates", () => {
  it.each(IMPORT_KINDS)("%s: the xlsx and the CSV template read back; the example row left in is refused, by row", async (kind) => {
    for (const format of ["xlsx", "csv"]) {
      const t = await cli(["template", kind, "--format", format]);
      expect(t.code).toBe(0);
      const read = await readImportFile(kind, new Uint8Array(t.stdout));
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.input.header.every((h) => h.column !== undefined)).toBe(true);
      expect(read.input.table.rows.map((r) => r.line)).toEqual([3]);
      expect(read.input.problems.map((p) => [p.row, p.code])).toEqual([[3, "templateExampleRow"]]);
    }
  });

  it("the xlsx template: identity column formatted as text, a notes sheet with every column's rule", async () => {
    const t = await cli(["template", "employees"]);
    const wb = await workbook(t.stdout);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["数据", "说明"]);
    const data = wb.getWorksheet("数据")!;
    expect(data.getRow(1).getCell(4).value).toBe("证件号码");
    expect(data.getRow(2).getCell(4).value).toBe("id_number");
    expect(data.getRow(3).getCell(4).numFmt).toBe("@");
    expect(data.getRow(3).getCell(4).value).toBe("11010519491231002X");
    const notes = wb.getWorksheet("说明")!;
    expect(notes.actualRowCount).toBe(11);
  });
});
