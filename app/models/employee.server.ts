/**
 * Employees and their wage history (SPEC §2). Identity numbers are checked by
 * type (SPEC §8) and leave this module masked except through `getEmployee`
 * (for the edit form of those who may write). Every write is one immediate
 * transaction with its audit entry; bad input changes nothing.
 */
import { and, asc, count, desc, eq, getTableName, gte, inArray, isNotNull, isNull, lt, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { employees, employers, ID_TYPES, registrations, wages } from "../../db/schema";
import { monthOf } from "~/rules/dates";
import { checkIdentity, maskId } from "~/rules/identity";
import { audit, type Actor, type Tx } from "./audit.server";
import { ROSTER_PAGE_SIZE, type RosterQuery } from "~/url-state/roster-query";
import { pageWindow } from "~/url-state/search-params";
import {
  fail,
  isoDate,
  isoMonth,
  optionalDate,
  optionalEmail,
  optionalText,
  requiredText,
  validate,
  yuanAmount,
  type Result,
} from "~/shared/validation";
import { transaction } from "../../db/transaction";
import { employmentDates, registrationOfEmployee } from "./employment-columns.server";
import { claimEmployeeNumbers, moveEmployee, renumberEmployee } from "./employee-placement.server";

const employeeFields = {
  employeeNo: requiredText(32).refine((v) => !/\s/.test(v), "invalid"),
  name: requiredText(100),
  idType: z.enum(ID_TYPES, { errorMap: () => ({ message: "invalid" }) }).default("resident_id"),
  idNumber: requiredText(40),
  employerId: z.coerce.number({ invalid_type_error: "unknownEmployer" }).int("unknownEmployer").positive("unknownEmployer"),
  hireDate: isoDate(),
  department: optionalText(100),
  email: optionalEmail(),
};

/** SPEC §8: the identity number is checked by its type; the error names the field and says why. */
function checkIdNumber(v: { idType: string; idNumber: string }, ctx: z.RefinementCtx) {
  const r = checkIdentity(v.idType, v.idNumber);
  if (!r.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["idNumber"], message: "invalidIdentity", params: { detail: r.reason, reason: { code: r.code, params: r.params } } });
}

function normalizeIdNumber<T extends { idNumber: string }>(v: T): T {
  return { ...v, idNumber: v.idNumber.trim().toUpperCase() };
}

/** The edit form. */
export const EmployeeFormSchema = z.object(employeeFields).superRefine(checkIdNumber).transform(normalizeIdNumber);
/** The create form: also the first monthly wage (yuan), for the hire month. */
export const NewEmployeeFormSchema = z
  .object({ ...employeeFields, monthlyWage: yuanAmount() })
  .superRefine(checkIdNumber)
  .transform(normalizeIdNumber);
/** The last day employed and, optionally, the day it was reported to the agency (art. 50 ¶1). */
export const TerminationFormSchema = z.object({ terminationDate: isoDate(), terminationReportedOn: optionalDate() });
export const WageFormSchema = z.object({ effectiveMonth: isoMonth(), monthlyWage: yuanAmount() });

// ---------- reads ----------

/** The wage in force for a month: the latest row ≤ M, else the earliest (SPEC §2). */
function wageInForceSql(month: string): SQL<number | null> {
  const employer = outer(employees.employerId);
  const employee = outer(employees.id);
  return sql<number | null>`coalesce(
    (select w.monthly_wage from wages w where w.employer_id = ${employer} and w.employee_id = ${employee} and w.effective_month <= ${month} order by w.effective_month desc limit 1),
    (select w.monthly_wage from wages w where w.employer_id = ${employer} and w.employee_id = ${employee} order by w.effective_month asc limit 1))`;
}

/**
 * An outer query's column named with its table (`"employees"."employer_id"`),
 * for a correlated subquery: drizzle leaves the table out of a one-table
 * query's columns, and a bare `employer_id` inside `from wages w` is the
 * inner table's own (a condition true of every row, which reads every
 * employer's wages; tests/integration/query-plans.test.ts).
 */
function outer(column: AnyColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

const SORT_COLUMNS = {
  employeeNo: employees.employeeNo,
  name: employees.name,
  employer: employers.code,
  department: employees.department,
  hireDate: employees.hireDate,
  terminationDate: employees.terminationDate,
} as const;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Employed on `today` (termination is the last day employed, inclusive). */
function activeOn(today: string): SQL {
  return or(isNull(employees.terminationDate), gte(employees.terminationDate, today))!;
}

/** The roster's WHERE: search, employer, department, status. */
function rosterFilter(query: RosterQuery, today: string, scope?: readonly string[] | null): SQL | undefined {
  const where: SQL[] = [];
  if (scope) where.push(inArray(employers.code, [...scope]));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    where.push(or(sql`${employees.name} like ${pattern} escape '\\'`, sql`${employees.employeeNo} like ${pattern} escape '\\'`)!);
  }
  if (query.employer) where.push(eq(employers.code, query.employer));
  if (query.department) where.push(eq(employees.department, query.department));
  if (query.status === "active") where.push(activeOn(today));
  if (query.status === "terminated") where.push(and(isNotNull(employees.terminationDate), lt(employees.terminationDate, today))!);
  return where.length ? and(...where) : undefined;
}

/**
 * Rows of the roster in the query's order, `limit` from `offset`. The wage in
 * force is looked up for these rows only (not for every match before the sort).
 */
/** Who the employee is: the columns the roster and the employee page both start with. */
const personColumns = {
  id: employees.id,
  employeeNo: employees.employeeNo,
  name: employees.name,
  idType: employees.idType,
  idNumber: employees.idNumber,
};

async function rosterRows(db: Db, query: RosterQuery, today: string, filter: SQL | undefined, limit: number, offset: number) {
  const column = SORT_COLUMNS[query.sort];
  const order = query.dir === "desc" ? desc(column) : asc(column);
  const rows = await db
    .select({
      ...personColumns,
      employerCode: employers.code,
      department: employees.department,
      hireDate: employees.hireDate,
      terminationDate: employees.terminationDate,
    })
    .from(employees)
    .innerJoin(employers, eq(employers.id, employees.employerId))
    .where(filter)
    .orderBy(order, asc(employees.employeeNo))
    .limit(limit)
    .offset(offset)
    .all();
  const wage = new Map<number, number | null>();
  if (rows.length > 0) {
    const found = await db
      .select({ id: employees.id, wage: wageInForceSql(monthOf(today)) })
      .from(employees)
      .where(inArray(employees.id, rows.map((r) => r.id)))
      .all();
    for (const w of found) wage.set(w.id, w.wage);
  }
  return rows.map(({ idNumber, ...r }) => ({
    ...r,
    wage: wage.get(r.id) ?? null,
    idMasked: maskId(idNumber),
    active: r.terminationDate === null || r.terminationDate >= today,
  }));
}

/** The roster: search, filters, sort and one page, all in SQL (a COUNT, then one page by an ORDER BY with LIMIT). */
export async function listEmployees(db: Db, query: RosterQuery, today: string, scope?: readonly string[] | null) {
  const filter = rosterFilter(query, today, scope);
  const total =
    (await db.select({ n: count() }).from(employees).innerJoin(employers, eq(employers.id, employees.employerId)).where(filter).get())?.n ?? 0;
  const { page, pageCount, offset } = pageWindow(total, query.page, ROSTER_PAGE_SIZE);
  const rows = await rosterRows(db, query, today, filter, ROSTER_PAGE_SIZE, offset);
  return { rows, total, page, pageCount };
}

/** Every employee the roster's filters match, in its order, read 1,000 at a time (the CSV export). Identity numbers stay masked. */
export async function* allRosterRows(db: Db, query: RosterQuery, today: string, scope?: readonly string[] | null) {
  const filter = rosterFilter(query, today, scope);
  const batch = 1000;
  for (let offset = 0; ; offset += batch) {
    const rows = await rosterRows(db, query, today, filter, batch, offset);
    yield* rows;
    if (rows.length < batch) return;
  }
}

export async function listDepartments(db: Db, scope?: readonly string[] | null): Promise<string[]> {
  return (await db
    .selectDistinct({ d: employees.department })
    .from(employees)
    .innerJoin(employers, eq(employers.id, employees.employerId))
    .where(and(sql`${employees.department} <> ''`, scope ? inArray(employers.code, [...scope]) : undefined))
    .orderBy(asc(employees.department))
    .all())
    .map((r) => r.d);
}

export async function countActiveEmployees(db: Db, today: string): Promise<number> {
  return (await db.select({ n: count() }).from(employees).where(and(activeOn(today), sql`${employees.hireDate} <= ${today}`)).get())?.n ?? 0;
}

/** One employee with wage history (newest first) and registration. Holds the full identity number. */
export async function getEmployee(db: Db, id: number) {
  const e = await db
    .select({
      ...personColumns,
      employerId: employees.employerId,
      employerCode: employers.code,
      employerName: employers.name,
      hireDate: employees.hireDate,
      terminationDate: employees.terminationDate,
      department: employees.department,
      email: employees.email,
      appliedOn: registrations.appliedOn,
      registeredOn: registrations.registeredOn,
      terminationReportedOn: registrations.terminationReportedOn,
    })
    .from(employees)
    .innerJoin(employers, eq(employers.id, employees.employerId))
    .leftJoin(registrations, registrationOfEmployee)
    .where(eq(employees.id, id))
    .get();
  if (!e) return undefined;
  const wageRows = await db
    .select({ effectiveMonth: wages.effectiveMonth, monthlyWage: wages.monthlyWage })
    .from(wages)
    .where(and(eq(wages.employerId, e.employerId), eq(wages.employeeId, id)))
    .orderBy(desc(wages.effectiveMonth))
    .all();
  return { ...e, wages: wageRows };
}

// ---------- writes ----------

type Snapshot = Record<string, unknown>;

/** What the audit log keeps of an employee: the identity number masked. */
async function snapshot(tx: Tx, id: number): Promise<Snapshot | undefined> {
  const row = await tx
    .select({
      employeeNo: employees.employeeNo,
      name: employees.name,
      idType: employees.idType,
      idNumber: employees.idNumber,
      employerId: employees.employerId,
      hireDate: employees.hireDate,
      terminationDate: employees.terminationDate,
      department: employees.department,
      email: employees.email,
    })
    .from(employees)
    .where(eq(employees.id, id))
    .get();
  return row ? { ...row, idNumber: maskId(row.idNumber) } : undefined;
}

/** Cross-record checks: the employer exists; the employee number and the identity number are not someone else's. */
async function checkReferences(tx: Tx, id: number | null, input: { employeeNo: string; employerId: number; idNumber: string }): Promise<Result<null>> {
  const employer = await tx.select({ id: employers.id }).from(employers).where(eq(employers.id, input.employerId)).get();
  if (!employer) return fail("employerId", "unknownEmployer");
  const clash = await tx.select({ id: employees.id }).from(employees).where(eq(employees.employeeNo, input.employeeNo)).get();
  if (clash && clash.id !== id) return fail("employeeNo", "duplicate");
  const holder = await tx.select({ id: employees.id, employeeNo: employees.employeeNo }).from(employees).where(eq(employees.idNumber, input.idNumber)).get();
  if (holder && holder.id !== id) {
    const params = { other: holder.employeeNo, self: input.employeeNo };
    return {
      ok: false,
      errors: {
        idNumber: {
          code: "invalidIdentity",
          detail: `it is already that of employee ${holder.employeeNo} (this is employee ${input.employeeNo}); each person has one employee number`,
          reason: { code: "heldByOther", params },
        },
      },
    };
  }
  return { ok: true, value: null };
}

export async function createEmployee(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(NewEmployeeFormSchema, raw);
  if (!parsed.ok) return parsed;
  const { monthlyWage, ...input } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const refs = await checkReferences(tx, null, input);
      if (!refs.ok) return refs;
      const row = await tx
        .insert(employees)
        .values(employeeRow(input))
        .returning({ id: employees.id })
        .get();
      await claimEmployeeNumbers(tx, [{ employeeNo: input.employeeNo, employeeId: row.id }]);
      const wage = { effectiveMonth: monthOf(input.hireDate), monthlyWage };
      await tx.insert(wages).values({ employerId: input.employerId, employeeId: row.id, ...wage }).run();
      await audit(tx, actor, { action: "create", entity: "employee", entityId: row.id, after: { ...await snapshot(tx, row.id), wage } });
      return { ok: true, value: row.id };
    },
  );
}

/** The employee row's columns from the form's parsed values (the wage has its own table). */
function employeeRow(input: Omit<z.output<typeof EmployeeFormSchema>, "monthlyWage">) {
  const { employeeNo, name, idType, idNumber, employerId, hireDate, department, email } = input;
  return { employeeNo, name, idType, idNumber, employerId, hireDate, department, email };
}

export async function updateEmployee(db: Db, actor: Actor, id: number, raw: unknown): Promise<Result> {
  const parsed = validate(EmployeeFormSchema, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const before = await snapshot(tx, id);
      if (!before) return fail("form", "notFound");
      const refs = await checkReferences(tx, id, input);
      if (!refs.ok) return refs;
      const termination = before.terminationDate as string | null;
      if (termination !== null && input.hireDate > termination) return fail("hireDate", "afterTermination");
      await moveEmployee(tx, id, before.employerId as number, input.employerId);
      if (before.employeeNo !== input.employeeNo) await renumberEmployee(tx, id, input.employeeNo);
      // The employer is already the row's (moveEmployee): an UPDATE never changes it.
      const { employerId, ...changes } = employeeRow(input);
      await tx.update(employees)
        .set(changes)
        .where(and(eq(employees.employerId, employerId), eq(employees.id, id)))
        .run();
      await audit(tx, actor, { action: "update", entity: "employee", entityId: id, before, after: await snapshot(tx, id) });
      return { ok: true, value: id };
    },
  );
}

/** Record the last day employed (on or after the hire date). */
export async function terminateEmployee(db: Db, actor: Actor, id: number, raw: unknown): Promise<Result> {
  const parsed = validate(TerminationFormSchema, raw);
  if (!parsed.ok) return parsed;
  const { terminationDate, terminationReportedOn } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const before = await tx
        .select({ hireDate: employees.hireDate, terminationDate: employees.terminationDate, employerId: employees.employerId })
        .from(employees)
        .where(eq(employees.id, id))
        .get();
      if (!before) return fail("form", "notFound");
      const { employerId } = before;
      if (terminationDate < before.hireDate) return fail("terminationDate", "beforeHire");
      if (terminationReportedOn !== null && terminationReportedOn < terminationDate) return fail("terminationReportedOn", "beforeTermination", terminationDate);
      await tx.update(employees).set({ terminationDate }).where(eq(employees.id, id)).run();
      await audit(tx, actor, { action: "terminate", entity: "employee", entityId: id, before: { hireDate: before.hireDate, terminationDate: before.terminationDate }, after: { terminationDate } });
      if (terminationReportedOn !== null) {
        const reg = await tx
          .select({ terminationReportedOn: registrations.terminationReportedOn })
          .from(registrations)
          .where(and(eq(registrations.employerId, employerId), eq(registrations.employeeId, id)))
          .get();
        await tx.insert(registrations)
          .values({ employerId, employeeId: id, terminationReportedOn })
          .onConflictDoUpdate({ target: [registrations.employerId, registrations.employeeId], set: { terminationReportedOn } })
          .run();
        await audit(tx, actor, { action: "update", entity: "registration", entityId: id, before: { terminationReportedOn: reg?.terminationReportedOn ?? null }, after: { terminationReportedOn } });
      }
      return { ok: true, value: id };
    },
  );
}

/** Add a wage row, or replace the row of that month. */
export async function setWage(db: Db, actor: Actor, id: number, raw: unknown): Promise<Result> {
  const parsed = validate(WageFormSchema, raw);
  if (!parsed.ok) return parsed;
  const row = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const exists = await tx.select({ id: employees.id, employerId: employees.employerId }).from(employees).where(eq(employees.id, id)).get();
      if (!exists) return fail("form", "notFound");
      const before = await tx
        .select({ effectiveMonth: wages.effectiveMonth, monthlyWage: wages.monthlyWage })
        .from(wages)
        .where(and(eq(wages.employerId, exists.employerId), eq(wages.employeeId, id), eq(wages.effectiveMonth, row.effectiveMonth)))
        .get();
      await tx.insert(wages)
        .values({ employerId: exists.employerId, employeeId: id, ...row })
        .onConflictDoUpdate({ target: [wages.employerId, wages.employeeId, wages.effectiveMonth], set: { monthlyWage: row.monthlyWage } })
        .run();
      await audit(tx, actor, { action: before ? "update" : "create", entity: "wage", entityId: `${id}:${row.effectiveMonth}`, before: before ?? null, after: row });
      return { ok: true, value: id };
    },
  );
}

/** Just the name, for the employee's own page. */
export async function employeeName(db: Db, id: number): Promise<string | null> {
  return (await db.select({ name: employees.name }).from(employees).where(eq(employees.id, id)).get())?.name ?? null;
}
