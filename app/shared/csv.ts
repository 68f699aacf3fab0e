/**
 * RFC 4180 CSV parsing (UTF-8, optional BOM, CRLF or LF). Pure and shared by
 * the command line and the browser import.
 */

export interface CsvTable {
  header: string[];
  /** Data rows; `line` is the CSV row number (the header is row 1). */
  rows: { line: number; cells: string[] }[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`row ${row}: ${message}`);
  }
}

/** Parse CSV text into records of cells (`delimiter` `\t` for the tab-separated text Excel saves as "Unicode text"). Throws CsvSyntaxError on an unterminated quote. */
export function parseCsvRecords(text: string, delimiter: "," | "\t" = ","): string[][] {
  let s = text;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const records: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  let cellStarted = false;
  const n = s.length;
  while (i < n) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      row.push(cell);
      cell = "";
      cellStarted = false;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      row.push(cell);
      records.push(row);
      row = [];
      cell = "";
      cellStarted = false;
      i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    cell += ch;
    cellStarted = true;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(records.length + 1, "a quoted cell is not closed");
  if (cellStarted || cell !== "" || row.length > 0) {
    row.push(cell);
    records.push(row);
  }
  return records;
}

/** Parse a CSV with a header row; blank lines are skipped. */
export function parseCsv(text: string): CsvTable {
  const records = parseCsvRecords(text);
  const header = (records[0] ?? []).map((h) => h.trim());
  const rows: CsvTable["rows"] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    if (cells.length === 1 && cells[0]!.trim() === "") continue;
    rows.push({ line: r + 1, cells });
  }
  return { header, rows };
}

/** Serialize rows as minimal-quoted CSV (a cell is quoted only when it holds a comma, a quote or a line break). */
export function toCsv(rows: readonly (readonly string[])[], eol = "\n"): string {
  return rows
    .map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))
    .map((l) => l + eol)
    .join("");
}
