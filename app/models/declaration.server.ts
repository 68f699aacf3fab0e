/**
 * Declarations (art. 60, SPEC §2): preparing a month's declaration (a line at
 * the required base for every liable employee who has none) and correcting a
 * line (a new version with a later `declared_on`). Every write is one
 * immediate transaction with its audit-log entry.
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { declarationLines, employees, employers, policies, wages } from "../../db/schema";
import { audit, type Actor } from "./audit.server";
import { toPolicyVersion } from "./engine.server";
import { clampBase, isLiable, policyInForce, wageInForce } from "~/rules/contributions";
import { isoDate, isoMonth, requiredText, yuanAmount, fail, validate, type Result } from "~/shared/validation";
import { transaction } from "../../db/transaction";

export const PrepareDeclarationSchema = z.object({
  employer: requiredText(20),
  period: isoMonth(),
  declaredOn: isoDate(),
});

export const CorrectLineSchema = z.object({
  employer: requiredText(20),
  period: isoMonth(),
  employeeNo: requiredText(40),
  declaredBase: yuanAmount(),
  declaredOn: isoDate(),
});

/**
 * One line at the required base for every employee of the employer liable in
 * the period (hired on or before `declared_on`) who has no line yet. Returns
 * the number of lines written.
 */
export async function prepareDeclaration(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(PrepareDeclarationSchema, raw);
  if (!parsed.ok) return parsed;
  const { employer: code, period, declaredOn } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const employer = await tx.select({ id: employers.id, region: employers.region }).from(employers).where(eq(employers.code, code)).get();
      if (!employer) return fail("employer", "noEmployer");
      const policy = policyInForce((await tx.select().from(policies).where(eq(policies.region, employer.region)).all()).map(toPolicyVersion), period);
      if (!policy) return fail("period", "noPolicy", employer.region);
      const staff = (await tx
        .select({ id: employees.id, employeeNo: employees.employeeNo, hireDate: employees.hireDate, terminationDate: employees.terminationDate })
        .from(employees)
        .where(eq(employees.employerId, employer.id))
        .all())
        .filter((e) => e.hireDate <= declaredOn && isLiable(e.hireDate, e.terminationDate, period));
      const declared = new Set(
        (await tx
          .select({ employeeId: declarationLines.employeeId })
          .from(declarationLines)
          .where(and(eq(declarationLines.employerId, employer.id), eq(declarationLines.period, period)))
          .all())
          .map((l) => l.employeeId),
      );
      const missing = staff.filter((e) => !declared.has(e.id));
      if (missing.length === 0) return fail("form", "nothingToDeclare");
      const wageRows = await tx
        .select({ employeeId: wages.employeeId, effectiveMonth: wages.effectiveMonth, monthlyWage: wages.monthlyWage })
        .from(wages)
        .where(and(eq(wages.employerId, employer.id), inArray(wages.employeeId, missing.map((e) => e.id))))
        .all();
      const lines = missing.map((e) => {
        const rows = wageRows.filter((w) => w.employeeId === e.id);
        const declaredBase = clampBase(wageInForce(rows, period), policy).base;
        return { employerId: employer.id, period, employeeId: e.id, declaredBase, declaredOn, employeeNo: e.employeeNo };
      });
      await tx.insert(declarationLines)
        .values(lines.map(({ employeeNo: _n, ...l }) => l))
        .run();
      await audit(tx, actor, {
        action: "prepare",
        entity: "declaration",
        entityId: `${code}/${period}`,
        after: { declaredOn, lines: lines.map((l) => ({ employeeNo: l.employeeNo, declaredBase: l.declaredBase })) },
      });
      return { ok: true, value: lines.length };
    },
  );
}

/** A correction: a new version of an existing line, dated after its latest version. */
export async function correctDeclarationLine(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(CorrectLineSchema, raw);
  if (!parsed.ok) return parsed;
  const { employer: code, period, employeeNo, declaredBase, declaredOn } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const employer = await tx.select({ id: employers.id }).from(employers).where(eq(employers.code, code)).get();
      if (!employer) return fail("employer", "noEmployer");
      const employee = await tx
        .select({ id: employees.id })
        .from(employees)
        .where(and(eq(employees.employeeNo, employeeNo), eq(employees.employerId, employer.id)))
        .get();
      if (!employee) return fail("employeeNo", "lineMissing");
      const versions = (await tx
        .select({ declaredBase: declarationLines.declaredBase, declaredOn: declarationLines.declaredOn })
        .from(declarationLines)
        .where(and(eq(declarationLines.employerId, employer.id), eq(declarationLines.period, period), eq(declarationLines.employeeId, employee.id)))
        .all())
        .sort((a, b) => (a.declaredOn < b.declaredOn ? -1 : 1));
      const latest = versions.at(-1);
      if (!latest) return fail("employeeNo", "lineMissing");
      if (declaredOn <= latest.declaredOn) return fail("declaredOn", "notAfterLatest", latest.declaredOn);
      const row = await tx
        .insert(declarationLines)
        .values({ employerId: employer.id, period, employeeId: employee.id, declaredBase, declaredOn })
        .returning({ id: declarationLines.id })
        .get();
      await audit(tx, actor, {
        action: "correct",
        entity: "declaration_line",
        entityId: row.id,
        before: { employerCode: code, period, employeeNo, ...latest },
        after: { employerCode: code, period, employeeNo, declaredBase, declaredOn },
      });
      return { ok: true, value: row.id };
    },
  );
}
