/**
 * The employee's answer to a statement (issue 19.4): "I confirm" (确认无误) or
 * "Something is wrong" (有异议) with a reason; once answered, what was said
 * and HR's resolution. The same on the link page and in the portal.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { shanghaiDateTime } from "~/shared/shanghai-time";

export type RespondError = "reasonRequired" | "reasonTooLong" | "alreadyAnswered" | "superseded";

export interface ResponseData {
  kind: "acknowledged" | "disputed";
  reason: string;
  at: string;
  disputeState: "open" | "corrected" | "answered" | null;
  answer: string | null;
}

export function StatementResponse({
  response,
  canAnswer,
  error,
  reason,
}: {
  response: ResponseData | null;
  /** False when a newer version exists (answer that one). */
  canAnswer: boolean;
  /** A `mail.respond.*` code from the last attempt. */
  error?: RespondError | null;
  reason?: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  if (response) {
    return (
      <section className="statement-respond card" aria-labelledby="respond-heading" data-testid="statement-response">
        <h2 id="respond-heading">{t("mail.respond.heading")}</h2>
        {response.kind === "acknowledged" ? (
          <p className="notice notice-ok" role="status">
            {t("mail.respond.acknowledgedAt", { at: shanghaiDateTime(response.at) })}
          </p>
        ) : (
          <>
            <p className="notice notice-warning" role="status">
              {t("mail.respond.disputedAt", { at: shanghaiDateTime(response.at), reason: response.reason })}
            </p>
            <p>
              {response.disputeState === "answered"
                ? t("mail.respond.disputeAnswered", { answer: response.answer ?? "" })
                : response.disputeState === "corrected"
                  ? t("mail.respond.disputeCorrected")
                  : t("mail.respond.disputeOpen")}
            </p>
          </>
        )}
      </section>
    );
  }
  if (!canAnswer) return <p className="notice notice-warning">{t("mail.link.newerVersion")}</p>;
  return (
    <section className="statement-respond card no-print" aria-labelledby="respond-heading">
      <h2 id="respond-heading">{t("mail.respond.heading")}</h2>
      <p className="muted">{t("mail.respond.intro")}</p>
      {error ? (
        <p className="notice notice-error" role="alert">
          {t(`mail.respond.${error}`)}
        </p>
      ) : null}
      <Form method="post" className="respond-form">
        <input type="hidden" name="intent" value="acknowledge" />
        <button type="submit" className="btn" disabled={busy}>
          {t("mail.respond.acknowledge")}
        </button>
      </Form>
      <Form method="post" className="respond-form">
        <input type="hidden" name="intent" value="dispute" />
        <label htmlFor="dispute-reason">{t("mail.respond.reason")}</label>
        <textarea
          id="dispute-reason"
          name="reason"
          rows={3}
          maxLength={1000}
          defaultValue={reason ?? ""}
          aria-invalid={error === "reasonRequired" ? true : undefined}
        />
        <button type="submit" className="btn btn-ghost" disabled={busy}>
          {t("mail.respond.dispute")}
        </button>
      </Form>
    </section>
  );
}
