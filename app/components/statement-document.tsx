/**
 * The monthly statement of SPEC §6 (art. 60), as one printable document: the
 * same component for HR's view, the employee's view and the batch print.
 * Presentational: it formats the stored snapshot and computes nothing.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PaymentStatus, StatementFigures } from "~/rules/statement";
import { useFormat } from "~/hooks/use-format";
import { BasisSection, DeclaredSection, OwnContributionsSection, TrancheStatusText } from "./statement-sections";

/** The snapshot as a page receives it: an employee's page gets the payment as a status only. */
export type DocFigures = Omit<StatementFigures, "payment"> & { payment?: { kind: PaymentStatus["kind"]; on?: string } };

export interface StatementDoc {
  id: number;
  period: string;
  version: number;
  issuedOn: string;
  reason: string;
  figures: DocFigures;
  /** Issued earlier outside Shebao and recorded later (with when it was recorded). */
  recordedLater?: boolean;
  recordedAt?: string;
}

export interface VersionLink {
  id: number;
  version: number;
  issuedOn: string;
}

/**
 * `paid in full on DATE` / `partly paid` / `unpaid`: the month's payment
 * status only, never the employer's month-wide amounts (issue 21.9).
 */
export function PaymentStatusText({ payment }: { payment: Pick<PaymentStatus, "kind"> & { on?: string } }) {
  const { t } = useTranslation();
  if (payment.kind === "paid") return <span className="badge badge-ok">{t("statements.doc.paid", { date: payment.on ?? "" })}</span>;
  if (payment.kind === "partly_paid") return <span className="badge badge-warning">{t("mail.payment.partlyPaid")}</span>;
  return <span className="badge badge-critical">{t("statements.doc.unpaid")}</span>;
}

/** The card's two accounts, where to inquire, and the art. 4 right to inquire. */
export function StatementExplainer({ headingLevel = "h3" }: { headingLevel?: "h2" | "h3" }) {
  const { t } = useTranslation();
  const H = headingLevel;
  return (
    <section className="statement-explainer">
      <H>{t("statements.explainer.heading")}</H>
      <p>{t("statements.explainer.accounts")}</p>
      <p>{t("statements.explainer.where")}</p>
      <p>{t("statements.explainer.right")}</p>
    </section>
  );
}

export function RunningTotals({ totals, toMonth }: { totals: NonNullable<StatementFigures["runningTotals"]>; toMonth: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <dl className="facts running-totals">
      <dt>{t("statements.doc.runningPension", { from: fmt.month(totals.fromMonth), to: fmt.month(toMonth) })}</dt>
      <dd className="num">{fmt.money(totals.pension)}</dd>
      <dt>{t("statements.doc.runningMedical", { from: fmt.month(totals.fromMonth), to: fmt.month(toMonth) })}</dt>
      <dd className="num">{fmt.money(totals.medical)}</dd>
    </dl>
  );
}

function BaseNote({ f }: { f: DocFigures }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bounds = { floor: fmt.money(f.baseFloor), cap: fmt.money(f.baseCap) };
  if (f.clamp === "floor") return <p className="notice notice-warning base-note">{t("statements.doc.floorApplied", bounds)}</p>;
  if (f.clamp === "cap") return <p className="notice notice-warning base-note">{t("statements.doc.capApplied", bounds)}</p>;
  return <p className="muted base-note">{t("statements.doc.withinBounds", bounds)}</p>;
}

/**
 * One statement. `versions` (newest first) lists the month's versions with
 * links built by `versionHref`; the one shown is marked, older ones say so.
 */
export function StatementDocument({
  statement: s,
  heading = "h1",
  versions,
  versionHref,
  viewedNote,
  children,
}: {
  /** Shown under the totals (the employee's answer). */
  children?: ReactNode;
  statement: StatementDoc;
  heading?: "h1" | "h2";
  versions?: VersionLink[];
  versionHref?: (id: number) => string;
  /** Staff only: when the employee first opened it. */
  viewedNote?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const f = s.figures;
  const H = heading;
  const latest = versions?.[0];
  const isOlder = latest !== undefined && latest.id !== s.id;
  const titleId = `statement-${s.id}-title`;
  return (
    <article className="statement" aria-labelledby={titleId}>
      <header className="statement-head">
        <H id={titleId}>
          {t("statements.doc.heading")} · {fmt.month(f.period)}
        </H>
        <p className="statement-employer">{f.employerName}</p>
      </header>
      {isOlder ? (
        <p className="notice notice-warning" role="note">
          {t("statements.doc.olderVersion")}
        </p>
      ) : null}

      <section className="statement-summary" aria-label={t("mail.portal.ownHeading")}>
        <dl className="facts statement-totals">
          <dt>{t("statements.doc.employeeTotal")}</dt>
          <dd className="num-inline" data-testid="employee-total">
            {fmt.money(f.employeeTotal)}
          </dd>
          <dt>{t("statements.doc.employerTotal")}</dt>
          <dd className="num-inline" data-testid="employer-total">
            {fmt.money(f.employerTotal)}
          </dd>
        </dl>
        {f.tranche ? (
          <div className="statement-section">
            <h3>{t("statementFigures.trancheHeading", { period: fmt.month(f.period), date: fmt.longDate(s.issuedOn) })}</h3>
            <p data-testid="payment-status">
              <TrancheStatusText status={f.tranche} />
            </p>
          </div>
        ) : f.payment ? (
          <div className="statement-section">
            <h3>{t("statements.doc.paymentHeading", { date: fmt.longDate(s.issuedOn) })}</h3>
            <p data-testid="payment-status">
              <PaymentStatusText payment={f.payment} />
            </p>
          </div>
        ) : null}
      </section>
      {children}

      <dl className="facts statement-facts">
        <dt>{t("statements.doc.employer")}</dt>
        <dd>{f.employerName}</dd>
        <dt>{t("statements.doc.employee")}</dt>
        <dd>{f.employeeName}</dd>
        <dt>{t("statements.doc.employeeNo")}</dt>
        <dd className="mono">{f.employeeNo}</dd>
        <dt>{t("statements.doc.maskedId")}</dt>
        <dd className="mono">{f.maskedId}</dd>
        <dt>{t("statements.doc.period")}</dt>
        <dd>{fmt.month(f.period)}</dd>
        <dt>{t("statements.doc.version")}</dt>
        <dd data-testid="statement-version">{s.version}</dd>
        <dt>{t("statements.doc.issuedOn")}</dt>
        <dd>
          <time dateTime={s.issuedOn}>{fmt.longDate(s.issuedOn)}</time>
          {s.recordedLater ? (
            <span className="badge badge-closed recorded-later" data-testid="recorded-later">
              {t("mail.evidence.recordedLater", { at: s.recordedAt ? s.recordedAt.slice(0, 10) : "" })}
            </span>
          ) : null}
        </dd>
        {s.reason ? (
          <>
            <dt>{t("statements.doc.reason")}</dt>
            <dd data-testid="statement-reason">{s.reason}</dd>
          </>
        ) : null}
        <dt>{t("statements.doc.wage")}</dt>
        <dd className="num-inline">{fmt.money(f.wage)}</dd>
        <dt>{t("statements.doc.base")}</dt>
        <dd className="num-inline">{fmt.money(f.base)}</dd>
      </dl>
      {f.bases ? <BasisSection f={f} /> : null}
      {!f.bases || f.uniformBase ? <BaseNote f={f} /> : null}

      <div className="table-wrap statement-table">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t("statements.doc.insurance")}
              </th>
              <th scope="colgroup" colSpan={2}>
                {t("statements.doc.employerSide")}
              </th>
              <th scope="colgroup" colSpan={2}>
                {t("statements.doc.employeeSide")}
              </th>
            </tr>
            <tr>
              <th scope="col">{t("statements.doc.rate")}</th>
              <th scope="col" className="num">
                {t("statements.doc.amount")}
              </th>
              <th scope="col">{t("statements.doc.rate")}</th>
              <th scope="col" className="num">
                {t("statements.doc.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.items.map((i) => (
              <tr key={i.insurance}>
                <th scope="row">{t(`insurances.${i.insurance}`)}</th>
                <td className="nowrap">{i.employerRate}</td>
                <td className="num">{fmt.money(i.employerAmount)}</td>
                <td className="nowrap">{i.employeeRate}</td>
                <td className="num">{fmt.money(i.employeeAmount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("statements.doc.total")}</th>
              <td />
              <td className="num">
                <strong>{fmt.money(f.employerTotal)}</strong>
              </td>
              <td />
              <td className="num">
                <strong>{fmt.money(f.employeeTotal)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>

      {f.declaredBases !== undefined ? (
        <DeclaredSection f={f} />
      ) : f.declaredBase !== null ? (
        <p className="notice notice-warning">{t("statements.doc.declaredBase", { declared: fmt.money(f.declaredBase), base: fmt.money(f.base) })}</p>
      ) : null}

      {f.ownContributions ? (
        <OwnContributionsSection own={f.ownContributions} toMonth={f.period} />
      ) : f.runningTotals ? (
        <section className="statement-section">
          <h3>{t("statements.doc.runningHeading")}</h3>
          <RunningTotals totals={f.runningTotals} toMonth={f.period} />
        </section>
      ) : null}

      <StatementExplainer />

      {viewedNote ? <p className="muted statement-viewed">{viewedNote}</p> : null}

      {versions && versions.length > 1 && versionHref ? (
        <nav className="statement-versions no-print" aria-label={t("statements.doc.versions")}>
          <h3>{t("statements.doc.versions")}</h3>
          <ul>
            {versions.map((v) => (
              <li key={v.id}>
                {v.id === s.id ? (
                  <span aria-current="page">
                    {t("statements.doc.versionItem", { version: v.version, date: v.issuedOn })} ({t("statements.doc.thisVersion")})
                  </span>
                ) : (
                  <Link to={versionHref(v.id)}>{t("statements.doc.versionItem", { version: v.version, date: v.issuedOn })}</Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </article>
  );
}

/** A Print button (hidden in print). */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-ghost no-print" onClick={() => window.print()}>
      {t("statements.print")}
    </button>
  );
}
