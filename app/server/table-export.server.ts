/**
 * Server side of the data tables: the columns menu's form answered with a
 * redirect to `?hide=…`, and the CSV export of the current view streamed as
 * an attachment (server.mjs marks every response `no-store`).
 */
import { redirect } from "@remix-run/node";
import type { z } from "zod";
import { csvChunksAsync, visibleColumns, type CsvColumn } from "~/shared/table-csv";
import { translate } from "~/locales";
import { csvAttachment } from "./csv-response.server";
import { xlsxAttachment, type SheetSpec } from "./xlsx.server";
import { i18nServer } from "./i18n.server";
import { parseSearchParams } from "./http.server";

/**
 * The columns menu submits `columns=1&show=a&show=b` (a plain GET form, so it
 * works without JavaScript); answer with the same view and `hide=` the others.
 */
export function columnsFormRedirect(request: Request, known: readonly string[]): void {
  const url = new URL(request.url);
  if (url.searchParams.get("columns") !== "1") return;
  const shown = new Set(url.searchParams.getAll("show"));
  const hidden = known.filter((id) => !shown.has(id));
  const next = new URLSearchParams(url.search);
  next.delete("columns");
  next.delete("show");
  if (hidden.length) next.set("hide", hidden.join(","));
  else next.delete("hide");
  const s = next.toString();
  throw redirect(`${url.pathname}${s ? `?${s}` : ""}`);
}

/** A table page's query: the columns menu's form answered first (a redirect to `?hide=…`), then the search params read with `schema`. */
export function tableQuery<S extends z.ZodTypeAny>(request: Request, known: readonly string[], schema: S): z.output<S> {
  columnsFormRedirect(request, known);
  return parseSearchParams(request, schema);
}

/** `?format=csv` or `?format=xlsx`: the export of the current view was asked for. */
export function wantsCsv(request: Request): boolean {
  const format = new URL(request.url).searchParams.get("format");
  return format === "csv" || format === "xlsx";
}

/** The export the request asks for (`format=xlsx`, else CSV), named `<base>.csv` or `<base>.xlsx`. */
export function exportResponse<T>(request: Request, base: string, columns: readonly CsvColumn<T>[], hidden: readonly string[], rows: Iterable<T> | AsyncIterable<T>): Response {
  if (new URL(request.url).searchParams.get("format") !== "xlsx") return csvResponse(`${base}.csv`, columns, hidden, rows);
  const shown = visibleColumns(columns, hidden);
  const sheet: SheetSpec<T> = {
    name: base.slice(0, 31),
    columns: shown.map((c) => ({ header: c.label, type: c.text ? "text" : "auto", value: c.value })),
    rows,
  };
  return xlsxAttachment(`${base}.xlsx`, [sheet]);
}

/**
 * When the request asks for the export of the current view, throw it (see csvResponse): the columns labelled in the
 * reader's language, the rows read only then.
 */
export async function throwExportIfAsked<T>(
  request: Request,
  base: string,
  columns: (t: (key: string) => string) => readonly CsvColumn<T>[],
  hidden: readonly string[],
  rows: () => Iterable<T> | AsyncIterable<T>,
): Promise<void> {
  if (!wantsCsv(request)) return;
  throw exportResponse(request, base, columns(await csvTranslator(request)), hidden, rows());
}

/** Header labels in the reader's language. */
export async function csvTranslator(request: Request): Promise<(key: string) => string> {
  const lng = await i18nServer.getLocale(request);
  return (key) => translate(lng, key);
}

/**
 * The CSV as a streamed attachment. Loaders *throw* it: a data request
 * (`_data=<route id>`, which the export link carries) hands a thrown Response
 * back as it is, and the loader's data type stays the page's.
 */
export function csvResponse<T>(filename: string, columns: readonly CsvColumn<T>[], hidden: readonly string[], rows: Iterable<T> | AsyncIterable<T>): Response {
  return csvAttachment(filename, csvChunksAsync(visibleColumns(columns, hidden), rows));
}
