import { SavedNotice, withSaved } from "~/components/saved-notice";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { EmployeeForm } from "~/components/employee-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { getEmployee, setWage, terminateEmployee, updateEmployee } from "~/models/employee.server";
import { employerOptions } from "~/models/employer.server";
import { terminationReportStatus } from "~/models/termination-report.server";
import { maskId } from "~/rules/identity";
import { yuanPlain } from "~/rules/money";
import { useFormat } from "~/hooks/use-format";
import { inScope } from "~/models/employer-scope.server";
import { actorOf, requireInScope, requirePermission, scopeOf } from "~/server/auth.server";
import { db } from "~/server/db.server";
import { useFieldErrors } from "~/hooks/use-field-errors";
import { formValues } from "~/server/forms.server";
import { badRequest, idFromParams, invalid, notFound } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { can } from "~/shared/permissions";
import { SubmitRow } from "~/components/submit-row";
import { TableHead } from "~/components/table-head";

const Intent = z.enum(["update", "terminate", "wage"]);

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "employees.title", data ? `${data.employee.employeeNo} ${data.employee.name}` : undefined);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "employee:read");
  const employee = await getEmployee(db, idFromParams(params));
  if (!employee) throw notFound();
  const scope = await scopeOf(user);
  requireInScope(scope, { id: employee.employerId });
  const canWrite = can(user.role, "employee:write");
  // The full identity number goes only to those who may edit it.
  const { idNumber, ...rest } = employee;
  return json({
    canWrite,
    employee: { ...rest, idMasked: maskId(idNumber), idNumber: canWrite ? idNumber : null },
    employers: canWrite ? await employerOptions(db, scope?.codes) : [],
    art50: await terminationReportStatus(db, employee.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "employee:write");
  const id = idFromParams(params);
  const scope = await scopeOf(user);
  const current = await getEmployee(db, id);
  if (!current) throw notFound();
  requireInScope(scope, { id: current.employerId });
  const values = await formValues(request);
  const intent = Intent.safeParse(values.intent);
  if (!intent.success) throw badRequest();
  // Moving an employee to an employer outside the account's scope is refused like an unknown employer.
  if (intent.data === "update" && values.employerId && !inScope(scope, { id: Number(values.employerId) })) {
    return invalid({ employerId: { code: "unknownEmployer" as const } }, values);
  }
  const actor = actorOf(user);
  const result =
    intent.data === "update"
      ? await updateEmployee(db, actor, id, values)
      : intent.data === "terminate"
        ? await terminateEmployee(db, actor, id, values)
        : await setWage(db, actor, id, values);
  if (!result.ok) {
    if (result.errors.form?.code === "notFound") throw notFound();
    return invalid(result.errors, values);
  }
  return redirect(withSaved(`/employees/${id}`, "employee"));
}

export default function EmployeePage() {
  const { employee: e, employers, canWrite, art50 } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const fmt = useFormat();
  const intent = data?.values.intent;
  const errorsFor = (i: string) => (intent === i ? data?.errors : undefined);
  const termErr = useFieldErrors(errorsFor("terminate"));
  const wageErr = useFieldErrors(errorsFor("wage"));
  const formValuesFor = (i: string) => (intent === i ? data?.values : undefined);
  /** A field of the wage or termination form: its label (`fields.NAME`), what was sent after a refused submit (else `current`), its error. */
  const staffField = (form: "wage" | "terminate", name: "effectiveMonth" | "monthlyWage" | "terminationDate", current?: string | null) => ({
    label: t(`fields.${name}`),
    name,
    defaultValue: formValuesFor(form)?.[name] ?? current ?? "",
    error: (form === "wage" ? wageErr : termErr)(name),
  });

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("employees.editTitle", { employeeNo: e.employeeNo, name: e.name })}</h1>
          <p>
            {e.terminationDate ? (
              <span className="badge badge-terminated">{t("employees.terminatedOn", { date: e.terminationDate })}</span>
            ) : (
              <span className="badge badge-active">{t("employees.active")}</span>
            )}
          </p>
        </div>
        <Link to="/employees" className="btn btn-ghost">
          {t("common.back")}
        </Link>
      </div>
      <SavedNotice />

      {canWrite ? (
        <EmployeeForm
          values={
            formValuesFor("update") ?? {
              employeeNo: e.employeeNo,
              name: e.name,
              idType: e.idType,
              idNumber: e.idNumber ?? "",
              employerId: String(e.employerId),
              hireDate: e.hireDate,
              department: e.department,
              email: e.email,
            }
          }
          errors={errorsFor("update")}
          employers={employers}
          withWage={false}
          cancelTo="/employees"
        />
      ) : (
        <div className="card">
          <p className="muted">{t("common.readOnly")}</p>
          <dl className="facts">
            <dt>{t("fields.employeeNo")}</dt>
            <dd className="mono">{e.employeeNo}</dd>
            <dt>{t("firstday.personName")}</dt>
            <dd>{e.name}</dd>
            <dt>{t("fields.idType")}</dt>
            <dd>{t(`idTypes.${e.idType}`)}</dd>
            <dt>{t("fields.idNumber")}</dt>
            <dd className="mono">{e.idMasked}</dd>
            <dt>{t("fields.employer")}</dt>
            <dd>
              {e.employerCode} · {e.employerName}
            </dd>
            <dt>{t("fields.hireDate")}</dt>
            <dd>{e.hireDate}</dd>
            <dt>{t("fields.terminationDate")}</dt>
            <dd>{e.terminationDate ?? t("common.none")}</dd>
            <dt>{t("fields.department")}</dt>
            <dd>{e.department || t("common.none")}</dd>
            <dt>{t("fields.email")}</dt>
            <dd>{e.email || t("common.none")}</dd>
          </dl>
        </div>
      )}

      <div className="detail-grid">
        <section>
          <h2>{t("employees.wageHistory")}</h2>
          <div className="table-wrap">
            <table className="data-table">
              <TableHead columns={[t("fields.effectiveMonth"), { label: t("fields.wage"), className: "num" }]} />
              <tbody>
                {e.wages.map((w) => (
                  <tr key={w.effectiveMonth}>
                    <td>{w.effectiveMonth}</td>
                    <td className="num">{fmt.money(w.monthlyWage)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canWrite ? (
            <Form method="post" className="card" noValidate>
              <h3>{t("employees.addWage")}</h3>
              <p className="muted">{t("employees.wageHelp")}</p>
              <input type="hidden" name="intent" value="wage" />
              <div className="form-grid">
                <Field {...staffField("wage", "effectiveMonth")} type="month" placeholder="YYYY-MM" required />
                <Field {...staffField("wage", "monthlyWage")} inputMode="decimal" placeholder={e.wages[0] ? yuanPlain(e.wages[0].monthlyWage) : "8000.00"} required />
              </div>
              <SubmitRow label={t("employees.addWageSubmit")} />
            </Form>
          ) : null}
        </section>

        {canWrite ? (
          <section>
            <h2>{t("employees.terminate")}</h2>
            <Form method="post" className="card" noValidate>
              <p className="muted">{t("employees.terminateHelp")}</p>
              {art50 ? (
                <p className={art50.reportedOn ? "notice" : "notice notice-warning"} data-testid="art50-status">
                  {art50.reportedOn
                    ? t("hrMonth.leavers.reported", { date: art50.reportedOn, deadline: art50.deadline })
                    : t("hrMonth.leavers.reminder", { deadline: art50.deadline })}
                </p>
              ) : null}
              <input type="hidden" name="intent" value="terminate" />
              <Field {...staffField("terminate", "terminationDate", e.terminationDate)} type="date" min={e.hireDate} required />
              <Field
                label={t("hrMonth.fields.terminationReportedOn")}
                name="terminationReportedOn"
                type="date"
                defaultValue={formValuesFor("terminate")?.terminationReportedOn ?? art50?.reportedOn ?? ""}
                error={termErr("terminationReportedOn", "hrMonth.fields.terminationReportedOn")}
                hint={t("hrMonth.leavers.reportHint")}
              />
              <div className="form-actions">
                <button type="submit" className="btn btn-danger">
                  {t("employees.terminateSubmit")}
                </button>
              </div>
            </Form>
          </section>
        ) : null}
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
