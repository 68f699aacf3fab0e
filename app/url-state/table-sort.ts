/** Sorting lists that are computed, not queried (findings, employer-months): pure and stable. */

export type SortValue = string | number | null | undefined;

/**
 * A copy of `rows` ordered by `key`, ascending or descending; empty values
 * (null, undefined) last in either direction; ties keep their order.
 */
export function sortedBy<T>(rows: readonly T[], key: (row: T) => SortValue, desc: boolean): T[] {
  const keyed = rows.map((row, i) => ({ row, i, k: key(row) }));
  keyed.sort((a, b) => {
    const an = a.k === null || a.k === undefined;
    const bn = b.k === null || b.k === undefined;
    if (an || bn) return an && bn ? a.i - b.i : an ? 1 : -1;
    const c = a.k! < b.k! ? -1 : a.k! > b.k! ? 1 : 0;
    return c === 0 ? a.i - b.i : desc ? -c : c;
  });
  return keyed.map((k) => k.row);
}

/** One page of a list: the page asked for, clamped to the last. */
export function pageOf<T>(rows: readonly T[], requested: number, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(Math.max(1, requested), pageCount);
  const offset = (page - 1) * pageSize;
  return { rows: rows.slice(offset, offset + pageSize), total: rows.length, page, pageCount };
}
