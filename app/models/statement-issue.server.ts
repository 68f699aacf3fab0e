/**
 * HR issues monthly statements (SPEC §2, §6): per employee and month, as
 * immutable snapshots; a correction is a new version with a reason.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { declarationLines, employees, employers, statements } from "../../db/schema";
import { isValidDate, isValidMonth } from "~/rules/dates";
import { evaluate, EngineIndex } from "~/rules/evaluate";
import { isLiable } from "~/rules/contributions";
import { checkStatementIssue, statementFigures, type StatementFigures } from "~/rules/statement";
import type { MsgParam, StatementErrorCode } from "~/shared/messages";
import { audit, type Actor } from "./audit.server";
import { afterCorrection } from "./statement-mail.server";
import { loadEngineInput } from "./engine.server";
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
