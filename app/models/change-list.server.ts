/**
 * The month's change list (增减员) per employer and month: the view, and the
 * recording of each row's state one by one or in bulk (audited). Recording a
 * leaver's reduction as submitted records their art. 50 termination report
 * (registrations.termination_reported_on) in the same transaction, where none
 * is on record yet.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { changeListEntries, registrations } from "../../db/schema";
import { CHANGE_STATES, changeList, type ChangeEntry, type ChangeList, type ChangeRow } from "~/rules/change-list";
import { addMonths, isValidMonth, monthOf } from "~/rules/dates";
import { maskId } from "~/rules/identity";
import { fail, isoDate, isoMonth, requiredText, validate, type Result } from "~/shared/validation";
import { audit, type Actor, type Tx } from "./audit.server";
import { findEmployerByCode, loadHrData, policyRowFor, type HrData, type HrEmployer } from "./hr-people.server";
import { transaction } from "../../db/transaction";

export type ChangeListView =
  | { ok: false; problem: "noEmployer" }
  | ({ ok: true; employer: HrEmployer; hasPolicy: boolean } & ChangeList);

async function entriesOf(db: Db | Tx, employerId: number, month: string): Promise<ChangeEntry[]> {
  return await db
    .select({
      employeeId: changeListEntries.employeeId,
      kind: changeListEntries.kind,
      state: changeListEntries.state,
      submittedOn: changeListEntries.submittedOn,
      decidedOn: changeListEntries.decidedOn,
      reason: changeListEntries.reason,
    })
    .from(changeListEntries)
    .where(and(eq(changeListEntries.employerId, employerId), eq(changeListEntries.period, month)))
    .all();
}

async function compute(db: Db | Tx, employer: HrEmployer, month: string, today: string, given?: HrData): Promise<ChangeList & { hasPolicy: boolean }> {
  const data = given ?? (await loadHrData(db, employer));
  const now = policyRowFor(data.policies, month);
  const before = policyRowFor(data.policies, addMonths(month, -1));
  const list = changeList({
    month,
    asOf: today,
    policy: now?.version ?? null,
    previousPolicy: before?.version ?? null,
    cutoffDay: now?.changeCutoffDay ?? null,
    calendar: data.calendar,
    employees: data.people,
    entries: await entriesOf(db, employer.id, month),
  });
  return { ...list, hasPolicy: now !== null };
}

export async function changeListView(db: Db, code: string, month: string | null, today: string): Promise<ChangeListView> {
  const employer = await findEmployerByCode(db, code);
  if (!employer) return { ok: false, problem: "noEmployer" };
  const m = month !== null && isValidMonth(month) ? month : monthOf(today);
  return { ok: true, employer, ...await compute(db, employer, m, today) };
}

/**
 * The export's rows: the list with identity numbers, full only when `full`
 * (hr/admin; that read is audited), masked otherwise.
 */
export async function changeListExport(
  db: Db,
  actor: Actor,
  code: string,
  month: string,
  today: string,
  full: boolean,
): Promise<{ ok: false; problem: "noEmployer" } | { ok: true; employerCode: string; month: string; rows: (ChangeRow & { idNumber: string })[] }> {
  const employer = await findEmployerByCode(db, code);
  if (!employer) return { ok: false, problem: "noEmployer" };
  const m = isValidMonth(month) ? month : monthOf(today);
  const data = await loadHrData(db, employer);
  const idOf = new Map(data.people.map((p) => [p.employeeId, p.idNumber]));
  const rows = (await compute(db, employer, m, today, data)).rows.map((r) => {
    const id = idOf.get(r.employeeId) ?? "";
    return { ...r, idNumber: full ? id : maskId(id) };
  });
  if (full) {
    await transaction(db, async (tx) => await audit(tx, actor, { action: "export", entity: "change_list", entityId: `${code}:${m}`, after: { rows: rows.length, identity: "full" } }),
    );
  }
  return { ok: true, employerCode: employer.code, month: m, rows };
}

/** `kind:employeeId` keys, from one form field or repeated checkboxes. */
const rowKeys = z
  .union([z.string(), z.array(z.string())], { required_error: "required" })
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter((s) => s !== ""))
  .refine((v) => v.length > 0, "required")
  .refine((v) => v.every((k) => /^(addition|reduction|base_change):\d+$/.test(k)), "invalid");

export const RecordChangesSchema = z
  .object({
    employer: requiredText(20),
    month: isoMonth(),
    rows: rowKeys,
    state: z.enum(CHANGE_STATES, { errorMap: () => ({ message: "invalid" }) }),
    date: isoDate(),
    reason: z.string().trim().max(200, "tooLong").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.state === "refused" && v.reason === "") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["reason"], message: "required" });
  });

const key = (r: Pick<ChangeRow, "kind" | "employeeId">) => `${r.kind}:${r.employeeId}`;

/**
 * Record a state for one or more rows of the month's list, all or nothing.
 * Returns the number of rows recorded.
 */
export async function recordChanges(db: Db, actor: Actor, raw: unknown, today: string): Promise<Result> {
  const parsed = validate(RecordChangesSchema, raw);
  if (!parsed.ok) return parsed;
  const { employer: code, month, rows: keys, state, date, reason } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const employer = await findEmployerByCode(tx, code);
      if (!employer) return fail("employer", "unknownEmployer");
      const list = await compute(tx, employer, month, today);
      const byKey = new Map(list.rows.map((r) => [key(r), r]));
      const chosen: ChangeRow[] = [];
      for (const k of new Set(keys)) {
        const row = byKey.get(k);
        if (!row) return fail("rows", "notFound");
        chosen.push(row);
      }
      // Check everything before writing anything: bad input changes nothing.
      for (const row of chosen) {
        if (row.kind !== "reduction" || state !== "submitted") continue;
        if (row.terminationDate === null) return fail("date", "noTermination");
        if (date < row.terminationDate) return fail("date", "beforeTermination", row.terminationDate);
      }
      for (const row of chosen) {
        const before = await tx
          .select()
          .from(changeListEntries)
          .where(
            and(
              eq(changeListEntries.employerId, employer.id),
              eq(changeListEntries.period, month),
              eq(changeListEntries.employeeId, row.employeeId),
              eq(changeListEntries.kind, row.kind),
            ),
          )
          .get();
        const after =
          state === "submitted"
            ? { state, submittedOn: date, decidedOn: null, reason: "" }
            : { state, submittedOn: before?.submittedOn ?? row.submittedOn, decidedOn: date, reason: state === "refused" ? reason : "" };
        await tx.insert(changeListEntries)
          .values({ employerId: employer.id, period: month, employeeId: row.employeeId, kind: row.kind, ...after })
          .onConflictDoUpdate({
            target: [changeListEntries.employerId, changeListEntries.period, changeListEntries.employeeId, changeListEntries.kind],
            set: after,
          })
          .run();
        await audit(tx, actor, {
          action: before ? "update" : "create",
          entity: "change_list_entry",
          entityId: `${code}:${month}:${row.kind}:${row.employeeNo}`,
          before: before ? { state: before.state, submittedOn: before.submittedOn, decidedOn: before.decidedOn, reason: before.reason } : null,
          after,
        });
        if (row.kind === "reduction" && state === "submitted") {
          const reg = await tx
            .select({ terminationReportedOn: registrations.terminationReportedOn })
            .from(registrations)
            .where(and(eq(registrations.employerId, employer.id), eq(registrations.employeeId, row.employeeId)))
            .get();
          if (!reg?.terminationReportedOn) {
            await tx.insert(registrations)
              .values({ employerId: employer.id, employeeId: row.employeeId, terminationReportedOn: date })
              .onConflictDoUpdate({ target: [registrations.employerId, registrations.employeeId], set: { terminationReportedOn: date } })
              .run();
            await audit(tx, actor, {
              action: "update",
              entity: "registration",
              entityId: row.employeeId,
              before: { terminationReportedOn: null },
              after: { terminationReportedOn: date, via: "change_list" },
            });
          }
        }
      }
      return { ok: true, value: chosen.length };
    },
  );
}
