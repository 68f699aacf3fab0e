/** Table state lives in the URL: helpers to derive links from the current search params. */

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

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
