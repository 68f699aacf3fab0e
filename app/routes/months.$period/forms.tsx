/** The month page's three forms: correct one employee's line, prepare the declaration, record a payment. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import type { MonthEmployeeRow } from "~/models/month.server";
import { yuanPlain } from "~/rules/money";
import { useWorkflowErrors } from "~/hooks/use-field-errors";
import type { FieldErrors } from "~/shared/validation";
import { SubmitRow } from "~/components/submit-row";

/** What the action gave back: the errors and the values of the form that failed. */
export type Failure = { errors: FieldErrors; values: Record<string, string> } | undefined;

/** The hidden fields every form of the month carries. */
function MonthFields({ intent, employer, period }: { intent: "prepare" | "correct" | "payment"; employer: string; period: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="employer" value={employer} />
      <input type="hidden" name="period" value={period} />
    </>
  );
}

export function CorrectionForm({ row, employer, period, today, failure }: { row: MonthEmployeeRow; employer: string; period: string; today: string; failure: Failure }) {
  const { t } = useTranslation();
  const mine = failure?.values.intent === "correct" && failure.values.employeeNo === row.employeeNo ? failure : undefined;
  const err = useWorkflowErrors(mine?.errors);
  const id = `c-${row.employeeNo}`;
  return (
    <Form method="post" className="card" noValidate preventScrollReset aria-label={t("workflows.month.correctFor", { employeeNo: row.employeeNo })}>
      <MonthFields intent="correct" employer={employer} period={period} />
      <input type="hidden" name="employeeNo" value={row.employeeNo} />
      <div className="form-grid">
        <Field
          id={`${id}-base`}
          label={t("workflows.fields.declaredBase")}
          name="declaredBase"
          inputMode="decimal"
          defaultValue={mine?.values.declaredBase ?? yuanPlain(row.base)}
          error={err("declaredBase")}
          required
        />
        <Field
          id={`${id}-on`}
          label={t("workflows.fields.declaredOn")}
          name="declaredOn"
          type="date"
          defaultValue={mine?.values.declaredOn ?? today}
          error={err("declaredOn") ?? err("employeeNo") ?? err("form")}
          required
        />
      </div>
      <SubmitRow label={t("workflows.month.correctSubmit")} small />
    </Form>
  );
}

export function PrepareForm({ employer, period, today, undeclaredCount, failure }: { employer: string; period: string; today: string; undeclaredCount: number; failure: Failure }) {
  const { t } = useTranslation();
  const mine = failure?.values.intent === "prepare" ? failure : undefined;
  const err = useWorkflowErrors(mine?.errors);
  const formError = err("form") ?? err("period") ?? err("employer");
  return (
    <Form method="post" className="card" noValidate>
      <p className="muted">{t("workflows.month.prepareHelp", { count: undeclaredCount })}</p>
      <MonthFields intent="prepare" employer={employer} period={period} />
      {formError ? (
        <p className="notice notice-error" role="alert">
          {formError}
        </p>
      ) : null}
      <Field id="prepare-declaredOn" label={t("workflows.fields.declaredOn")} name="declaredOn" type="date" defaultValue={mine ? mine.values.declaredOn : today} error={err("declaredOn")} required />
      <SubmitRow label={t("workflows.month.prepareSubmit")} />
    </Form>
  );
}

export function PaymentForm({ employer, period, today, outstanding, failure }: { employer: string; period: string; today: string; outstanding: number | null; failure: Failure }) {
  const { t } = useTranslation();
  const mine = failure?.values.intent === "payment" ? failure : undefined;
  const err = useWorkflowErrors(mine?.errors);
  const values = mine?.values;
  return (
    <Form method="post" className="card" noValidate>
      <h3>{t("workflows.month.recordPayment")}</h3>
      <p className="muted">{t("workflows.month.paymentHelp")}</p>
      <MonthFields intent="payment" employer={employer} period={period} />
      <div className="form-grid">
        <Field id="pay-paidOn" label={t("workflows.fields.paidOn")} name="paidOn" type="date" defaultValue={values?.paidOn ?? today} error={err("paidOn")} required />
        <Field
          id="pay-amount"
          label={t("workflows.fields.amountYuan")}
          name="amount"
          inputMode="decimal"
          placeholder={outstanding !== null ? yuanPlain(outstanding) : "0.00"}
          defaultValue={values?.amount ?? ""}
          error={err("amount", "workflows.fields.amountYuan")}
          required
        />
        <Field id="pay-reference" label={t("workflows.fields.reference")} name="reference" defaultValue={values?.reference ?? ""} error={err("reference")} required />
      </div>
      {err("employer") || err("period") ? (
        <p className="field-error" role="alert">
          {err("employer") ?? err("period")}
        </p>
      ) : null}
      <SubmitRow label={t("workflows.month.recordPaymentSubmit")} />
    </Form>
  );
}
