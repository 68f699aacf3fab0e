/**
 * Import templates (issue 18), one per kind: an `.xlsx` workbook (a Chinese and
 * an English header row, the identity and code columns formatted as text, one
 * example row, a notes sheet with each column's rule) and a CSV one (UTF-8 with
 * BOM, the same three rows). The import reads both header rows and refuses the
 * example row if it is left in.
 */
import { BOM, csvLine } from "~/rules/report";
import { COLUMN_INFO, type ColumnInfo } from "~/shared/import-columns";
import { IMPORT_COLUMNS, type ImportKind } from "~/shared/import-formats";
import { xlsxBuffer, type XlsxColumn, type XlsxType } from "./xlsx.server";

/** The columns a template carries: those the import reads today, in SPEC order. */
export function templateColumns(kind: ImportKind): ColumnInfo[] {
  return COLUMN_INFO[kind].filter((c) => IMPORT_COLUMNS[kind].includes(c.name));
}

function cellType(c: ColumnInfo): XlsxType {
  if (c.type === "date") return "date";
  if (c.type === "money") return "money";
  return "text";
}

function exampleValue(c: ColumnInfo): string | number | null {
  if (c.example === "") return null;
  if (c.type === "money") return Math.round(Number(c.example) * 100);
  return c.example;
}

export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const cols = templateColumns(kind);
  const data: XlsxColumn<ColumnInfo[]>[] = cols.map((c, i) => ({
    header: c.name,
    type: cellType(c),
    width: Math.max(12, c.zh[0]!.length * 2 + 4, c.name.length + 2, c.type === "id" ? 22 : 0),
    value: (row) => exampleValue(row[i]!),
    // Text where people type codes and identity numbers, so Excel keeps every digit.
    format: cellType(c) === "text" ? "@" : undefined,
  }));
  const notes: XlsxColumn<ColumnInfo>[] = [
    { header: "列名 / column", type: "text", width: 26, value: (c) => c.name },
    { header: "中文名称 / Chinese labels", type: "text", width: 30, value: (c) => c.zh.join(" / ") },
    { header: "可为空 / may be empty", type: "text", width: 14, value: (c) => (c.optional ? "是 / yes" : "否 / no") },
    { header: "规则", type: "text", width: 50, value: (c) => c.ruleZh },
    { header: "Rule", type: "text", width: 60, value: (c) => c.ruleEn },
  ];
  return xlsxBuffer([
    { name: "数据", columns: data, headerRows: [cols.map((c) => c.zh[0]!)], rows: [cols] },
    { name: "说明", columns: notes, rows: cols, plain: true },
  ]);
}

export function templateCsv(kind: ImportKind): string {
  const cols = templateColumns(kind);
  return BOM + csvLine(cols.map((c) => c.zh[0]!)) + csvLine(cols.map((c) => c.name)) + csvLine(cols.map((c) => c.example));
}
