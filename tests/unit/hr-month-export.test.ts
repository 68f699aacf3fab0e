/** The HR month's exports: the agency's Chinese headers, amounts in yuan, the per-insurance columns only where bases differ. */
import { describe, expect, it } from "vitest";
import { csvText } from "~/shared/table-csv";
import type { ChangeRow } from "~/rules/change-list";
import { annualBaseColumns, changeListColumns } from "~/server/hr-month-export.server";

const bases = (pension: number, medical: number) => ({ pension, medical, unemployment: pension, work_injury: pension, maternity: pension });

describe("annual base export", () => {
  it("one base for all: 姓名, 证件号码, 缴费基数 only", () => {
    const csv = csvText(annualBaseColumns([]), [{ name: "张三", idNumber: "110105194912310021", basis: 850_000, bases: bases(850_000, 850_000) }]);
    expect(csv).toBe("\uFEFF姓名,证件号码,缴费基数\r\n张三,110105194912310021,8500.00\r\n");
  });

  it("a medical floor of its own: the pension and medical bases follow the basis", () => {
    const csv = csvText(annualBaseColumns(["medical"]), [{ name: "李四", idNumber: "1101**********0021", basis: 300_000, bases: bases(400_000, 550_000) }]);
    expect(csv).toBe("\uFEFF姓名,证件号码,缴费基数,养老保险缴费基数,医疗保险缴费基数\r\n李四,1101**********0021,3000.00,4000.00,5500.00\r\n");
  });
});

describe("change list export", () => {
  it("Chinese headers and values; a back payment is marked 是", () => {
    const row: ChangeRow & { idNumber: string } = {
      kind: "addition",
      employeeId: 4,
      employeeNo: "E4",
      name: "赵六",
      idNumber: "110105199001010041",
      hireDate: "2026-07-03",
      terminationDate: null,
      reason: "hire",
      basis: 600_000,
      previousBasis: null,
      reportDeadline: null,
      terminationReportedOn: null,
      state: "refused",
      submittedOn: "2026-07-28",
      decidedOn: "2026-07-30",
      refusal: "证件号码有误",
      backPayment: true,
    };
    const [header, line] = csvText(changeListColumns(), [row]).replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe("变更类型,工号,姓名,证件号码,入职日期,离职日期,缴费基数,原缴费基数,减员报告期限,状态,提交日期,处理日期,退回原因,补缴");
    expect(line).toBe("增员,E4,赵六,110105199001010041,2026-07-03,,6000.00,,,已退回,2026-07-28,2026-07-30,证件号码有误,是");
  });
});

describe("the same exports as Excel", () => {
  it("typed cells: the identity number stays text, the basis is a number", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const { exportResponse } = await import("~/server/hr-month-export.server");
    const res = exportResponse("xlsx", "annual-base-ACME-2026-07", annualBaseColumns([]), [
      { name: "张三", idNumber: "110105194912310021", basis: 850_000, bases: bases(850_000, 850_000) },
    ]);
    expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(res.headers.get("Content-Disposition")).toContain("annual-base-ACME-2026-07.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, "姓名", "证件号码", "缴费基数"]);
    expect(sheet.getCell("B2").value).toBe("110105194912310021");
    expect(sheet.getCell("C2").value).toBe(8500);
  });
});
