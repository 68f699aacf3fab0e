import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/field";
import { addNonWorkingDays, policyOverview, removeNonWorkingDay, savePolicy } from "~/models/policy.server";
import { applyCalendar } from "~/models/calendar.server";
import { CALENDAR_YEARS, HOLIDAY_YEARS } from "~/rules/presets/holidays";
import { boundField, findPreset, presetCities, presetFormValues, presetSources, presetValues, POLICY_PRESETS } from "~/rules/presets/policies";
import { isValidMonth } from "~/rules/dates";
import { monthOf } from "~/rules/dates";
import { yuanPlain } from "~/rules/money";
import { formatMonth, formatNumber, useFormat } from "~/hooks/use-format";
import { INSURANCES, SIDES } from "~/rules/types";
import { can } from "~/shared/permissions";
import { actorOf, requirePermission, scopeOf } from "~/server/auth.server";
import { today } from "~/server/clock.server";
import { db } from "~/server/db.server";
import { formValues } from "~/server/forms.server";
import { badRequest, forbidden, invalid, notFound } from "~/server/http.server";
import { pageTitle } from "~/shared/meta";
import { useWorkflowErrors } from "~/hooks/use-field-errors";
import { SubmitRow } from "~/components/submit-row";
import { TableHead } from "~/components/table-head";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workflows.policies.title");

const RATE_FIELDS = INSURANCES.flatMap((i) => SIDES.map((s) => `${i}_${s}` as const));
const Intent = z.enum(["save", "addDays", "removeDay", "applyCalendar"]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "workflow:read");
  const url = new URL(request.url);
  const currentMonth = monthOf(today());
  // A city preset chosen on the page (`?preset=shanghai&presetMonth=2024-07`): its values fill the new-version form.
  const presetMonth = url.searchParams.get("presetMonth") ?? "";
  const chosen = url.searchParams.get("preset") ? findPreset(url.searchParams.get("preset")!, isValidMonth(presetMonth) ? presetMonth : currentMonth) : undefined;
  return json({
    canWrite: can(user.role, "workflow:write") && !await scopeOf(user),
    currentMonth,
    regions: await policyOverview(db),
    calendarYears: HOLIDAY_YEARS.map((y) => ({ year: y.year, source: y.source })),
    presets: POLICY_PRESETS.map((p) => ({ city: p.city, cityZh: p.cityZh, effectiveFrom: p.effectiveFrom })),
    presetCities: presetCities(),
    preset: chosen ? { city: chosen.city, values: presetFormValues(chosen), sources: presetSources(chosen), fields: presetValues(chosen).map((v) => ({ field: v.field, value: v.value, source: v.source ?? null })) } : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "workflow:write");
  // A region's policy and calendar concern every employer there: not for an account limited to employers.
  if (await scopeOf(user)) throw forbidden();
  const values = await formValues(request);
  const intent = Intent.safeParse(values.intent);
  if (!intent.success) throw badRequest();
  const actor = actorOf(user);
  let result;
  if (intent.data === "save") {
    const id = values.id ? Number(values.id) : null;
    if (id !== null && !(Number.isInteger(id) && id > 0)) throw badRequest();
    result = await savePolicy(db, actor, id, values, monthOf(today()));
    if (!result.ok && result.errors.form?.code === "notFound") throw notFound();
  } else if (intent.data === "applyCalendar") {
    const applied = await applyCalendar(db, actor, values);
    if (!applied.ok) return invalid(applied.errors, values);
    const { region, year, added, unchanged } = applied.value;
    return redirect(`/settings/policies?${new URLSearchParams({ done: "calendar", region, year: String(year), added: String(added.length), unchanged: String(unchanged) })}#calendar-${region}`);
  } else if (intent.data === "addDays") result = await addNonWorkingDays(db, actor, values);
  else result = await removeNonWorkingDay(db, actor, values);
  if (!result.ok) return invalid(result.errors, values);
  return redirect(`/settings/policies?done=${intent.data}&region=${encodeURIComponent(values.region ?? "")}`);
}

type Overview = Awaited<ReturnType<typeof policyOverview>>;
type Version = Overview[number]["versions"][number];

function PolicyForm({ version, region, currentMonth, preset }: { version: Version | null; region: string; currentMonth: string; preset?: Record<string, string> | null }) {
  const { t, i18n } = useTranslation();
  const failure = useActionData<typeof action>();
  const mine = failure?.values.intent === "save" && (failure.values.id ?? "") === String(version?.id ?? "") && (version || failure.values.formRegion === region) ? failure : undefined;
  const err = useWorkflowErrors(mine?.errors);
  const v = mine?.values ?? (version ? undefined : (preset ?? undefined));
  const pre = (k: string, fallback: string) => v?.[k] ?? fallback;
  const bound = (i: (typeof INSURANCES)[number], which: "floor" | "cap") => {
    const b = version?.insuranceBounds[i]?.[which];
    return b === undefined ? "" : yuanPlain(b);
  };
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
          const label = `${t(`insurances.${ins}`)} · ${t(side === "employer" ? "workflows.month.employerSide" : "workflows.month.employeeSide")}`;
          return <Field key={f} id={`${idp}-${f}`} label={label} name={f} defaultValue={pre(f, version ? version.rates[f] : f === "work_injury_employee" || f === "maternity_employee" ? "0%" : "")} error={err(f, `insurances.${ins}`)} required />;
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
        <Field
          id={`${idp}-lateFee`}
          label={t("firstday.policy.lateFee")}
          name="lateFeeWan"
          inputMode="decimal"
          defaultValue={pre("lateFeeWan", String((version?.lateFeePpmPerDay ?? 500) / 100))}
          error={err("lateFeeWan", "firstday.policy.lateFee")}
          hint={t("firstday.policy.lateFeeHelp")}
        />
        <SelectField id={`${idp}-baseRule`} label={t("firstday.policy.baseRule")} name="baseRule" defaultValue={pre("baseRule", version?.baseRule ?? "wage")}>
          <option value="wage">{t("firstday.policy.baseRules.wage")}</option>
          <option value="annual">{t("firstday.policy.baseRules.annual")}</option>
        </SelectField>
        <Field id={`${idp}-baseYearStart`} label={t("firstday.policy.baseYearStart")} name="baseYearStart" inputMode="numeric" defaultValue={pre("baseYearStart", String(version?.baseYearStart ?? 7))} error={err("baseYearStart", "firstday.policy.baseYearStart")} />
        <Field
          id={`${idp}-changeCutoffDay`}
          label={t("firstday.policy.cutoff")}
          name="changeCutoffDay"
          inputMode="numeric"
          defaultValue={pre("changeCutoffDay", version?.changeCutoffDay == null ? "" : String(version.changeCutoffDay))}
          error={err("changeCutoffDay", "firstday.policy.cutoff")}
          hint={t("firstday.policy.cutoffHelp")}
        />
      </div>
      <h4>{t("firstday.policy.bounds")}</h4>
      <p className="muted">{t("firstday.policy.boundsHelp")}</p>
      <div className="form-grid">
        {INSURANCES.flatMap((i) =>
          (["floor", "cap"] as const).map((which) => {
            const name = boundField(i, which);
            const label = `${t(`insurances.${i}`)} · ${t(`firstday.policy.${which}`)}`;
            return <Field key={name} id={`${idp}-${name}`} label={label} name={name} inputMode="decimal" defaultValue={pre(name, bound(i, which))} error={err(name, `insurances.${i}`)} />;
          }),
        )}
      </div>
      {past || err("confirmPast") ? (
        <div className="field">
          <label>
            <input type="checkbox" name="confirmPast" defaultChecked={false} /> {t("workflows.fields.confirmPast")}
          </label>
        </div>
      ) : null}
      <SubmitRow label={t("workflows.policies.save")} />
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
          <SubmitRow label={t("workflows.policies.addDaysSubmit")} small />
        </Form>
      ) : null}
    </section>
  );
}

type Loader = ReturnType<typeof useLoaderData<typeof loader>>;

/** City presets: choose one to fill the new-version form; every value shows its source. */
function PresetsPanel({ presets, preset }: { presets: Loader["presets"]; preset: Loader["preset"] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="presets-title" data-testid="presets">
      <h2 id="presets-title">{t("firstday.presets.title")}</h2>
      {presets.length === 0 ? <p className="muted">{t("firstday.presets.none")}</p> : null}
      {presets.length > 0 ? (
        <ul className="plain-list">
          {presets.map((p) => (
            <li key={`${p.city}|${p.effectiveFrom}`}>
              <Link to={`?${new URLSearchParams({ preset: p.city, presetMonth: p.effectiveFrom })}#new-version`}>
                {p.cityZh} · {p.city} · {p.effectiveFrom}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="notice notice-warning">{t("firstday.presets.check")}</p>
      {preset ? (
        <table className="data-table compact" data-testid="preset-sources">
          <TableHead columns={[t("firstday.presets.field"), t("firstday.presets.value"), t("firstday.calendar.source")]} />
          <tbody>
            {preset.fields.map((f) => (
              <tr key={f.field}>
                <td className="mono">{f.field}</td>
                <td className="mono">{f.value}</td>
                <td>{f.source ? <SourceCite source={f.source} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function SourceCite({ source }: { source: { title: string; issuer: string; number: string | null; date: string; readAt: string } }) {
  return (
    <cite>
      {source.title} ({source.issuer}
      {source.number ? `, ${source.number}` : ""}, {source.date}) <a href={source.readAt} rel="noreferrer noopener" target="_blank">{source.readAt}</a>
    </cite>
  );
}

/** The State Council holiday calendar applied to a region: one action. */
function CalendarForm({ regions, years, currentMonth }: { regions: string[]; years: Loader["calendarYears"]; currentMonth: string }) {
  const { t } = useTranslation();
  const failure = useActionData<typeof action>();
  const mine = failure?.values.intent === "applyCalendar" ? failure : undefined;
  const err = useWorkflowErrors(mine?.errors);
  const thisYear = currentMonth.slice(0, 4);
  return (
    <section className="card" id="calendar" aria-labelledby="calendar-title" style={{ marginBottom: "1.2rem" }}>
      <h2 id="calendar-title">{t("firstday.calendar.title")}</h2>
      <p className="muted">{t("firstday.calendar.help")}</p>
      <Form method="post" noValidate aria-label={t("firstday.calendar.title")}>
        <input type="hidden" name="intent" value="applyCalendar" />
        <div className="form-grid">
          {regions.length > 0 ? (
            <SelectField id="cal-region" label={t("workflows.fields.region")} name="region" defaultValue={mine?.values.region ?? regions[0]} error={err("region")}>
              {regions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </SelectField>
          ) : (
            <Field id="cal-region" label={t("workflows.fields.region")} name="region" defaultValue={mine?.values.region ?? ""} error={err("region")} required />
          )}
          <SelectField id="cal-year" label={t("firstday.calendar.year")} name="year" defaultValue={mine?.values.year ?? (CALENDAR_YEARS.includes(Number(thisYear)) ? thisYear : String(CALENDAR_YEARS[CALENDAR_YEARS.length - 1]))} error={err("year", "firstday.calendar.year")}>
            {years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.year}
              </option>
            ))}
          </SelectField>
          <div className="field">
            <label>
              <input type="checkbox" name="weekends" defaultChecked /> {t("firstday.calendar.weekends")}
            </label>
          </div>
        </div>
        <SubmitRow label={t("firstday.calendar.apply")} />
      </Form>
      <h3>{t("firstday.calendar.source")}</h3>
      <ul className="plain-list">
        {years.map((y) => (
          <li key={y.year}>
            {y.year}: <SourceCite source={y.source} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function PoliciesPage() {
  const { canWrite, currentMonth, regions, presets, preset, calendarYears } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
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
          {params.get("done") === "calendar"
            ? t("firstday.saved.calendar", { region: params.get("region") ?? "", year: params.get("year") ?? "", added: params.get("added") ?? "0", unchanged: params.get("unchanged") ?? "0" })
            : t("workflows.month.saved")}
        </p>
      ) : null}
      {canWrite ? <PresetsPanel presets={presets} preset={preset} /> : null}
      {canWrite ? <CalendarForm regions={regions.map((r) => r.region)} years={calendarYears} currentMonth={currentMonth} /> : null}
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
                <dd>{fmt.money(v.baseFloor)}</dd>
                <dt>{t("workflows.fields.baseCap")}</dt>
                <dd>{fmt.money(v.baseCap)}</dd>
                {INSURANCES.map((i) => (
                  <div key={i} style={{ display: "contents" }}>
                    <dt>{t(`insurances.${i}`)}</dt>
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
                <dt>{t("firstday.policy.baseRule")}</dt>
                <dd>
                  {t(`firstday.policy.baseRules.${v.baseRule}`)}
                  {v.baseRule === "annual" ? ` · ${t("firstday.policy.baseYearStart")} ${v.baseYearStart}` : ""}
                </dd>
                {INSURANCES.filter((i) => v.insuranceBounds[i]).map((i) => (
                  <div key={`b-${i}`} style={{ display: "contents" }}>
                    <dt>
                      {t(`insurances.${i}`)} · {t("firstday.policy.floor")} / {t("firstday.policy.cap")}
                    </dt>
                    <dd>
                      {fmt.money(v.insuranceBounds[i]!.floor ?? v.baseFloor)} / {fmt.money(v.insuranceBounds[i]!.cap ?? v.baseCap)}
                    </dd>
                  </div>
                ))}
                {v.changeCutoffDay !== null ? (
                  <>
                    <dt>{t("firstday.policy.cutoff")}</dt>
                    <dd>{v.changeCutoffDay}</dd>
                  </>
                ) : null}
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
        <details className="card" id="new-version" open={(failure?.values.intent === "save" && !failure.values.id && failure.values.formRegion === "") || preset !== null}>
          <summary>{t("workflows.policies.newVersion")} · {t("workflows.fields.region")}</summary>
          <PolicyForm version={null} region="" currentMonth={currentMonth} preset={preset?.values ?? null} />
        </details>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
