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
import { csvChunksAsync, type CsvColumn } from "~/shared/table-csv";
import type { AnnualBaseExportRow } from "~/models/annual-base.server";
import type { ChangeRow } from "~/rules/change-list";
import { yuanPlain } from "~/rules/money";
import type { Insurance } from "~/rules/types";
import { csvAttachment } from "./csv-response.server";
import { xlsxAttachment } from "./xlsx.server";
import type { Actor } from "~/models/audit.server";
import { actorOf, requireCodeInScope, requirePermission, scopeOf } from "./auth.server";
import { forbidden, notFound, parseSearchParams } from "./http.server";
import { can } from "../shared/permissions";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const ExportFormatSchema = z.enum(EXPORT_FORMATS).catch("csv");

/** The query both HR-month exports take besides their own period: employer, format, and the full-identity choice. */
export const HrExportQuery = z.object({
  employer: z.string().trim().min(1).max(20).catch(""),
  format: ExportFormatSchema,
  /** Full identity numbers: an explicit choice of HR or admin (for the agency's upload), audited. */
  ids: z.enum(["full"]).optional().catch(undefined),
});

/**
 * Who may download an HR-month export, and with which identity numbers: staff
 * readers; full numbers only for HR and admin who ask (403 otherwise); an
 * employer outside the account's scope answers 404 before anything is read or audited.
 */
export async function hrExportAccess<S extends z.ZodRawShape>(
  request: Request,
  period: S,
): Promise<{ actor: Actor; full: boolean; query: z.infer<typeof HrExportQuery> & z.infer<z.ZodObject<S>> }> {
  const user = await requirePermission(request, "workflow:read");
  const query = parseSearchParams(request, HrExportQuery.extend(period)) as z.infer<typeof HrExportQuery> & z.infer<z.ZodObject<S>>;
  if (query.ids === "full" && !can(user.role, "workflow:write")) throw forbidden();
  if (!query.employer || Object.keys(period).some((k) => !(query as Record<string, unknown>)[k])) throw notFound();
  requireCodeInScope(await scopeOf(user), query.employer);
  return { actor: actorOf(user), full: query.ids === "full", query };
}


/** The download of `rows` in `format`, named `<base>.<format>`. */
export function exportResponse<T>(format: ExportFormat, base: string, columns: readonly CsvColumn<T>[], rows: Iterable<T> | AsyncIterable<T>): Response {
  switch (format) {
    case "csv":
      return csvAttachment(`${base}.csv`, csvChunksAsync(columns, rows));
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
