/**
 * Types of the rule engine (SPEC §1–§5). Pure data: no database, no React, no clock.
 *
 * Money is integer fen, rates integer ppm, dates `YYYY-MM-DD`, months `YYYY-MM`.
 */

export type Fen = number;
export type Ppm = number;
/** `YYYY-MM-DD` */
export type IsoDate = string;
/** `YYYY-MM` */
export type Month = string;

export const INSURANCES = ["pension", "medical", "unemployment", "work_injury", "maternity"] as const;
export type Insurance = (typeof INSURANCES)[number];
export const SIDES = ["employer", "employee"] as const;
export type Side = (typeof SIDES)[number];

/** A rate term: a percentage of the base (ppm) or a fixed monthly amount (fen). */
export type RateTerm = { kind: "pct"; ppm: Ppm } | { kind: "fixed"; fen: Fen };
/** A rate is one or more terms. */
export type Rate = RateTerm[];
export type PolicyRates = Record<Insurance, Record<Side, Rate>>;

export type RoundingUnit = "fen" | "jiao" | "yuan";
/** SPEC §3: the basis is the wage in force for the month, or a base fixed for the contribution year. */
export const BASE_RULES = ["wage", "annual"] as const;
export type BaseRule = (typeof BASE_RULES)[number];
/** Per-insurance floors and caps as given by a policy version (fen); an absent one is the version's own. */
export type InsuranceBounds = Partial<Record<Insurance, { floor?: Fen; cap?: Fen }>>;
export type RoundingMode = "half_up" | "up";

export interface PolicyVersion {
  region: string;
  effectiveFrom: Month;
  baseFloor: Fen;
  baseCap: Fen;
  rates: PolicyRates;
  roundingUnit: RoundingUnit;
  roundingMode: RoundingMode;
  /** 1–31 or `last` */
  dueDay: number | "last";
  dueMonthOffset: 0 | 1;
  lateFeePpmPerDay: Ppm;
  /** Default `wage`. */
  baseRule?: BaseRule;
  /** 1–12, default 7: the month an `annual` contribution year begins. */
  baseYearStart?: number;
  /** Per-insurance floors and caps (SPEC §2); absent ones are `baseFloor` / `baseCap`. */
  insuranceBounds?: InsuranceBounds;
}

export interface EmployerInput {
  code: string;
  name: string;
  region: string;
  /** The go-live month (SPEC §2, §5): nothing before it is evaluated. Absent or null: every month. */
  trackingFrom?: Month | null;
}

export interface WageRow {
  effectiveMonth: Month;
  monthlyWage: Fen;
}

export interface EmployeeInput {
  employeeNo: string;
  name: string;
  employerCode: string;
  hireDate: IsoDate;
  terminationDate: IsoDate | null;
  wages: WageRow[];
  appliedOn: IsoDate | null;
  registeredOn: IsoDate | null;
  /** Art. 50 ¶1: the day the termination was reported to the agency (absent or null: not reported). */
  terminationReportedOn?: IsoDate | null;
}

export interface DeclarationVersion {
  employerCode: string;
  period: Month;
  employeeNo: string;
  declaredBase: Fen;
  declaredOn: IsoDate;
}

export interface PaymentInput {
  employerCode: string;
  period: Month;
  paidOn: IsoDate;
  amount: Fen;
  reference: string;
}

/** The acts of collection (art. 63, SPEC §5): defined once, here; the schema, the import and the forms use this list. */
export const COLLECTION_KINDS = ["order", "bank_inquiry", "allocation", "guarantee", "installment", "court"] as const;
export type CollectionKind = (typeof COLLECTION_KINDS)[number];

/** One act of collection: the one shape the engine, the import (`CollectionRecord`) and the case view (`CaseAction`) share. */
export interface CollectionActionInput {
  employerCode: string;
  kind: CollectionKind;
  actionDate: IsoDate;
  periods: Month[];
  timeLimit: IsoDate | null;
  dueOn: IsoDate | null;
  amount: Fen | null;
}

export interface StatementIssue {
  employeeNo: string;
  period: Month;
  issuedOn: IsoDate;
}

/** Everything the engine needs about an installation (or a part of it). */
export interface EngineInput {
  employers: EmployerInput[];
  /** All versions of all regions. */
  policies: PolicyVersion[];
  /** Non-working days per region. */
  nonWorkingDays: Record<string, IsoDate[]>;
  employees: EmployeeInput[];
  declarations: DeclarationVersion[];
  payments: PaymentInput[];
  collection: CollectionActionInput[];
  /** Every statement version; the engine uses the earliest `issued_on ≤ D` per employee and month. */
  statements: StatementIssue[];
}

export const RULES = [
  "ART58_REGISTRATION_DUE_SOON",
  "ART58_UNREGISTERED",
  "ART58_LATE_REGISTRATION",
  "ART50_TERMINATION_REPORT_DUE_SOON",
  "ART50_TERMINATION_UNREPORTED",
  "ART50_TERMINATION_REPORTED_LATE",
  "ART60_PAYMENT_DUE_SOON",
  "ART60_NOT_DECLARED",
  "ART60_LATE_DECLARATION",
  "ART60_EMPLOYEE_OMITTED",
  "ART60_EMPLOYEE_DECLARED_LATE",
  "ART60_BASE_UNDER_DECLARED",
  "ART60_UNPAID",
  "ART60_LATE_PAYMENT",
  "ART60_STATEMENT_MISSING",
  "ART60_STATEMENT_LATE",
  "ART63_ORDERED",
  "ART63_ORDER_EXPIRED",
  "ART63_INSTALLMENT_MISSED",
  "ART63_COURT_ENFORCEMENT",
] as const;
export type RuleCode = (typeof RULES)[number];

export const SEVERITIES = ["critical", "breach", "warning"] as const;
export type Severity = (typeof SEVERITIES)[number];
export type FindingStatus = "open" | "closed";
export type Stage = "court" | "installment_missed" | "deferred" | "order_expired" | "ordered" | "overdue";

export interface Exposure {
  article: "84" | "86";
  /** Fine range in fen (1–3 × the base amount). */
  fineMin: Fen;
  fineMax: Fen;
  /** Art. 84 also fines each responsible manager ¥500–3,000. */
  managerFineMin?: Fen;
  managerFineMax?: Fen;
}

export interface Finding {
  rule: RuleCode;
  article: string;
  severity: Severity;
  status: FindingStatus;
  employerCode: string;
  period: Month | null;
  employeeNo: string | null;
  employeeName: string | null;
  dueDate: IsoDate;
  days: number;
  outstanding: Fen | null;
  lateFee: Fen | null;
  stage: Stage | null;
  exposure: Exposure | null;
  /** Free text for people (English; the UI renders its own translated text from the fields). */
  detail: string;
}

export interface Tranche {
  dueDate: IsoDate;
  amount: Fen;
  /** What the payments dated ≤ D put into it. */
  paid: Fen;
  /** The `paid_on` of the payment that completed it, or null while open. */
  filledOn: IsoDate | null;
}

/** The state of one evaluated employer-month, for month views, dashboards and statements. */
export interface MonthSummary {
  employerCode: string;
  period: Month;
  dueDate: IsoDate;
  liableCount: number;
  required: Fen;
  employerTotal: Fen;
  employeeTotal: Fen;
  declaredFrom: IsoDate | null;
  paid: Fen;
  /** What is still missing from tranches with `t < D`. */
  overdue: Fen;
  /** What is still missing from every tranche (`required − paid`, never negative). */
  outstanding: Fen;
  overpaid: Fen;
  lateFee: Fen;
  unpaid: boolean;
  tranches: Tranche[];
}

export interface ConfigProblem {
  employerCode: string;
  region: string;
  period: Month;
  liableCount: number;
}

export interface Evaluation {
  asOf: IsoDate;
  findings: Finding[];
  months: MonthSummary[];
  /** Months with liable employees but no policy in force: never evaluated silently. */
  configProblems: ConfigProblem[];
}
