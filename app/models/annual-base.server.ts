/**
 * The annual base declaration (年度缴费基数申报) per employer and contribution
 * year: the view, the export rows (full identity numbers only for those who
 * may write, audited), "record as declared on DATE" (audited), and the
 * dashboard's notice of the year's turn. Coded results, no UI text.
 */
import { and, asc, desc, eq, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { annualBaseDeclarations, declarationLines, employers } from "../../db/schema";
import { annualBaseDeclaration, differingInsurances, disagrees, nextYearStart, TURN_NOTICE_DAYS, type AnnualDeclarationLine } from "~/rules/annual-base-declaration";
import { baseRuleOf, baseYearStartOf } from "~/rules/contributions";
import { addMonths, daysBetween, firstDayOf, isValidMonth, monthOf } from "~/rules/dates";
import { maskId } from "~/rules/identity";
import type { Fen, Insurance } from "~/rules/types";
import { fail, isoDate, isoMonth, requiredText, validate, type Result } from "~/shared/validation";
import { audit, type Actor } from "./audit.server";
import { cachedPerVersion } from "./evaluation.server";
import { findEmployerByCode, loadHrData, loadPolicyRows, policyRowFor, type HrData, type HrEmployer } from "./hr-people.server";
import { transaction } from "../../db/transaction";

export interface AnnualBaseLineView extends AnnualDeclarationLine {
  /** The basis in the latest recorded declaration of this year, null when none names the employee. */
  recordedBasis: Fen | null;
}

export type AnnualBaseView =
  | { ok: false; problem: "noEmployer" }
  | { ok: false; problem: "noPolicy"; employer: HrEmployer; yearStart: string }
  | {
      ok: true;
      employer: HrEmployer;
      yearStart: string;
      averagedYear: number;
      baseRule: "wage" | "annual";
      baseYearStart: number;
      uniform: boolean;
      differing: Insurance[];
      lines: AnnualBaseLineView[];
      recordedOn: string | null;
      /** Days from D to the year's first day (negative once it began). */
      daysToTurn: number;
    };

/** The contribution year HR prepares as of `today`: the next first month (this month's, if it is one). */
export function defaultYearStart(data: Pick<HrData, "policies">, today: string): string {
  const now = policyRowFor(data.policies, monthOf(today));
  return nextYearStart(monthOf(today), now ? baseYearStartOf(now.version) : 7);
}

function compute(data: HrData, yearStart: string) {
  const row = policyRowFor(data.policies, yearStart);
  if (!row) return null;
  const previous = policyRowFor(data.policies, addMonths(yearStart, -12));
  return { policy: row.version, declaration: annualBaseDeclaration(yearStart, row.version, previous?.version ?? null, data.people) };
}

async function latestRecorded(db: Db, employerId: number, yearStart: string) {
  return await db
    .select({ declaredOn: annualBaseDeclarations.declaredOn, lines: annualBaseDeclarations.lines })
    .from(annualBaseDeclarations)
    .where(and(eq(annualBaseDeclarations.employerId, employerId), eq(annualBaseDeclarations.yearStart, yearStart)))
    .orderBy(desc(annualBaseDeclarations.declaredOn), desc(annualBaseDeclarations.id))
    .limit(1)
    .get();
}

export async function annualBaseView(db: Db, code: string, yearStart: string | null, today: string): Promise<AnnualBaseView> {
  const employer = await findEmployerByCode(db, code);
  if (!employer) return { ok: false, problem: "noEmployer" };
  const data = await loadHrData(db, employer);
  const s = yearStart !== null && isValidMonth(yearStart) ? yearStart : defaultYearStart(data, today);
  const c = compute(data, s);
  if (!c) return { ok: false, problem: "noPolicy", employer, yearStart: s };
  const recorded = await latestRecorded(db, employer.id, s);
  const recordedBy = new Map((recorded?.lines ?? []).map((l) => [l.employeeId, l.basis]));
  return {
    ok: true,
    employer,
    yearStart: s,
    averagedYear: c.declaration.averagedYear,
    baseRule: baseRuleOf(c.policy),
    baseYearStart: baseYearStartOf(c.policy),
    uniform: c.declaration.uniform,
    differing: differingInsurances(c.declaration),
    lines: c.declaration.lines.map((l) => ({ ...l, recordedBasis: recordedBy.get(l.employeeId) ?? null })),
    recordedOn: recorded?.declaredOn ?? null,
    daysToTurn: daysBetween(today, firstDayOf(s)),
  };
}

export interface AnnualBaseExportRow {
  name: string;
  idNumber: string;
  basis: Fen;
  bases: Record<Insurance, Fen>;
}

/**
 * The rows of the agency's upload (姓名, 证件号码, 缴费基数, the differing
 * bases). Full identity numbers only when `full` (hr/admin): that read is
 * audited; otherwise masked.
 */
export async function annualBaseExport(
  db: Db,
  actor: Actor,
  code: string,
  yearStart: string,
  full: boolean,
): Promise<{ ok: false; problem: "noEmployer" | "noPolicy" } | { ok: true; employerCode: string; yearStart: string; differing: Insurance[]; rows: AnnualBaseExportRow[] }> {
  const employer = await findEmployerByCode(db, code);
  if (!employer) return { ok: false, problem: "noEmployer" };
  if (!isValidMonth(yearStart)) return { ok: false, problem: "noPolicy" };
  const data = await loadHrData(db, employer);
  const c = compute(data, yearStart);
  if (!c) return { ok: false, problem: "noPolicy" };
  const idOf = new Map(data.people.map((p) => [p.employeeId, p.idNumber]));
  const rows = c.declaration.lines.map((l) => {
    const id = idOf.get(l.employeeId) ?? "";
    return { name: l.name, idNumber: full ? id : maskId(id), basis: l.basis, bases: l.bases };
  });
  if (full) {
    await transaction(db, async (tx) => await audit(tx, actor, { action: "export", entity: "annual_base_declaration", entityId: `${employer.code}:${yearStart}`, after: { rows: rows.length, identity: "full" } }),
    );
  }
  return { ok: true, employerCode: employer.code, yearStart, differing: differingInsurances(c.declaration), rows };
}

export const RecordAnnualSchema = z.object({
  employer: requiredText(20),
  yearStart: isoMonth(),
  declaredOn: isoDate(),
});

/** Record the year's declaration as declared on a date: a snapshot of every line's basis, audited. */
export async function recordAnnualDeclaration(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(RecordAnnualSchema, raw);
  if (!parsed.ok) return parsed;
  const { employer: code, yearStart, declaredOn } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const employer = await findEmployerByCode(tx, code);
      if (!employer) return fail("employer", "unknownEmployer");
      const c = compute(await loadHrData(tx, employer), yearStart);
      if (!c) return fail("yearStart", "noPolicy");
      if (c.declaration.lines.length === 0) return fail("yearStart", "nothingToDeclare");
      const lines = c.declaration.lines.map((l) => ({ employeeId: l.employeeId, basis: l.basis }));
      const row = await tx.insert(annualBaseDeclarations).values({ employerId: employer.id, yearStart, declaredOn, lines }).returning({ id: annualBaseDeclarations.id }).get();
      await audit(tx, actor, {
        action: "create",
        entity: "annual_base_declaration",
        entityId: row.id,
        after: { employer: code, yearStart, declaredOn, lines: c.declaration.lines.map((l) => ({ employeeNo: l.employeeNo, basis: l.basis })) },
      });
      return { ok: true, value: row.id };
    },
  );
}

export interface TurnNotice {
  employerCode: string;
  employerName: string;
  yearStart: string;
  daysLeft: number;
  lines: number;
  /** Employees whose latest declared base disagrees with the new basis. */
  disagreeing: { employeeNo: string; name: string; declaredBase: Fen; basis: Fen }[];
}

/**
 * The dashboard's notice: for each employer whose `annual` contribution year
 * begins within 60 days of D, the year and the employees whose latest
 * declaration line (any month up to the turn) disagrees with the new basis.
 */
export async function annualTurnNotices(db: Db, today: string, employerCode: string | null = null, employerCodes: readonly string[] | null = null): Promise<TurnNotice[]> {
  const out: TurnNotice[] = [];
  for (const employer of await db.select({ id: employers.id, code: employers.code, name: employers.name, region: employers.region }).from(employers).orderBy(asc(employers.code)).all()) {
    if (employerCode !== null && employer.code !== employerCode) continue;
    // An account limited to some employers (issue 21) reads nothing of the others.
    if (employerCodes !== null && !employerCodes.includes(employer.code)) continue;
    // Policies first (cheap): the employees are read only for a turn within the notice window.
    const pols = { policies: await loadPolicyRows(db, employer.region) };
    const s = defaultYearStart(pols, today);
    const daysLeft = daysBetween(today, firstDayOf(s));
    if (daysLeft < 0 || daysLeft > TURN_NOTICE_DAYS) continue;
    const atTurn = policyRowFor(pols.policies, s);
    if (!atTurn || baseRuleOf(atTurn.version) !== "annual") continue;
    const c = compute(await loadHrData(db, employer), s);
    if (!c || baseRuleOf(c.policy) !== "annual") continue;
    const latest = new Map<number, Fen>();
    for (const l of await db
      .select({ employeeId: declarationLines.employeeId, declaredBase: declarationLines.declaredBase })
      .from(declarationLines)
      .where(and(eq(declarationLines.employerId, employer.id), lte(declarationLines.period, s), lte(declarationLines.declaredOn, today)))
      .orderBy(asc(declarationLines.period), asc(declarationLines.declaredOn))
      .all())
      latest.set(l.employeeId, l.declaredBase);
    const disagreeing = c.declaration.lines
      .filter((l) => disagrees(latest.get(l.employeeId) ?? null, l.basis))
      .map((l) => ({ employeeNo: l.employeeNo, name: l.name, declaredBase: latest.get(l.employeeId)!, basis: l.basis }));
    out.push({ employerCode: employer.code, employerName: employer.name, yearStart: s, daysLeft, lines: c.declaration.lines.length, disagreeing });
  }
  return out;
}

/** The notices per (people version, D, employer): they read no payment, so a payment keeps them (evaluation.server.ts). */
export async function cachedTurnNotices(db: Db, today: string, employerCode: string | null, employerCodes: readonly string[] | null = null): Promise<TurnNotice[]> {
  return cachedPerVersion(db, `turn|${today}|${employerCode ?? ""}|${employerCodes?.join(",") ?? "*"}`, () => annualTurnNotices(db, today, employerCode, employerCodes), { people: true });
}
