import { useTranslation } from "react-i18next";
import type { ConfigProblem } from "~/rules/types";

/** Months with liable employees but no policy in force: named, never silently skipped (SPEC §5). */
export function ConfigProblemsBanner({ problems }: { problems: ConfigProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  const shown = problems.slice(0, 12);
  return (
    <div className="notice notice-warning" role="status">
      <strong>{t("configProblems.title")}</strong>
      <p>{t("configProblems.body")}</p>
      <ul>
        {shown.map((p) => (
          <li key={`${p.employerCode}|${p.period}`}>
            {t("configProblems.item", { employer: p.employerCode, region: p.region, period: p.period, count: p.liableCount })}
          </li>
        ))}
        {problems.length > shown.length ? <li>…</li> : null}
      </ul>
    </div>
  );
}
