/**
 * The import formats of SPEC §8: a CSV file of one kind (header row required,
 * UTF-8 with or without BOM) validated into typed records. Pure: no database.
 * What needs existing data (codes and employee numbers that must exist, the
 * single employer an empty `employer_code` stands for, liability of a declared
 * employee, guarantees already in force) comes in an {@link ImportContext} the
 * database layer fills.
 *
 * Every bad row is reported, as `row N, column C: reason` (row 1 is the
 * header, the first data row is row 2); one bad row rejects the whole file.
 */
import { CsvSyntaxError, parseCsv, type CsvTable } from "./csv";
import { isLiable } from "~/rules/contributions";
import { isValidDate, isValidMonth, shanghaiDate } from "~/rules/dates";
import { checkIdentity, checkUscc } from "~/rules/identity";
import { isZeroRate, parseRate, parseYuan, yuanPlain } from "~/rules/money";
import type {
  CollectionActionInput,
  CollectionKind,
  Fen,
  Insurance,
  IsoDate,
  Month,
  PolicyRates,
  PolicyVersion,
  Rate,
  RoundingMode,
  RoundingUnit,
  Side,
} from "~/rules/types";
import { BASE_RULES, COLLECTION_KINDS, INSURANCES, SIDES, type BaseRule, type InsuranceBounds } from "~/rules/types";
import { amountInRange, dateInRange, hasForbiddenCharacters, isEmailAddress, monthBounds, monthInRange, POLICY_MONTHS, policyMonthInRange } from "./field-ranges";
import { msg, PROBLEMS, type ImportErrorCode, type MsgParam } from "./messages";

// ---------- kinds and columns ----------

export const IMPORT_KINDS = [
  "employers",
  "policies",
  "non_working_days",
  "employees",
  "wages",
  "registrations",
  "declarations",
  "payments",
  "collection",
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(s: string): s is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(s);
}

const RATE_COLUMNS = INSURANCES.flatMap((i) => SIDES.map((s) => `${i}_${s}` as const));

/** Per-insurance floor and cap columns of policies (SPEC §8): `pension_base_floor`, `pension_base_cap`, … */
export const INSURANCE_BOUND_COLUMNS = INSURANCES.flatMap((i) => [`${i}_base_floor`, `${i}_base_cap`] as const);

/** Columns that may be left out of a file (read as empty cells), in export order after the required ones. */
export const OPTIONAL_COLUMNS: Record<ImportKind, readonly string[]> = {
  employers: ["tracking_from"],
  policies: ["base_rule", "base_year_start", ...INSURANCE_BOUND_COLUMNS],
  non_working_days: [],
  employees: [],
  wages: [],
  registrations: ["termination_reported_on"],
  declarations: [],
  payments: [],
  collection: [],
};

export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  employers: ["code", "name", "uscc", "region", "tracking_from"],
  policies: [
    "region",
    "effective_from",
    "base_floor",
    "base_cap",
    ...RATE_COLUMNS,
    "rounding_unit",
    "rounding_mode",
    "due_day",
    "due_month_offset",
    "late_fee_ppm_per_day",
    ...OPTIONAL_COLUMNS.policies,
  ],
  non_working_days: ["region", "date"],
  employees: [
    "employee_no",
    "name",
    "id_type",
    "id_number",
    "employer_code",
    "hire_date",
    "termination_date",
    "department",
    "email",
    "monthly_wage",
  ],
  wages: ["employee_no", "effective_month", "monthly_wage"],
  registrations: ["employee_no", "applied_on", "registered_on", "termination_reported_on"],
  declarations: ["employer_code", "period", "employee_no", "declared_base", "declared_on"],
  payments: ["employer_code", "period", "paid_on", "amount", "reference"],
  collection: ["employer_code", "kind", "action_date", "periods", "time_limit", "due_on", "amount"],
};

/** The columns a file must have (the optional ones may be left out). */
export const REQUIRED_COLUMNS = Object.fromEntries(
  IMPORT_KINDS.map((k) => [k, IMPORT_COLUMNS[k].filter((c) => !OPTIONAL_COLUMNS[k].includes(c))]),
) as unknown as Record<ImportKind, readonly string[]>;

/** The key columns of each kind (SPEC §8); a row whose key exists replaces that record. */
export const IMPORT_KEYS: Record<ImportKind, readonly string[]> = {
  employers: ["code"],
  policies: ["region", "effective_from"],
  non_working_days: ["region", "date"],
  employees: ["employee_no"],
  wages: ["employee_no", "effective_month"],
  registrations: ["employee_no"],
  declarations: ["employer_code", "period", "employee_no", "declared_on"],
  payments: ["employer_code", "reference"],
  collection: IMPORT_COLUMNS.collection,
};

export const ID_TYPES = ["resident_id", "passport", "permit"] as const;
export type IdType = (typeof ID_TYPES)[number];
export { COLLECTION_KINDS };
export const ROUNDING_UNITS: readonly RoundingUnit[] = ["fen", "jiao", "yuan"];
export const ROUNDING_MODES: readonly RoundingMode[] = ["half_up", "up"];

// ---------- records ----------

interface Located {
  /** The CSV row number (the header is row 1). */
  row: number;
}

export interface EmployerRecord extends Located {
  code: string;
  name: string;
  uscc: string;
  region: string;
  /** The go-live month; null = every month is tracked. */
  trackingFrom: Month | null;
}

/** A policies row: the engine's policy version (rules/types.ts) with the due day as stored and every optional term given. */
export interface PolicyRecord extends Located, Omit<PolicyVersion, "dueDay" | "baseRule" | "baseYearStart" | "insuranceBounds"> {
  /** `1`…`31` or `last`, as stored. */
  dueDay: string;
  baseRule: BaseRule;
  baseYearStart: number;
  /** Only the per-insurance floors and caps given (an empty cell is the row's base_floor / base_cap). */
  insuranceBounds: InsuranceBounds;
}

export interface NonWorkingDayRecord extends Located {
  region: string;
  date: IsoDate;
}

export interface EmployeeRecord extends Located {
  employeeNo: string;
  name: string;
  idType: IdType;
  idNumber: string;
  employerCode: string;
  hireDate: IsoDate;
  terminationDate: IsoDate | null;
  department: string;
  email: string;
  /** Becomes the wage row of the hire month unless the employee already has one for that month. */
  monthlyWage: Fen;
}

export interface WageRecord extends Located {
  employeeNo: string;
  effectiveMonth: Month;
  monthlyWage: Fen;
}

export interface RegistrationRecord extends Located {
  employeeNo: string;
  appliedOn: IsoDate | null;
  registeredOn: IsoDate | null;
  /** Art. 50 ¶1: the day the termination was reported to the agency. */
  terminationReportedOn: IsoDate | null;
}

export interface DeclarationRecord extends Located {
  employerCode: string;
  period: Month;
  employeeNo: string;
  declaredBase: Fen;
  declaredOn: IsoDate;
}

export interface PaymentRecord extends Located {
  employerCode: string;
  period: Month;
  paidOn: IsoDate;
  amount: Fen;
  reference: string;
}

/** An act of collection as the engine takes it (periods sorted, without repeats), and its row. */
export interface CollectionRecord extends Located, CollectionActionInput {}

export interface ImportRecordMap {
  employers: EmployerRecord;
  policies: PolicyRecord;
  non_working_days: NonWorkingDayRecord;
  employees: EmployeeRecord;
  wages: WageRecord;
  registrations: RegistrationRecord;
  declarations: DeclarationRecord;
  payments: PaymentRecord;
  collection: CollectionRecord;
}
export type ImportRecord = ImportRecordMap[ImportKind];

// ---------- errors ----------

export interface ImportError {
  row: number;
  /** The column the reason is about; empty for an error about the whole row or file. */
  column: string;
  /** The reason in English (the command line, logs). */
  message: string;
  /** The same reason for the web, translated from the catalog: `problems.import.<code>` with `params`. */
  code: ImportErrorCode;
  params?: Record<string, MsgParam>;
}

function importError(row: number, column: string, code: ImportErrorCode, message: string, params?: Record<string, MsgParam>): ImportError {
  return params ? { row, column, message, code, params } : { row, column, message, code };
}

/** `row N, column C: reason` (or `row N: reason` when no column applies). */
export function formatImportError(e: ImportError): string {
  return e.column ? `row ${e.row}, column ${e.column}: ${e.message}` : `row ${e.row}: ${e.message}`;
}

// ---------- context ----------

export interface ContextEmployee {
  employerCode: string;
  hireDate: IsoDate;
  terminationDate: IsoDate | null;
  /** The recorded termination report, if any (an employees row may not move the termination after it). */
  terminationReportedOn?: IsoDate | null;
}

export interface ContextGuarantee {
  employerCode: string;
  actionDate: IsoDate;
  periods: readonly Month[];
  /** {@link collectionKey} of the action: the same row imported again is not an overlap. */
  key: string;
}

/** What validation needs to know about the database. */
export interface ImportContext {
  /** Codes of the employers in the database. */
  employerCodes: ReadonlySet<string>;
  /** Employees in the database, by employee number. */
  employees: ReadonlyMap<string, ContextEmployee>;
  /** Guarantee agreements in the database. */
  guarantees: readonly ContextGuarantee[];
}

export function emptyContext(): ImportContext {
  return { employerCodes: new Set(), employees: new Map(), guarantees: [] };
}

// ---------- keys and equality ----------

/** The key of a record (SPEC §8), as one string. */
export function recordKey(kind: ImportKind, r: ImportRecord): string {
  switch (kind) {
    case "employers":
      return (r as EmployerRecord).code;
    case "policies": {
      const p = r as PolicyRecord;
      return `${p.region}\u0000${p.effectiveFrom}`;
    }
    case "non_working_days": {
      const d = r as NonWorkingDayRecord;
      return `${d.region}\u0000${d.date}`;
    }
    case "employees":
      return (r as EmployeeRecord).employeeNo;
    case "wages": {
      const w = r as WageRecord;
      return `${w.employeeNo}\u0000${w.effectiveMonth}`;
    }
    case "registrations":
      return (r as RegistrationRecord).employeeNo;
    case "declarations": {
      const d = r as DeclarationRecord;
      return `${d.employerCode}\u0000${d.period}\u0000${d.employeeNo}\u0000${d.declaredOn}`;
    }
    case "payments": {
      const p = r as PaymentRecord;
      return `${p.employerCode}\u0000${p.reference}`;
    }
    case "collection":
      return collectionKey(r as CollectionRecord);
  }
}

/** A collection action's key is the whole row. */
export function collectionKey(c: Omit<CollectionRecord, "row">): string {
  return [c.employerCode, c.kind, c.actionDate, c.periods.join(";"), c.timeLimit ?? "", c.dueOn ?? "", c.amount ?? ""].join("\u0000");
}

/** JSON with sorted object keys: for comparing records and stored values. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function sameValues(a: Located, b: Located): boolean {
  const { row: _a, ...x } = a;
  const { row: _b, ...y } = b;
  return canonicalJson(x) === canonicalJson(y);
}

// ---------- validation ----------

export type ValidationResult<K extends ImportKind> =
  | {
      ok: true;
      /** Data rows in the file (blank lines not counted). */
      rows: number;
      /** One per distinct key, in file order (identical repeats dropped). */
      records: ImportRecordMap[K][];
      /** Rows that repeat an earlier row exactly. */
      duplicates: number;
    }
  | { ok: false; rows: number; errors: ImportError[] };

/** A row being validated: cells by column name, and an error collector. */
class RowReader {
  ok = true;
  constructor(
    readonly row: number,
    private readonly cells: ReadonlyMap<string, string>,
    private readonly errors: ImportError[],
    private readonly ctx: ImportContext,
  ) {}

  error(column: string, code: ImportErrorCode, message: string, params?: Record<string, MsgParam>): void {
    this.ok = false;
    this.errors.push(importError(this.row, column, code, message, params));
  }

  private readonly flagged = new Set<string>();

  /** The trimmed cell (empty when the column is absent); control and bidi-override characters refused (field-ranges). */
  text(column: string): string {
    const v = (this.cells.get(column) ?? "").trim();
    if (hasForbiddenCharacters(v) && !this.flagged.has(column)) {
      this.flagged.add(column);
      this.error(column, "controlCharacters", "holds control or text-direction characters (NUL, escape, right-to-left override…): remove them");
    }
    return v;
  }

  required(column: string): string {
    const v = this.text(column);
    if (v === "") this.error(column, "required", "is required");
    return v;
  }

  date(column: string, required: true): IsoDate;
  date(column: string, required: false): IsoDate | null;
  date(column: string, required: boolean): IsoDate | null {
    const v = this.text(column);
    if (v === "") {
      if (required) this.error(column, "required", "is required");
      return null;
    }
    if (!isValidDate(v)) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) this.error(column, "notCalendarDate", `"${v}" is not a calendar date`, { value: v });
      else this.error(column, "notDate", `"${v}" is not a date YYYY-MM-DD`, { value: v });
      return null;
    }
    if (!dateInRange(v)) this.error(column, "dateOutOfRange", `"${v}" is outside 1950-01-01 to 2100-12-31`, { value: v });
    return v;
  }

  /** A period (at most 12 months ahead), or a policy's effective month (up to 2100-12). */
  month(column: string, kind: "period" | "policy" = "period"): Month {
    const v = this.text(column);
    if (v === "") this.error(column, "required", "is required");
    else if (!isValidMonth(v)) this.error(column, "notMonth", `"${v}" is not a month YYYY-MM`, { value: v });
    else if (kind === "policy" ? !policyMonthInRange(v) : !monthInRange(v, shanghaiDate(new Date()))) {
      const b = kind === "policy" ? POLICY_MONTHS : monthBounds(shanghaiDate(new Date()));
      this.error(column, "monthOutOfRange", `"${v}" is outside ${b.from} to ${b.to}`, { value: v, from: b.from, to: b.to });
    }
    return v;
  }

  amount(column: string, required: true): Fen;
  amount(column: string, required: false): Fen | null;
  amount(column: string, required: boolean): Fen | null {
    const v = this.text(column);
    if (v === "") {
      if (required) this.error(column, "required", "is required");
      return null;
    }
    const fen = parseYuan(v);
    if (fen === null) {
      if (/^-/.test(v)) this.error(column, "negativeAmount", `"${v}" is negative`, { value: v });
      else this.error(column, "notAmount", `"${v}" is not an amount in yuan (digits, "." and at most two decimals, no grouping)`, { value: v });
      return null;
    }
    if (!amountInRange(fen)) this.error(column, "amountTooLarge", `"${v}" is more than ¥100,000,000.00`, { value: v });
    return fen;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[], fallback: T): T {
    const v = this.text(column);
    if (v === "") return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      this.error(column, "notOneOf", `"${v}" is not one of ${allowed.join(", ")}`, { value: v, allowed: allowed.join(", ") });
      return fallback;
    }
    return v as T;
  }

  /** An employer code that exists; empty stands for the only employer of the installation. */
  employer(column = "employer_code"): string {
    const v = this.text(column);
    const codes = this.ctx.employerCodes;
    if (v === "") {
      if (codes.size === 1) return codes.values().next().value as string;
      if (codes.size === 0) this.error(column, "employerRequiredNone", "is required (no employer exists yet: import employers first)");
      else this.error(column, "employerRequiredSeveral", "is required where the installation holds several employers");
      return "";
    }
    if (!codes.has(v)) this.error(column, "unknownEmployer", `no employer with code "${v}"`, { code: v });
    return v;
  }

  /** The termination report already recorded for an employee in the database, if any. */
  storedTerminationReport(employeeNo: string): IsoDate | null {
    return this.ctx.employees.get(employeeNo)?.terminationReportedOn ?? null;
  }

  ctxHasEmployer(code: string): boolean {
    return this.ctx.employerCodes.has(code);
  }

  /** An employee number that exists. */
  employee(column = "employee_no"): { employeeNo: string; employee: ContextEmployee | null } {
    const v = this.required(column);
    if (v === "") return { employeeNo: v, employee: null };
    const employee = this.ctx.employees.get(v) ?? null;
    if (!employee) this.error(column, "unknownEmployee", `no employee with number "${v}"`, { employeeNo: v });
    return { employeeNo: v, employee };
  }
}

function yuanText(fen: Fen): string {
  return yuanPlain(fen);
}

type RowParser<K extends ImportKind> = (r: RowReader) => Omit<ImportRecordMap[K], "row">;

const PARSERS: { [K in ImportKind]: RowParser<K> } = {
  employers(r) {
    const code = r.required("code");
    if (code && /\s/.test(code)) r.error("code", "codeHasSpaces", `"${code}" must not contain spaces`, { value: code });
    const name = r.required("name");
    let uscc = r.required("uscc");
    if (uscc) {
      const check = checkUscc(uscc);
      if (check.ok) uscc = check.value;
      else r.error("uscc", "badUscc", `"${uscc}" is not a unified social credit code: ${check.reason}`, { value: uscc, detail: msg(`identityReasons.${check.code}`, check.params) });
    }
    const region = r.required("region");
    const trackingText = r.text("tracking_from");
    let trackingFrom: Month | null = null;
    if (trackingText !== "") {
      if (isValidMonth(trackingText)) trackingFrom = trackingText;
      else r.error("tracking_from", "notMonth", `"${trackingText}" is not a month YYYY-MM`, { value: trackingText });
    }
    return { code, name, uscc, region, trackingFrom };
  },

  policies(r) {
    const region = r.required("region");
    const effectiveFrom = r.month("effective_from", "policy");
    const baseFloor = r.amount("base_floor", true);
    const baseCap = r.amount("base_cap", true);
    if (baseFloor !== null && baseCap !== null && baseFloor > baseCap) r.error("base_floor", "floorAboveCap", `${r.text("base_floor")} is above base_cap ${r.text("base_cap")}`, { floor: r.text("base_floor"), cap: r.text("base_cap") });
    const rates = {} as Record<Insurance, Record<Side, Rate>>;
    for (const ins of INSURANCES) {
      rates[ins] = {} as Record<Side, Rate>;
      for (const side of SIDES) {
        const column = `${ins}_${side}`;
        const parsed = parseRate(r.text(column));
        if (!parsed.ok) {
          r.error(column, "badRate", parsed.reason, { detail: msg(`${PROBLEMS}.rate.${parsed.code}`, parsed.params) });
          rates[ins][side] = [];
          continue;
        }
        if (side === "employee" && (ins === "work_injury" || ins === "maternity") && !isZeroRate(parsed.rate)) {
          r.error(column, "employeeRateNotZero", `must be 0: ${ins.replace("_", " ")} is paid by the employer alone (Social Insurance Law arts. 33, 53)`, {
            insurance: msg(`insurances.${ins}`),
          });
        }
        rates[ins][side] = parsed.rate;
      }
    }
    const roundingUnit = r.oneOf("rounding_unit", ROUNDING_UNITS, "fen");
    const roundingMode = r.oneOf("rounding_mode", ROUNDING_MODES, "half_up");
    let dueDay = r.required("due_day");
    if (dueDay) {
      if (dueDay.toLowerCase() === "last") dueDay = "last";
      else if (/^\d{1,2}$/.test(dueDay) && Number(dueDay) >= 1 && Number(dueDay) <= 31) dueDay = String(Number(dueDay));
      else r.error("due_day", "badDueDay", `"${dueDay}" is not a day 1–31 or "last"`, { value: dueDay });
    }
    const offsetText = r.text("due_month_offset");
    let dueMonthOffset: 0 | 1 = 0;
    if (offsetText === "1") dueMonthOffset = 1;
    else if (offsetText !== "" && offsetText !== "0") r.error("due_month_offset", "badDueMonthOffset", `"${offsetText}" is not 0 or 1`, { value: offsetText });
    const feeText = r.text("late_fee_ppm_per_day");
    let lateFeePpmPerDay = 500;
    if (feeText !== "") {
      if (/^\d{1,7}$/.test(feeText) && Number(feeText) <= 1_000_000) lateFeePpmPerDay = Number(feeText);
      else r.error("late_fee_ppm_per_day", "badLateFeePpm", `"${feeText}" is not a whole number of ppm per day (0–1000000; 500 = 0.05 %)`, { value: feeText });
    }
    const baseRule = r.oneOf("base_rule", BASE_RULES, "wage");
    const startText = r.text("base_year_start");
    let baseYearStart = 7;
    if (startText !== "") {
      if (/^\d{1,2}$/.test(startText) && Number(startText) >= 1 && Number(startText) <= 12) baseYearStart = Number(startText);
      else r.error("base_year_start", "badBaseYearStart", `"${startText}" is not a month of the year 1–12 (7: July–June, 1: the calendar year)`, { value: startText });
    }
    const insuranceBounds: InsuranceBounds = {};
    for (const ins of INSURANCES) {
      const floorCol = `${ins}_base_floor`;
      const capCol = `${ins}_base_cap`;
      const floor = r.amount(floorCol, false);
      const cap = r.amount(capCol, false);
      if (floor !== null || cap !== null) insuranceBounds[ins] = { ...(floor !== null ? { floor } : {}), ...(cap !== null ? { cap } : {}) };
      const f = floor ?? baseFloor;
      const c = cap ?? baseCap;
      if ((floor !== null || cap !== null) && f !== null && c !== null && f > c) {
        const given = [floor !== null ? floorCol : null, cap !== null ? capCol : null].filter((x): x is string => x !== null);
        const column = given.join(", ");
        r.error(column, "insuranceFloorAboveCap", `the ${ins.replace("_", " ")} floor ${yuanText(f)} is above its cap ${yuanText(c)}`, {
          insurance: msg(`insurances.${ins}`),
          floor: yuanText(f),
          cap: yuanText(c),
        });
      }
    }
    return {
      region,
      effectiveFrom,
      baseFloor: baseFloor ?? 0,
      baseCap: baseCap ?? 0,
      rates: rates as PolicyRates,
      roundingUnit,
      roundingMode,
      dueDay,
      dueMonthOffset,
      lateFeePpmPerDay,
      baseRule,
      baseYearStart,
      insuranceBounds,
    };
  },

  non_working_days(r) {
    const region = r.required("region");
    const date = r.date("date", true) ?? "";
    return { region, date };
  },

  employees(r) {
    const employeeNo = r.required("employee_no");
    const name = r.required("name");
    const idType = r.oneOf("id_type", ID_TYPES, "resident_id");
    let idNumber = r.required("id_number");
    if (idNumber) {
      const check = checkIdentity(idType, idNumber);
      if (check.ok) idNumber = check.value;
      else {
        r.error("id_number", "badIdNumber", `"${idNumber}" is not a valid ${idType === "resident_id" ? "resident identity number" : idType} number: ${check.reason}`, {
          value: idNumber,
          idType: msg(`idTypes.${idType}`),
          detail: msg(`identityReasons.${check.code}`, check.params),
        });
      }
    }
    const employerCode = r.employer();
    const hireDate = r.date("hire_date", true) ?? "";
    const terminationDate = r.date("termination_date", false);
    if (hireDate && terminationDate && terminationDate < hireDate) r.error("termination_date", "terminationBeforeHire", `${terminationDate} is before hire_date ${hireDate}`, { termination: terminationDate, hire: hireDate });
    // A recorded art. 50 report pins the termination: it cannot be removed or moved after the report.
    const reported = r.storedTerminationReport(employeeNo);
    const unparsed = r.text("termination_date") !== "" && terminationDate === null;
    if (reported && !unparsed && (terminationDate === null || terminationDate > reported)) {
      r.error("termination_date", "terminationAfterReport", `the end of the employment was reported to the agency on ${reported}: the termination date cannot be removed or moved after it`, { reported });
    }
    const department = r.text("department");
    const email = r.text("email");
    if (email && !isEmailAddress(email)) r.error("email", "badEmail", `"${email}" is not an e-mail address`, { value: email });
    const monthlyWage = r.amount("monthly_wage", true) ?? 0;
    return { employeeNo, name, idType, idNumber, employerCode, hireDate, terminationDate, department, email, monthlyWage };
  },

  wages(r) {
    const { employeeNo } = r.employee();
    const effectiveMonth = r.month("effective_month");
    const monthlyWage = r.amount("monthly_wage", true) ?? 0;
    return { employeeNo, effectiveMonth, monthlyWage };
  },

  registrations(r) {
    const { employeeNo, employee } = r.employee();
    const appliedOn = r.date("applied_on", false);
    const registeredOn = r.date("registered_on", false);
    if (appliedOn && registeredOn && registeredOn < appliedOn) r.error("registered_on", "registeredBeforeApplied", `${registeredOn} is before applied_on ${appliedOn}`, { registered: registeredOn, applied: appliedOn });
    const terminationReportedOn = r.date("termination_reported_on", false);
    if (terminationReportedOn && employee) {
      if (employee.terminationDate === null) {
        r.error("termination_reported_on", "reportWithoutTermination", `${employeeNo} has no termination date: a termination can be reported only for an employee who has left`, { employeeNo });
      } else if (terminationReportedOn < employee.terminationDate) {
        r.error("termination_reported_on", "reportBeforeTermination", `${terminationReportedOn} is before the termination date ${employee.terminationDate}`, {
          reported: terminationReportedOn,
          termination: employee.terminationDate,
        });
      }
    }
    return { employeeNo, appliedOn, registeredOn, terminationReportedOn };
  },

  declarations(r) {
    const employerCode = r.employer();
    const period = r.month("period");
    const { employeeNo, employee } = r.employee();
    if (employee && r.ctxHasEmployer(employerCode) && employee.employerCode !== employerCode) {
      r.error("employee_no", "employeeOfOtherEmployer", `${employeeNo} is an employee of ${employee.employerCode}, not ${employerCode}`, {
        employeeNo,
        theirs: employee.employerCode,
        employer: employerCode,
      });
    } else if (employee && isValidMonth(period) && !isLiable(employee.hireDate, employee.terminationDate, period)) {
      const span = employee.terminationDate ? `employed ${employee.hireDate} to ${employee.terminationDate}` : `hired ${employee.hireDate}`;
      const message = `${employeeNo} is not liable in ${period} (${span})`;
      if (employee.terminationDate) r.error("period", "notLiableEmployed", message, { employeeNo, period, hire: employee.hireDate, termination: employee.terminationDate });
      else r.error("period", "notLiableHired", message, { employeeNo, period, hire: employee.hireDate });
    }
    const declaredBase = r.amount("declared_base", true) ?? 0;
    const declaredOn = r.date("declared_on", true) ?? "";
    return { employerCode, period, employeeNo, declaredBase, declaredOn };
  },

  payments(r) {
    const employerCode = r.employer();
    const period = r.month("period");
    const paidOn = r.date("paid_on", true) ?? "";
    const amount = r.amount("amount", true) ?? 0;
    const reference = r.required("reference");
    return { employerCode, period, paidOn, amount, reference };
  },

  collection(r) {
    const employerCode = r.employer();
    const kindText = r.required("kind");
    let kind: CollectionKind = "order";
    if (kindText) {
      if ((COLLECTION_KINDS as readonly string[]).includes(kindText)) kind = kindText as CollectionKind;
      else r.error("kind", "unknownCollectionKind", `"${kindText}" is not a known kind (${COLLECTION_KINDS.join(", ")})`, { value: kindText, kinds: COLLECTION_KINDS.join(", ") });
    }
    const actionDate = r.date("action_date", true) ?? "";
    const periodsText = r.required("periods");
    const periods = new Set<Month>();
    if (periodsText) {
      for (const raw of periodsText.split(";")) {
        const p = raw.trim();
        if (p === "") r.error("periods", "emptyPeriodInList", `has an empty month in "${periodsText}" (months are separated by ";")`, { value: periodsText });
        else if (!isValidMonth(p)) r.error("periods", "notMonth", `"${p}" is not a month YYYY-MM`, { value: p });
        else periods.add(p);
      }
    }
    const timeLimit = r.date("time_limit", false);
    const dueOn = r.date("due_on", false);
    const amount = r.amount("amount", false);
    if (kindText === "order") {
      if (!r.text("time_limit")) r.error("time_limit", "timeLimitRequired", "is required for an order");
      else if (timeLimit && actionDate && timeLimit < actionDate) r.error("time_limit", "timeLimitBeforeAction", `${timeLimit} is before action_date ${actionDate}`, { timeLimit, actionDate });
    }
    if (kindText === "installment") {
      if (!r.text("due_on")) r.error("due_on", "dueOnRequired", "is required for an installment");
      if (!r.text("amount")) r.error("amount", "amountRequired", "is required for an installment");
      else if (amount === 0) r.error("amount", "amountNotPositive", "must be positive for an installment");
    }
    return { employerCode, kind, actionDate, periods: [...periods].sort(), timeLimit, dueOn, amount };
  },
};

/** Checks across rows that need more than one row: guarantees that overlap (SPEC §2). */
function checkGuarantee(rec: CollectionRecord, seen: ContextGuarantee[], errors: ImportError[]): boolean {
  if (rec.kind !== "guarantee") return true;
  const key = collectionKey(rec);
  const periods = new Set(rec.periods);
  for (const g of seen) {
    if (g.employerCode !== rec.employerCode || g.key === key) continue;
    const shared = g.periods.filter((p) => periods.has(p));
    if (shared.length > 0) {
      errors.push(
        importError(
          rec.row,
          "periods",
          "guaranteeOverlap",
          `${shared.join(", ")} ${shared.length === 1 ? "is" : "are"} already in the guarantee agreement of ${g.actionDate} (${g.periods.join(";")}); a month belongs to at most one agreement`,
          { periods: shared.join(", "), date: g.actionDate, agreement: g.periods.join(";") },
        ),
      );
      return false;
    }
  }
  seen.push({ employerCode: rec.employerCode, actionDate: rec.actionDate, periods: rec.periods, key });
  return true;
}

/** At most this many problems are reported for one file (a 200,000-column header must not make 200,000). */
export const MAX_IMPORT_ERRORS = 200;

/**
 * Validate a file of one kind: UTF-8 CSV text, or a table the one decoding path
 * (import-table.ts) already read and normalized. Writes nothing; the context says what the database holds.
 */
export function validateImport<K extends ImportKind>(kind: K, input: string | CsvTable, ctx: ImportContext): ValidationResult<K> {
  let table: CsvTable;
  try {
    table = typeof input === "string" ? parseCsv(input) : input;
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      return { ok: false, rows: 0, errors: [importError(e.row, "", "csvUnclosedQuote", e.message.replace(/^row \d+: /, "") + " (the file is not valid CSV)")] };
    }
    throw e;
  }
  const errors: ImportError[] = [];
  const expected = IMPORT_COLUMNS[kind];
  const header = table.header;
  if (header.length === 0 || (header.length === 1 && header[0] === "")) {
    return { ok: false, rows: 0, errors: [importError(1, "", "emptyFile", `the file is empty; a header row is required: ${expected.join(",")}`, { columns: expected.join(",") })] };
  }
  const seenColumns = new Set<string>();
  for (const h of header) {
    if (errors.length >= MAX_IMPORT_ERRORS) break;
    if (h === "") errors.push(importError(1, "", "emptyHeaderName", "the header has an empty column name"));
    else if (seenColumns.has(h)) errors.push(importError(1, h, "duplicateHeader", "appears twice in the header"));
    else if (!expected.includes(h)) {
      errors.push(importError(1, h, "unknownColumn", `is not a column of ${kind} (expected ${expected.join(",")})`, { kind: msg(`workflows.imports.kinds.${kind}`), columns: expected.join(",") }));
    }
    seenColumns.add(h);
  }
  const optional = OPTIONAL_COLUMNS[kind];
  for (const c of expected) {
    if (errors.length >= MAX_IMPORT_ERRORS) break;
    if (!seenColumns.has(c) && !optional.includes(c)) errors.push(importError(1, c, "missingColumn", `is missing from the header (expected ${expected.join(",")})`, { columns: expected.join(",") }));
  }
  if (errors.length > 0) return { ok: false, rows: table.rows.length, errors: errors.slice(0, MAX_IMPORT_ERRORS) };

  const parse = PARSERS[kind] as RowParser<K>;
  const records: ImportRecordMap[K][] = [];
  const byKey = new Map<string, ImportRecordMap[K]>();
  const guarantees: ContextGuarantee[] = kind === "collection" ? [...ctx.guarantees] : [];
  let duplicates = 0;
  const keyColumn = IMPORT_KEYS[kind][0]!;

  // Every bad row is counted (the file's rows are bounded up front); callers show the first
  // MAX_IMPORT_ERRORS with the total. The header loops above stop early: one line can hold
  // hundreds of thousands of columns.
  for (const { line, cells } of table.rows) {
    if (cells.length !== header.length) {
      errors.push(
        importError(line, cells.length > header.length ? "" : header[cells.length]!, "cellCount", `the row has ${cells.length} cells, the header ${header.length}`, {
          cells: cells.length,
          header: header.length,
        }),
      );
      continue;
    }
    const map = new Map<string, string>();
    for (let i = 0; i < header.length; i++) map.set(header[i]!, cells[i]!);
    const reader = new RowReader(line, map, errors, ctx);
    const rec = { row: line, ...parse(reader) } as ImportRecordMap[K];
    if (!reader.ok) continue;
    const key = recordKey(kind, rec);
    const earlier = byKey.get(key);
    if (earlier) {
      if (sameValues(earlier, rec)) duplicates++;
      else {
        const keyText = IMPORT_KEYS[kind].map((c) => map.get(c)?.trim() || (c === "employer_code" ? (rec as unknown as { employerCode: string }).employerCode : "")).join(" + ");
        errors.push(
          importError(line, keyColumn, "duplicateKey", `the key ${IMPORT_KEYS[kind].join(" + ")} (${keyText}) already appears in row ${earlier.row} with different values`, {
            key: IMPORT_KEYS[kind].join(" + "),
            values: keyText,
            row: earlier.row,
          }),
        );
      }
      continue;
    }
    if (kind === "collection" && !checkGuarantee(rec as CollectionRecord, guarantees, errors)) continue;
    byKey.set(key, rec);
    records.push(rec);
  }
  if (errors.length > 0) return { ok: false, rows: table.rows.length, errors };
  return { ok: true, rows: table.rows.length, records, duplicates };
}
