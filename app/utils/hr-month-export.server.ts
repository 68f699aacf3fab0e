/**
 * The HR month's exports (the annual base declaration, the change list): the
 * columns the agency's upload asks for, with Chinese headers whatever the
 * reader's language, and the one place where a file format is chosen.
 *
 * Both formats share the columns: CSV writes them as text; the xlsx writer
 * (xlsx.server.ts) types amounts and dates and keeps identity numbers, employee
 * numbers and codes as text cells (`text: true`).
 */
import { z } from "zod";
import { csvChunks, type CsvColumn } from "~/lib/table-csv";
import type { AnnualBaseExportRow } from "~/models/annual-base.server";
import type { ChangeRow } from "~/rules/change-list";
import { yuanPlain } from "~/rules/money";
import type { Insurance } from "~/rules/types";
import { csvAttachment } from "./csv-response.server";
import { xlsxAttachment } from "./xlsx.server";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const ExportFormatSchema = z.enum(EXPORT_FORMATS).catch("csv");

/** The download of `rows` in `format`, named `<base>.<format>`. */
export function exportResponse<T>(format: ExportFormat, base: string, columns: readonly CsvColumn<T>[], rows: Iterable<T>): Response {
  switch (format) {
    case "csv":
      return csvAttachment(`${base}.csv`, csvChunks(columns, rows));
    case "xlsx":
      return xlsxAttachment(`${base}.xlsx`, [
        { name: base.slice(0, 31), columns: columns.map((c) => ({ header: c.label, type: c.text ? "text" : "auto", value: c.value })), rows },
      ]);
  }
}

export const INSURANCE_ZH: Record<Insurance, string> = {
  pension: "养老保险",
  medical: "医疗保险",
  unemployment: "失业保险",
  work_injury: "工伤保险",
  maternity: "生育保险",
};

/**
 * 姓名, 证件号码, 缴费基数 (the basis, which the agency clamps), then — where
 * the insurances' bases differ (a per-insurance floor or cap) — the pension
 * base and each base that differs from it.
 */
export function annualBaseColumns(differing: readonly Insurance[]): CsvColumn<AnnualBaseExportRow>[] {
  const shown: Insurance[] = differing.length > 0 ? ["pension", ...differing] : [];
  return [
    { id: "name", label: "姓名", value: (r) => r.name },
    { id: "idNumber", label: "证件号码", value: (r) => r.idNumber, text: true },
    { id: "basis", label: "缴费基数", value: (r) => yuanPlain(r.basis) },
    ...shown.map((ins) => ({ id: `base_${ins}`, label: `${INSURANCE_ZH[ins]}缴费基数`, value: (r: AnnualBaseExportRow) => yuanPlain(r.bases[ins]) })),
  ];
}

export const CHANGE_KIND_ZH: Record<ChangeRow["kind"], string> = { addition: "增员", reduction: "减员", base_change: "基数调整" };
export const CHANGE_STATE_ZH: Record<ChangeRow["state"], string> = { to_submit: "待提交", submitted: "已提交", accepted: "已受理", refused: "已退回" };

export type ChangeExportRow = ChangeRow & { idNumber: string };

const money = (v: number | null) => (v === null ? "" : yuanPlain(v));

export function changeListColumns(): CsvColumn<ChangeExportRow>[] {
  return [
    { id: "kind", label: "变更类型", value: (r) => CHANGE_KIND_ZH[r.kind] },
    { id: "employeeNo", label: "工号", value: (r) => r.employeeNo, text: true },
    { id: "name", label: "姓名", value: (r) => r.name },
    { id: "idNumber", label: "证件号码", value: (r) => r.idNumber, text: true },
    { id: "hireDate", label: "入职日期", value: (r) => r.hireDate },
    { id: "terminationDate", label: "离职日期", value: (r) => r.terminationDate ?? "" },
    { id: "basis", label: "缴费基数", value: (r) => money(r.basis) },
    { id: "previousBasis", label: "原缴费基数", value: (r) => money(r.previousBasis) },
    { id: "reportDeadline", label: "减员报告期限", value: (r) => r.reportDeadline ?? "" },
    { id: "state", label: "状态", value: (r) => CHANGE_STATE_ZH[r.state] },
    { id: "submittedOn", label: "提交日期", value: (r) => r.submittedOn ?? "" },
    { id: "decidedOn", label: "处理日期", value: (r) => r.decidedOn ?? "" },
    { id: "refusal", label: "退回原因", value: (r) => r.refusal },
    { id: "backPayment", label: "补缴", value: (r) => (r.backPayment ? "是" : "") },
  ];
}
