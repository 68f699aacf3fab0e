/**
 * What an employee sees of their own statements (art. 4, SPEC §6): their
 * statements, newest first; the portal (the latest version of each month and
 * the contributions chart); the payment as a status only, never the employer's
 * month-wide amounts; and the first time they opened one (delivery evidence).
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { statements } from "../../db/schema";
import type { StatementFigures } from "~/rules/statement";
import { audit, type Actor } from "./audit.server";
import { toView, VIEW_COLUMNS, type StatementView } from "./statement-view.server";
import { transaction } from "../../db/transaction";

/** The month's payment status without the employer's month-wide amounts (issue 21.9). */
export type OwnPaymentStatus = { kind: NonNullable<StatementFigures["payment"]>["kind"]; on?: string };

export function ownPayment(p: NonNullable<StatementFigures["payment"]>): OwnPaymentStatus {
  return p.kind === "paid" ? { kind: p.kind, on: p.on } : { kind: p.kind };
}

/** What an employee is shown: their own figures; the payment as a status only. */
export function forEmployee(v: StatementView): Omit<StatementView, "figures"> & { figures: Omit<StatementFigures, "payment"> & { payment?: OwnPaymentStatus } } {
  const { payment, ...rest } = v.figures;
  return { ...v, figures: payment ? { ...rest, payment: ownPayment(payment) } : rest };
}

/** An employee's statements, newest month first, every version (latest first). */
export async function listStatementsForEmployee(db: Db, employeeId: number): Promise<StatementView[]> {
  return (await db
    .select(VIEW_COLUMNS)
    .from(statements)
    .where(eq(statements.employeeId, employeeId))
    .orderBy(desc(statements.period), desc(statements.version))
    .all())
    .map(toView);
}

/** Delivery evidence: the first time the employee opened it (set once, audit-logged). */
export async function markStatementViewed(db: Db, id: number, employeeId: number, actor: Actor, now: Date = new Date()): Promise<void> {
  await transaction(db, async (tx) => {
      const res = await tx
        .update(statements)
        .set({ firstViewedAt: now.toISOString() })
        .where(and(eq(statements.id, id), eq(statements.employeeId, employeeId), isNull(statements.firstViewedAt)))
        .run();
      if (res.changes > 0) await audit(tx, actor, { action: "view", entity: "statement", entityId: id, after: { firstViewedAt: now.toISOString() } }, now);
    },
  );
}

export interface PortalMonth {
  id: number;
  period: string;
  version: number;
  issuedOn: string;
  firstViewedAt: string | null;
  employeeTotal: number;
  employerTotal: number;
  /** E's own tranche for the month as of the issue date (SPEC §6). */
  tranche: NonNullable<StatementFigures["tranche"]> | null;
  /** Legacy snapshots only: the month's status they stored, as a status only (no month-wide amounts). */
  payment: OwnPaymentStatus | null;
}

export interface Portal {
  /** The latest version of each month, newest month first. */
  months: PortalMonth[];
  /** Own and employer contributions per month, oldest first (from the statements' figures). */
  chart: { period: string; own: number; employer: number }[];
  /** From the newest month's statement; null when there is none. */
  ownContributions: NonNullable<StatementFigures["ownContributions"]> | null;
  /** Legacy snapshots only. */
  runningTotals: NonNullable<StatementFigures["runningTotals"]> | null;
}

/** The employee portal: their own statements only, the latest version of each month. */
export async function employeePortal(db: Db, employeeId: number): Promise<Portal> {
  const months: PortalMonth[] = [];
  let runningTotals: Portal["runningTotals"] = null;
  let ownContributions: Portal["ownContributions"] = null;
  for (const s of await listStatementsForEmployee(db, employeeId)) {
    if (months.length > 0 && months[months.length - 1]!.period === s.period) continue;
    const f = s.figures;
    if (months.length === 0) {
      ownContributions = f.ownContributions ?? null;
      runningTotals = f.ownContributions ? null : (f.runningTotals ?? null);
    }
    months.push({
      id: s.id,
      period: s.period,
      version: s.version,
      issuedOn: s.issuedOn,
      firstViewedAt: s.firstViewedAt,
      employeeTotal: f.employeeTotal,
      employerTotal: f.employerTotal,
      tranche: f.tranche ?? null,
      payment: f.tranche || !f.payment ? null : ownPayment(f.payment),
    });
  }
  const chart = months.map((m) => ({ period: m.period, own: m.employeeTotal, employer: m.employerTotal })).reverse();
  return { months, chart, ownContributions, runningTotals };
}
