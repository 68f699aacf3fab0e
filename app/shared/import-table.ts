/**
 * From a decoded file (rows of cells, the header first) to the table the
 * per-kind validators of import-formats.ts read: header cells resolved to SPEC
 * §8 names (the names, their Chinese labels, or a mapping the user chose),
 * optional columns left out added as empty, the templates' English header row
 * skipped, and every cell normalized by its column's type (dates, months,
 * money as HR types them; Excel's damage to identity numbers refused with the
 * reason and the cure). Pure: no database, no library.
 */
import type { CsvTable } from "./csv";
import type { RawCell, SheetRow } from "../server/file-decode.server";
import { COLUMN_INFO, ID_TYPE_LABELS, resolveHeaderCell, type ColumnInfo, type ColumnType } from "./import-columns";
import {
  IMPORT_COLUMNS,
  validateImport,
  type EmployeeRecord,
  type ImportContext,
  type ImportError,
  type ImportKind,
  type ValidationResult,
} from "./import-formats";
import type { ImportErrorCode, MsgParam } from "./messages";
import { checkResidentId, maskId } from "~/rules/identity";
import { plainYuanText, toAscii } from "./typed-text";
export { toAscii } from "./typed-text";
import { rateText, yuanDisplay } from "~/rules/money";
import type { Rate } from "~/rules/types";

/** What a file's header cell was read as. */
export interface HeaderCell {
  /** The cell as written. */
  original: string;
  /** The SPEC name it stands for; undefined when it matches nothing. */
  column?: string;
  /** The user chose to leave this column out. */
  ignored?: boolean;
}

export interface ImportTable {
  /** Canonical header and normalized string cells, for validateImport. */
  table: CsvTable;
  /** Problems found while normalizing (identity numbers Excel damaged, the template's example row). */
  problems: ImportError[];
  /** The file's header as read. */
  header: HeaderCell[];
}

/** A mapping the user chose for headers that match nothing: header as written → SPEC name, or {@link IGNORE} to leave the column out. */
export type ColumnMapping = Readonly<Record<string, string>>;
export const IGNORE = "-";

function importProblem(row: number, column: string, code: ImportErrorCode, message: string, params?: Record<string, MsgParam>): ImportError {
  return params ? { row, column, message, code, params } : { row, column, message, code };
}

// ---------- cells ----------

function pad2(n: number | string): string {
  return String(n).padStart(2, "0");
}

/** A workbook date cell (UTC midnight of the day shown) as `YYYY-MM-DD`. */
export function isoOfDate(d: Date): string {
  // A time of day read back from a serial can be a few milliseconds short of midnight.
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  return `${String(t.getUTCFullYear()).padStart(4, "0")}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** An Excel serial day number (1900 date system) as `YYYY-MM-DD`, for a date typed into a cell formatted as a number. */
function isoOfSerial(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 2958465) return undefined;
  return isoOfDate(new Date(Date.UTC(1899, 11, 30) + n * 86_400_000));
}

/** The cell as text, without normalization. */
export function cellText(raw: RawCell): string {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number") return String(raw);
  if (typeof raw === "boolean") return raw ? "TRUE" : "FALSE";
  return isoOfDate(raw);
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;
const MONTH_COMPACT = /^(\d{4})(\d{2})$/;

/** `2024/7/1`, `2024.7.1`, `2024年7月1日`, `20240701`, a date cell → `2024-07-01`; anything else unchanged (the validator names it). */
export function normalizeDate(raw: RawCell): string {
  if (raw instanceof Date) return isoOfDate(raw);
  if (typeof raw === "number") return isoOfSerial(raw) ?? String(raw);
  const s = toAscii(cellText(raw)).trim();
  const m = DATE_TEXT.exec(s) ?? DATE_COMPACT.exec(s);
  return m ? `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}` : s;
}

/** `2024/7`, `2024.7`, `2024年7月`, `202407`, a date cell → `2024-07`; anything else unchanged. */
export function normalizeMonth(raw: RawCell): string {
  if (raw instanceof Date) return isoOfDate(raw).slice(0, 7);
  const s = toAscii(cellText(raw)).trim();
  const m = MONTH_TEXT.exec(s) ?? MONTH_COMPACT.exec(s);
  return m ? `${m[1]}-${pad2(m[2]!)}` : s;
}

/** `8,000.00`, `¥8,000`, `￥8,000.00`, `８０００元`, a number cell → `8000.00`; anything else unchanged. */
export function normalizeMoney(raw: RawCell): string {
  if (typeof raw === "number") {
    const cents = Math.round(raw * 100);
    return Math.abs(raw * 100 - cents) < 1e-6 ? (cents / 100).toFixed(2) : String(raw);
  }
  return plainYuanText(cellText(raw));
}

function normalizeRate(raw: RawCell): string {
  return toAscii(cellText(raw)).replace(/\uffe5/g, "¥").replace(/\s+/g, "");
}

function normalizeMonths(raw: RawCell): string {
  const s = toAscii(cellText(raw)).replace(/、/g, ";").trim();
  if (s === "") return s;
  return s
    .split(";")
    .map((p) => normalizeMonth(p))
    .join(";");
}

/** The identity types HR writes in Chinese → their SPEC names. */
function normalizeIdType(raw: RawCell): string {
  const s = toAscii(cellText(raw)).trim();
  return ID_TYPE_LABELS[s] ?? s;
}

type CellProblem = { code: ImportErrorCode; message: string; params: Record<string, MsgParam> };

const CURE = "Excel keeps 15 digits: format the column as text and re-enter the numbers";

/** An identity number cell: its text, or the damage Excel did to it. */
export function normalizeIdNumber(raw: RawCell, idType: string): { value: string; problem?: CellProblem } {
  if (typeof raw === "number") {
    const shown = raw >= 1e15 ? raw.toExponential(5).toUpperCase().replace("E+", "E+") : String(raw);
    return { value: String(raw), problem: { code: "idNumericCell", message: `"${shown}" is a number cell, not text (${CURE})`, params: { value: shown } } };
  }
  const value = toAscii(cellText(raw)).trim();
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(value)) return { value, problem: { code: "idScientific", message: `"${value}" is in scientific notation (${CURE})`, params: { value } } };
  if ((idType === "" || idType === "resident_id") && /^\d{15}000$/.test(value) && !checkResidentId(value).ok)
    return { value, problem: { code: "idTruncated", message: `"${value}" ends in 000 and fails the check character (${CURE})`, params: { value } } };
  return { value };
}

const NORMALIZERS: Record<Exclude<ColumnType, "id">, (raw: RawCell) => string> = {
  text: (raw) => cellText(raw).trim(),
  code: (raw) => toAscii(cellText(raw)).trim(),
  int: (raw) => toAscii(cellText(raw)).trim(),
  date: normalizeDate,
  month: normalizeMonth,
  months: normalizeMonths,
  money: normalizeMoney,
  rate: normalizeRate,
  idType: normalizeIdType,
};

// ---------- the table ----------

/** Resolve the header row: a mapping the user chose first, then the names and labels. */
export function resolveHeader(kind: ImportKind, cells: readonly RawCell[], mapping: ColumnMapping = {}): HeaderCell[] {
  return cells.map((raw) => {
    const original = cellText(raw).trim();
    const mapped = Object.hasOwn(mapping, original) ? mapping[original] : undefined;
    if (mapped === IGNORE) return { original, ignored: true };
    if (mapped) return { original, column: mapped };
    const column = resolveHeaderCell(kind, original);
    return column ? { original, column } : { original };
  });
}

/** Whether a row is a second header row (the templates' English names under the Chinese labels). */
function isHeaderRepeat(kind: ImportKind, header: readonly HeaderCell[], cells: readonly RawCell[]): boolean {
  let named = 0;
  for (let i = 0; i < cells.length; i++) {
    const text = cellText(cells[i]!).trim();
    if (text === "") continue;
    const h = header[i];
    if (!h?.column || resolveHeaderCell(kind, text) !== h.column) return false;
    named++;
  }
  return named >= Math.min(2, header.length);
}

/** The template's example row of a kind, by column. */
export function exampleRow(kind: ImportKind): Map<string, string> {
  return new Map(COLUMN_INFO[kind].filter((c) => c.example !== "").map((c) => [c.name, c.example]));
}

export interface TableOptions {
  mapping?: ColumnMapping;
  /** Rows shorter than the header are padded with empty cells (a workbook omits trailing empty cells; a CSV row must be whole). */
  padRows?: boolean;
}

/** The decoded rows of a file → the normalized table of a kind, with the problems found on the way. */
export function importTable(kind: ImportKind, rows: readonly SheetRow[], options: TableOptions = {}): ImportTable {
  if (rows.length === 0) return { table: { header: [], rows: [] }, problems: [], header: [] };
  const headerRow = rows[0]!;
  // A workbook's trailing empty header cells are not columns.
  let width = headerRow.cells.length;
  while (width > 0 && cellText(headerRow.cells[width - 1]!).trim() === "") width--;
  const header = resolveHeader(kind, headerRow.cells.slice(0, width), options.mapping);
  // Columns the user chose to leave out are dropped from every row.
  const kept = header.flatMap((h, i) => (h.ignored ? [] : [i]));
  const dropping = kept.length < header.length;
  const names = kept.map((i) => header[i]!.column ?? header[i]!.original);
  const present = new Set(names);
  const known = IMPORT_COLUMNS[kind];
  const added = COLUMN_INFO[kind].filter((c) => c.optional && known.includes(c.name) && !present.has(c.name)).map((c) => c.name);
  const infos: (ColumnInfo | undefined)[] = names.map((n) => COLUMN_INFO[kind].find((c) => c.name === n));
  const idTypeAt = names.indexOf("id_type");
  const example = exampleRow(kind);
  const problems: ImportError[] = [];
  const out: CsvTable["rows"] = [];

  let start = 1;
  if (rows.length > 1 && isHeaderRepeat(kind, header, rows[1]!.cells)) start = 2;

  for (let r = start; r < rows.length; r++) {
    const { line, cells: fileCells } = rows[r]!;
    let raw = dropping ? [...kept.map((i) => fileCells[i] ?? ""), ...fileCells.slice(header.length)] : fileCells;
    if (options.padRows) {
      raw = raw.slice();
      while (raw.length < names.length) raw.push("");
      while (raw.length > names.length && cellText(raw[raw.length - 1]!).trim() === "") raw.pop();
    }
    const idType = idTypeAt >= 0 && raw[idTypeAt] !== undefined ? normalizeIdType(raw[idTypeAt]!) : "";
    const cells: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      const info = infos[i];
      const cell = raw[i]!;
      if (!info) {
        cells.push(cellText(cell));
        continue;
      }
      if (info.type === "id") {
        const id = normalizeIdNumber(cell, idType);
        if (id.problem) problems.push(importProblem(line, info.name, id.problem.code, id.problem.message, id.problem.params));
        cells.push(id.value);
      } else cells.push(NORMALIZERS[info.type](cell));
    }
    for (const _ of added) cells.push("");
    if (example.size > 0 && [...example].every(([col, value]) => {
      const at = names.indexOf(col);
      const info = COLUMN_INFO[kind].find((c) => c.name === col)!;
      return at < 0 || cells[at] === (info.type === "id" ? value : NORMALIZERS[info.type as Exclude<ColumnType, "id">](value));
    }))
      problems.push(importProblem(line, "", "templateExampleRow", "is the template's example row: delete it, or replace it with a real row"));
    out.push({ line, cells });
  }
  return { table: { header: [...names, ...added], rows: out }, problems, header };
}

// ---------- validation ----------

function cellKey(e: ImportError): string {
  return `${e.row}\u0000${e.column}`;
}

/**
 * Validate a normalized table with the kind's validator, merging the problems
 * found on the way in: a cell already refused (an identity number Excel
 * damaged) is not refused a second time.
 */
export function validateTable<K extends ImportKind>(kind: K, t: ImportTable, ctx: ImportContext): ValidationResult<K> {
  const v = validateImport(kind, t.table, ctx);
  if (t.problems.length === 0) return v;
  const taken = new Set(t.problems.map(cellKey));
  const rowsRefused = new Set(t.problems.filter((p) => p.column === "").map((p) => p.row));
  const rest = v.ok ? [] : v.errors.filter((e) => !taken.has(cellKey(e)) && !rowsRefused.has(e.row));
  const errors = [...t.problems, ...rest].sort((a, b) => a.row - b.row);
  return { ok: false, rows: v.rows, errors };
}

/**
 * An identity number may belong to one employee only: the employees of a file
 * checked against each other and against those stored (`owners`: identity
 * number → employee number). Each clash is reported on the file's row, naming
 * the other employee number.
 */
export function duplicateIdentities(records: readonly EmployeeRecord[], owners: ReadonlyMap<string, string>): ImportError[] {
  const inFile = new Map<string, EmployeeRecord>();
  const renumbered = new Set(records.map((r) => r.employeeNo));
  const errors: ImportError[] = [];
  for (const r of records) {
    const earlier = inFile.get(r.idNumber);
    const stored = owners.get(r.idNumber);
    const other = earlier && earlier.employeeNo !== r.employeeNo ? earlier.employeeNo : stored !== undefined && stored !== r.employeeNo && !storedMovesAway(stored, r.idNumber, records, renumbered) ? stored : undefined;
    if (other !== undefined) {
      errors.push(
        importProblem(r.row, "id_number", "duplicateIdNumber", `identity number ${r.idNumber} is also that of employee ${other}; each person has one employee number`, {
          idNumber: r.idNumber,
          other,
        }),
      );
    }
    if (!earlier) inFile.set(r.idNumber, r);
  }
  return errors;
}

/** Whether the stored owner of an identity number gets another one in the same file. */
function storedMovesAway(owner: string, idNumber: string, records: readonly EmployeeRecord[], inFile: ReadonlySet<string>): boolean {
  if (!inFile.has(owner)) return false;
  return records.some((r) => r.employeeNo === owner && r.idNumber !== idNumber);
}

// ---------- the preview ----------

export interface PreviewRows {
  /** SPEC names of the columns shown. */
  columns: string[];
  /** The first records as they will be stored: amounts `¥8,000.00`, dates `YYYY-MM-DD`, identity numbers masked. */
  rows: { line: number; cells: string[] }[];
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());
}

/** The first `n` records of a validated file, cell by cell as the database will hold them, for people to check before confirming. */
export function previewRows(kind: ImportKind, records: readonly { row: number }[], n = 10): PreviewRows {
  const columns = [...IMPORT_COLUMNS[kind]];
  const rows = records.slice(0, n).map((rec) => {
    const r = rec as unknown as Record<string, unknown>;
    const cells = columns.map((col) => {
      const rate = /^(pension|medical|unemployment|work_injury|maternity)_(employer|employee)$/.exec(col);
      if (rate) {
        const rates = r.rates as Record<string, Record<string, Rate>> | undefined;
        const value = rates?.[rate[1]!]?.[rate[2]!];
        return value ? rateText(value, "+") : "";
      }
      const value = r[camel(col)];
      if (value === null || value === undefined) return "";
      if (Array.isArray(value)) return value.join(";");
      const type = COLUMN_INFO[kind].find((c) => c.name === col)?.type;
      if (type === "money" && typeof value === "number") return yuanDisplay(value);
      if (type === "id" && typeof value === "string") return maskId(value);
      return String(value);
    });
    return { line: rec.row, cells };
  });
  return { columns, rows };
}
