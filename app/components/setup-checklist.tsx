/** The set-up checklist on an installation or employer that is not ready; gone when every step is done. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ChecklistStep, SetupStep } from "~/rules/checklist";

const HREF: Record<SetupStep, string> = {
  employer: "/employers/new",
  policy: "/settings/policies",
  calendar: "/settings/policies#calendar",
  roster: "/imports",
  registrations: "/registrations",
  declared: "/months",
};

export function SetupChecklist({ steps, employerCount }: { steps: ChecklistStep[]; employerCount: number }) {
  const { t } = useTranslation();
  if (steps.every((s) => s.done)) return null;
  return (
    <section aria-labelledby="dash-setup" className="card setup" data-testid="setup-checklist">
      <h2 id="dash-setup">{t("firstday.checklist.title")}</h2>
      <p className="muted">{t("firstday.checklist.intro")}</p>
      <ol className="checklist">
        {steps.map((s) => (
          <li key={s.step} data-step={s.step} data-done={s.done ? "true" : "false"}>
            <span className={s.done ? "badge badge-ok" : "badge badge-warning"}>{s.done ? t("firstday.checklist.done") : t("firstday.checklist.todo")}</span>{" "}
            <Link to={s.step === "employer" && employerCount > 0 ? "/employers" : HREF[s.step]}>{t(`firstday.checklist.steps.${s.step}`)}</Link>
            {!s.done && s.employerCode && employerCount > 1 ? <span className="muted"> {t("firstday.checklist.forEmployer", { code: s.employerCode })}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
