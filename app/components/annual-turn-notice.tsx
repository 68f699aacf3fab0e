/** The dashboard's notice of a contribution year's turn within 60 days, and the declaration lines that disagree with the new bases. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TurnNotice } from "~/models/annual-base.server";
import { useFormat } from "~/hooks/use-format";

export function AnnualTurnNotices({ notices }: { notices: readonly TurnNotice[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (notices.length === 0) return null;
  return (
    <section className="card notice notice-warning" aria-labelledby="annual-turn" data-testid="annual-turn">
      <h2 id="annual-turn">{t("hrMonth.turn.title")}</h2>
      {notices.map((n) => (
        <div key={n.employerCode}>
          <p>
            {t("hrMonth.turn.line", { employer: `${n.employerCode} · ${n.employerName}`, start: n.yearStart, days: n.daysLeft, count: n.lines })}{" "}
            <Link to={`/annual-base?${new URLSearchParams({ employer: n.employerCode, year: n.yearStart })}`}>{t("hrMonth.turn.open")}</Link>
          </p>
          {n.disagreeing.length > 0 ? (
            <>
              <p>{t("hrMonth.turn.disagreeing", { count: n.disagreeing.length })}</p>
              <ul>
                {n.disagreeing.slice(0, 20).map((e) => (
                  <li key={e.employeeNo}>
                    {t("hrMonth.turn.disagreeLine", { employeeNo: e.employeeNo, name: e.name, declared: fmt.money(e.declaredBase), basis: fmt.money(e.basis) })}
                  </li>
                ))}
              </ul>
              {n.disagreeing.length > 20 ? <p className="muted">{t("hrMonth.turn.more", { count: n.disagreeing.length - 20 })}</p> : null}
            </>
          ) : null}
        </div>
      ))}
    </section>
  );
}
