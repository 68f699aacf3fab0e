import { Link } from "@remix-run/react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface SortState {
  id: string;
  desc: boolean;
}

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    className?: string;
    /** The cell names its row (`<th scope="row">`), as the first column of a small table of figures does. */
    rowHeader?: boolean;
  }
}

/** A column's id as TanStack derives it: `id`, else the accessor key. */
export function columnId<T>(column: ColumnDef<T, unknown>): string {
  if (column.id) return column.id;
  const key = (column as { accessorKey?: unknown }).accessorKey;
  return typeof key === "string" ? key : "";
}

/** The rows of the body: which one holds the tab stop, and the keys that move it. */
function focusRow(body: HTMLElement, index: number) {
  const rows = body.querySelectorAll<HTMLTableRowElement>(":scope > tr[data-row]");
  if (rows.length === 0) return;
  const i = Math.max(0, Math.min(rows.length - 1, index));
  rows[i]!.focus();
}

/**
 * One generic table. Sorting, filtering and paging happen on the server from
 * URL search params; sortable headers are links (they work without
 * JavaScript). The header sticks to the top of its scroll box; hidden
 * columns come from the URL (`hide=`); the body's rows are one tab stop
 * (roving tabindex): ↑/↓, Home/End move between rows, Enter follows the
 * row's primary link (`data-primary`, else its first link).
 */
export interface DataTableProps<T> {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  sort?: SortState | null;
  sortHref?: (columnId: string) => string;
  empty: string;
  caption?: string;
  rowKey?: (row: T) => string;
  /** Column ids not shown. */
  hidden?: readonly string[];
  /** When filters are set: the link that clears them, shown with the empty state. */
  clearFiltersHref?: string | null;
  testId?: string;
  /** The caption is shown (a small table's title), not only read out. */
  captionVisible?: boolean;
  /** A small table inside a card or a cell: tighter cells, no frame of its own. */
  compact?: boolean;
  /** Its frame: a scroll box with a sticky header (a list; the default), a plain box (a document's table), none (compact's default). */
  frame?: "scroll" | "plain" | "none";
  /** The rows of a `<tfoot>` (totals), shown under the body. */
  footer?: ReactNode;
  /** `data-*` attributes of a body row (what tests and styles find a row by). */
  rowAttributes?: (row: T) => Record<`data-${string}`, string>;
}

export function DataTable<T>({ data, columns, sort, sortHref, empty, caption, rowKey, hidden, clearFiltersHref, testId, captionVisible, compact, frame = compact ? "none" : "scroll", footer, rowAttributes }: DataTableProps<T>) {
  const { t } = useTranslation();
  const [active, setActive] = useState(0);
  const columnVisibility = Object.fromEntries((hidden ?? []).map((id) => [id, false]));
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    getRowId: rowKey ? (row) => rowKey(row) : undefined,
    state: { sorting: sort ? [sort] : [], columnVisibility },
  });
  const rows = table.getRowModel().rows;
  const current = Math.min(active, Math.max(0, rows.length - 1));

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const row = event.target as HTMLElement;
    // Only when the row itself has the focus: keys inside a cell's link or form are theirs.
    // And only a row of this body: a table inside a cell moves its own rows.
    const body = event.currentTarget;
    if (row.tagName !== "TR" || !row.hasAttribute("data-row") || row.parentElement !== body) return;
    const index = Number(row.dataset.row);
    const last = rows.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: last,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(body, moves[event.key]!);
    } else if (event.key === "Enter") {
      const link = row.querySelector<HTMLAnchorElement>("a[data-primary]") ?? row.querySelector<HTMLAnchorElement>("a[href]");
      if (link) {
        event.preventDefault();
        link.click();
      }
    }
  }

  const table_ = (
    <table className={compact ? "data-table compact" : "data-table"} data-testid={testId}>
      {caption ? <caption className={captionVisible ? undefined : "visually-hidden"}>{caption}</caption> : null}
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const sortable = sortHref && header.column.columnDef.enableSorting === true;
              const content = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
              return (
                <th
                  key={header.id}
                  scope="col"
                  data-column={header.column.id}
                  className={header.column.columnDef.meta?.className}
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                >
                  {sortable ? (
                    <Link to={sortHref(header.column.id)} className="sort-link" preventScrollReset>
                      {content}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                      </span>
                      {sorted ? <span className="visually-hidden">{t(sorted === "asc" ? "common.sortAscending" : "common.sortDescending")}</span> : null}
                    </Link>
                  ) : (
                    content
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody onKeyDown={onKeyDown}>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={Math.max(1, table.getVisibleLeafColumns().length)} className="empty">
              {empty}
              {clearFiltersHref ? (
                <span className="empty-hint">
                  {t("tables.emptyFiltered")}{" "}
                  <Link to={clearFiltersHref} preventScrollReset>
                    {t("tables.clearFilters")}
                  </Link>
                </span>
              ) : null}
            </td>
          </tr>
        ) : (
          rows.map((row, i) => (
            <tr key={row.id} {...rowAttributes?.(row.original)} data-row={i} tabIndex={i === current ? 0 : -1} onFocus={(e) => (e.target === e.currentTarget ? setActive(i) : undefined)}>
              {row.getVisibleCells().map((cell) => {
                const meta = cell.column.columnDef.meta;
                const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                return meta?.rowHeader ? (
                  <th key={cell.id} scope="row" className={meta.className}>
                    {content}
                  </th>
                ) : (
                  <td key={cell.id} className={meta?.className}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))
        )}
      </tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </table>
  );
  return frame === "none" ? table_ : <div className={frame === "scroll" ? "table-wrap table-scroll" : "table-wrap"}>{table_}</div>;
}
