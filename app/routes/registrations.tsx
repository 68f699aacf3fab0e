import { SavedNotice } from "~/components/saved-notice";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { RuleBadge } from "~/components/badges";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { recordRegistration, registrationTracker, type TrackerRow } from "~/models/registration.server";
import { getEmployee } from "~/models/employee.server";
import { recordTerminationReport } from "~/models/termination-report.server";
import { actorOf, requireInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { useFieldErrors } from "~/hooks/use-field-errors";
import { formValues } from "~/server/forms.server";
import { invalid, notFound, parseSearchParams } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { can } from "~/shared/permissions";
import { ART50_RULES, ART58_RULES, TrackerQuerySchema } from "~/url-state/registrations-query";
import type { FieldErrors } from "~/shared/validation";
import { PageHead } from "~/components/page-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "registrations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "registration:read");
  const query = parseSearchParams(request, TrackerQuerySchema);
  const asOf = query.asOf ?? today();
  return json({
    asOf,
    finding: query.finding,
    canWrite: can(user.role, "registration:write"),
    ...await registrationTracker(db, asOf, query.finding, query.page, (await scopeOf(user))?.codes),
  });
}

/** HR records a date from the list; auditors get 403 (they see no forms either). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "registration:write");
  const values = await formValues(request);
  // An employee of an employer outside the account's scope does not exist for it.
  const scope = await scopeOf(user);
  if (scope) {
    const employee = await getEmployee(db, Number(values.employeeId) || 0);
    if (!employee) throw notFound();
    requireInScope(scope, { id: employee.employerId });
  }
  const result = values.intent === "terminationReport" ? await recordTerminationReport(db, actorOf(user), values) : await recordRegistration(db, actorOf(user), values);
  if (!result.ok) return invalid(result.errors, values);
  const url = new URL(request.url);
  url.searchParams.set("saved", "registration");
  return redirect(`/registrations?${url.searchParams}`);
}

type Failure = { errors: FieldErrors; values: Record<string, string> };

/** A row form's error, beside its buttons. */
function InlineError({ message }: { message: string | undefined }) {
  return message ? (
    <span className="field-error" role="alert">
      {message}
    </span>
  ) : null;
}

function FindingCell({ row, t }: { row: TrackerRow; t: TFunction }) {
  const f = row.finding;
  if (!f) return <span className="muted">{t("common.none")}</span>;
  const days =
    f.rule === "ART58_REGISTRATION_DUE_SOON"
      ? t("registrations.daysLeft", { days: f.days })
      : f.rule === "ART58_UNREGISTERED"
        ? t("registrations.daysOverdue", { days: f.days })
        : t("registrations.daysLate", { days: f.days });
  return (
    <>
      <RuleBadge rule={f.rule} severity={f.severity} />
      <div className="muted">{days}</div>
    </>
  );
}

/** One date, two buttons: record it as the application or the registration date. */
function RecordCell({ row, failure }: { row: TrackerRow; failure: Failure | null }) {
  const { t } = useTranslation();
  const mine = failure && failure.values.intent !== "terminationReport" && failure.values.employeeId === String(row.employeeId) ? failure : null;
  const err = useFieldErrors(mine?.errors);
  const message = err("date", "fields.appliedOn") ?? err("appliedOn") ?? err("registeredOn") ?? err("form");
  return (
    <Form method="post" className="inline-form" preventScrollReset>
      <input type="hidden" name="employeeId" value={row.employeeId} />
      <label className="visually-hidden" htmlFor={`d-${row.employeeId}`}>
        {t("fields.appliedOn")} / {t("fields.registeredOn")}
      </label>
      <input id={`d-${row.employeeId}`} type="date" name="date" required defaultValue={mine?.values.date ?? ""} aria-invalid={message ? true : undefined} />
      <button type="submit" name="intent" value="applied" className="btn btn-ghost btn-small">
        {t("registrations.recordApplied")}
      </button>
      <button type="submit" name="intent" value="registered" className="btn btn-ghost btn-small">
        {t("registrations.recordRegistered")}
      </button>
      <InlineError message={message} />
    </Form>
  );
}

/** Art. 50 ¶1: the leaver's report deadline, the report date, the finding, and (for HR) the form that records the date. */
function Art50Cell({ row, t, canWrite, failure }: { row: TrackerRow; t: TFunction; canWrite: boolean; failure: Failure | null }) {
  const mine = failure && failure.values.intent === "terminationReport" && failure.values.employeeId === String(row.employeeId) ? failure : null;
  const err = useFieldErrors(mine?.errors);
  if (row.art50Deadline === null) return <span className="muted">{t("common.none")}</span>;
  const g = row.art50Finding;
  const message = err("terminationReportedOn", "hrMonth.fields.terminationReportedOn") ?? err("form");
  return (
    <div data-testid={`art50-${row.employeeNo}`}>
      <div className="nowrap">{t("hrMonth.leavers.deadline", { date: row.art50Deadline })}</div>
      <div className="nowrap">{row.terminationReportedOn ? t("hrMonth.leavers.reportedOn", { date: row.terminationReportedOn }) : t("hrMonth.leavers.notReported")}</div>
      {g ? (
        <>
          <RuleBadge rule={g.rule} severity={g.severity} />
          <div className="muted">
            {g.rule === "ART50_TERMINATION_REPORT_DUE_SOON"
              ? t("registrations.daysLeft", { days: g.days })
              : g.rule === "ART50_TERMINATION_UNREPORTED"
                ? t("registrations.daysOverdue", { days: g.days })
                : t("registrations.daysLate", { days: g.days })}
          </div>
        </>
      ) : null}
      {canWrite ? (
        <Form method="post" className="inline-form" preventScrollReset>
          <input type="hidden" name="intent" value="terminationReport" />
          <input type="hidden" name="employeeId" value={row.employeeId} />
          <label className="visually-hidden" htmlFor={`r50-${row.employeeId}`}>
            {t("hrMonth.fields.terminationReportedOn")}
          </label>
          <input
            id={`r50-${row.employeeId}`}
            type="date"
            name="terminationReportedOn"
            required
            defaultValue={mine?.values.terminationReportedOn ?? ""}
            aria-invalid={message ? true : undefined}
          />
          <button type="submit" className="btn btn-ghost btn-small">
            {t("hrMonth.leavers.recordReport")}
          </button>
          <InlineError message={message} />
        </Form>
      ) : null}
    </div>
  );
}

const col = createColumnHelper<TrackerRow>();

function trackerColumns(t: TFunction, canWrite: boolean, failure: Failure | null) {
  const cols = [
    col.accessor("employeeNo", { header: t("fields.employeeNo"), meta: { className: "mono nowrap" } }),
    col.accessor("name", { header: t("firstday.personName"), cell: (c) => <Link to={`/employees/${c.row.original.employeeId}`}>{c.getValue()}</Link> }),
    col.accessor("employerCode", { header: t("fields.employer"), meta: { className: "mono" } }),
    col.accessor("hireDate", { header: t("fields.hireDate"), meta: { className: "nowrap" } }),
    col.accessor("deadline", { header: t("fields.deadline"), meta: { className: "nowrap" } }),
    col.accessor("appliedOn", { header: t("fields.appliedOn"), cell: (c) => c.getValue() ?? t("common.none"), meta: { className: "nowrap" } }),
    col.accessor("registeredOn", { header: t("fields.registeredOn"), cell: (c) => c.getValue() ?? t("common.none"), meta: { className: "nowrap" } }),
    col.display({ id: "finding", header: t("fields.finding"), cell: (c) => <FindingCell row={c.row.original} t={t} /> }),
    col.display({ id: "art50", header: t("hrMonth.leavers.column"), cell: (c) => <Art50Cell row={c.row.original} t={t} canWrite={canWrite} failure={failure} /> }),
  ];
  if (canWrite) cols.push(col.display({ id: "record", header: t("common.actions"), cell: (c) => <RecordCell row={c.row.original} failure={failure} /> }));
  return cols;
}

export default function Registrations() {
  const { asOf, finding, canWrite, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <>
      <PageHead title={t("registrations.title")} intro={t("registrations.intro")} />
      <SavedNotice />
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      <Form method="get" className="filters" key={params.toString()}>
        <Field label={t("registrations.asOfHelp")} name="asOf" type="date" defaultValue={asOf} required />
        <SelectField label={t("registrations.filterFinding")} name="finding" defaultValue={finding}>
          <option value="">{t("registrations.anyFinding")}</option>
          {[...ART58_RULES, ...ART50_RULES].map((r) => (
            <option key={r} value={r}>
              {t(`rules.${r}`)}
            </option>
          ))}
          <option value="none">{t("registrations.noFinding")}</option>
        </SelectField>
        <button type="submit" className="btn">
          {t("common.apply")}
        </button>
      </Form>
      <DataTable
        data={rows}
        columns={trackerColumns(t, canWrite, data ?? null)}
        empty={t("registrations.empty")}
        caption={t("registrations.title")}
        rowKey={(r) => String(r.employeeId)}
      />
      <Pagination page={page} pageCount={pageCount} total={total} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
