/**
 * The SPEC §7 reports as `.xlsx` (issue 18): the same rows and order as the
 * CSV, a Chinese header row (English for the English UI), codes and numbers as
 * text cells, amounts as numbers with a `¥` format, due dates as dates, a frozen
 * header and an autofilter. Streamed (xlsx.server.ts). Used by the web and the
 * command line.
 */
import { findingCells, HUMAN_HEADER_ZH, reportColumns, reportFilter, type ReportKind, type ReportOptions } from "~/rules/report";
import type { Finding } from "~/rules/types";
import type { SheetSpec, XlsxColumn, XlsxType } from "./xlsx.server";

type Column = keyof typeof HUMAN_HEADER_ZH;

const TYPES: Record<Column, XlsxType> = {
  rule: "text",
  article: "text",
  severity: "text",
  status: "text",
  employer_code: "text",
  period: "text",
  employee_no: "text",
  employee_name: "text",
  due_date: "date",
  days: "int",
  outstanding: "money",
  late_fee: "money",
  stage: "text",
  detail: "text",
};

export const HEADER_EN: Record<Column, string> = {
  rule: "Rule",
  article: "Article",
  severity: "Severity",
  status: "Status",
  employer_code: "Employer",
  period: "Period",
  employee_no: "Employee no.",
  employee_name: "Employee name",
  due_date: "Due date",
  days: "Days",
  outstanding: "Outstanding",
  late_fee: "Late fee",
  stage: "Stage",
  detail: "Detail",
};

const WIDTHS: Partial<Record<Column, number>> = { detail: 60, employee_name: 14, due_date: 12, outstanding: 14, late_fee: 12 };

export type HeaderLanguage = "zh" | "en";

export function reportXlsxColumns(kind: ReportKind, language: HeaderLanguage): XlsxColumn<Finding>[] {
  // The text cells of a row are computed once per row, not once per cell.
  let last: Finding | null = null;
  let cells: Record<string, string> = {};
  const cellsOf = (f: Finding) => {
    if (f !== last) {
      last = f;
      cells = findingCells(f) as Record<string, string>;
    }
    return cells;
  };
  return reportColumns(kind).map((name) => {
    const c = name as Column;
    const type = TYPES[c];
    return {
      header: language === "en" ? HEADER_EN[c] : HUMAN_HEADER_ZH[c],
      type,
      width: WIDTHS[c],
      value:
        c === "outstanding"
          ? (f: Finding) => f.outstanding
          : c === "late_fee"
            ? (f: Finding) => f.lateFee
            : c === "days"
              ? (f: Finding) => f.days
              : (f: Finding) => cellsOf(f)[c]!,
    };
  });
}

function* filtered(findings: Iterable<Finding>, keep: (f: Finding) => boolean): Generator<Finding> {
  for (const f of findings) if (keep(f)) yield f;
}

/** The report as one sheet. */
export function reportSheet(kind: ReportKind, findings: Iterable<Finding>, language: HeaderLanguage, options: ReportOptions = {}): SheetSpec<Finding> {
  const name = language === "en" ? (kind === "findings" ? "Findings" : "Overdue") : kind === "findings" ? "全部问题" : "逾期问题";
  return { name, columns: reportXlsxColumns(kind, language), rows: filtered(findings, reportFilter(kind, options)) };
}
