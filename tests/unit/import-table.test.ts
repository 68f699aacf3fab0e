/** Issue 18: header resolution and value normalization in front of the per-kind validators (pure). */
import { describe, expect, it } from "vitest";
import { COLUMN_INFO, headerKey, resolveHeaderCell } from "~/shared/import-columns";
import { IMPORT_COLUMNS, IMPORT_KINDS } from "~/shared/import-formats";
import { importTable, normalizeDate, normalizeIdNumber, normalizeMoney, normalizeMonth } from "~/shared/import-table";

const REVISED_OPTIONAL: Record<string, string[]> = {
  employers: ["tracking_from"],
  policies: ["base_rule", "base_year_start", ...["pension", "medical", "unemployment", "work_injury", "maternity"].flatMap((i) => [`${i}_base_floor`, `${i}_base_cap`])],
  registrations: ["termination_reported_on"],
};

describe("the label table", () => {
  it.each(IMPORT_KINDS)("%s: every column of SPEC §8 (the revised optional ones too) has a Chinese label, and no label stands for two columns", (kind) => {
    const names = COLUMN_INFO[kind].map((c) => c.name);
    for (const c of [...IMPORT_COLUMNS[kind], ...(REVISED_OPTIONAL[kind] ?? [])]) expect(names).toContain(c);
    const seen = new Map<string, string>();
    for (const c of COLUMN_INFO[kind]) {
      expect(c.zh.length).toBeGreaterThan(0);
      for (const z of [c.name, ...c.zh]) {
        const k = headerKey(z);
        expect(seen.get(k) ?? c.name, `${kind}: ${z}`).toBe(c.name);
        seen.set(k, c.name);
      }
    }
  });

  it("resolves names and labels however they are written", () => {
    expect(resolveHeaderCell("employees", "身份证号")).toBe("id_number");
    expect(resolveHeaderCell("employees", " 身份证号码 ")).toBe("id_number");
    expect(resolveHeaderCell("employees", "月工资（元）")).toBe("monthly_wage");
    expect(resolveHeaderCell("employees", "*工号")).toBe("employee_no");
    expect(resolveHeaderCell("employees", "Employee_No")).toBe("employee_no");
    expect(resolveHeaderCell("employees", "ｅｍａｉｌ")).toBe("email");
    expect(resolveHeaderCell("employees", "工资条")).toBeUndefined();
  });
});

describe("values as HR types them", () => {
  it.each([
    ["2024-07-01", "2024-07-01"],
    ["2024/7/1", "2024-07-01"],
    ["2024.7.1", "2024-07-01"],
    ["2024年7月1日", "2024-07-01"],
    ["２０２４年７月１日", "2024-07-01"],
    ["20240701", "2024-07-01"],
    ["2024/7/1 0:00", "2024-07-01"],
    ["2024/13/1", "2024-13-01"],
    ["next monday", "next monday"],
  ])("date %s → %s", (typed, stored) => expect(normalizeDate(typed)).toBe(stored));

  it("a workbook's date cell and serial number", () => {
    expect(normalizeDate(new Date(Date.UTC(2024, 6, 1)))).toBe("2024-07-01");
    expect(normalizeDate(new Date(Date.UTC(2024, 6, 1) - 3))).toBe("2024-07-01");
    expect(normalizeDate(45474)).toBe("2024-07-01");
    expect(normalizeMonth(new Date(Date.UTC(2024, 6, 1)))).toBe("2024-07");
  });

  it.each([
    ["2024/7", "2024-07"],
    ["2024.07", "2024-07"],
    ["2024年7月", "2024-07"],
    ["202407", "2024-07"],
  ])("month %s → %s", (typed, stored) => expect(normalizeMonth(typed)).toBe(stored));

  it.each([
    ["8000", "8000"],
    ["8,000.00", "8000.00"],
    ["¥8,000", "8000"],
    ["￥8,000.00", "8000.00"],
    ["８，０００．５０", "8000.50"],
    ["8000元", "8000"],
    [" 8000 ", "8000"],
    [8000, "8000.00"],
    [0.1 + 0.2, "0.30"],
    [8000.123, "8000.123"],
    ["8,00", "8,00"],
  ])("money %s → %s", (typed, stored) => expect(normalizeMoney(typed)).toBe(stored));

  it("identity numbers Excel damaged: refused with the reason and the cure", () => {
    expect(normalizeIdNumber(310104198511204000, "").problem?.code).toBe("idNumericCell");
    expect(normalizeIdNumber("3.10104E+17", "").problem).toMatchObject({ code: "idScientific", message: expect.stringMatching(/Excel keeps 15 digits: format the column as text/) });
    expect(normalizeIdNumber("310104198511204000", "resident_id").problem?.code).toBe("idTruncated");
    // A real number ending in 000 passes its check character; a passport is not a resident identity number.
    const first17 = "11010519491231000";
    const valid = first17 + "10X98765432"[[...first17].reduce((s, c, i) => s + Number(c) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]!, 0) % 11];
    if (valid.endsWith("000")) expect(normalizeIdNumber(valid, "").problem).toBeUndefined();
    expect(normalizeIdNumber("310104198511204000", "passport").problem).toBeUndefined();
    expect(normalizeIdNumber("３１０１０４１９８５１１２０４５６７", "").value).toBe("310104198511204567");
  });
});

describe("the table", () => {
  it("resolves the header, adds optional columns left out, skips a second (English) header row, pads workbook rows", () => {
    const t = importTable(
      "employees",
      [
        { line: 1, cells: ["姓名", "工号", "身份证号", "入职日期", "月工资"] },
        { line: 2, cells: ["name", "employee_no", "id_number", "hire_date", "monthly_wage"] },
        { line: 3, cells: ["张伟", "E1", "11010519491231002X", new Date(Date.UTC(2024, 6, 1)), 8000] },
        { line: 5, cells: ["李娜", "E2"] },
      ],
      { padRows: true },
    );
    expect(t.table.header).toEqual(["name", "employee_no", "id_number", "hire_date", "monthly_wage", "id_type", "employer_code", "termination_date", "department", "email"]);
    expect(t.table.rows).toEqual([
      { line: 3, cells: ["张伟", "E1", "11010519491231002X", "2024-07-01", "8000.00", "", "", "", "", ""] },
      { line: 5, cells: ["李娜", "E2", "", "", "", "", "", "", "", ""] },
    ]);
    expect(t.problems).toEqual([]);
  });

  it("a mapping the user chose: a header to a column, another left out", () => {
    const t = importTable("wages", [
      { line: 1, cells: ["员工", "月份", "备注", "工资"] },
      { line: 2, cells: ["E1", "2024/7", "x", "¥5,000"] },
    ], { mapping: { 员工: "employee_no", 备注: "-" } });
    expect(t.table.header).toEqual(["employee_no", "effective_month", "monthly_wage"]);
    expect(t.table.rows[0]!.cells).toEqual(["E1", "2024-07", "5000"]);
  });
});
