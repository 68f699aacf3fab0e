/**
 * A data table whose state lives in the URL (roster, findings, months,
 * payments, audit log): the toolbar above it (count, columns menu, CSV export),
 * sort links that keep the other params, the hidden columns, and the empty
 * state's link that clears the filters. Plus the hidden fields a page's filter
 * form carries so that applying filters keeps the sort and the hidden columns.
 */
import { useSearchParams } from "@remix-run/react";
import { sortHref } from "~/url-state/search-params";
import { clearFiltersHref, hasFilters } from "~/url-state/table-view";
import { DataTable, type DataTableProps, type SortState } from "./data-table";
import { columnChoices, TableToolbar } from "./table-toolbar";

export function TableStateFields({ sort, dir, hide }: { sort?: string; dir?: string; hide: readonly string[] }) {
  return (
    <>
      {sort !== undefined ? <input type="hidden" name="sort" value={sort} /> : null}
      {dir !== undefined ? <input type="hidden" name="dir" value={dir} /> : null}
      {hide.length ? <input type="hidden" name="hide" value={hide.join(",")} /> : null}
    </>
  );
}

export type UrlDataTableProps<T> = Omit<DataTableProps<T>, "sortHref" | "hidden" | "clearFiltersHref" | "sort"> & {
  /** The number of matching rows (the toolbar's count); none for the audit log. */
  total?: number | null;
  sort: SortState | null;
  hide: readonly string[];
  /** The params sort links start from (default: the current ones). */
  sortParams?: URLSearchParams;
};

export function UrlDataTable<T>({ total, sort, hide, sortParams, ...table }: UrlDataTableProps<T>) {
  const [params] = useSearchParams();
  return (
    <>
      <TableToolbar total={total} columns={columnChoices(table.columns)} hidden={hide} />
      <DataTable
        {...table}
        sort={sort}
        sortHref={(id) => sortHref(sortParams ?? params, id, sort)}
        hidden={hide}
        clearFiltersHref={hasFilters(params) ? clearFiltersHref(params) : null}
      />
    </>
  );
}
