/**
 * A statement as the pages read it (SPEC §2, §6), shared by the three statement
 * modules: the view of one issued version (StatementView, from its row), and one
 * statement with every version of its month, scoped by who asks: an employee
 * (their own only, art. 4) or staff. Issuing is in statement-issue.server.ts,
 * the employee's portal in statement-portal.server.ts, HR's month of statements
 * in statement-overview.server.ts.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { statements } from "../../db/schema";
import type { StatementFigures } from "~/rules/statement";

export interface StatementView {
  id: number;
  period: string;
  version: number;
  issuedOn: string;
  reason: string;
  firstViewedAt: string | null;
  figures: StatementFigures;
  recordedLater: boolean;
  /** When it was recorded (ISO timestamp). */
  recordedAt: string;
}

export const VIEW_COLUMNS = {
  recordedLater: statements.recordedLater,
  recordedAt: statements.createdAt,
  id: statements.id,
  period: statements.period,
  version: statements.version,
  issuedOn: statements.issuedOn,
  reason: statements.reason,
  firstViewedAt: statements.firstViewedAt,
  figures: statements.figures,
};

export function toView(s: Omit<StatementView, "figures"> & { figures: unknown }): StatementView {
  return { ...s, figures: s.figures as StatementFigures };
}

export interface StatementVersionRef {
  id: number;
  version: number;
  issuedOn: string;
  reason: string;
  firstViewedAt: string | null;
}

/**
 * One statement, scoped by the owner: an employee passes their own employee id,
 * so another employee's statement is simply not found.
 */
export async function getStatement(db: Db, id: number, scope: { employeeId: number } | "staff"): Promise<StatementView | null> {
  const where = scope === "staff" ? eq(statements.id, id) : and(eq(statements.id, id), eq(statements.employeeId, scope.employeeId));
  const s = await db
    .select(VIEW_COLUMNS)
    .from(statements)
    .where(where)
    .get();
  return s ? toView(s) : null;
}

/**
 * Every version of the month of one statement (newest first), scoped like
 * getStatement; null when the statement is not found in that scope.
 */
export async function statementVersions(
  db: Db,
  id: number,
  scope: { employeeId: number } | "staff",
): Promise<{ employeeId: number; versions: StatementVersionRef[] } | null> {
  const where = scope === "staff" ? eq(statements.id, id) : and(eq(statements.id, id), eq(statements.employeeId, scope.employeeId));
  const s = await db.select({ employeeId: statements.employeeId, period: statements.period }).from(statements).where(where).get();
  if (!s) return null;
  const versions = await db
    .select({ id: statements.id, version: statements.version, issuedOn: statements.issuedOn, reason: statements.reason, firstViewedAt: statements.firstViewedAt })
    .from(statements)
    .where(and(eq(statements.employeeId, s.employeeId), eq(statements.period, s.period)))
    .orderBy(desc(statements.version))
    .all();
  return { employeeId: s.employeeId, versions };
}
