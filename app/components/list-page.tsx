/**
 * One list page's body (roster, findings, payments, months, audit log): the
 * filter form (a GET form that carries the table's sort and hidden columns),
 * the table whose state lives in the URL, and the pages under it. A page
 * gives its filter fields, its table and, where it has them, what stands
 * under the table; the page head above stays the page's own.
 */
import { Form, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Pagination } from "./pagination";
import type { SortState } from "./data-table";
import { TableStateFields, UrlDataTable, type UrlDataTableProps } from "./url-table";

export interface ListPageProps<T> {
  /** The filter fields; the form adds the table state and its submit button. */
  filters: ReactNode;
  /** The form is the page's search landmark (`role="search"`). */
  search?: boolean;
  /** The submit button's words (default: Apply) and what stands after it (a reset link). */
  submitLabel?: string;
  formActions?: ReactNode;
  /**
   * The table's state in the URL: the filter form carries it, the table hides these columns and, unless `table.sort`
   * is given, is sorted by it (no sort: the page has its own order control).
   */
  state: { sort?: string; dir?: string; hide: readonly string[] };
  table: Omit<UrlDataTableProps<T>, "sort" | "hide" | "data"> & { sort?: SortState | null; data?: T[] };
  /** Under the table: a total line, or a page's own way through its pages. */
  below?: ReactNode;
  /** Numbered pages; none where the page pages by other means (the audit log). */
  pages?: { page: number; pageCount: number; total: number };
  /** One page of a loader's paged list: the table's rows and total, and the numbered pages (instead of `table.data`, `table.total` and `pages`). */
  paged?: { rows: T[]; total: number; page: number; pageCount: number };
}

export function ListPage<T>({ filters, search, submitLabel, formActions, state, table, below, pages: numbered, paged }: ListPageProps<T>) {
  const pages = paged ?? numbered;
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <>
      <Form method="get" className="filters" role={search ? "search" : undefined} key={params.toString()}>
        {filters}
        <TableStateFields sort={state.sort} dir={state.dir} hide={state.hide} />
        <button type="submit" className="btn">
          {submitLabel ?? t("common.apply")}
        </button>
        {formActions}
      </Form>
      <UrlDataTable {...table} data={paged?.rows ?? table.data ?? []} total={paged ? paged.total : table.total} sort={table.sort !== undefined ? table.sort : state.sort ? { id: state.sort, desc: state.dir === "desc" } : null} hide={state.hide} />
      {below}
      {pages ? <Pagination page={pages.page} pageCount={pages.pageCount} total={pages.total} /> : null}
    </>
  );
}
