import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Finding } from "~/rules/types";
import { monthHref } from "~/url-state/search-params";
import { useFormat } from "~/hooks/use-format";

type CureFinding = Pick<Finding, "rule" | "employerCode" | "period" | "employeeNo" | "exposure">;

/** Where a finding is cured, as links (month view, collection case, registration tracker, employee). */
export function cureLinks(f: CureFinding, asOf: string, employeeIds: Record<string, number>): { to: string; key: "month" | "collection" | "registration" | "employee" }[] {
  const q = (p: Record<string, string>) => new URLSearchParams(p).toString();
  const employer = f.employerCode;
  if (f.rule.startsWith("ART58_")) return [{ to: `/registrations?${q({ asOf })}`, key: "registration" }];
  const links: { to: string; key: "month" | "collection" | "registration" | "employee" }[] = [];
  const id = f.employeeNo ? employeeIds[f.employeeNo] : undefined;
  if (f.rule.startsWith("ART60_STATEMENT_")) {
    if (id) links.push({ to: `/employees/${id}`, key: "employee" });
    return links;
  }
  if (f.period) links.push({ to: monthHref(employer, f.period, { asOf }), key: "month" });
  if (f.rule === "ART60_UNPAID" || f.rule.startsWith("ART63_")) links.push({ to: `/collection?${q({ employer, asOf })}`, key: "collection" });
  if (id && !f.period) links.push({ to: `/employees/${id}`, key: "employee" });
  return links;
}

/** The cure links and, where the law fines, the art. 84 / 86 exposure (never added to what is owed). */
export function CureCell({ finding, asOf, employeeIds }: { finding: CureFinding; asOf: string; employeeIds: Record<string, number> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const e = finding.exposure;
  return (
    <>
      {cureLinks(finding, asOf, employeeIds).map((l) => (
        <div key={l.key}>
          <Link to={l.to}>{t(`workflows.cure.${l.key}`)}</Link>
        </div>
      ))}
      {e ? (
        <div className="muted" data-testid="exposure">
          {e.article === "84"
            ? t("workflows.cure.art84", { min: fmt.money(e.fineMin), max: fmt.money(e.fineMax) })
            : t("workflows.cure.art86", { min: fmt.money(e.fineMin), max: fmt.money(e.fineMax) })}
          {e.managerFineMin !== undefined && e.managerFineMax !== undefined
            ? `; ${t("workflows.cure.art84Managers", { min: fmt.money(e.managerFineMin), max: fmt.money(e.managerFineMax) })}`
            : ""}
        </div>
      ) : null}
    </>
  );
}
