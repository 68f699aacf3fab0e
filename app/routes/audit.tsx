import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListPage } from "~/components/list-page";
import type { CsvColumn } from "~/shared/table-csv";
import { Field, SelectField } from "~/components/field";
import { auditEntries, auditFacets, auditPage } from "~/models/audit-browse.server";
import { isValidDate } from "~/rules/dates";
import { requirePermission, scopeOf } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { forbidden } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { withParams } from "~/url-state/search-params";
import { tableQuery, throwExportIfAsked } from "~/server/table-export.server";
import { hideParam } from "~/url-state/table-view";
import { today } from "~/server/clock.server";
import { PageHead } from "~/components/page-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.audit.title");

const text = () => z.string().trim().max(100).catch("").default("");
const date = () => z.string().refine(isValidDate).optional().catch(undefined);
const id = () => z.coerce.number().int().positive().optional().catch(undefined);

/** Every column of the log (the ids of `?hide=`). */
const AUDIT_COLUMNS = ["at", "actor", "action", "entity", "entityId", "before", "after"] as const;

const AuditQuerySchema = z.object({
  entity: text(),
  action: text(),
  actor: text(),
  from: date(),
  to: date(),
  before: id(),
  after: id(),
  /** Time is the one order: newest first unless asked otherwise. */
  sort: z.enum(["at"]).catch("at").default("at"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  hide: hideParam(AUDIT_COLUMNS),
});

type AuditRow = Awaited<ReturnType<typeof auditPage>>["rows"][number];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "audit:read");
  // The log covers every employer: an account limited to employers does not read it.
  if (await scopeOf(user)) throw forbidden();
  const query = tableQuery(request, AUDIT_COLUMNS, AuditQuerySchema);
  await throwExportIfAsked(request, `audit-log-${today()}`, auditCsvColumns, query.hide, () => auditEntries(db, query));
  return json({ query, facets: await auditFacets(db), ...await auditPage(db, query) });
}

function auditCsvColumns(t: (key: string) => string): CsvColumn<AuditRow>[] {
  return [
    { id: "at", label: t("workflows.audit.at"), value: (r) => r.at },
    { id: "actor", label: t("workflows.fields.actor"), value: (r) => r.actor },
    { id: "action", label: t("workflows.fields.action"), value: (r) => r.action },
    { id: "entity", label: t("workflows.fields.entity"), value: (r) => r.entity },
    { id: "entityId", label: t("workflows.audit.entityId"), value: (r) => r.entityId },
    { id: "before", label: t("workflows.audit.before"), value: (r) => r.before ?? "" },
    { id: "after", label: t("workflows.audit.after"), value: (r) => r.after ?? "" },
  ];
}

const col = createColumnHelper<AuditRow>();

function auditColumns(t: TFunction) {
  const json = (v: string | null) => (v ? <pre className="json">{v}</pre> : t("common.none"));
  return [
    col.accessor("at", { header: t("workflows.audit.at"), enableSorting: true, cell: (c) => c.getValue().replace("T", " ").slice(0, 19), meta: { className: "nowrap mono" } }),
    col.accessor("actor", { header: t("workflows.fields.actor") }),
    col.accessor("action", { header: t("workflows.fields.action"), meta: { className: "mono" } }),
    col.accessor("entity", { header: t("workflows.fields.entity"), meta: { className: "mono" } }),
    col.accessor("entityId", { header: t("workflows.audit.entityId"), cell: (c) => c.getValue() || t("common.none"), meta: { className: "mono" } }),
    col.accessor("before", { header: t("workflows.audit.before"), cell: (c) => json(c.getValue()) }),
    col.accessor("after", { header: t("workflows.audit.after"), cell: (c) => json(c.getValue()) }),
  ];
}

export default function AuditPage() {
  const { query, facets, rows, olderThan, newerThan } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const any = t("workflows.audit.any");
  // A new order starts from its first page.
  const fromStart = new URLSearchParams(params);
  fromStart.delete("before");
  fromStart.delete("after");
  const older =
    olderThan !== null ? (
      <Link key="older" className="btn btn-ghost" to={withParams(params, { before: String(olderThan), after: null })} rel={query.dir === "desc" ? "next" : "prev"}>
        {t("workflows.audit.older")}
      </Link>
    ) : null;
  const newer =
    newerThan !== null ? (
      <Link key="newer" className="btn btn-ghost" to={withParams(params, { after: String(newerThan), before: null })} rel={query.dir === "desc" ? "prev" : "next"}>
        {t("workflows.audit.newer")}
      </Link>
    ) : null;
  return (
    <>
      <PageHead title={t("workflows.audit.title")} intro={t("workflows.audit.intro")} />
      <ListPage
        filters={
          <>
            <SelectField label={t("workflows.fields.entity")} name="entity" defaultValue={query.entity}>
              <option value="">{any}</option>
              {facets.entities.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </SelectField>
            <SelectField label={t("workflows.fields.action")} name="action" defaultValue={query.action}>
              <option value="">{any}</option>
              {facets.actions.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </SelectField>
            <SelectField label={t("workflows.fields.actor")} name="actor" defaultValue={query.actor}>
              <option value="">{any}</option>
              {facets.actors.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </SelectField>
            <Field label={t("workflows.fields.from")} name="from" type="date" defaultValue={query.from ?? ""} />
            <Field label={t("workflows.fields.to")} name="to" type="date" defaultValue={query.to ?? ""} />
            <SelectField label={t("tables.sort")} name="dir" defaultValue={query.dir}>
              <option value="desc">{t("tables.audit.newestFirst")}</option>
              <option value="asc">{t("tables.audit.oldestFirst")}</option>
            </SelectField>
          </>
        }
        state={{ hide: query.hide }}
        table={{
          data: rows,
          columns: auditColumns(t),
          sort: { id: "at", desc: query.dir === "desc" },
          sortParams: fromStart,
          empty: t("workflows.audit.empty"),
          caption: t("workflows.audit.title"),
          rowKey: (r) => String(r.id),
          testId: "audit",
        }}
        below={
          <nav className="pagination" aria-label={t("workflows.audit.title")}>
            {query.dir === "desc" ? [newer, older] : [older, newer]}
          </nav>
        }
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
