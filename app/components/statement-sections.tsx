/**
 * The parts of a statement that the revised rule book added (SPEC §6): how the
 * basis was derived, each insurance's base where they differ, the declared
 * base as the agency charges it, the status of the employee's own tranche, and
 * the own contributions credited or withheld but not yet paid. Presentational:
 * they format the stored snapshot and compute nothing.
 */
import { createColumnHelper } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import type { BasisDerivation, InsuranceBaseLine, OwnContributions, StatementFigures, TrancheStatus } from "~/rules/statement";
import type { Fen, Insurance } from "~/rules/types";
import { useFormat } from "~/hooks/use-format";
import { DataTable } from "./data-table";

const baseCol = createColumnHelper<InsuranceBaseLine>();

export function useDerivationText(): (d: BasisDerivation) => string {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (d) => {
    if (d.kind === "wage") return t("statementFigures.derivation.wage", { month: fmt.month(d.month) });
    if (d.kind === "hire") return t("statementFigures.derivation.hire", { month: fmt.month(d.month) });
    return t("statementFigures.derivation.average", { year: d.year, months: d.months });
  };
}

/** `Paid in full on DATE` / `Not yet due` / `Partly paid` / `Unpaid`: E's own tranche, no employer-wide amount. */
export function TrancheStatusText({ status }: { status: TrancheStatus }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (status.kind === "paid_in_full")
    return (
      <span className="badge badge-ok">{status.on ? t("statementFigures.tranche.paid_in_full", { date: fmt.longDate(status.on) }) : t("statementFigures.tranche.paid_in_full_nodate")}</span>
    );
  const date = fmt.longDate(status.dueDate);
  if (status.kind === "not_yet_due") return <span className="badge">{t("statementFigures.tranche.not_yet_due", { date })}</span>;
  if (status.kind === "partly_paid") return <span className="badge badge-warning">{t("statementFigures.tranche.partly_paid", { date })}</span>;
  return <span className="badge badge-critical">{t("statementFigures.tranche.unpaid", { date })}</span>;
}

const BOUND_KEYS = {
  none: "statementFigures.bound.none",
  floor_policy: "statementFigures.bound.floor_policy",
  floor_insurance: "statementFigures.bound.floor_insurance",
  cap_policy: "statementFigures.bound.cap_policy",
  cap_insurance: "statementFigures.bound.cap_insurance",
} as const;

function boundKey(b: InsuranceBaseLine): (typeof BOUND_KEYS)[keyof typeof BOUND_KEYS] {
  return b.clamp === null ? BOUND_KEYS.none : BOUND_KEYS[`${b.clamp}_${b.owner ?? "policy"}`];
}

/** The basis and its derivation; each insurance's base on its line where they differ. */
export function BasisSection({ f }: { f: Omit<StatementFigures, "payment"> }) {
  const { t } = useTranslation();
  const { money } = useFormat();
  const derivation = useDerivationText();
  if (f.basis === undefined || !f.basisDerivation || !f.bases) return null;
  return (
    <section className="statement-section statement-basis">
      <p data-testid="basis-derivation">
        {t("statementFigures.basisNote", { derivation: derivation(f.basisDerivation) })} <strong className="num-inline">{money(f.basis)}</strong>
      </p>
      {f.uniformBase ? null : (
        <DataTable
          frame="plain"
          captionVisible
          caption={t("statementFigures.basesHeading")}
          data={f.bases}
          columns={[
            baseCol.accessor("insurance", { header: t("statements.doc.insurance"), cell: (c) => t(`insurances.${c.row.original.insurance}`), meta: { rowHeader: true } }),
            baseCol.accessor("base", { header: t("statementFigures.baseUsed"), cell: (c) => money(c.getValue()), meta: { className: "num" } }),
            baseCol.display({ id: "bound", header: "", cell: (c) => t(boundKey(c.row.original)), meta: { className: "muted" } }),
          ]}
          rowKey={(b) => b.insurance}
          empty={t("common.none")}
          testId="insurance-bases"
        />
      )}
    </section>
  );
}

/** The declared base and the bases the agency applies to it, where E's line is under-declared. */
export function DeclaredSection({ f }: { f: Omit<StatementFigures, "payment"> }) {
  const { t } = useTranslation();
  const { money } = useFormat();
  if (f.declaredBase === null || !f.declaredBases || !f.bases) return null;
  const declared = f.declaredBases;
  return (
    <section className="statement-section notice notice-warning" data-testid="declared-bases">
      <h3>{t("statementFigures.declaredHeading")}</h3>
      <p>{t("statementFigures.declared", { declared: money(f.declaredBase) })}</p>
      <DataTable
        frame="plain"
        data={f.bases}
        columns={[
          baseCol.accessor("insurance", { header: t("statements.doc.insurance"), cell: (c) => t(`insurances.${c.row.original.insurance}`), meta: { rowHeader: true } }),
          baseCol.accessor((b) => declared[b.insurance as Insurance], { id: "declared", header: t("statementFigures.declaredBase"), cell: (c) => money(c.getValue()), meta: { className: "num" } }),
          baseCol.accessor("base", { header: t("statementFigures.requiredBase"), cell: (c) => money(c.getValue()), meta: { className: "num" } }),
        ]}
        rowKey={(b) => b.insurance}
        empty={t("common.none")}
      />
    </section>
  );
}

interface OwnLine {
  label: string;
  amounts: { pension: Fen; medical: Fen };
  testId: string;
}
const ownCol = createColumnHelper<OwnLine>();

/** Credited and withheld-but-unpaid own contributions, and where to turn when months are overdue. */
export function OwnContributionsSection({ own, toMonth, headingLevel = "h3" }: { own: OwnContributions; toMonth: string; headingLevel?: "h2" | "h3" }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const H = headingLevel;
  const sum = (x: { pension: Fen; medical: Fen }) => x.pension + x.medical;
  return (
    <section className="statement-section own-contributions" data-testid="own-contributions">
      <H>{t("statementFigures.ownHeading", { from: fmt.month(own.fromMonth), to: fmt.month(toMonth) })}</H>
      <DataTable
        frame="plain"
        data={[
          { label: t("statementFigures.credited"), amounts: own.credited, testId: "own-credited" },
          { label: t("statementFigures.withheld"), amounts: own.withheld, testId: "own-withheld" },
        ]}
        columns={[
          ownCol.accessor("label", { header: "", meta: { rowHeader: true } }),
          ownCol.accessor((l) => l.amounts.pension, { id: "pension", header: t("statementFigures.pension"), cell: (c) => fmt.money(c.getValue()), meta: { className: "num" } }),
          ownCol.accessor((l) => l.amounts.medical, { id: "medical", header: t("statementFigures.medical"), cell: (c) => fmt.money(c.getValue()), meta: { className: "num" } }),
          ownCol.accessor((l) => sum(l.amounts), {
            id: "total",
            header: t("statementFigures.total"),
            cell: (c) => <span data-testid={c.row.original.testId}>{fmt.money(c.getValue())}</span>,
            meta: { className: "num" },
          }),
        ]}
        rowKey={(l) => l.testId}
        empty={t("common.none")}
      />
      {sum(own.withheld) > 0 && own.overdueMonths.length > 0 ? (
        <p className="notice notice-critical" role="note" data-testid="withheld-overdue">
          {t("statementFigures.overdueNote", { months: own.overdueMonths.map((m) => fmt.month(m)).join(", ") })}
        </p>
      ) : null}
    </section>
  );
}
