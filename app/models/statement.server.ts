/**
 * Monthly statements (SPEC §2, §6): issued per employee and month as immutable
 * snapshots; a correction is a new version with a reason.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { declarationLines, employees, employers, statements } from "../../db/schema";
import { isValidDate, isValidMonth } from "~/rules/dates";
import { evaluate, EngineIndex } from "~/rules/evaluate";
import { isLiable } from "~/rules/contributions";
import { checkStatementIssue, statementFigures, type StatementFigures } from "~/rules/statement";
import { audit, type Actor } from "./audit.server";
import { loadEngineInput } from "./engine.server";

export const IssueStatementsInput = z.object({
  employerCode: z.string().trim().default(""),
  period: z.string().refine(isValidMonth, "must be a month YYYY-MM"),
  employeeNo: z.string().trim().optional(),
  issuedOn: z.string().refine(isValidDate, "must be a date YYYY-MM-DD"),
  reason: z.string().trim().max(500).optional(),
});
export type IssueStatementsInput = z.input<typeof IssueStatementsInput>;

export type IssueResult =
  | { ok: true; issued: number; corrected: number; skipped: number; employerCode: string }
  | { ok: false; errors: string[] };

/**
 * Issue statements for one employee, or for every liable employee of the
 * employer in the month. A month that already has a statement is corrected
 * only with a reason and never dated before the version it corrects; a batch
 * without a reason skips those employees (they already have theirs).
 */
export function issueStatements(db: Db, raw: IssueStatementsInput, actor: Actor): IssueResult {
  const parsed = IssueStatementsInput.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  }
  const { period, issuedOn, reason } = parsed.data;
  const employeeNo = parsed.data.employeeNo || undefined;
  const allEmployers = db.select().from(employers).orderBy(asc(employers.code)).all();
  let employer = allEmployers.find((e) => e.code === parsed.data.employerCode);
  if (!parsed.data.employerCode) {
    if (allEmployers.length !== 1) return { ok: false, errors: ["employer: required where the installation holds several employers"] };
    employer = allEmployers[0];
  }
  if (!employer) return { ok: false, errors: [`employer: no employer with code "${parsed.data.employerCode}"`] };

  const staff = db.select().from(employees).where(eq(employees.employerId, employer.id)).all();
  let targets = staff;
  if (employeeNo) {
    const one = db.select().from(employees).where(eq(employees.employeeNo, employeeNo)).get();
    if (!one) return { ok: false, errors: [`employee: no employee with number "${employeeNo}"`] };
    if (one.employerId !== employer.id) {
      const theirs = allEmployers.find((e) => e.id === one.employerId)?.code ?? "?";
      return { ok: false, errors: [`employee: ${employeeNo} is employed by ${theirs}, not ${employer.code}`] };
    }
    targets = [one];
  } else {
    targets = staff.filter((e) => e.hireDate <= issuedOn && isLiable(e.hireDate, e.terminationDate, period));
    if (targets.length === 0) return { ok: false, errors: [`period: no employee of ${employer.code} is liable in ${period} as of ${issuedOn}`] };
  }

  const input = loadEngineInput(db, { employerCodes: [employer.code] });
  const ix = new EngineIndex(input);
  const evaluation = evaluate(ix, issuedOn);
  const month = evaluation.months.find((m) => m.period === period) ?? null;
  const versions = ix.policiesByRegion.get(employer.region) ?? [];
  const byNo = new Map(input.employees.map((e) => [e.employeeNo, e]));

  const existing = new Map<number, { version: number; issuedOn: string }>();
  for (const s of db
    .select({ employeeId: statements.employeeId, version: statements.version, issuedOn: statements.issuedOn })
    .from(statements)
    .where(and(eq(statements.employerId, employer.id), eq(statements.period, period)))
    .all()) {
    const cur = existing.get(s.employeeId);
    if (!cur || s.version > cur.version) existing.set(s.employeeId, { version: s.version, issuedOn: s.issuedOn });
  }
  const declared = new Map<number, { base: number; on: string }>();
  for (const d of db
    .select({ employeeId: declarationLines.employeeId, base: declarationLines.declaredBase, on: declarationLines.declaredOn })
    .from(declarationLines)
    .where(and(eq(declarationLines.employerId, employer.id), eq(declarationLines.period, period)))
    .all()) {
    if (d.on > issuedOn) continue;
    const cur = declared.get(d.employeeId);
    if (!cur || d.on > cur.on) declared.set(d.employeeId, d);
  }

  const errors: string[] = [];
  const rows: { employeeId: number; version: number; figures: StatementFigures; correction: boolean }[] = [];
  let skipped = 0;
  for (const e of targets) {
    const engineEmployee = byNo.get(e.employeeNo)!;
    const subject = {
      employer: { code: employer.code, name: employer.name },
      employee: { ...engineEmployee, idNumber: e.idNumber },
      policies: versions,
      period,
      issuedOn,
      month,
      declaredBase: declared.get(e.id)?.base ?? null,
    };
    const check = checkStatementIssue(subject);
    if (!check.ok) {
      errors.push(`${e.employeeNo}: ${check.reason}`);
      continue;
    }
    const prev = existing.get(e.id);
    if (prev) {
      if (!reason) {
        if (employeeNo) errors.push(`reason: ${e.employeeNo} already has a statement for ${period} (version ${prev.version}); a correction needs a reason`);
        else skipped++;
        continue;
      }
      if (issuedOn < prev.issuedOn) {
        errors.push(`issuedOn: a correction cannot be dated before the version it corrects (${prev.issuedOn})`);
        continue;
      }
    }
    rows.push({ employeeId: e.id, version: (prev?.version ?? 0) + 1, figures: statementFigures(subject), correction: !!prev });
  }
  if (errors.length > 0) return { ok: false, errors };

  db.transaction(
    (tx) => {
      for (let i = 0; i < rows.length; i += 500) {
        tx.insert(statements)
          .values(
            rows.slice(i, i + 500).map((r) => ({
              employeeId: r.employeeId,
              employerId: employer.id,
              period,
              version: r.version,
              issuedOn,
              reason: r.correction ? reason! : "",
              figures: r.figures as unknown as Record<string, unknown>,
            })),
          )
          .run();
      }
      audit(tx, actor, {
        action: rows.some((r) => r.correction) ? "correct" : "issue",
        entity: "statement",
        entityId: `${employer.code}/${period}${employeeNo ? `/${employeeNo}` : ""}`,
        after: { period, issuedOn, reason: reason ?? null, employees: rows.length, skipped },
      });
    },
    { behavior: "immediate" },
  );
  const corrected = rows.filter((r) => r.correction).length;
  return { ok: true, issued: rows.length - corrected, corrected, skipped, employerCode: employer.code };
}

export interface StatementView {
  id: number;
  period: string;
  version: number;
  issuedOn: string;
  reason: string;
  firstViewedAt: string | null;
  figures: StatementFigures;
}

const VIEW_COLUMNS = {
  id: statements.id,
  period: statements.period,
  version: statements.version,
  issuedOn: statements.issuedOn,
  reason: statements.reason,
  firstViewedAt: statements.firstViewedAt,
  figures: statements.figures,
};

function toView(s: Omit<StatementView, "figures"> & { figures: unknown }): StatementView {
  return { ...s, figures: s.figures as StatementFigures };
}

/** An employee's statements, newest month first, every version (latest first). */
export function listStatementsForEmployee(db: Db, employeeId: number): StatementView[] {
  return db
    .select(VIEW_COLUMNS)
    .from(statements)
    .where(eq(statements.employeeId, employeeId))
    .orderBy(desc(statements.period), desc(statements.version))
    .all()
    .map(toView);
}

/**
 * One statement, scoped by the owner: an employee passes their own employee id,
 * so another employee's statement is simply not found.
 */
export function getStatement(db: Db, id: number, scope: { employeeId: number } | "staff"): StatementView | null {
  const where = scope === "staff" ? eq(statements.id, id) : and(eq(statements.id, id), eq(statements.employeeId, scope.employeeId));
  const s = db
    .select(VIEW_COLUMNS)
    .from(statements)
    .where(where)
    .get();
  return s ? toView(s) : null;
}

/** Delivery evidence: the first time the employee opened it (set once, audit-logged). */
export function markStatementViewed(db: Db, id: number, employeeId: number, actor: Actor, now: Date = new Date()): void {
  db.transaction(
    (tx) => {
      const res = tx
        .update(statements)
        .set({ firstViewedAt: now.toISOString() })
        .where(and(eq(statements.id, id), eq(statements.employeeId, employeeId), isNull(statements.firstViewedAt)))
        .run();
      if (res.changes > 0) audit(tx, actor, { action: "view", entity: "statement", entityId: id, after: { firstViewedAt: now.toISOString() } }, now);
    },
    { behavior: "immediate" },
  );
}
