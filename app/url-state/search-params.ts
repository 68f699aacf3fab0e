/** Table state lives in the URL: shared param schemas, paging, and links derived from the current params. */
import { z } from "zod";
import { isValidDate } from "~/rules/dates";

/** `?…` with some params changed (null/empty removes one). */
export function withParams(current: URLSearchParams, changes: Record<string, string | null | undefined>): string {
  const next = new URLSearchParams(current);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") next.delete(k);
    else next.set(k, v);
  }
  const s = next.toString();
  return s ? `?${s}` : "?";
}

/** The link of a sortable header: same column toggles the direction; a new column starts ascending; page 1. */
export function sortHref(current: URLSearchParams, column: string, sort: { id: string; desc: boolean } | null): string {
  const desc = sort?.id === column ? !sort.desc : false;
  return withParams(current, { sort: column, dir: desc ? "desc" : "asc", page: null });
}

/** The page to show (clamped to the last) and where it starts. */
export function pageWindow(total: number, requested: number, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(requested, pageCount);
  return { page, pageCount, offset: (page - 1) * pageSize };
}

/** `?asOf=YYYY-MM-DD`; absent or invalid → undefined (the caller's today). */
export const asOfParam = () => z.string().refine(isValidDate).optional().catch(undefined);

/** `?page=N`, 1 when absent or invalid. */
export const pageParam = () => z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

/**
 * The page of one employer-month: `/months/YYYY-MM?employer=…`, with `keep`'s
 * other params (as-of date, notices) carried over. No employer: the account's
 * first.
 */
export function monthHref(employer: string, period: string, keep?: URLSearchParams | Record<string, string>): string {
  const next = new URLSearchParams(employer ? { employer } : {});
  for (const [k, v] of new URLSearchParams(keep)) if (k !== "period" && k !== "employer") next.append(k, v);
  const s = next.toString();
  return `/months/${encodeURIComponent(period)}${s ? `?${s}` : ""}`;
}
