/**
 * Reading an import file, the same way on the web and the command line: the
 * bytes decoded (file-decode.server.ts), then the header resolved and the
 * cells normalized for the kind (import-table.ts). The result goes to
 * previewImport / runImport.
 */
import { decodeFile, type FileSource } from "./file-decode.server";
import type { ImportError, ImportKind } from "../shared/import-formats";
import { importTable, type ColumnMapping, type ImportTable } from "../shared/import-table";

export type ReadResult = { ok: true; source: FileSource; input: ImportTable } | { ok: false; errors: ImportError[] };

export interface ReadOptions {
  /** The workbook's sheet (default: the first). */
  sheet?: string;
  /** Headers that match nothing, mapped by the user. */
  mapping?: ColumnMapping;
}

export async function readImportFile(kind: ImportKind, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const decoded = await decodeFile(bytes, { sheet: options.sheet });
  if (!decoded.ok) {
    const p = decoded.problem;
    const error: ImportError = p.params ? { row: p.row ?? 1, column: "", message: p.message, code: p.code, params: p.params } : { row: p.row ?? 1, column: "", message: p.message, code: p.code };
    return { ok: false, errors: [error] };
  }
  const input = importTable(kind, decoded.rows, { mapping: options.mapping, padRows: decoded.source.format === "xlsx" });
  return { ok: true, source: decoded.source, input };
}

/** What a file was read as, in a few words (the audit log, the command line). */
export function sourceText(source: FileSource): string {
  return source.format === "xlsx" ? `xlsx, sheet ${source.sheet}` : `csv ${source.encoding}${source.delimiter === "\t" ? ", tab-separated" : ""}`;
}

/** At most `limit` errors (a broken file must not make a page or a terminal huge), and how many there were. */
export function capErrors<E>(errors: readonly E[], limit = 200, total = errors.length): { errors: E[]; total: number } {
  return { errors: errors.slice(0, limit), total: Math.max(total, errors.length) };
}
