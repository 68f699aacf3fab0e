/**
 * CSV of a table's current view (the same filters and sort, every matching
 * row, the visible columns): UTF-8 with a BOM, CRLF, RFC 4180 quoting and
 * formula escaping, the cell rules of the SPEC §7 reports (`~/rules/report`).
 * Pure; the route streams the chunks.
 */
import { BOM, csvLine } from "~/rules/report";

export interface CsvColumn<T> {
  id: string;
  /** The header cell (the reader's language). */
  label: string;
  /** The cell: plain text, amounts in yuan with two decimals, dates `YYYY-MM-DD`. */
  value: (row: T) => string;
  /** In the `.xlsx` export: a text cell whatever it looks like (identity numbers, codes); else amounts and dates are typed. */
  text?: boolean;
}

/** The columns not hidden, in their order. */
export function visibleColumns<C extends { id: string }>(columns: readonly C[], hidden: readonly string[]): C[] {
  return columns.filter((c) => !hidden.includes(c.id));
}

/** Rows turned into CSV text a batch at a time: the header first, then a chunk every `batch` rows. */
function csvBatcher<T>(columns: readonly CsvColumn<T>[], batch: number) {
  let buf = "";
  let n = 0;
  return {
    header: () => BOM + csvLine(columns.map((c) => c.label)),
    /** The chunk that `row` completes, if it completes one. */
    push(row: T): string | null {
      buf += csvLine(columns.map((c) => c.value(row)));
      if (++n % batch !== 0) return null;
      const out = buf;
      buf = "";
      return out;
    },
    rest: () => buf,
  };
}

/** BOM and header first, then the rows 500 at a time, so a server can stream them. */
export function* csvChunks<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>, batch = 500): Generator<string> {
  const b = csvBatcher(columns, batch);
  yield b.header();
  for (const row of rows) {
    const chunk = b.push(row);
    if (chunk !== null) yield chunk;
  }
  if (b.rest()) yield b.rest();
}

/** `csvChunks` over rows read from the database as they come (an async iterable). */
export async function* csvChunksAsync<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T> | AsyncIterable<T>, batch = 500): AsyncGenerator<string> {
  const b = csvBatcher(columns, batch);
  yield b.header();
  for await (const row of rows) {
    const chunk = b.push(row);
    if (chunk !== null) yield chunk;
  }
  if (b.rest()) yield b.rest();
}

export function csvText<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let s = "";
  for (const chunk of csvChunks(columns, rows)) s += chunk;
  return s;
}
