import type { ReactNode } from "react";

/** A column heading: its text, or its content with a class (`num`, `hide-narrow`, `mono`). */
export type HeadColumn = string | { label: ReactNode; className?: string };

/** The `<thead>` of a plain table (one DataTable does not draw): one `<th scope="col">` per column. */
export function TableHead({ columns }: { columns: readonly HeadColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === "string" ? (
            <th key={i} scope="col">
              {c}
            </th>
          ) : (
            <th key={i} scope="col" className={c.className}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
