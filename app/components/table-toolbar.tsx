import { Form, useMatches, useSearchParams } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { exportHref } from "~/url-state/table-view";
import { columnId } from "./data-table";

export interface ColumnChoice {
  id: string;
  label: string;
}

/** The columns a menu can show or hide: those with an id and a text header. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function columnChoices<T>(columns: ColumnDef<T, any>[]): ColumnChoice[] {
  return columns.flatMap((c) => {
    const id = columnId(c);
    return id && typeof c.header === "string" ? [{ id, label: c.header }] : [];
  });
}

/** Params the columns form must not carry over: its own, and the page (a new view starts at its first page). */
const OWN = new Set(["hide", "columns", "show", "page", "format", "done"]);

/**
 * Above a data table: the result count, the columns menu (a GET form, so it
 * works without JavaScript; the loader turns it into `?hide=…`) and the CSV
 * export of the current view (same filters, sort and columns, every page).
 */
export function TableToolbar({ total, columns, hidden, exportable = true }: { total?: number | null; columns: ColumnChoice[]; hidden: readonly string[]; exportable?: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const matches = useMatches();
  const routeId = matches.at(-1)?.id ?? "";
  const keep = [...params].filter(([k]) => !OWN.has(k));
  return (
    <div className="table-toolbar">
      {total !== undefined && total !== null ? (
        <span className="muted table-count" data-testid="table-count">
          {t("common.resultCount", { count: total })}
        </span>
      ) : null}
      <details className="columns-menu">
        <summary className="btn btn-ghost btn-small">{t("tables.columns")}</summary>
        <Form method="get" className="columns-form" preventScrollReset key={params.toString()}>
          <fieldset>
            <legend className="visually-hidden">{t("tables.columnsLegend")}</legend>
            {keep.map(([k, v], i) => (
              <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
            ))}
            <input type="hidden" name="columns" value="1" />
            {/* Named by `title`, not a <label>: the filters above use the same words as labels. */}
            {columns.map((c) => (
              <span key={c.id} className="check">
                <input
                  type="checkbox"
                  id={`show-${c.id}`}
                  name="show"
                  value={c.id}
                  title={c.label}
                  defaultChecked={!hidden.includes(c.id)}
                  onChange={(e) => e.currentTarget.form?.requestSubmit()}
                />
                <span aria-hidden="true">{c.label}</span>
              </span>
            ))}
          </fieldset>
          <button type="submit" className="btn btn-small">
            {t("tables.applyColumns")}
          </button>
        </Form>
      </details>
      {exportable ? (
        <a className="btn btn-ghost btn-small" href={exportHref(params, routeId)} download>
          {t("tables.exportCsv")}
        </a>
      ) : null}
      {exportable ? (
        <a className="btn btn-ghost btn-small" href={exportHref(params, routeId, "xlsx")} download>
          {t("files.ui.exportXlsx")}
        </a>
      ) : null}
    </div>
  );
}
