/**
 * CSV imports (SPEC §8) into the database: validate every row first, then
 * write all or nothing in one transaction. Each key replaces the
 * existing record; a row equal to what is stored is left alone, so importing
 * the same file twice changes nothing.
 *
 * Built for size: the keys a kind needs are loaded once into Maps, and rows
 * are written many to a statement (multi-row INSERT … ON CONFLICT), never one
 * SELECT per row. The SQL is the subset SQLite and PostgreSQL share, run
 * through the transaction's connection.
 */
import type { Db } from "../../db/connection";
import { rawInsertMany, rawObjects, rawRows, rawRun } from "../../db/raw";
import {
  canonicalJson,
  collectionKey,
  type ContextEmployee,
  MAX_IMPORT_ERRORS,
  validateImport,
  type CollectionRecord,
  type DeclarationRecord,
  type EmployeeRecord,
  type EmployerRecord,
  type ImportContext,
  type ImportError,
  type ImportKind,
  type ImportRecord,
  type ImportRecordMap,
  type NonWorkingDayRecord,
  type PaymentRecord,
  type PolicyRecord,
  type RegistrationRecord,
  type WageRecord,
} from "~/shared/import-formats";
import { duplicateIdentities, previewRows, validateTable, type ImportTable, type PreviewRows } from "~/shared/import-table";
import type { CollectionKind } from "~/rules/types";
import { audit, type Actor } from "./audit.server";
import { transaction } from "../../db/transaction";
import { claimEmployeeNumbers, moveEmployee } from "./employee-placement.server";

export { formatImportError, IMPORT_KINDS, isImportKind, type ImportError, type ImportKind } from "~/shared/import-formats";

export interface ImportSummary {
  /** Data rows in the file. */
  rows: number;
  created: number;
  replaced: number;
  /** Rows equal to what is stored (or repeating an earlier row of the file): not written. */
  unchanged: number;
}

/** A refusal carries the first MAX_IMPORT_ERRORS problems and the total count (a broken file never makes a huge answer). */
export type ImportResult = { ok: true; summary: ImportSummary; preview: PreviewRows } | { ok: false; errors: ImportError[]; total: number };

function refused(errors: readonly ImportError[]): { ok: false; errors: ImportError[]; total: number } {
  return { ok: false, errors: errors.slice(0, MAX_IMPORT_ERRORS), total: errors.length };
}

/** A file to import: UTF-8 CSV text, or a file read by the one decoding path (import-file.server.ts). */
export type ImportInput = string | ImportTable;

export interface ImportOptions {
  /** The file name, for the audit log. */
  fileName?: string;
  /**
   * The importing account's employers (issue 21); null or absent = all. A row
   * of another employer, or about an employee of another employer, is refused
   * like an unknown employer or employee. (Regional files, policies and
   * non-working days, are refused by the route: they concern every employer of a region.)
   */
  scope?: readonly string[] | null;
  /** What the file was read as (`xlsx`, `csv gb18030`), for the audit log. */
  format?: string;
}

/** Plain SQL with `?` parameters on the transaction's connection (db/raw.ts). */
class Sqlite {
  constructor(readonly db: Db) {}
  rows<T extends unknown[]>(text: string, ...params: unknown[]): Promise<T[]> {
    return rawRows<T>(this.db, text, params);
  }
  objects<T>(text: string, ...params: unknown[]): Promise<T[]> {
    return rawObjects<T>(this.db, text, params);
  }
  run(text: string, ...params: unknown[]): Promise<void> {
    return rawRun(this.db, text, params);
  }
  /** Many rows in as few statements as the parameter limits allow (db/raw.ts). */
  insertMany<R extends unknown[] = unknown[]>(head: string, tuples: readonly unknown[][], tail = ""): Promise<R[]> {
    return rawInsertMany<R>(this.db, head, tuples, tail);
  }
}

interface Plan {
  created: number;
  replaced: number;
  unchanged: number;
  /** Writes the created and replaced records. */
  apply(): Promise<void>;
}

// ---------- what the database holds ----------

interface Loaded {
  ctx: ImportContext;
  employerIds: Map<string, number>;
  employeeIds: Map<string, number>;
  /** employee id → its employer's id (wages, registrations and declarations imports). */
  employerOf: Map<number, number>;
}

async function loadContext(sqlite: Sqlite, kind: ImportKind): Promise<Loaded> {
  const employerRows = await sqlite.objects<{ id: number; code: string }>("SELECT id, code FROM employers");
  const employerIds = new Map(employerRows.map((e) => [e.code, e.id]));
  const codeById = new Map(employerRows.map((e) => [e.id, e.code]));
  const employees = new Map<string, ContextEmployee>();
  const employeeIds = new Map<string, number>();
  const employerOf = new Map<number, number>();
  if (kind === "wages" || kind === "registrations" || kind === "declarations") {
    const rows = (await sqlite.rows<[number, string, number, string, string | null]>("SELECT id, employee_no, employer_id, hire_date, termination_date FROM employees"));
    for (const [id, no, employerId, hireDate, terminationDate] of rows) {
      employees.set(no, { employerCode: codeById.get(employerId) ?? "", hireDate, terminationDate });
      employeeIds.set(no, id);
      employerOf.set(id, employerId);
    }
  } else if (kind === "employees") {
    // Only the recorded art. 50 reports matter here: an employees row may not move a termination after its report.
    const rows = (await sqlite.rows<[string, number, string, string | null, string]>("SELECT e.employee_no, e.employer_id, e.hire_date, e.termination_date, r.termination_reported_on FROM employees e JOIN registrations r ON r.employer_id = e.employer_id AND r.employee_id = e.id WHERE r.termination_reported_on IS NOT NULL"));
    for (const [no, employerId, hireDate, terminationDate, reported] of rows) {
      employees.set(no, { employerCode: codeById.get(employerId) ?? "", hireDate, terminationDate, terminationReportedOn: reported });
    }
  }
  const guarantees: ImportContext["guarantees"][number][] = [];
  if (kind === "collection") {
    const rows = (await sqlite.objects<CollectionRow>("SELECT employer_id, kind, action_date, periods, time_limit, due_on, amount FROM collection_actions WHERE kind = 'guarantee'"));
    for (const r of rows) {
      const c = fromCollectionRow(r, codeById);
      guarantees.push({ employerCode: c.employerCode, actionDate: c.actionDate, periods: c.periods, key: collectionKey(c) });
    }
  }
  return { ctx: { employerCodes: new Set(employerIds.keys()), employees, guarantees }, employerIds, employeeIds, employerOf };
}

interface CollectionRow {
  employer_id: number;
  kind: string;
  action_date: string;
  periods: string;
  time_limit: string | null;
  due_on: string | null;
  amount: number | null;
}

function fromCollectionRow(r: CollectionRow, codeById: Map<number, string>): Omit<CollectionRecord, "row"> {
  return {
    employerCode: codeById.get(r.employer_id) ?? "",
    kind: r.kind as CollectionKind,
    actionDate: r.action_date,
    periods: r.periods.split(";").sort(),
    timeLimit: r.time_limit,
    dueOn: r.due_on,
    amount: r.amount,
  };
}

// ---------- plans, one per kind ----------

function counter() {
  const c = { created: 0, replaced: 0, unchanged: 0 };
  return c;
}

async function planEmployers(sqlite: Sqlite, records: EmployerRecord[]): Promise<Plan> {
  const existing = new Map(
    (
      (await sqlite.objects<{
        code: string;
        name: string;
        uscc: string;
        region: string;
        tracking_from: string | null;
      }>("SELECT code, name, uscc, region, tracking_from FROM employers"))
    ).map((e) => [e.code, e]),
  );
  const c = counter();
  const writes: EmployerRecord[] = [];
  for (const r of records) {
    const e = existing.get(r.code);
    if (!e) c.created++;
    else if (e.name === r.name && e.uscc === r.uscc && e.region === r.region && e.tracking_from === r.trackingFrom) {
      c.unchanged++;
      continue;
    } else c.replaced++;
    writes.push(r);
  }
  return {
    ...c,
    async apply() {
      await sqlite.insertMany(
        "INSERT INTO employers (code, name, uscc, region, tracking_from)",
        writes.map((r) => [r.code, r.name, r.uscc, r.region, r.trackingFrom]),
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, uscc = excluded.uscc, region = excluded.region, tracking_from = excluded.tracking_from",
      );
    },
  };
}

async function planPolicies(sqlite: Sqlite, records: PolicyRecord[]): Promise<Plan> {
  type Row = {
    region: string;
    effective_from: string;
    base_floor: number;
    base_cap: number;
    rates: string;
    rounding_unit: string;
    rounding_mode: string;
    due_day: string;
    due_month_offset: number;
    late_fee_ppm_per_day: number;
    base_rule: string;
    base_year_start: number;
    insurance_bounds: string;
  };
  const existing = new Map(
    ((await sqlite.objects<Row>("SELECT region, effective_from, base_floor, base_cap, rates, rounding_unit, rounding_mode, due_day, due_month_offset, late_fee_ppm_per_day, base_rule, base_year_start, insurance_bounds FROM policies"))).map(
      (p) => [`${p.region}\u0000${p.effective_from}`, p],
    ),
  );
  const c = counter();
  const writes: PolicyRecord[] = [];
  for (const r of records) {
    const p = existing.get(`${r.region}\u0000${r.effectiveFrom}`);
    if (!p) c.created++;
    else if (
      p.base_floor === r.baseFloor &&
      p.base_cap === r.baseCap &&
      canonicalJson(JSON.parse(p.rates)) === canonicalJson(r.rates) &&
      p.rounding_unit === r.roundingUnit &&
      p.rounding_mode === r.roundingMode &&
      p.due_day === r.dueDay &&
      p.due_month_offset === r.dueMonthOffset &&
      p.late_fee_ppm_per_day === r.lateFeePpmPerDay &&
      p.base_rule === r.baseRule &&
      p.base_year_start === r.baseYearStart &&
      canonicalJson(JSON.parse(p.insurance_bounds)) === canonicalJson(r.insuranceBounds)
    ) {
      c.unchanged++;
      continue;
    } else c.replaced++;
    writes.push(r);
  }
  return {
    ...c,
    async apply() {
      await sqlite.insertMany(
        `INSERT INTO policies (region, effective_from, base_floor, base_cap, rates, rounding_unit, rounding_mode, due_day, due_month_offset, late_fee_ppm_per_day,
           base_rule, base_year_start, insurance_bounds)`,
        writes.map((r) => [
          r.region,
          r.effectiveFrom,
          r.baseFloor,
          r.baseCap,
          JSON.stringify(r.rates),
          r.roundingUnit,
          r.roundingMode,
          r.dueDay,
          r.dueMonthOffset,
          r.lateFeePpmPerDay,
          r.baseRule,
          r.baseYearStart,
          JSON.stringify(r.insuranceBounds),
        ]),
        `ON CONFLICT(region, effective_from) DO UPDATE SET base_floor = excluded.base_floor, base_cap = excluded.base_cap, rates = excluded.rates,
           rounding_unit = excluded.rounding_unit, rounding_mode = excluded.rounding_mode, due_day = excluded.due_day,
           due_month_offset = excluded.due_month_offset, late_fee_ppm_per_day = excluded.late_fee_ppm_per_day,
           base_rule = excluded.base_rule, base_year_start = excluded.base_year_start, insurance_bounds = excluded.insurance_bounds`,
      );
    },
  };
}

async function planNonWorkingDays(sqlite: Sqlite, records: NonWorkingDayRecord[]): Promise<Plan> {
  const existing = new Set(((await sqlite.rows<[string, string]>("SELECT region, date FROM non_working_days"))).map(([r, d]) => `${r}\u0000${d}`));
  const c = counter();
  const writes: NonWorkingDayRecord[] = [];
  for (const r of records) {
    if (existing.has(`${r.region}\u0000${r.date}`)) c.unchanged++;
    else {
      c.created++;
      writes.push(r);
    }
  }
  return {
    ...c,
    async apply() {
      await sqlite.insertMany(
        "INSERT INTO non_working_days (region, date)",
        writes.map((r) => [r.region, r.date]),
        "ON CONFLICT DO NOTHING",
      );
    },
  };
}

async function planEmployees(sqlite: Sqlite, records: EmployeeRecord[], loaded: Loaded): Promise<Plan> {
  type Row = [number, string, string, string, string, number, string, string | null, string, string];
  const existing = new Map<string, Row>();
  for (const row of await sqlite.rows<Row>("SELECT id, employee_no, name, id_type, id_number, employer_id, hire_date, termination_date, department, email FROM employees"))
    existing.set(row[1], row);
  const wageKeys = new Set(((await sqlite.rows<[number, string]>("SELECT employee_id, effective_month FROM wages"))).map(([id, m]) => `${id}|${m}`));
  const c = counter();
  const creates: EmployeeRecord[] = [];
  const updates: { id: number; from: number; r: EmployeeRecord }[] = [];
  const wagesFor: { id: number; r: EmployeeRecord }[] = [];
  for (const r of records) {
    const employerId = loaded.employerIds.get(r.employerCode)!;
    const e = existing.get(r.employeeNo);
    if (!e) {
      c.created++;
      creates.push(r);
      continue;
    }
    const [id, , name, idType, idNumber, eEmployerId, hireDate, terminationDate, department, email] = e;
    const same =
      name === r.name &&
      idType === r.idType &&
      idNumber === r.idNumber &&
      eEmployerId === employerId &&
      hireDate === r.hireDate &&
      terminationDate === r.terminationDate &&
      department === r.department &&
      email === r.email;
    const hasWage = wageKeys.has(`${id}|${r.hireDate.slice(0, 7)}`);
    if (same && hasWage) {
      c.unchanged++;
      continue;
    }
    c.replaced++;
    if (!same) updates.push({ id, from: eEmployerId, r });
    if (!hasWage) wagesFor.push({ id, r });
  }
  return {
    ...c,
    async apply() {
      const created = await sqlite.insertMany<[string, number]>(
        "INSERT INTO employees (employee_no, name, id_type, id_number, employer_id, hire_date, termination_date, department, email)",
        creates.map((r) => [r.employeeNo, r.name, r.idType, r.idNumber, loaded.employerIds.get(r.employerCode)!, r.hireDate, r.terminationDate, r.department, r.email]),
        "RETURNING employee_no, id",
      );
      const idOf = new Map(created);
      await claimEmployeeNumbers(sqlite.db, created.map(([employeeNo, employeeId]) => ({ employeeNo, employeeId })));
      for (const { id, from, r } of updates) {
        await moveEmployee(sqlite.db, id, from, loaded.employerIds.get(r.employerCode)!);
        await sqlite.run(
          // The employer is already the row's (moveEmployee): an UPDATE never changes it.
          "UPDATE employees SET name = ?, id_type = ?, id_number = ?, hire_date = ?, termination_date = ?, department = ?, email = ? WHERE employer_id = ? AND id = ?",
          r.name,
          r.idType,
          r.idNumber,
          r.hireDate,
          r.terminationDate,
          r.department,
          r.email,
          loaded.employerIds.get(r.employerCode)!,
          id,
        );
      }
      // The hire month's wage row, unless the employee already has one for that month
      // (of the employer the row names: an employee's wages follow a move, moveEmployee).
      await sqlite.insertMany(
        "INSERT INTO wages (employer_id, employee_id, effective_month, monthly_wage)",
        [...creates.map((r) => ({ id: idOf.get(r.employeeNo)!, r })), ...wagesFor].map(({ id, r }) => [loaded.employerIds.get(r.employerCode)!, id, r.hireDate.slice(0, 7), r.monthlyWage]),
        "ON CONFLICT(employer_id, employee_id, effective_month) DO NOTHING",
      );
    },
  };
}

async function planWages(sqlite: Sqlite, records: WageRecord[], loaded: Loaded): Promise<Plan> {
  const existing = new Map(((await sqlite.rows<[number, string, number]>("SELECT employee_id, effective_month, monthly_wage FROM wages"))).map(([id, m, w]) => [`${id}|${m}`, w]));
  const c = counter();
  const writes: { id: number; r: WageRecord }[] = [];
  for (const r of records) {
    const id = loaded.employeeIds.get(r.employeeNo)!;
    const w = existing.get(`${id}|${r.effectiveMonth}`);
    if (w === undefined) c.created++;
    else if (w === r.monthlyWage) {
      c.unchanged++;
      continue;
    } else c.replaced++;
    writes.push({ id, r });
  }
  return {
    ...c,
    async apply() {
      await sqlite.insertMany(
        "INSERT INTO wages (employer_id, employee_id, effective_month, monthly_wage)",
        writes.map(({ id, r }) => [loaded.employerOf.get(id)!, id, r.effectiveMonth, r.monthlyWage]),
        "ON CONFLICT(employer_id, employee_id, effective_month) DO UPDATE SET monthly_wage = excluded.monthly_wage",
      );
    },
  };
}

async function planRegistrations(sqlite: Sqlite, records: RegistrationRecord[], loaded: Loaded): Promise<Plan> {
  const existing = new Map(
    ((await sqlite.rows<[number, string | null, string | null, string | null]>("SELECT employee_id, applied_on, registered_on, termination_reported_on FROM registrations"))).map(
      ([id, a, r, t]) => [id, { a, r, t }],
    ),
  );
  const c = counter();
  const writes: { id: number; r: RegistrationRecord }[] = [];
  for (const r of records) {
    const id = loaded.employeeIds.get(r.employeeNo)!;
    const e = existing.get(id);
    if (!e) c.created++;
    else if (e.a === r.appliedOn && e.r === r.registeredOn && e.t === r.terminationReportedOn) {
      c.unchanged++;
      continue;
    } else c.replaced++;
    writes.push({ id, r });
  }
  return {
    ...c,
    async apply() {
      await sqlite.insertMany(
        "INSERT INTO registrations (employer_id, employee_id, applied_on, registered_on, termination_reported_on)",
        writes.map(({ id, r }) => [loaded.employerOf.get(id)!, id, r.appliedOn, r.registeredOn, r.terminationReportedOn]),
        "ON CONFLICT(employer_id, employee_id) DO UPDATE SET applied_on = excluded.applied_on, registered_on = excluded.registered_on, termination_reported_on = excluded.termination_reported_on",
      );
    },
  };
}

async function planDeclarations(sqlite: Sqlite, records: DeclarationRecord[], loaded: Loaded): Promise<Plan> {
  const existing = new Map(
    ((await sqlite.rows<[number, string, number, string, number]>("SELECT employer_id, period, employee_id, declared_on, declared_base FROM declaration_lines"))).map(
      ([er, p, ee, on, base]) => [`${er}|${p}|${ee}|${on}`, base],
    ),
  );
  const c = counter();
  const writes: { employerId: number; employeeId: number; r: DeclarationRecord }[] = [];
  for (const r of records) {
    const employerId = loaded.employerIds.get(r.employerCode)!;
    const employeeId = loaded.employeeIds.get(r.employeeNo)!;
    const base = existing.get(`${employerId}|${r.period}|${employeeId}|${r.declaredOn}`);
    if (base === undefined) c.created++;
    else if (base === r.declaredBase) {
      c.unchanged++;
      continue;
    } else c.replaced++;
    writes.push({ employerId, employeeId, r });
  }
  return {
    ...c,
    async apply() {
      await sqlite.insertMany(
        "INSERT INTO declaration_lines (employer_id, period, employee_id, declared_base, declared_on)",
        writes.map(({ employerId, employeeId, r }) => [employerId, r.period, employeeId, r.declaredBase, r.declaredOn]),
        "ON CONFLICT(employer_id, period, employee_id, declared_on) DO UPDATE SET declared_base = excluded.declared_base",
      );
    },
  };
}

async function planPayments(sqlite: Sqlite, records: PaymentRecord[], loaded: Loaded): Promise<Plan> {
  const existing = new Map(
    ((await sqlite.rows<[number, string, string, string, number]>("SELECT employer_id, reference, period, paid_on, amount FROM payments"))).map(
      ([er, ref, period, paidOn, amount]) => [`${er}|${ref}`, { period, paidOn, amount }],
    ),
  );
  const c = counter();
  const writes: { employerId: number; r: PaymentRecord }[] = [];
  for (const r of records) {
    const employerId = loaded.employerIds.get(r.employerCode)!;
    const p = existing.get(`${employerId}|${r.reference}`);
    if (!p) c.created++;
    else if (p.period === r.period && p.paidOn === r.paidOn && p.amount === r.amount) {
      c.unchanged++;
      continue;
    } else c.replaced++;
    writes.push({ employerId, r });
  }
  return {
    ...c,
    async apply() {
      await sqlite.insertMany(
        "INSERT INTO payments (employer_id, period, paid_on, amount, reference)",
        writes.map(({ employerId, r }) => [employerId, r.period, r.paidOn, r.amount, r.reference]),
        "ON CONFLICT(employer_id, reference) DO UPDATE SET period = excluded.period, paid_on = excluded.paid_on, amount = excluded.amount",
      );
    },
  };
}

async function planCollection(sqlite: Sqlite, records: CollectionRecord[], loaded: Loaded): Promise<Plan> {
  const codeById = new Map([...loaded.employerIds].map(([code, id]) => [id, code]));
  const existing = new Set(
    ((await sqlite.objects<CollectionRow>("SELECT employer_id, kind, action_date, periods, time_limit, due_on, amount FROM collection_actions"))).map((r) =>
      collectionKey(fromCollectionRow(r, codeById)),
    ),
  );
  const c = counter();
  const writes: CollectionRecord[] = [];
  for (const r of records) {
    if (existing.has(collectionKey(r))) c.unchanged++;
    else {
      c.created++;
      writes.push(r);
    }
  }
  return {
    ...c,
    async apply() {
      await sqlite.insertMany(
        "INSERT INTO collection_actions (employer_id, kind, action_date, periods, time_limit, due_on, amount)",
        writes.map((r) => [loaded.employerIds.get(r.employerCode)!, r.kind, r.actionDate, r.periods.join(";"), r.timeLimit, r.dueOn, r.amount]),
      );
    },
  };
}

function planFor<K extends ImportKind>(sqlite: Sqlite, kind: K, records: ImportRecordMap[K][], loaded: Loaded): Promise<Plan> {
  switch (kind) {
    case "employers":
      return planEmployers(sqlite, records as EmployerRecord[]);
    case "policies":
      return planPolicies(sqlite, records as PolicyRecord[]);
    case "non_working_days":
      return planNonWorkingDays(sqlite, records as NonWorkingDayRecord[]);
    case "employees":
      return planEmployees(sqlite, records as EmployeeRecord[], loaded);
    case "wages":
      return planWages(sqlite, records as WageRecord[], loaded);
    case "registrations":
      return planRegistrations(sqlite, records as RegistrationRecord[], loaded);
    case "declarations":
      return planDeclarations(sqlite, records as DeclarationRecord[], loaded);
    case "payments":
      return planPayments(sqlite, records as PaymentRecord[], loaded);
    case "collection":
      return planCollection(sqlite, records as CollectionRecord[], loaded);
  }
  throw new Error(`unknown import kind ${String(kind)}`);
}

type Prepared = { ok: true; rows: number; duplicates: number; plan: Plan; preview: PreviewRows } | { ok: false; errors: ImportError[] };

/** The rows an employer-scoped account may not import (see ImportOptions.scope). */
function outOfScope(kind: ImportKind, records: readonly ImportRecord[], ctx: ImportContext, scope: readonly string[]): ImportError[] {
  const allowed = new Set(scope);
  const errors: ImportError[] = [];
  const employer = (row: number, column: string, code: string) => {
    if (!allowed.has(code)) errors.push({ row, column, code: "unknownEmployer", message: `no employer with code "${code}"`, params: { code } });
  };
  const employee = (row: number, employeeNo: string) => {
    const known = ctx.employees.get(employeeNo);
    if (known && !allowed.has(known.employerCode)) {
      errors.push({ row, column: "employee_no", code: "unknownEmployee", message: `no employee with number "${employeeNo}"`, params: { employeeNo } });
    }
  };
  for (const r of records) {
    if (errors.length >= MAX_IMPORT_ERRORS) break;
    if ("employerCode" in r) employer(r.row, "employer_code", r.employerCode);
    else if (kind === "employers" && "code" in r) employer(r.row, "code", (r as { code: string }).code);
    if ("employeeNo" in r) employee(r.row, r.employeeNo);
  }
  return errors;
}


/** Identity number → employee number, of the employees stored. */
async function identityOwners(sqlite: Sqlite): Promise<Map<string, string>> {
  return new Map((await sqlite.rows<[string, string]>("SELECT id_number, employee_no FROM employees")));
}

async function prepare(db: Db, kind: ImportKind, input: ImportInput, scope?: readonly string[] | null): Promise<Prepared> {
  const sqlite = new Sqlite(db);
  const loaded = await loadContext(sqlite, kind);
  const v = typeof input === "string" ? validateImport(kind, input, loaded.ctx) : validateTable(kind, input, loaded.ctx);
  if (!v.ok) return { ok: false, errors: v.errors };
  if (scope) {
    const refused = outOfScope(kind, v.records, loaded.ctx, scope);
    if (refused.length > 0) return { ok: false, errors: refused };
  }
  if (kind === "employees") {
    const clashes = duplicateIdentities(v.records as EmployeeRecord[], await identityOwners(sqlite));
    if (clashes.length > 0) return { ok: false, errors: clashes };
  }
  return { ok: true, rows: v.rows, duplicates: v.duplicates, plan: await planFor(sqlite, kind, v.records, loaded), preview: previewRows(kind, v.records) };
}

function summaryOf(p: Extract<Prepared, { ok: true }>): ImportSummary {
  return { rows: p.rows, created: p.plan.created, replaced: p.plan.replaced, unchanged: p.plan.unchanged + p.duplicates };
}

// ---------- public ----------

/** Validate a file and say what importing it would do. Writes nothing. */
export async function previewImport(db: Db, kind: ImportKind, input: ImportInput, options: Pick<ImportOptions, "scope"> = {}): Promise<ImportResult> {
  const p = await prepare(db, kind, input, options.scope);
  return p.ok ? { ok: true, summary: summaryOf(p), preview: p.preview } : refused(p.errors);
}

/**
 * Import a file: all or nothing, in one immediate transaction (validation sees
 * the same data the writes go into). One audit entry per import that changes
 * something; a file that changes nothing writes nothing, not even to the log.
 */
export async function runImport(db: Db, kind: ImportKind, input: ImportInput, actor: Actor, options: ImportOptions = {}): Promise<ImportResult> {
  return await transaction(db, async (tx): Promise<ImportResult> => {
      const p = await prepare(tx, kind, input, options.scope);
      if (!p.ok) return refused(p.errors);
      const summary = summaryOf(p);
      if (summary.created + summary.replaced > 0) {
        await p.plan.apply();
        await audit(tx, actor, {
          action: "import",
          entity: kind,
          after: { ...(options.fileName ? { file: options.fileName } : {}), ...(options.format ? { format: options.format } : {}), ...summary },
        });
      }
      return { ok: true, summary, preview: p.preview };
    },
  );
}
