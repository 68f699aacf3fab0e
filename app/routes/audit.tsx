import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { auditFacets, auditPage } from "~/models/audit-log.server";
import { isValidDate } from "~/rules/dates";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseSearchParams } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { withParams } from "~/utils/search-params";
import { AUDIT_READERS } from "~/utils/workflow-access";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.audit.title");

const text = () => z.string().trim().max(100).catch("").default("");
const date = () => z.string().refine(isValidDate).optional().catch(undefined);
const id = () => z.coerce.number().int().positive().optional().catch(undefined);

const AuditQuerySchema = z.object({ entity: text(), action: text(), actor: text(), from: date(), to: date(), before: id(), after: id() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, AUDIT_READERS);
  const query = parseSearchParams(request, AuditQuerySchema);
  return json({ query, facets: auditFacets(db), ...auditPage(db, query) });
}

export default function AuditPage() {
  const { query, facets, rows, olderThan, newerThan } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const any = t("workflows.audit.any");
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("workflows.audit.title")}</h1>
          <p>{t("workflows.audit.intro")}</p>
        </div>
      </div>
      <Form method="get" className="filters" key={params.toString()}>
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
        <button type="submit" className="btn">
          {t("common.apply")}
        </button>
      </Form>
      <div className="table-wrap">
        <table className="data-table" data-testid="audit">
          <thead>
            <tr>
              <th scope="col">{t("workflows.audit.at")}</th>
              <th scope="col">{t("workflows.fields.actor")}</th>
              <th scope="col">{t("workflows.fields.action")}</th>
              <th scope="col">{t("workflows.fields.entity")}</th>
              <th scope="col">{t("workflows.audit.entityId")}</th>
              <th scope="col">{t("workflows.audit.before")}</th>
              <th scope="col">{t("workflows.audit.after")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="empty">
                  {t("workflows.audit.empty")}
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap mono">{r.at.replace("T", " ").slice(0, 19)}</td>
                  <td>{r.actor}</td>
                  <td className="mono">{r.action}</td>
                  <td className="mono">{r.entity}</td>
                  <td className="mono">{r.entityId || t("common.none")}</td>
                  <td>{r.before ? <pre className="json">{r.before}</pre> : t("common.none")}</td>
                  <td>{r.after ? <pre className="json">{r.after}</pre> : t("common.none")}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav className="pagination" aria-label={t("workflows.audit.title")}>
        {newerThan !== null ? (
          <Link className="btn btn-ghost" to={withParams(params, { after: String(newerThan), before: null })} rel="prev">
            {t("workflows.audit.newer")}
          </Link>
        ) : null}
        {olderThan !== null ? (
          <Link className="btn btn-ghost" to={withParams(params, { before: String(olderThan), after: null })} rel="next">
            {t("workflows.audit.older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
