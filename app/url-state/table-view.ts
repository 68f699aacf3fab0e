/**
 * What a data table shows, in the URL (shareable, back button, no JavaScript
 * needed): `hide=col1,col2` for the hidden columns, `format=csv` for the
 * export of the current view. Shared by loaders and components.
 */
import { z } from "zod";
import { withParams } from "./search-params";

/** `?hide=a,b`: known column ids only, deduplicated, in the table's order. */
export function parseHidden(value: string | null | undefined, known: readonly string[]): string[] {
  if (!value) return [];
  const asked = new Set(value.split(",").map((s) => s.trim()));
  return known.filter((id) => asked.has(id));
}

/** A zod field for `hide`, bound to a table's column ids. */
export const hideParam = (known: readonly string[]) =>
  z
    .string()
    .max(1000)
    .optional()
    .catch(undefined)
    .transform((v) => parseHidden(v, known));

/** The params that only move through pages or only ask for the export: not filters. */
const NOT_FILTERS = new Set(["sort", "dir", "page", "hide", "format", "before", "after", "asOf", "done"]);

/** Whether any filter is set (for the empty state's "clear the filters" hint). */
export function hasFilters(params: URLSearchParams, ignore: readonly string[] = []): boolean {
  for (const [k, v] of params) if (v !== "" && !NOT_FILTERS.has(k) && !ignore.includes(k)) return true;
  return false;
}

/** The link to the same view without its filters: sort, hidden columns and as-of date kept. */
export function clearFiltersHref(params: URLSearchParams, keep: readonly string[] = []): string {
  const next = new URLSearchParams();
  for (const [k, v] of params) if ((NOT_FILTERS.has(k) && k !== "page" && k !== "before" && k !== "after" && k !== "format" && k !== "done") || keep.includes(k)) next.set(k, v);
  const s = next.toString();
  return s ? `?${s}` : "?";
}

/**
 * The CSV export of the current view: same filters, sort and columns, every
 * page. It is the page's own loader answering `format=csv`, asked as a Remix
 * data request (`_data=<route id>`) so the loader's Response reaches the
 * browser as it is (a document request would render the page around it).
 */
export function exportHref(params: URLSearchParams, routeId: string, format: "csv" | "xlsx" = "csv"): string {
  return withParams(params, { format, page: null, before: null, after: null, done: null, columns: null, show: null, _data: routeId });
}

/** The link that shows or hides one column (the columns menu without JavaScript uses a form instead). */
export function hideHref(params: URLSearchParams, hidden: readonly string[]): string {
  return withParams(params, { hide: hidden.length ? hidden.join(",") : null });
}
