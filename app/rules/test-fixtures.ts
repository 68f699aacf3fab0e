/**
 * Shared fixture builders for the rule-engine tests. Everything here is plain
 * data written from SPEC.md by hand — nothing is computed by the engine.
 */
import { evaluate } from "./evaluate";
import type {
  CollectionActionInput,
  DeclarationVersion,
  EmployeeInput,
  EngineInput,
  Fen,
  Finding,
  IsoDate,
  Month,
  PaymentInput,
  PolicyVersion,
  Rate,
  RuleCode,
  StatementIssue,
} from "./types";

export const EMPLOYER = "ACME";
export const REGION = "sample-city";

export const pct = (ppm: number): Rate => [{ kind: "pct", ppm }];

/**
 * SPEC §9's `sample-city`: floor ¥4,000.00, cap ¥20,000.00; employer / employee
 * ppm pension 160000 / 80000, medical 80000 / 20000, unemployment 5000 / 5000,
 * work_injury 2000 / 0, maternity 0 / 0; fen half_up; due day 15, offset 0;
 * late fee 500 ppm a day. In force since 2020-01.
 */
export const samplePolicy: PolicyVersion = Object.freeze({
  region: REGION,
  effectiveFrom: "2020-01",
  baseFloor: 400_000,
  baseCap: 2_000_000,
  rates: {
    pension: { employer: pct(160_000), employee: pct(80_000) },
    medical: { employer: pct(80_000), employee: pct(20_000) },
    unemployment: { employer: pct(5_000), employee: pct(5_000) },
    work_injury: { employer: pct(2_000), employee: pct(0) },
    maternity: { employer: pct(0), employee: pct(0) },
  },
  roundingUnit: "fen",
  roundingMode: "half_up",
  dueDay: 15,
  dueMonthOffset: 0,
  lateFeePpmPerDay: 500,
}) as PolicyVersion;

export function policy(overrides: Partial<PolicyVersion> = {}): PolicyVersion {
  return { ...samplePolicy, rates: { ...samplePolicy.rates }, ...overrides };
}

/** SPEC §9 example 7: employer medical 7.5 % + 0.5 %, employee medical 2 % + ¥3.00. */
export const termsPolicy: PolicyVersion = policy({
  rates: {
    ...samplePolicy.rates,
    medical: {
      employer: [
        { kind: "pct", ppm: 75_000 },
        { kind: "pct", ppm: 5_000 },
      ],
      employee: [
        { kind: "pct", ppm: 20_000 },
        { kind: "fixed", fen: 300 },
      ],
    },
  },
});

export type EmployeeSpec = Partial<EmployeeInput> & { wage?: Fen };

/**
 * An employee of ACME: E001 Zhang San, wage ¥8,000.00 (example 1), hired
 * 2026-01-05 and registered the same day unless told otherwise.
 */
export function employee(spec: EmployeeSpec = {}): EmployeeInput {
  const { wage, ...rest } = spec;
  const hireDate = rest.hireDate ?? "2026-01-05";
  return {
    employeeNo: "E001",
    name: "Zhang San",
    employerCode: EMPLOYER,
    hireDate,
    terminationDate: null,
    wages: [{ effectiveMonth: hireDate.slice(0, 7), monthlyWage: wage ?? 800_000 }],
    appliedOn: hireDate,
    registeredOn: hireDate,
    ...rest,
  };
}

/** An installation with ACME in `sample-city` under `samplePolicy`, no events. */
export function input(overrides: Partial<EngineInput> = {}): EngineInput {
  return {
    employers: [{ code: EMPLOYER, name: "Acme Trading Co.", region: REGION }],
    policies: [samplePolicy],
    nonWorkingDays: {},
    employees: [employee()],
    declarations: [],
    payments: [],
    collection: [],
    statements: [],
    ...overrides,
  };
}

let refSeq = 0;
export function payment(period: Month, paidOn: IsoDate, amount: Fen, employerCode = EMPLOYER): PaymentInput {
  return { employerCode, period, paidOn, amount, reference: `R${++refSeq}` };
}

export function declaration(period: Month, employeeNo: string, declaredBase: Fen, declaredOn: IsoDate, employerCode = EMPLOYER): DeclarationVersion {
  return { employerCode, period, employeeNo, declaredBase, declaredOn };
}

export function statement(employeeNo: string, period: Month, issuedOn: IsoDate): StatementIssue {
  return { employeeNo, period, issuedOn };
}

export function order(periods: Month[], actionDate: IsoDate, timeLimit: IsoDate): CollectionActionInput {
  return { employerCode: EMPLOYER, kind: "order", actionDate, periods, timeLimit, dueOn: null, amount: null };
}
export function guarantee(periods: Month[], actionDate: IsoDate): CollectionActionInput {
  return { employerCode: EMPLOYER, kind: "guarantee", actionDate, periods, timeLimit: null, dueOn: null, amount: null };
}
export function installment(periods: Month[], actionDate: IsoDate, dueOn: IsoDate, amount: Fen): CollectionActionInput {
  return { employerCode: EMPLOYER, kind: "installment", actionDate, periods, timeLimit: null, dueOn, amount };
}
export function court(periods: Month[], actionDate: IsoDate): CollectionActionInput {
  return { employerCode: EMPLOYER, kind: "court", actionDate, periods, timeLimit: null, dueOn: null, amount: null };
}
export function otherAction(kind: "bank_inquiry" | "allocation", periods: Month[], actionDate: IsoDate): CollectionActionInput {
  return { employerCode: EMPLOYER, kind, actionDate, periods, timeLimit: null, dueOn: null, amount: null };
}

/** The findings as of D, optionally only one rule and/or one period (`null`: findings without a period). */
export function findingsAsOf(inp: EngineInput, asOf: IsoDate, filter: { rule?: RuleCode; period?: Month | null; employeeNo?: string } = {}): Finding[] {
  return evaluate(inp, asOf).findings.filter(
    (f) =>
      (filter.rule === undefined || f.rule === filter.rule) &&
      (filter.period === undefined || f.period === filter.period) &&
      (filter.employeeNo === undefined || f.employeeNo === filter.employeeNo),
  );
}

/** `rule:days` for each finding — compact for tables. */
export function ruleDays(fs: readonly Finding[]): string[] {
  return fs.map((f) => `${f.rule}:${f.days}`);
}

/** Declared on time and paid in full on time for every month in `months` for E001 at ¥8,000.00 (281600 fen). */
export function keptUp(months: Month[], employeeNos: string[] = ["E001"], base: Fen = 800_000, perMonth: Fen = 281_600): Pick<EngineInput, "declarations" | "payments" | "statements"> {
  return {
    declarations: months.flatMap((m) => employeeNos.map((no) => declaration(m, no, base, `${m}-01`))),
    payments: months.map((m) => payment(m, `${m}-01`, perMonth * employeeNos.length)),
    statements: months.flatMap((m) => employeeNos.map((no) => statement(no, m, `${m}-28`))),
  };
}

/** SPEC §9 example 6 as of 2026-03-31: ACME's March 2026 unpaid, ¥816.00 outstanding for 16 days, late fee 903 fen (N = 100000 × 5 + 81600 × 16). */
export const EXAMPLE_6_UNPAID: Readonly<Omit<Finding, "exposure" | "detail">> = {
  rule: "ART60_UNPAID",
  article: "60;63",
  severity: "breach",
  status: "open",
  employerCode: EMPLOYER,
  period: "2026-03",
  employeeNo: null,
  employeeName: null,
  dueDate: "2026-03-15",
  days: 16,
  outstanding: 81_600,
  lateFee: 903,
  stage: "overdue",
};

/** A finding with every field given; defaults make a plain open breach of ACME (example 6's). */
export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ...EXAMPLE_6_UNPAID,
    exposure: null,
    detail: "unpaid",
    ...overrides,
  };
}

/**
 * One installation that, as of 2026-04-10, breaks every rule of SPEC §5 at least once
 * (used to check which report columns each rule fills).
 */
export const EVERY_RULE_AS_OF = "2026-04-10";
export function everyRuleInput(): EngineInput {
  return input({
    employees: [
      employee({ employeeNo: "E001", name: "Zhang, San", hireDate: "2026-01-05" }),
      employee({ employeeNo: "E002", name: '=Li "Si"', hireDate: "2026-01-10", appliedOn: null, registeredOn: null }),
      employee({ employeeNo: "E003", name: "王五", hireDate: "2026-01-10", appliedOn: "2026-02-12", registeredOn: null }),
      employee({ employeeNo: "E004", name: "Zhao\nLiu", hireDate: "2026-03-15", appliedOn: null, registeredOn: null }),
      // Leavers (art. 50 ¶1): never reported, report due within the week, reported late.
      employee({ employeeNo: "L001", name: "Qian Qi", hireDate: "2026-01-05", terminationDate: "2026-01-31" }),
      employee({ employeeNo: "L002", name: "Sun Ba", hireDate: "2026-01-05", terminationDate: "2026-03-31" }),
      employee({ employeeNo: "L003", name: "Zhou Jiu", hireDate: "2026-01-05", terminationDate: "2026-02-10", terminationReportedOn: "2026-03-01" }),
    ],
    declarations: [
      declaration("2026-01", "E001", 700_000, "2026-01-10"), // under-declared
      declaration("2026-01", "E002", 800_000, "2026-01-20"), // E003 omitted
      declaration("2026-02", "E001", 800_000, "2026-02-20"), // late declaration
      declaration("2026-02", "E002", 800_000, "2026-02-25"), // declared late
      declaration("2026-02", "E003", 800_000, "2026-02-20"),
      // 2026-03: nothing — not declared
    ],
    payments: [payment("2026-01", "2026-02-20", 6 * 281_600)], // January paid late (three employees and the three leavers)
    collection: [
      order(["2026-02"], "2026-03-01", "2026-03-10"), // expired
      court(["2026-02"], "2026-03-20"),
      order(["2026-03"], "2026-04-01", "2026-04-20"), // within its limit
      guarantee(["2026-03"], "2026-04-01"),
      installment(["2026-03"], "2026-04-01", "2026-04-05", 100_000), // missed
    ],
    statements: [
      statement("E001", "2026-01", "2026-03-05"), // late
      statement("E003", "2026-01", "2026-02-10"),
      // E002: missing
    ],
  });
}
