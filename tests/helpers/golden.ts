/**
 * Golden cases (tests/fixtures/cases, copied from the rule book's cases/):
 * listing, reading the expected reports, and normalizing a report for comparison
 * (every column but `detail`, no BOM, LF, minimal quoting).
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, parseCsvRecords, toCsv } from "~/shared/csv";
import { IMPORT_KINDS } from "~/shared/import-formats";

export const CASES_DIR = join(import.meta.dirname, "..", "fixtures", "cases");

export interface GoldenCase {
  name: string;
  dir: string;
  asOfDates: string[];
}

export function goldenCases(): GoldenCase[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(CASES_DIR, d.name);
      const asOfDates = readdirSync(join(dir, "expected"))
        .map((f) => /^findings-(\d{4}-\d{2}-\d{2})\.csv$/.exec(f)?.[1])
        .filter((x): x is string => !!x)
        .sort();
      return { name: d.name, dir, asOfDates };
    });
}

export function expectedReport(c: GoldenCase, asOf: string): string {
  return readFileSync(join(c.dir, "expected", `findings-${asOf}.csv`), "utf8");
}

/** Drop `detail`, strip the BOM, undo the formula prefix? No: the prefix stays (it is part of the report). */
export function normalizeReport(csv: string): string {
  const records = parseCsvRecords(csv).filter((r) => !(r.length === 1 && r[0] === ""));
  const header = records[0] ?? [];
  const keep = header.map((h, i) => (h === "detail" ? -1 : i)).filter((i) => i >= 0);
  return toCsv(records.map((r) => keep.map((i) => r[i] ?? "")));
}

/** The README's load order is the order of the import kinds. */
export const LOAD_ORDER = IMPORT_KINDS;

/** The case's import files in load order, skipping absent or header-only files. */
export function caseFiles(c: GoldenCase): { kind: (typeof LOAD_ORDER)[number]; path: string }[] {
  return LOAD_ORDER.map((kind) => ({ kind, path: join(c.dir, `${kind}.csv`) })).filter(
    (f) => existsSync(f.path) && parseCsv(readFileSync(f.path, "utf8")).rows.length > 0,
  );
}

export function caseStatements(c: GoldenCase): { employerCode: string; employeeNo: string; period: string; issuedOn: string }[] {
  const p = join(c.dir, "statements.csv");
  if (!existsSync(p)) return [];
  const t = parseCsv(readFileSync(p, "utf8"));
  const ix = (n: string) => t.header.indexOf(n);
  return t.rows.map((r) => ({
    employerCode: r.cells[ix("employer_code")] ?? "",
    employeeNo: r.cells[ix("employee_no")] ?? "",
    period: r.cells[ix("period")] ?? "",
    issuedOn: r.cells[ix("issued_on")] ?? "",
  }));
}
