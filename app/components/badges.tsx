import { useTranslation } from "react-i18next";
import type { FindingStatus, RuleCode, Severity } from "~/rules/types";

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${severity}`}>{t(`severities.${severity}`)}</span>;
}

export function StatusBadge({ status }: { status: FindingStatus }) {
  const { t } = useTranslation();
  return <span className={status === "open" ? "badge badge-warning" : "badge badge-closed"}>{t(`statuses.${status}`)}</span>;
}

/** A rule's name as a badge coloured by its severity. */
export function RuleBadge({ rule, severity }: { rule: RuleCode; severity: Severity }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${severity}`}>{t(`rules.${rule}`)}</span>;
}
