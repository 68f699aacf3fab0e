/**
 * The one decoding path of every import (ADR 0008): the bytes of an uploaded
 * or named file → what it is (an `.xlsx` workbook, or CSV text in UTF-8 with or
 * without BOM, UTF-16 with BOM, or GB18030/GBK) → a table of cells, the header
 * being the first non-blank row. Other kinds of file are named and refused;
 * the limits (20 MB, 200,000 rows, 1,000 columns) are checked before anything
 * is validated. No database; exceljs reads workbooks, `TextDecoder` text.
 *
 * Cells keep what the file knows about them: a workbook's number cell stays a
 * number and its date cell a Date (UTC midnight of the day shown), so the
 * columns' normalization (import-table.ts) can tell Excel's damage from text.
 */
import type ExcelJS from "exceljs";
import { parseCsvRecords, CsvSyntaxError } from "../shared/csv";
import type { FileErrorCode, MsgParam } from "../shared/messages";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 200_000;
export const MAX_COLUMNS = 1_000;
/** The inflated size a workbook may have (a 20 MB ZIP can hide gigabytes). */
export const MAX_XLSX_INFLATED_BYTES = 400 * 1024 * 1024;

/** A cell as the file holds it: text, or a workbook's number, truth value or date. */
export type RawCell = string | number | boolean | Date;

export interface SheetRow {
  /** The row number in the file (1 = first line or sheet row 1). */
  line: number;
  cells: RawCell[];
}

export type CsvEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "gb18030";

export type FileSource =
  | { format: "xlsx"; sheet: string; sheets: string[] }
  | { format: "csv"; encoding: CsvEncoding; delimiter: "," | "\t" };

export interface FileProblem {
  code: FileErrorCode;
  /** The reason in English (command line, logs). */
  message: string;
  params?: Record<string, MsgParam>;
  /** The CSV line of a syntax error. */
  row?: number;
}

export type Decoded = { ok: true; source: FileSource; rows: SheetRow[] } | { ok: false; problem: FileProblem };

export interface DecodeOptions {
  /** The workbook's sheet to read (default: the first). */
  sheet?: string;
}

function problem(code: FileErrorCode, message: string, params?: Record<string, MsgParam>): Decoded {
  return { ok: false, problem: params ? { code, message, params } : { code, message } };
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

/** Whether an ASCII marker occurs in the bytes (ZIP archives store their entry names in clear). */
function contains(bytes: Uint8Array, marker: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker, 0, "latin1");
}

/** What a non-text, non-workbook file is, by its first bytes; undefined for anything that may be text. */
function sniffOther(bytes: Uint8Array): Decoded | undefined {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return problem("fileXls", "the file is an Excel 97–2003 workbook (.xls) or a password-protected workbook: open it in Excel and save it as .xlsx (Excel Workbook) or CSV", {});
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return problem("fileOther", "the file is a PNG picture, not a spreadsheet", { what: "PNG" });
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return problem("fileOther", "the file is a JPEG picture, not a spreadsheet", { what: "JPEG" });
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return problem("fileOther", "the file is a GIF picture, not a spreadsheet", { what: "GIF" });
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return problem("fileOther", "the file is a PDF document, not a spreadsheet", { what: "PDF" });
  if (startsWith(bytes, [0x1f, 0x8b])) return problem("fileOther", "the file is a gzip archive, not a spreadsheet", { what: "gzip" });
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (contains(bytes, "xl/workbook.xml")) return undefined;
    if (contains(bytes, "word/document.xml")) return problem("fileOther", "the file is a Word document (.docx), not a spreadsheet", { what: "Word (.docx)" });
    if (contains(bytes, "ppt/presentation.xml")) return problem("fileOther", "the file is a PowerPoint presentation (.pptx), not a spreadsheet", { what: "PowerPoint (.pptx)" });
    if (contains(bytes, "opendocument.spreadsheet"))
      return problem("fileOds", "the file is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV", {});
    return problem("fileOther", "the file is a ZIP archive, not a spreadsheet (an .xlsx workbook is a ZIP with a workbook inside; this one has none)", { what: "ZIP" });
  }
  return undefined;
}

function isXlsx(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && contains(bytes, "xl/workbook.xml");
}

// ---------- text ----------

/** Decode CSV bytes: a BOM says the encoding; else strict UTF-8, then strict GB18030; else refused. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string; encoding: CsvEncoding } | { ok: false } {
  const strict = (label: string, b: Uint8Array): string | undefined => {
    try {
      return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(b);
    } catch {
      return undefined;
    }
  };
  let text: string | undefined;
  let encoding: CsvEncoding;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = "utf-8-bom";
    text = strict("utf-8", bytes.subarray(3));
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = "utf-16le";
    text = strict("utf-16le", bytes.subarray(2));
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = "utf-16be";
    text = strict("utf-16be", bytes.subarray(2));
  } else {
    encoding = "utf-8";
    text = strict("utf-8", bytes);
    if (text === undefined) {
      encoding = "gb18030";
      text = strict("gb18030", bytes);
    }
  }
  // Control characters other than tab and line ends do not occur in text a spreadsheet writes.
  if (text === undefined || /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return { ok: false };
  return { ok: true, text, encoding };
}

function decodeCsv(bytes: Uint8Array): Decoded {
  const d = decodeText(bytes);
  if (!d.ok)
    return problem("undecodable", "the file is neither a spreadsheet nor text in UTF-8, UTF-16 (with BOM) or GB18030/GBK: save it as .xlsx or \"CSV UTF-8\" and import it again", {});
  const firstLine = d.text.slice(0, d.text.search(/\r|\n|$/));
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  let records: string[][];
  try {
    records = parseCsvRecords(d.text, delimiter);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, problem: { code: "csvSyntax", message: `${e.message.replace(/^row \d+: /, "")} (the file is not valid CSV)`, row: e.row } };
    throw e;
  }
  const rows: SheetRow[] = [];
  let width = 0;
  for (let r = 0; r < records.length; r++) {
    const cells = records[r]!;
    width = Math.max(width, cells.length);
    if (cells.every((c) => c.trim() === "")) continue;
    rows.push({ line: r + 1, cells });
  }
  const limit = checkLimits(rows.length - 1, width);
  if (limit) return limit;
  return { ok: true, source: { format: "csv", encoding: d.encoding, delimiter }, rows };
}

function checkLimits(dataRows: number, columns: number): Decoded | undefined {
  if (columns > MAX_COLUMNS) return problem("tooManyColumns", `the file has ${columns} columns; at most ${MAX_COLUMNS} are read`, { columns, limit: MAX_COLUMNS });
  if (dataRows > MAX_ROWS) return problem("tooManyRows", `the file has ${dataRows} data rows; at most ${MAX_ROWS} are imported at once: split it`, { rows: dataRows, limit: MAX_ROWS });
  return undefined;
}

// ---------- workbooks ----------

/** A workbook cell's value as the file holds it; formulas give their cached result. */
export function xlsxCellValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return "";
      if (typeof result === "object" && !(result instanceof Date) && "error" in result) return String(result.error);
      return xlsxCellValue(result as ExcelJS.CellValue);
    }
    if ("hyperlink" in v) return xlsxCellValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ("error" in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

async function decodeXlsx(bytes: Uint8Array, options: DecodeOptions): Promise<Decoded> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let inflated = 0;
  // Loaded on first use: the command line starts without them (every command module is imported at start).
  const [{ default: JSZip }, { default: Excel }] = await Promise.all([import("jszip"), import("exceljs")]);
  try {
    const zip = await JSZip.loadAsync(buffer);
    for (const entry of Object.values(zip.files)) {
      // JSZip keeps the central directory's sizes on each entry; reading them inflates nothing.
      inflated += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    }
  } catch (e) {
    return problem("badXlsx", `the workbook cannot be read (${(e as Error).message}): open it in Excel and save it again`, { detail: (e as Error).message });
  }
  if (inflated > MAX_XLSX_INFLATED_BYTES)
    return problem("xlsxTooLarge", `the workbook unpacks to ${Math.round(inflated / 1048576)} MB; at most ${MAX_XLSX_INFLATED_BYTES / 1048576} MB are read`, {
      size: Math.round(inflated / 1048576),
      limit: MAX_XLSX_INFLATED_BYTES / 1048576,
    });
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer, { ignoreNodes: ["dataValidations", "conditionalFormatting", "extLst", "drawing", "legacyDrawing", "picture", "hyperlinks"] });
  } catch (e) {
    return problem("badXlsx", `the workbook cannot be read (${(e as Error).message}): open it in Excel and save it again`, { detail: (e as Error).message });
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  if (sheets.length === 0) return problem("badXlsx", "the workbook has no sheet", { detail: "no sheet" });
  const ws = options.sheet ? workbook.getWorksheet(options.sheet) : workbook.worksheets[0];
  if (!ws) return problem("noSheet", `the workbook has no sheet "${options.sheet}" (it has ${sheets.join(", ")})`, { sheet: options.sheet ?? "", sheets: sheets.join(", ") });
  const limit = checkLimits(ws.actualRowCount - 1, ws.columnCount);
  if (limit) return limit;
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: RawCell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(xlsxCellValue(values[i]));
    if (cells.every((c) => typeof c === "string" && c.trim() === "")) return;
    rows.push({ line: rowNumber, cells });
  });
  return { ok: true, source: { format: "xlsx", sheet: ws.name, sheets }, rows };
}

/** Read a file of any supported kind into rows of cells (the header first), or say why not. */
export async function decodeFile(bytes: Uint8Array, options: DecodeOptions = {}): Promise<Decoded> {
  if (bytes.byteLength > MAX_FILE_BYTES)
    return problem("fileTooLarge", `the file has ${(bytes.byteLength / 1048576).toFixed(1)} MB; at most 20 MB are read`, { size: (bytes.byteLength / 1048576).toFixed(1), limit: 20 });
  if (bytes.byteLength === 0) return problem("emptyUpload", "the file is empty", {});
  const other = sniffOther(bytes);
  if (other) return other;
  if (isXlsx(bytes)) return decodeXlsx(bytes, options);
  return decodeCsv(bytes);
}
