import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { addNonWorkingDays, policyOverview, removeNonWorkingDay, savePolicy } from "~/models/policy.server";
import { monthOf } from "~/rules/dates";
import { yuanPlain } from "~/rules/money";
import { formatMoney as yuanDisplay, formatMonth, formatNumber } from "~/utils/format";
import { INSURANCES, SIDES } from "~/rules/types";
import { actorOf, requireRole } from "~/utils/auth.server";
import { today } from "~/utils/dates.server";
import { db } from "~/utils/db.server";
import { formValues } from "~/utils/forms.server";
import { badRequest, invalid, notFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { canWriteWorkflows, WORKFLOW_READERS, WORKFLOW_WRITERS } from "~/utils/workflow-access";
import { useWorkflowErrors } from "~/utils/workflow-errors";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.policies.title");

const RATE_FIELDS = INSURANCES.flatMap((i) => SIDES.map((s) => `${i}_${s}` as const));
const Intent = z.enum(["save", "addDays", "removeDay"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, WORKFLOW_READERS);
  return json({ canWrite: canWriteWorkflows(user.role), currentMonth: monthOf(today()), regions: policyOverview(db) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, WORKFLOW_WRITERS);
  const values = await formValues(request);
  const intent = Intent.safeParse(values.intent);
  if (!intent.success) throw badRequest();
  const actor = actorOf(user);
  let result;
  if (intent.data === "save") {
    const id = values.id ? Number(values.id) : null;
    if (id !== null && !(Number.isInteger(id) && id > 0)) throw badRequest();
    result = savePolicy(db, actor, id, values, monthOf(today()));
    if (!result.ok && result.errors.form?.code === "notFound") throw notFound();
  } else if (intent.data === "addDays") result = addNonWorkingDays(db, actor, values);
  else result = removeNonWorkingDay(db, actor, values);
  if (!result.ok) return invalid(result.errors, values);
  return redirect(`/settings/policies?done=${intent.data}&region=${encodeURIComponent(values.region ?? "")}`);
}

type Overview = ReturnType<typeof policyOverview>;
type Version = Overview[number]["versions"][number];

function PolicyForm({ version, region, currentMonth }: { version: Version | null; region: string; currentMonth: string }) {
  const { t, i18n } = useTranslation();
  const failure = useActionData<typeof action>();
  const mine = failure?.values.intent === "save" && (failure.values.id ?? "") === String(version?.id ?? "") && (version || failure.values.formRegion === region) ? failure : undefined;
  const err = useWorkflowErrors(mine?.errors);
  const v = mine?.values;
  const pre = (k: string, fallback: string) => v?.[k] ?? fallback;
  const idp = `p-${version?.id ?? `new-${region}`}`;
  const past = version ? version.effectiveFrom <= currentMonth : false;
  return (
    <Form method="post" className="card" noValidate aria-label={version ? t("workflows.policies.editVersion", { region, from: formatMonth(i18n.language, version.effectiveFrom) }) : t("workflows.policies.newVersion")}>
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="formRegion" value={region} />
      {version ? <input type="hidden" name="id" value={version.id} /> : null}
      {past ? <p className="notice notice-warning">{t("workflows.policies.pastWarning", { from: formatMonth(i18n.language, version!.effectiveFrom) })}</p> : null}
      {err("form") || err("confirmPast") ? (
        <p className="notice notice-error" role="alert">
          {err("form") ?? err("confirmPast")}
        </p>
      ) : null}
      <div className="form-grid">
        <Field id={`${idp}-region`} label={t("workflows.fields.region")} name="region" defaultValue={pre("region", region)} error={err("region")} required />
        <Field id={`${idp}-effectiveFrom`} label={t("workflows.fields.effectiveFrom")} name="effectiveFrom" type="month" placeholder="YYYY-MM" defaultValue={pre("effectiveFrom", version?.effectiveFrom ?? "")} error={err("effectiveFrom")} required />
        <Field id={`${idp}-baseFloor`} label={t("workflows.fields.baseFloor")} name="baseFloor" inputMode="decimal" defaultValue={pre("baseFloor", version ? yuanPlain(version.baseFloor) : "")} error={err("baseFloor")} required />
        <Field id={`${idp}-baseCap`} label={t("workflows.fields.baseCap")} name="baseCap" inputMode="decimal" defaultValue={pre("baseCap", version ? yuanPlain(version.baseCap) : "")} error={err("baseCap")} required />
      </div>
      <h4>{t("workflows.policies.rates")}</h4>
      <p className="muted">{t("workflows.policies.ratesHelp")}</p>
      <div className="form-grid">
        {RATE_FIELDS.map((f) => {
          const [ins, side] = [f.replace(/_(employer|employee)$/, "") as (typeof INSURANCES)[number], f.endsWith("_employer") ? "employer" : "employee"];
          const label = `${t(`workflows.insurances.${ins}`)} · ${t(side === "employer" ? "workflows.month.employerSide" : "workflows.month.employeeSide")}`;
          return <Field key={f} id={`${idp}-${f}`} label={label} name={f} defaultValue={pre(f, version ? version.rates[f] : f === "work_injury_employee" || f === "maternity_employee" ? "0%" : "")} error={err(f, `workflows.insurances.${ins}`)} required />;
        })}
      </div>
      <div className="form-grid">
        <SelectField id={`${idp}-roundingUnit`} label={t("workflows.fields.roundingUnit")} name="roundingUnit" defaultValue={pre("roundingUnit", version?.roundingUnit ?? "fen")}>
          <option value="fen">{t("workflows.policies.units.fen")}</option>
          <option value="jiao">{t("workflows.policies.units.jiao")}</option>
          <option value="yuan">{t("workflows.policies.units.yuan")}</option>
        </SelectField>
        <SelectField id={`${idp}-roundingMode`} label={t("workflows.fields.roundingMode")} name="roundingMode" defaultValue={pre("roundingMode", version?.roundingMode ?? "half_up")}>
          <option value="half_up">{t("workflows.policies.modes.half_up")}</option>
          <option value="up">{t("workflows.policies.modes.up")}</option>
        </SelectField>
        <Field id={`${idp}-dueDay`} label={t("workflows.fields.dueDay")} name="dueDay" defaultValue={pre("dueDay", version?.dueDay ?? "15")} error={err("dueDay")} required />
        <SelectField id={`${idp}-dueMonthOffset`} label={t("workflows.fields.dueMonthOffset")} name="dueMonthOffset" defaultValue={pre("dueMonthOffset", String(version?.dueMonthOffset ?? 0))}>
          <option value="0">{t("workflows.policies.sameMonth")}</option>
          <option value="1">{t("workflows.policies.nextMonth")}</option>
        </SelectField>
        <Field id={`${idp}-lateFee`} label={t("workflows.fields.lateFeePpmPerDay")} name="lateFeePpmPerDay" inputMode="numeric" defaultValue={pre("lateFeePpmPerDay", String(version?.lateFeePpmPerDay ?? 500))} error={err("lateFeePpmPerDay")} />
      </div>
      <div className="field">
        <label>
          <input type="checkbox" name="confirmPast" defaultChecked={false} /> {t("workflows.fields.confirmPast")}
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn">
          {t("workflows.policies.save")}
        </button>
      </div>
    </Form>
  );
}

function DaysForms({ region, days, canWrite }: { region: string; days: string[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const failure = useActionData<typeof action>();
  const mine = failure && failure.values.intent !== "save" && failure.values.region === region ? failure : undefined;
  const err = useWorkflowErrors(mine?.errors);
  return (
    <section>
      <h3>{t("workflows.policies.nonWorking")}</h3>
      <p className="muted">{t("workflows.policies.nonWorkingHelp")}</p>
      {days.length === 0 ? <p className="muted">{t("workflows.policies.noDays")}</p> : null}
      <ul className="plain-list">
        {days.map((d) => (
          <li key={d}>
            {canWrite ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="removeDay" />
                <input type="hidden" name="region" value={region} />
                <input type="hidden" name="date" value={d} />
                <span className="mono">{d}</span>
                <button type="submit" className="btn btn-ghost btn-small" aria-label={`${t("workflows.policies.remove")} ${d}`}>
                  {t("workflows.policies.remove")}
                </button>
              </Form>
            ) : (
              <span className="mono">{d}</span>
            )}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <Form method="post" className="card" noValidate>
          <input type="hidden" name="intent" value="addDays" />
          <input type="hidden" name="region" value={region} />
          <div className="field">
            <label htmlFor={`d-${region}`}>{t("workflows.policies.addDays")}</label>
            <textarea id={`d-${region}`} name="dates" rows={3} defaultValue={mine?.values.dates ?? ""} aria-invalid={err("dates") ? true : undefined} />
            <p className="hint">{t("workflows.policies.addDaysHelp")}</p>
            {err("dates") || err("form") ? <p className="field-error">{err("dates") ?? err("form")}</p> : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-small">
              {t("workflows.policies.addDaysSubmit")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

export default function PoliciesPage() {
  const { canWrite, currentMonth, regions } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const failure = useActionData<typeof action>();
  const editing = params.get("edit") ?? (failure?.values.intent === "save" ? (failure.values.id ?? null) : null);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("workflows.policies.title")}</h1>
          <p>{t("workflows.policies.intro")}</p>
        </div>
      </div>
      {!canWrite ? <p className="notice notice-warning">{t("common.readOnly")}</p> : null}
      {params.get("done") && !failure ? (
        <p className="notice notice-ok" role="status">
          {t("workflows.month.saved")}
        </p>
      ) : null}
      {regions.map((r) => (
        <section key={r.region} className="card" style={{ marginBottom: "1.2rem" }} data-region={r.region}>
          <h2>{t("workflows.policies.region", { region: r.region })}</h2>
          {r.versions.length === 0 ? <p className="muted">{t("workflows.policies.noVersions")}</p> : null}
          {r.versions.map((v) => (
            <div key={v.id} data-version={v.effectiveFrom}>
              <h3>
                {formatMonth(i18n.language, v.effectiveFrom)}{" "}
                {canWrite ? (
                  <Link className="btn btn-ghost btn-small" to={`?edit=${v.id}`}>
                    {t("workflows.policies.edit")}
                  </Link>
                ) : null}
              </h3>
              <dl className="facts">
                <dt>{t("workflows.fields.baseFloor")}</dt>
                <dd>{yuanDisplay(v.baseFloor)}</dd>
                <dt>{t("workflows.fields.baseCap")}</dt>
                <dd>{yuanDisplay(v.baseCap)}</dd>
                {INSURANCES.map((i) => (
                  <div key={i} style={{ display: "contents" }}>
                    <dt>{t(`workflows.insurances.${i}`)}</dt>
                    <dd className="mono">
                      {v.rates[`${i}_employer`]} / {v.rates[`${i}_employee`]}
                    </dd>
                  </div>
                ))}
                <dt>{t("workflows.policies.rounding")}</dt>
                <dd>
                  {t(`workflows.policies.units.${v.roundingUnit}`)}, {t(`workflows.policies.modes.${v.roundingMode}`)}
                </dd>
                <dt>{t("workflows.policies.due")}</dt>
                <dd>{t("workflows.policies.dueText", { day: v.dueDay, month: t(v.dueMonthOffset === 1 ? "workflows.policies.nextMonth" : "workflows.policies.sameMonth") })}</dd>
                <dt>{t("workflows.policies.lateFee")}</dt>
                <dd>{t("workflows.policies.lateFeeText", { ppm: formatNumber(i18n.language, v.lateFeePpmPerDay) })}</dd>
              </dl>
              {canWrite && editing === String(v.id) ? <PolicyForm version={v} region={r.region} currentMonth={currentMonth} /> : null}
            </div>
          ))}
          {canWrite ? (
            <details open={failure?.values.intent === "save" && !failure.values.id && failure.values.formRegion === r.region}>
              <summary>{t("workflows.policies.newVersion")}</summary>
              <PolicyForm version={null} region={r.region} currentMonth={currentMonth} />
            </details>
          ) : null}
          <DaysForms region={r.region} days={r.nonWorkingDays} canWrite={canWrite} />
        </section>
      ))}
      {canWrite ? (
        <details className="card" open={failure?.values.intent === "save" && !failure.values.id && failure.values.formRegion === ""}>
          <summary>{t("workflows.policies.newVersion")} · {t("workflows.fields.region")}</summary>
          <PolicyForm version={null} region="" currentMonth={currentMonth} />
        </details>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
