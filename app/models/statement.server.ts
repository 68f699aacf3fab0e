/**
 * Monthly statements (SPEC §2, §6): issued per employee and month as immutable
 * snapshots; a correction is a new version with a reason.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { declarationLines, employees, employers, statements } from "../../db/schema";
import { isValidDate, isValidMonth, shanghaiDate } from "~/rules/dates";
import { evaluate, EngineIndex } from "~/rules/evaluate";
import { isLiable } from "~/rules/contributions";
import { checkStatementIssue, statementFigures, type StatementFigures } from "~/rules/statement";
import type { MsgParam, StatementErrorCode } from "~/shared/messages";
import { audit, type Actor } from "./audit.server";
import { afterCorrection } from "./statement-mail.server";
import { evaluateAsOf, loadEngineInput } from "./engine.server";
import { transaction } from "../../db/transaction";

export const IssueStatementsInput = z.object({
  employerCode: z.string().trim().default(""),
  period: z.string().refine(isValidMonth, "must be a month YYYY-MM"),
  employeeNo: z.string().trim().optional(),
  issuedOn: z.string().refine(isValidDate, "must be a date YYYY-MM-DD"),
  reason: z.string().trim().max(500).optional(),
  /** A correction from the web carries the version it corrects: a stale one is refused (issue 21.10). */
  corrects: z.number().int().positive().optional(),
  /** Issued earlier outside Shebao and recorded now (history): kept as "recorded later". */
  recordedLater: z.boolean().optional(),
});
export type IssueStatementsInput = z.input<typeof IssueStatementsInput>;

/** Why nothing was issued, for the web: `problems.statements.<code>` with its parameters. */
export interface IssueProblem {
  code: StatementErrorCode;
  params?: Record<string, MsgParam>;
}

/** A failure lists the reasons twice: in English (`errors`, the command line) and as codes (`problems`, the web), in the same order. */
export type IssueResult =
  | { ok: true; issued: number; corrected: number; skipped: number; employerCode: string }
  | { ok: false; errors: string[]; problems: IssueProblem[] };

function failed(error: string, code: StatementErrorCode, params?: Record<string, MsgParam>): IssueResult {
  return { ok: false, errors: [error], problems: [params ? { code, params } : { code }] };
}

/**
 * Issue statements for one employee, or for every liable employee of the
 * employer in the month. A month that already has a statement is corrected
 * only with a reason and never dated before the version it corrects; a batch
 * without a reason skips those employees (they already have theirs).
 */
export async function issueStatements(db: Db, raw: IssueStatementsInput, actor: Actor): Promise<IssueResult> {
  const parsed = IssueStatementsInput.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
      problems: parsed.error.issues.map((i) => ({ code: "invalid" as const, params: { field: i.path.join(".") } })),
    };
  }
  const { period, issuedOn, reason } = parsed.data;
  const employeeNo = parsed.data.employeeNo || undefined;
  const allEmployers = await db.select().from(employers).orderBy(asc(employers.code)).all();
  let employer = allEmployers.find((e) => e.code === parsed.data.employerCode);
  if (!parsed.data.employerCode) {
    if (allEmployers.length !== 1) return failed("employer: required where the installation holds several employers", "employerRequired");
    employer = allEmployers[0];
  }
  if (!employer) return failed(`employer: no employer with code "${parsed.data.employerCode}"`, "unknownEmployer", { code: parsed.data.employerCode });

  const staff = await db.select().from(employees).where(eq(employees.employerId, employer.id)).all();
  let targets = staff;
  if (employeeNo) {
    const one = await db.select().from(employees).where(eq(employees.employeeNo, employeeNo)).get();
    if (!one) return failed(`employee: no employee with number "${employeeNo}"`, "unknownEmployee", { employeeNo });
    if (one.employerId !== employer.id) {
      const theirs = allEmployers.find((e) => e.id === one.employerId)?.code ?? "?";
      return failed(`employee: ${employeeNo} is employed by ${theirs}, not ${employer.code}`, "employeeOfOtherEmployer", { employeeNo, theirs, employer: employer.code });
    }
    targets = [one];
  } else {
    targets = staff.filter((e) => e.hireDate <= issuedOn && isLiable(e.hireDate, e.terminationDate, period));
    if (targets.length === 0) {
      return failed(`period: no employee of ${employer.code} is liable in ${period} as of ${issuedOn}`, "noneLiable", { employer: employer.code, period, date: issuedOn });
    }
  }

  const input = await loadEngineInput(db, { employerCodes: [employer.code] });
  // Tranches and their filling as of the issue date; go-live changes none of them (SPEC §5), so every month is evaluated here.
  const trackingFrom = input.employers[0]?.trackingFrom ?? null;
  const ix = new EngineIndex({ ...input, employers: input.employers.map((x) => ({ ...x, trackingFrom: null })) });
  const evaluation = evaluate(ix, issuedOn);
  const nonWorkingDays = input.nonWorkingDays[employer.region] ?? [];
  const versions = ix.policiesByRegion.get(employer.region) ?? [];
  const byNo = new Map(input.employees.map((e) => [e.employeeNo, e]));

  const existing = new Map<number, { version: number; issuedOn: string }>();
  for (const s of await db
    .select({ employeeId: statements.employeeId, version: statements.version, issuedOn: statements.issuedOn })
    .from(statements)
    .where(and(eq(statements.employerId, employer.id), eq(statements.period, period)))
    .all()) {
    const cur = existing.get(s.employeeId);
    if (!cur || s.version > cur.version) existing.set(s.employeeId, { version: s.version, issuedOn: s.issuedOn });
  }
  const declared = new Map<number, { base: number; on: string }>();
  for (const d of await db
    .select({ employeeId: declarationLines.employeeId, base: declarationLines.declaredBase, on: declarationLines.declaredOn })
    .from(declarationLines)
    .where(and(eq(declarationLines.employerId, employer.id), eq(declarationLines.period, period)))
    .all()) {
    if (d.on > issuedOn) continue;
    const cur = declared.get(d.employeeId);
    if (!cur || d.on > cur.on) declared.set(d.employeeId, d);
  }

  const errors: string[] = [];
  const problems: IssueProblem[] = [];
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
      months: evaluation.months,
      nonWorkingDays,
      trackingFrom,
      declaredBase: declared.get(e.id)?.base ?? null,
    };
    const check = checkStatementIssue(subject);
    if (!check.ok) {
      errors.push(`${e.employeeNo}: ${check.reason}`);
      problems.push({ code: check.code, params: check.params });
      continue;
    }
    const prev = existing.get(e.id);
    if (prev) {
      if (!reason) {
        if (employeeNo) {
          errors.push(`reason: ${e.employeeNo} already has a statement for ${period} (version ${prev.version}); a correction needs a reason`);
          problems.push({ code: "correctionNeedsReason", params: { employeeNo: e.employeeNo, period, version: prev.version } });
        } else skipped++;
        continue;
      }
      if (parsed.data.corrects !== undefined && parsed.data.corrects !== prev.version) {
        errors.push(`corrects: version ${parsed.data.corrects} is no longer the latest; ${e.employeeNo} has version ${prev.version} of ${period} (issued ${prev.issuedOn}): reload and correct that one`);
        problems.push({ code: "staleVersion", params: { employeeNo: e.employeeNo, period, version: prev.version, corrects: parsed.data.corrects } });
        continue;
      }
      if (issuedOn < prev.issuedOn) {
        errors.push(`issuedOn: a correction cannot be dated before the version it corrects (${prev.issuedOn})`);
        problems.push({ code: "correctionBackdated", params: { date: prev.issuedOn } });
        continue;
      }
    }
    rows.push({ employeeId: e.id, version: (prev?.version ?? 0) + 1, figures: statementFigures(subject), correction: !!prev });
  }
  if (parsed.data.corrects !== undefined && rows.length === 1 && !rows[0]!.correction) {
    // The form corrected a version, but the employee has none any more: nothing to correct.
    return failed(`corrects: ${employeeNo} has no statement for ${period} to correct`, "invalid", { field: "corrects" });
  }
  if (errors.length > 0) return { ok: false, errors, problems };

  const recordedLater = parsed.data.recordedLater === true;
  try {
  await transaction(db, async (tx) => {
      // Re-check inside the write lock: two HR users correcting at once, the second is refused (issue 21.10).
      if (rows.some((r) => r.correction)) {
        const now = new Map<number, number>();
        for (const s of await tx
          .select({ employeeId: statements.employeeId, version: statements.version })
          .from(statements)
          .where(and(eq(statements.employerId, employer.id), eq(statements.period, period)))
          .all())
          now.set(s.employeeId, Math.max(now.get(s.employeeId) ?? 0, s.version));
        for (const r of rows) {
          const latest = now.get(r.employeeId) ?? 0;
          if (latest !== r.version - 1) throw new StaleVersion(latest);
        }
      }
      for (let i = 0; i < rows.length; i += 500) {
        await tx.insert(statements)
          .values(
            rows.slice(i, i + 500).map((r) => ({
              employeeId: r.employeeId,
              employerId: employer.id,
              period,
              version: r.version,
              issuedOn,
              reason: r.correction ? reason! : "",
              figures: r.figures as unknown as Record<string, unknown>,
              recordedLater,
            })),
          )
          .run();
      }
      const corrections = rows.filter((r) => r.correction);
      if (corrections.length > 0) await afterCorrection(tx, employer.id, period, corrections.map((r) => r.employeeId), actor);
      await audit(tx, actor, {
        action: rows.some((r) => r.correction) ? "correct" : "issue",
        entity: "statement",
        entityId: `${employer.code}/${period}${employeeNo ? `/${employeeNo}` : ""}`,
        after: { period, issuedOn, reason: reason ?? null, employees: rows.length, skipped, ...(recordedLater ? { recordedLater } : {}) },
      });
    },
  );
  } catch (e) {
    if (e instanceof StaleVersion) {
      const no = employeeNo ?? "";
      return failed(`corrects: ${no} now has version ${e.latest} of ${period}: reload and correct that one`, "staleVersion", { employeeNo: no, period, version: e.latest, corrects: parsed.data.corrects ?? e.latest - 1 });
    }
    throw e;
  }
  const corrected = rows.filter((r) => r.correction).length;
  return { ok: true, issued: rows.length - corrected, corrected, skipped, employerCode: employer.code };
}

class StaleVersion extends Error {
  constructor(readonly latest: number) {
    super("stale version");
  }
}

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

const VIEW_COLUMNS = {
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

function toView(s: Omit<StatementView, "figures"> & { figures: unknown }): StatementView {
  return { ...s, figures: s.figures as StatementFigures };
}

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

/** The employer a statement belongs to (for the account's employer scope); null when there is no such statement. */
export async function statementEmployerId(db: Db, id: number): Promise<number | null> {
  return (await db.select({ employerId: statements.employerId }).from(statements).where(eq(statements.id, id)).get())?.employerId ?? null;
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

// ---------- views for the web pages ----------

export interface StatementVersionRef {
  id: number;
  version: number;
  issuedOn: string;
  reason: string;
  firstViewedAt: string | null;
}

export interface MonthOverviewRow {
  employeeId: number;
  employeeNo: string;
  name: string;
  hireDate: string;
  terminationDate: string | null;
  /** The latest version issued on or before the as-of date, or null. */
  latest: StatementVersionRef | null;
  /** The issue date of version 1 (what the art. 60 deadline is measured by). */
  firstIssuedOn: string | null;
}

export interface MonthOverview {
  employer: { id: number; code: string; name: string };
  period: string;
  asOf: string;
  rows: MonthOverviewRow[];
  liable: number;
  issued: number;
  viewed: number;
}

/**
 * One employer-month for HR: every employee liable in the month (and hired by
 * the as-of date) with the latest statement version issued by then and when the
 * employee first opened it. Three queries; null for an unknown employer.
 */
export async function statementMonthOverview(db: Db, q: { employerCode: string; period: string; asOf: string }): Promise<MonthOverview | null> {
  const employer = await db
    .select({ id: employers.id, code: employers.code, name: employers.name })
    .from(employers)
    .where(eq(employers.code, q.employerCode))
    .get();
  if (!employer) return null;
  const staff = (await db
    .select({
      employeeId: employees.id,
      employeeNo: employees.employeeNo,
      name: employees.name,
      hireDate: employees.hireDate,
      terminationDate: employees.terminationDate,
    })
    .from(employees)
    .where(eq(employees.employerId, employer.id))
    .orderBy(asc(employees.employeeNo))
    .all())
    .filter((e) => e.hireDate <= q.asOf && isLiable(e.hireDate, e.terminationDate, q.period));

  const latest = new Map<number, StatementVersionRef>();
  const first = new Map<number, string>();
  for (const s of await db
    .select({
      employeeId: statements.employeeId,
      id: statements.id,
      version: statements.version,
      issuedOn: statements.issuedOn,
      reason: statements.reason,
      firstViewedAt: statements.firstViewedAt,
    })
    .from(statements)
    .where(and(eq(statements.employerId, employer.id), eq(statements.period, q.period)))
    .all()) {
    if (s.issuedOn > q.asOf) continue;
    const { employeeId, ...ref } = s;
    // A view after the as-of date had not happened yet.
    if (ref.firstViewedAt && shanghaiDate(new Date(ref.firstViewedAt)) > q.asOf) ref.firstViewedAt = null;
    const cur = latest.get(employeeId);
    if (!cur || ref.version > cur.version) latest.set(employeeId, ref);
    if (ref.version === 1) first.set(employeeId, ref.issuedOn);
  }
  const rows = staff.map((e) => ({ ...e, latest: latest.get(e.employeeId) ?? null, firstIssuedOn: first.get(e.employeeId) ?? null }));
  return {
    employer,
    period: q.period,
    asOf: q.asOf,
    rows,
    liable: rows.length,
    issued: rows.filter((r) => r.latest).length,
    viewed: rows.filter((r) => r.latest?.firstViewedAt).length,
  };
}

export interface MonthWithoutStatements {
  period: string;
  /** Liable employees with no statement for the month. */
  employees: number;
  /** The statement deadline (last day of M+1, rolled). */
  deadline: string;
  /** Days past the deadline as of the as-of date. */
  days: number;
}

/** The months of an employer with ART60_STATEMENT_MISSING findings as of D, newest first. */
export async function monthsWithoutStatements(db: Db, employerCode: string, asOf: string): Promise<MonthWithoutStatements[]> {
  const byPeriod = new Map<string, MonthWithoutStatements>();
  for (const f of (await evaluateAsOf(db, asOf, { employerCodes: [employerCode] })).findings) {
    if (f.rule !== "ART60_STATEMENT_MISSING" || f.period === null) continue;
    const cur = byPeriod.get(f.period);
    if (cur) cur.employees++;
    else byPeriod.set(f.period, { period: f.period, employees: 1, deadline: f.dueDate, days: f.days });
  }
  return [...byPeriod.values()].sort((a, b) => (a.period < b.period ? 1 : -1));
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

/** The latest version of every statement of an employer-month, by employee number: the batch print. */
export async function statementsForMonth(db: Db, employerCode: string, period: string): Promise<StatementView[]> {
  const rows = await db
    .select({ ...VIEW_COLUMNS, employeeId: statements.employeeId })
    .from(statements)
    .innerJoin(employers, eq(employers.id, statements.employerId))
    .innerJoin(employees, eq(employees.id, statements.employeeId))
    .where(and(eq(employers.code, employerCode), eq(statements.period, period)))
    .orderBy(asc(employees.employeeNo), desc(statements.version))
    .all();
  const seen = new Set<number>();
  const out: StatementView[] = [];
  for (const { employeeId, ...r } of rows) {
    if (seen.has(employeeId)) continue;
    seen.add(employeeId);
    out.push(toView(r));
  }
  return out;
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
