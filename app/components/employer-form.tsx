import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { addMonths } from "~/rules/dates";
import { useFieldErrors } from "~/hooks/use-field-errors";
import type { FieldErrors } from "~/shared/validation";
import { Field, FormErrorSummary } from "./field";

export interface EmployerValues {
  code: string;
  name: string;
  uscc: string;
  region: string;
  trackingFrom: string | null;
}

/** What confirming a change of go-live month does, in words (`detail` is `from→to`, `none` for empty). */
function TrackingConfirmation({ detail }: { detail: string }) {
  const { t } = useTranslation();
  const [fromRaw, toRaw] = detail.split("→");
  const from = fromRaw === "none" ? null : fromRaw!;
  const to = toRaw === "none" ? null : toRaw!;
  const text =
    from === null
      ? t("firstday.tracking.set", { to })
      : to === null
        ? t("firstday.tracking.cleared", { from })
        : to < from
          ? t("firstday.tracking.earlier", { from, to, last: addMonths(from, -1) })
          : t("firstday.tracking.later", { from, to, last: addMonths(to, -1) });
  return (
    <div className="notice notice-warning" role="alert" data-testid="tracking-confirm">
      <p>{text}</p>
      <label>
        <input type="checkbox" name="confirmTracking" value="on" /> {t("firstday.tracking.confirm")}
      </label>
    </div>
  );
}

export function EmployerForm({ values, errors, defaultTrackingFrom }: { values: Partial<EmployerValues>; errors?: FieldErrors | null; defaultTrackingFrom?: string }) {
  const { t } = useTranslation();
  const err = useFieldErrors(errors);
  const busy = useNavigation().state === "submitting";
  const confirming = errors?.trackingFrom?.code === "confirmTracking" ? errors.trackingFrom.detail : undefined;
  return (
    <Form method="post" className="card" noValidate>
      <FormErrorSummary errors={errors} />
      {confirming ? <TrackingConfirmation detail={confirming} /> : null}
      <div className="form-grid">
        <Field label={t("fields.code")} name="code" defaultValue={values.code ?? ""} error={err("code")} required maxLength={20} />
        <Field label={t("fields.name")} name="name" defaultValue={values.name ?? ""} error={err("name")} required maxLength={200} />
        <Field
          label={t("fields.uscc")}
          name="uscc"
          defaultValue={values.uscc ?? ""}
          error={err("uscc")}
          required
          maxLength={18}
          className="mono"
          autoCapitalize="characters"
          spellCheck={false}
        />
        <Field label={t("fields.region")} name="region" defaultValue={values.region ?? ""} error={err("region")} required maxLength={50} />
        <Field
          label={t("firstday.tracking.label")}
          name="trackingFrom"
          type="month"
          placeholder="YYYY-MM"
          defaultValue={values.trackingFrom ?? (values.code === undefined ? (defaultTrackingFrom ?? "") : "")}
          error={confirming ? undefined : err("trackingFrom", "firstday.tracking.label")}
          hint={t("firstday.tracking.hint")}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={busy}>
          {t("common.save")}
        </button>
        <Link to="/employers" className="btn btn-ghost">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
