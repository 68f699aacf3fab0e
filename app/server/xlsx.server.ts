/**
 * Streamed `.xlsx` downloads (ADR 0008): exceljs's streaming WorkbookWriter
 * into a pass-through the response reads. Rows are committed in batches and
 * the producer waits while the reader is behind, so memory stays flat however
 * many rows. Typed cells: text (identity numbers, codes: text cells, format
 * `@`), money (fen → a number of yuan with a `¥` format), dates (real dates,
 * `yyyy-mm-dd`), whole numbers. A frozen header and an autofilter.
 */
import { PassThrough, Readable, type Writable } from "node:stream";
import type ExcelJS from "exceljs";

/** `auto` (the table exports, whose cells are CSV text): `1234.56` a money number, `YYYY-MM-DD` a date, anything else text. */
export type XlsxType = "text" | "money" | "date" | "int" | "auto";

export interface XlsxColumn<T> {
  header: string;
  type: XlsxType;
  /** Text; money in fen; a date `YYYY-MM-DD`; a whole number. Null or "" for an empty cell. */
  value: (row: T) => string | number | null;
  width?: number;
  /** A number format for the whole column, e.g. `@` (text) where people will type (templates). Styles cost time per cell: exports leave text cells unstyled. */
  format?: string;
}

export const MONEY_FORMAT = '"¥"#,##0.00';
export const DATE_FORMAT = "yyyy-mm-dd";
const FORMATS: Record<XlsxType, string | undefined> = { text: undefined, money: MONEY_FORMAT, date: DATE_FORMAT, int: undefined, auto: undefined };
const YUAN_RE = /^-?\d+\.\d{2}$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The cell value exceljs writes for a column type. */
export function xlsxCell(type: XlsxType, v: string | number | null): ExcelJS.CellValue {
  if (v === null || v === "") return null;
  switch (type) {
    case "money":
      return typeof v === "number" ? v / 100 : v;
    case "date": {
      const m = typeof v === "string" ? DATE_RE.exec(v) : null;
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
    }
    case "int":
      return typeof v === "number" ? v : /^\d+$/.test(v) ? Number(v) : v;
    case "auto":
      if (typeof v === "string" && YUAN_RE.test(v)) return Number(v);
      return xlsxCell("date", v);
    default:
      return String(v);
  }
}

export interface SheetSpec<T> {
  name: string;
  columns: readonly XlsxColumn<T>[];
  rows: Iterable<T> | AsyncIterable<T>;
  /** Rows above the header (e.g. the templates' Chinese labels above the English names): written as text, frozen with it. */
  headerRows?: readonly (readonly string[])[];
  /** No autofilter (a notes sheet). */
  plain?: boolean;
}

const BATCH = 1000;
/** How far the reader may lag before the writer waits (bytes of compressed output). */
const HIGH_WATER = 4 * 1024 * 1024;

async function waitForReader(out: PassThrough): Promise<void> {
  while (out.readableLength > HIGH_WATER && !out.destroyed) await new Promise((r) => setTimeout(r, 2));
}

/** Write the sheets to a stream as one workbook, row by row. */
export async function writeXlsx(out: PassThrough, sheets: readonly SheetSpec<any>[]): Promise<void> {
  // Loaded on first use: the command line starts without it.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out as unknown as Writable, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  for (const spec of sheets) {
    const extra = spec.headerRows?.length ?? 0;
    const ws = wb.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: extra + 1, xSplit: 0 }] });
    // One style object per column, shared by its cells: exceljs gives every new cell a style object of
    // its own and turns each into XML to find its style id, unless it has seen that very object before
    // (a per-object cache). Shared, a row's cells cost a look-up each instead (the overdue .xlsx: 2× rows/s).
    const shared: Partial<ExcelJS.Style>[] = spec.columns.map((c) => {
      const numFmt = c.format ?? FORMATS[c.type];
      return numFmt ? { numFmt } : {};
    });
    ws.columns = spec.columns.map((c, i) => ({ key: String(i), width: c.width ?? Math.min(40, Math.max(10, c.header.length * 2 + 2)), style: shared[i]! }));
    for (const r of spec.headerRows ?? []) ws.addRow([...r]).commit();
    const head = ws.addRow(spec.columns.map((c) => c.header));
    head.font = { bold: true };
    head.commit();
    if (!spec.plain && spec.columns.length > 0) ws.autoFilter = { from: { row: extra + 1, column: 1 }, to: { row: extra + 1, column: spec.columns.length } };
    let n = 0;
    const money: Partial<ExcelJS.Style> = { numFmt: MONEY_FORMAT };
    const date: Partial<ExcelJS.Style> = { numFmt: DATE_FORMAT };
    const count = spec.columns.length;
    for await (const row of spec.rows) {
      const added = ws.addRow(spec.columns.map((c) => xlsxCell(c.type, c.value(row))));
      for (let i = 0; i < count; i++) {
        const cell = added.getCell(i + 1);
        if (spec.columns[i]!.type === "auto") cell.style = typeof cell.value === "number" ? money : cell.value instanceof Date ? date : shared[i]!;
        else cell.style = shared[i]!;
      }
      added.commit();
      if (++n % BATCH === 0) {
        await new Promise((r) => setImmediate(r));
        await waitForReader(out);
      }
    }
    ws.commit();
  }
  await wb.commit();
}

/** The workbook as a Node stream (the command line pipes it to standard output). */
export function xlsxStream(sheets: readonly SheetSpec<any>[]): PassThrough {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  writeXlsx(out, sheets).catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/** A streamed `.xlsx` attachment (server.mjs marks every response `no-store`). */
export function xlsxAttachment(filename: string, sheets: readonly SheetSpec<any>[]): Response {
  const body = Readable.toWeb(xlsxStream(sheets)) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    },
  });
}

/** The whole workbook in memory (templates, tests). */
export async function xlsxBuffer(sheets: readonly SheetSpec<any>[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = xlsxStream(sheets);
  for await (const c of out) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
