import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { HrExportLinks } from "~/components/hr-export-links";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { changeListView, recordChanges } from "~/models/change-list.server";
import { employerOptions } from "~/models/employer.server";
import { CHANGE_STATES, type ChangeRow } from "~/rules/change-list";
import { isValidMonth } from "~/rules/dates";
import { useFormat, type Formatter } from "~/hooks/use-format";
import { can } from "~/shared/permissions";
import { actorOf, requireCodeInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { useFieldErrors } from "~/hooks/use-field-errors";
import { invalid, notFound, parseSearchParams } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import type { FieldErrors } from "~/shared/validation";
import { OneEmployerFilters } from "~/components/employer-filters";
import { PageHead } from "~/components/page-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "hrMonth.changes.title");

export const ChangeQuerySchema = z.object({
  employer: z.string().trim().max(20).catch("").default(""),
  month: z.string().refine(isValidMonth).optional().catch(undefined),
  done: z.coerce.number().int().min(0).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workflow:read");
  const query = parseSearchParams(request, ChangeQuerySchema);
  // A scoped account (issue 21) is offered only its employers; asking for another one answers 404.
  const scope = await scopeOf(user);
  requireCodeInScope(scope, query.employer);
  const employers = await employerOptions(db, scope?.codes);
  const code = query.employer || employers[0]?.code || "";
  const now = today();
  const view = code ? await changeListView(db, code, query.month ?? null, now) : null;
  if (query.employer && view && !view.ok) throw notFound();
  return json({ canWrite: can(user.role, "workflow:write"), today: now, employers, code, view, done: query.done ?? null });
}

/** Record a state for the rows ticked (or the one row's button); auditors get 403. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "workflow:write");
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string" && k !== "row" && !(k in values)) values[k] = v;
  const rows = form.getAll("row").filter((v): v is string => typeof v === "string");
  requireCodeInScope(await scopeOf(user), values.employer?.trim());
  const result = await recordChanges(db, actorOf(user), { ...values, rows }, today());
  if (!result.ok) return invalid(result.errors, { ...values, rows: rows.join(",") });
  const next = new URLSearchParams({ employer: values.employer ?? "", month: values.month ?? "", done: String(result.value) });
  return redirect(`/change-list?${next}`);
}

type Failure = { errors: FieldErrors; values: Record<string, string> } | undefined;

const col = createColumnHelper<ChangeRow>();
const keyOf = (r: ChangeRow) => `${r.kind}:${r.employeeId}`;

function StateCell({ row, t }: { row: ChangeRow; t: TFunction }) {
  return (
    <span data-testid={`state-${keyOf(row)}`}>
      <span className={row.state === "refused" ? "badge badge-breach" : row.state === "to_submit" ? "badge badge-warning" : "badge badge-closed"}>
        {t(`hrMonth.states.${row.state}`)}
      </span>
      {row.submittedOn ? <div className="muted">{t("hrMonth.changes.submittedOn", { date: row.submittedOn })}</div> : null}
      {row.decidedOn ? <div className="muted">{t("hrMonth.changes.decidedOn", { date: row.decidedOn })}</div> : null}
      {row.refusal ? <div>{t("hrMonth.changes.refusal", { reason: row.refusal })}</div> : null}
      {row.backPayment ? <div className="badge badge-breach">{t("hrMonth.changes.backPayment")}</div> : null}
    </span>
  );
}

function columns(t: TFunction, canWrite: boolean, fmt: Formatter) {
  const cols = [
    col.accessor("kind", { header: t("hrMonth.changes.kind"), cell: (c) => t(`hrMonth.kinds.${c.getValue()}`) }),
    col.accessor("employeeNo", { header: t("fields.employeeNo"), meta: { className: "mono nowrap" } }),
    col.accessor("name", { header: t("fields.name"), cell: (c) => <Link to={`/employees/${c.row.original.employeeId}`}>{c.getValue()}</Link> }),
    col.display({
      id: "why",
      header: t("hrMonth.changes.why"),
      cell: (c) => {
        const r = c.row.original;
        if (r.kind === "reduction") return t("hrMonth.changes.whyReduction", { date: r.terminationDate, deadline: r.reportDeadline });
        if (r.kind === "base_change") return t("hrMonth.changes.whyBase", { from: fmt.money(r.previousBasis ?? 0), to: fmt.money(r.basis ?? 0) });
        return r.reason === "hire" ? t("hrMonth.changes.whyHire", { date: r.hireDate }) : t("hrMonth.changes.whyUnregistered", { date: r.hireDate });
      },
    }),
    col.accessor("basis", { header: t("hrMonth.annual.basis"), cell: (c) => (c.getValue() === null ? "" : fmt.money(c.getValue()!)), meta: { className: "num" } }),
    col.display({ id: "state", header: t("hrMonth.changes.state"), cell: (c) => <StateCell row={c.row.original} t={t} /> }),
  ];
  if (canWrite)
    cols.unshift(
      col.display({
        id: "pick",
        header: t("hrMonth.changes.pick"),
        cell: (c) => (
          <input
            type="checkbox"
            name="row"
            value={keyOf(c.row.original)}
            form="bulk-form"
            aria-label={t("hrMonth.changes.pickRow", { kind: t(`hrMonth.kinds.${c.row.original.kind}`), name: c.row.original.name })}
          />
        ),
      }),
    );
  return cols;
}

function BulkForm({ code, month, today, failure }: { code: string; month: string; today: string; failure: Failure }) {
  const { t } = useTranslation();
  const err = useFieldErrors(failure?.errors);
  const rowsError = err("rows", "hrMonth.fields.rows");
  return (
    <Form method="post" id="bulk-form" className="card form-grid" noValidate aria-label={t("hrMonth.changes.record")}>
      <input type="hidden" name="employer" value={code} />
      <input type="hidden" name="month" value={month} />
      <SelectField label={t("hrMonth.fields.state")} name="state" defaultValue={failure?.values.state ?? "submitted"} error={err("state", "hrMonth.fields.state")}>
        {CHANGE_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`hrMonth.states.${s}`)}
          </option>
        ))}
      </SelectField>
      <Field label={t("hrMonth.fields.date")} name="date" type="date" defaultValue={failure?.values.date ?? today} error={err("date", "hrMonth.fields.date")} required />
      <Field label={t("hrMonth.fields.reason")} name="reason" defaultValue={failure?.values.reason ?? ""} error={err("reason", "hrMonth.fields.reason")} hint={t("hrMonth.changes.reasonHint")} />
      {rowsError ? (
        <p className="field-error" role="alert">
          {rowsError}
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn">
          {t("hrMonth.changes.record")}
        </button>
      </div>
    </Form>
  );
}

export default function ChangeList() {
  const { canWrite, today, employers, code, view, done } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <PageHead title={t("hrMonth.changes.title")} intro={t("hrMonth.changes.intro")} />
      <OneEmployerFilters label={t("fields.employer")} value={code} employers={employers} separator="—">
        <Field label={t("hrMonth.fields.month")} name="month" type="month" defaultValue={view?.ok ? view.month : ""} />
      </OneEmployerFilters>
      {done !== null ? (
        <p className="notice notice-success" role="status">
          {t("hrMonth.changes.recorded", { count: done })}
        </p>
      ) : null}
      {!view || !view.ok ? (
        <p className="notice">{t("hrMonth.noEmployers")}</p>
      ) : (
        <>
          <section className="card" aria-label={t("hrMonth.changes.summary")}>
            <p data-testid="cutoff">
              {view.cutoff === null
                ? t("hrMonth.changes.noCutoff")
                : view.daysLeft! >= 0
                  ? t("hrMonth.changes.cutoffLeft", { date: view.cutoff, days: view.daysLeft })
                  : t("hrMonth.changes.cutoffPassed", { date: view.cutoff, days: -view.daysLeft! })}
            </p>
            <p>
              {t("hrMonth.changes.counts", {
                toSubmit: view.counts.to_submit,
                submitted: view.counts.submitted,
                accepted: view.counts.accepted,
                refused: view.counts.refused,
              })}
            </p>
            {!view.hasPolicy ? <p className="notice notice-warning">{t("hrMonth.changes.noPolicy")}</p> : null}
            {view.yearTurn ? <p>{t("hrMonth.changes.yearTurn")}</p> : null}
            <HrExportLinks path="/change-list/export" params={{ employer: view.employer.code, month: view.month }} canWrite={canWrite} />
          </section>
          {canWrite ? <BulkForm code={view.employer.code} month={view.month} today={today} failure={failure ?? undefined} /> : <p className="notice notice-warning">{t("common.readOnly")}</p>}
          <DataTable
            data={view.rows}
            columns={columns(t, canWrite, fmt)}
            empty={t("hrMonth.changes.empty")}
            caption={t("hrMonth.changes.title")}
            rowKey={keyOf}
            testId="change-list-table"
          />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
