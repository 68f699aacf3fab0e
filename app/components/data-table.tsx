import { Link } from "@remix-run/react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";

export interface SortState {
  id: string;
  desc: boolean;
}

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    className?: string;
  }
}

/**
 * One generic table. Sorting, filtering and paging happen on the server from
 * URL search params; sortable headers are links (they work without JavaScript).
 */
export function DataTable<T>({
  data,
  columns,
  sort,
  sortHref,
  empty,
  caption,
  rowKey,
}: {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  sort?: SortState | null;
  sortHref?: (columnId: string) => string;
  empty: string;
  caption?: string;
  rowKey?: (row: T) => string;
}) {
  const { t } = useTranslation();
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    getRowId: rowKey ? (row) => rowKey(row) : undefined,
    state: { sorting: sort ? [sort] : [] },
  });
  return (
    <div className="table-wrap">
      <table className="data-table">
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
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
        <tbody>
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={cell.column.columnDef.meta?.className}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
