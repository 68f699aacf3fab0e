/**
 * The CSV reports of SPEC §7: UTF-8 with BOM, CRLF, RFC 4180 quoting, formula
 * escaping, amounts in yuan with two decimals.
 */
import { yuanPlain } from "./money";
import type { Finding } from "./types";

export const FINDINGS_COLUMNS = [
  "rule",
  "article",
  "severity",
  "status",
  "employer_code",
  "period",
  "employee_no",
  "employee_name",
  "due_date",
  "days",
  "outstanding",
  "late_fee",
  "stage",
  "detail",
] as const;

export const OVERDUE_COLUMNS = FINDINGS_COLUMNS.filter((c) => c !== "status");

export const BOM = "\uFEFF";
export const CRLF = "\r\n";

/** Escape a text cell: formula prefix, then RFC 4180 quoting. */
export function csvCell(value: string): string {
  let v = value;
  if (v !== "" && "=+-@\t\r".includes(v[0]!)) v = `'${v}`;
  if (/[",\r\n]/.test(v)) v = `"${v.replace(/"/g, '""')}"`;
  return v;
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(",") + CRLF;
}

function money(v: number | null): string {
  return v === null ? "" : yuanPlain(v);
}

export function findingCells(f: Finding): Record<(typeof FINDINGS_COLUMNS)[number], string> {
  return {
    rule: f.rule,
    article: f.article,
    severity: f.severity,
    status: f.status,
    employer_code: f.employerCode,
    period: f.period ?? "",
    employee_no: f.employeeNo ?? "",
    employee_name: f.employeeName ?? "",
    due_date: f.dueDate,
    days: String(f.days),
    outstanding: money(f.outstanding),
    late_fee: money(f.lateFee),
    stage: f.stage ?? "",
    detail: f.detail,
  };
}

export type ReportKind = "findings" | "overdue";

/**
 * Chinese labels of the report columns, for the optional human-readable header
 * row (`--human-header` on the command line, `header=zh` on the web). The
 * machine header row below it is unchanged.
 */
export const HUMAN_HEADER_ZH: Record<(typeof FINDINGS_COLUMNS)[number], string> = {
  rule: "规则",
  article: "条款",
  severity: "严重程度",
  status: "状态",
  employer_code: "用人单位",
  period: "所属期",
  employee_no: "职工编号",
  employee_name: "职工姓名",
  due_date: "期限",
  days: "天数",
  outstanding: "欠缴金额",
  late_fee: "滞纳金",
  stage: "阶段",
  detail: "说明",
};

/** The Chinese header row of a report, one label per machine column. */
export function humanHeaderZh(kind: ReportKind): string[] {
  return reportColumns(kind).map((c) => HUMAN_HEADER_ZH[c as keyof typeof HUMAN_HEADER_ZH] ?? c);
}

export interface ReportOptions {
  /** Overdue report: include warnings. */
  warnings?: boolean;
  /** A human-readable header row (e.g. Chinese) before the machine header. */
  humanHeader?: readonly string[];
}

export function reportColumns(kind: ReportKind): readonly string[] {
  return kind === "findings" ? FINDINGS_COLUMNS : OVERDUE_COLUMNS;
}

/** Which findings a report lists: all, or the open critical and breach ones (warnings on request). */
export function reportFilter(kind: ReportKind, options: ReportOptions = {}): (f: Finding) => boolean {
  if (kind === "findings") return () => true;
  return (f) => f.status === "open" && (f.severity !== "warning" || options.warnings === true);
}

/** Yields the report piece by piece (BOM and header first), so a server can stream it. */
export function* reportChunks(kind: ReportKind, findings: Iterable<Finding>, options: ReportOptions = {}): Generator<string> {
  const columns = reportColumns(kind);
  const keep = reportFilter(kind, options);
  let head = BOM;
  if (options.humanHeader) head += csvLine(options.humanHeader);
  yield head + csvLine(columns);
  let buf = "";
  let n = 0;
  for (const f of findings) {
    if (!keep(f)) continue;
    const cells = findingCells(f) as Record<string, string>;
    buf += csvLine(columns.map((c) => cells[c]!));
    if (++n % 1000 === 0) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

export function reportCsv(kind: ReportKind, findings: Iterable<Finding>, options: ReportOptions = {}): string {
  let s = "";
  for (const chunk of reportChunks(kind, findings, options)) s += chunk;
  return s;
}
