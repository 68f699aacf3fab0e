/**
 * Properties of the rule engine, checked on random inputs with fast-check:
 * integer arithmetic against an exact BigInt reference (SPEC §3), monotone and
 * clamped contributions, a late fee that never shrinks as D advances, as-of
 * evaluation blind to every event dated after D (SPEC §1), and CSV reports that
 * round-trip through the project's own parser (SPEC §7).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsvRecords } from "~/shared/csv";
import { clampBase, contributionOn, isUnderDeclared, requiredFor, totalOn } from "./contributions";
import { addDays, addMonths } from "./dates";
import { evaluate } from "./evaluate";
import { roundPpm } from "./money";
import { compareCodePoints, compareFindings } from "./order";
import { FINDINGS_COLUMNS, reportCsv } from "./report";
import { pct, samplePolicy, termsPolicy } from "./test-fixtures";
import type {
  CollectionActionInput,
  DeclarationVersion,
  EmployeeInput,
  EngineInput,
  Finding,
  PaymentInput,
  PolicyVersion,
  Rate,
  RoundingMode,
  RoundingUnit,
  StatementIssue,
} from "./types";
import { INSURANCES, RULES } from "./types";

const RUNS = {
  rounding: 5_000,
  policy: 2_000,
  lateFee: 300,
  asOf: 300,
  csv: 500,
  codePoints: 2_000,
} as const;

const UNITS: RoundingUnit[] = ["fen", "jiao", "yuan"];
const MODES: RoundingMode[] = ["half_up", "up"];
const U: Record<RoundingUnit, bigint> = { fen: 1n, jiao: 10n, yuan: 100n };

/** SPEC §3 literally, in BigInt: half_up floor((B·ppm + 500000·u) / (1000000·u))·u; up ceil(B·ppm / (1000000·u))·u. */
function referenceRound(base: number, ppm: number, unit: RoundingUnit, mode: RoundingMode): bigint {
  const u = U[unit];
  const p = BigInt(base) * BigInt(ppm);
  const d = 1_000_000n * u;
  return mode === "half_up" ? ((p + 500_000n * u) / d) * u : ((p + d - 1n) / d) * u;
}

describe("rounding: roundPpm equals the exact integer formula", () => {
  const base = fc.oneof(
    fc.integer({ min: 0, max: 10_000_000 }), // realistic bases
    fc.integer({ min: 0, max: 9_000_000_000 }), // products below 2^53
    fc.integer({ min: 9_000_000_000, max: 2 ** 52 }), // products beyond 2^53: the BigInt path
  );
  const ppm = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 1, 499_999, 500_000, 999_999, 1_000_000, 5_000, 160_000));

  it(`for random bases, rates, units and modes (${RUNS.rounding} runs)`, () => {
    fc.assert(
      fc.property(base, ppm, fc.constantFrom(...UNITS), fc.constantFrom(...MODES), (b, p, unit, mode) => {
        const got = roundPpm(b, p, unit, mode);
        expect(Number.isSafeInteger(got)).toBe(true);
        expect(got % Number(U[unit])).toBe(0);
        expect(BigInt(got)).toBe(referenceRound(b, p, unit, mode));
      }),
      { numRuns: RUNS.rounding },
    );
  });
});

// ---------- random policies ----------

const termArb: fc.Arbitrary<Rate[number]> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 300_000 }).map((ppm) => ({ kind: "pct" as const, ppm })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000 }).map((fen) => ({ kind: "fixed" as const, fen })) },
);
const rateArb: fc.Arbitrary<Rate> = fc.array(termArb, { minLength: 1, maxLength: 3 });
const ratesArb = fc.record(Object.fromEntries(INSURANCES.map((i) => [i, fc.record({ employer: rateArb, employee: rateArb })]))) as fc.Arbitrary<PolicyVersion["rates"]>;
const policyArb: fc.Arbitrary<PolicyVersion> = fc
  .record({
    floor: fc.integer({ min: 0, max: 1_000_000 }),
    span: fc.integer({ min: 0, max: 5_000_000 }),
    rates: ratesArb,
    unit: fc.constantFrom(...UNITS),
    mode: fc.constantFrom(...MODES),
  })
  .map(({ floor, span, rates, unit, mode }) => ({ ...samplePolicy, baseFloor: floor, baseCap: floor + span, rates, roundingUnit: unit, roundingMode: mode }));

describe("contributions on random policies", () => {
  const wage = fc.integer({ min: 0, max: 10_000_000 });

  it(`amounts are integers, the base is within [floor, cap], totals are sums of items (${RUNS.policy} runs)`, () => {
    fc.assert(
      fc.property(policyArb, wage, (policy, w) => {
        const c = requiredFor(w, policy);
        expect(c.base).toBeGreaterThanOrEqual(policy.baseFloor);
        expect(c.base).toBeLessThanOrEqual(policy.baseCap);
        expect(c.base).toBe(Math.min(policy.baseCap, Math.max(policy.baseFloor, w)));
        let employer = 0;
        let employee = 0;
        for (const ins of INSURANCES) {
          expect(Number.isSafeInteger(c.items[ins].employer)).toBe(true);
          expect(Number.isSafeInteger(c.items[ins].employee)).toBe(true);
          employer += c.items[ins].employer;
          employee += c.items[ins].employee;
        }
        expect([c.employerTotal, c.employeeTotal, c.total]).toEqual([employer, employee, employer + employee]);
        expect(totalOn(c.base, policy)).toBe(c.total);
      }),
      { numRuns: RUNS.policy },
    );
  });

  it(`the required amount never decreases as the wage grows, and is constant below the floor and above the cap (${RUNS.policy} runs)`, () => {
    fc.assert(
      fc.property(policyArb, wage, wage, (policy, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const rLo = requiredFor(lo, policy).total;
        const rHi = requiredFor(hi, policy).total;
        expect(rLo).toBeLessThanOrEqual(rHi);
        if (hi <= policy.baseFloor) expect(rHi).toBe(rLo);
        if (lo >= policy.baseCap) expect(rLo).toBe(rHi);
        // below the floor everything equals the floor's amount; above the cap, the cap's
        if (lo <= policy.baseFloor) expect(rLo).toBe(contributionOn(policy.baseFloor, policy).total);
        if (hi >= policy.baseCap) expect(rHi).toBe(contributionOn(policy.baseCap, policy).total);
        expect(clampBase(hi, policy).base).toBeGreaterThanOrEqual(clampBase(lo, policy).base);
      }),
      { numRuns: RUNS.policy },
    );
  });
});

// ---------- random scenarios ----------

/** Dates as day offsets from 2025-11-01; months 2025-11 … 2026-08. */
const ORIGIN = "2025-11-01";
const day = (n: number) => addDays(ORIGIN, n);
const MONTHS = Array.from({ length: 10 }, (_, i) => addMonths("2025-11", i));
const monthArb = fc.constantFrom(...MONTHS);
const HORIZON = 300; // 2026-08-28

const REGIONS = {
  "sample-city": [samplePolicy],
  // a second region: terms, jiao up, due on the last day of the next month, from 2026-01 only (earlier months: config problems)
  "terms-city": [{ ...termsPolicy, region: "terms-city", effectiveFrom: "2026-01", roundingUnit: "jiao", roundingMode: "up", dueDay: "last", dueMonthOffset: 1, lateFeePpmPerDay: 700 } as PolicyVersion],
};
const HOLIDAYS = ["2026-01-01", "2026-01-31", "2026-02-01", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-03-15", "2026-04-15", "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", "2026-06-15"];

interface Scenario {
  input: EngineInput;
  asOf: string;
}

const employeeArb = (no: string) =>
  fc
    .record({
      employer: fc.constantFrom("ACME", "BETA"),
      hire: fc.integer({ min: 0, max: 240 }),
      stay: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
      wage: fc.integer({ min: 200_000, max: 2_500_000 }),
      raise: fc.option(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 200_000, max: 2_500_000 })), { nil: null }),
      applied: fc.option(fc.integer({ min: -5, max: 60 }), { nil: null }),
      registeredAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      reported: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    })
    .map((r): EmployeeInput => {
      const hireDate = day(r.hire);
      const hm = hireDate.slice(0, 7);
      const appliedOn = r.applied === null ? null : day(r.hire + r.applied);
      const registeredOn = r.registeredAfter === null ? null : day(r.hire + (r.applied ?? 10) + r.registeredAfter);
      return {
        employeeNo: no,
        name: `Name ${no}`,
        employerCode: r.employer,
        hireDate,
        terminationDate: r.stay === null ? null : day(r.hire + r.stay),
        wages: [{ effectiveMonth: hm, monthlyWage: r.wage }, ...(r.raise ? [{ effectiveMonth: addMonths(hm, r.raise[0]), monthlyWage: r.raise[1] }] : [])],
        appliedOn,
        registeredOn,
        terminationReportedOn: r.stay === null || r.reported === null ? null : day(r.hire + r.stay + r.reported),
      };
    });

const employerArb = fc.constantFrom("ACME", "BETA");
const empNoArb = fc.constantFrom("E1", "E2", "E3", "E4", "X9");
const dateIn = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map(day);

const declarationArb = (lo: number, hi: number) =>
  fc.record({ employerCode: employerArb, period: monthArb, employeeNo: empNoArb, declaredBase: fc.integer({ min: 100_000, max: 2_500_000 }), declaredOn: dateIn(lo, hi) }) as fc.Arbitrary<DeclarationVersion>;

let ref = 0;
const paymentArb = (lo: number, hi: number) =>
  fc
    .record({ employerCode: employerArb, period: monthArb, paidOn: dateIn(lo, hi), amount: fc.integer({ min: 1, max: 900_000 }) })
    .map((p): PaymentInput => ({ ...p, reference: `P${++ref}` }));

const statementArb = (lo: number, hi: number) => fc.record({ employeeNo: empNoArb, period: monthArb, issuedOn: dateIn(lo, hi) }) as fc.Arbitrary<StatementIssue>;

const periodsArb = fc.uniqueArray(monthArb, { minLength: 1, maxLength: 2 }).map((ps) => [...ps].sort());
const actionArb = (lo: number, hi: number): fc.Arbitrary<CollectionActionInput> =>
  fc
    .record({
      employerCode: employerArb,
      kind: fc.constantFrom("order", "order", "guarantee", "installment", "installment", "court", "bank_inquiry", "allocation"),
      at: fc.integer({ min: lo, max: hi }),
      periods: periodsArb,
      limit: fc.integer({ min: 0, max: 40 }),
      amount: fc.integer({ min: 1, max: 600_000 }),
    })
    .map((a) => ({
      employerCode: a.employerCode,
      kind: a.kind as CollectionActionInput["kind"],
      actionDate: day(a.at),
      periods: a.periods,
      timeLimit: a.kind === "order" ? day(a.at + a.limit) : null,
      dueOn: a.kind === "installment" ? day(a.at + 1 + a.limit) : null,
      amount: a.kind === "installment" ? a.amount : null,
    }));

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    employees: fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => employeeArb(`E${i + 1}`)))),
    holidays: fc.boolean(),
    asOf: fc.integer({ min: 20, max: HORIZON }),
    declarations: fc.array(declarationArb(0, HORIZON), { maxLength: 10 }),
    payments: fc.array(paymentArb(0, HORIZON), { maxLength: 10 }),
    collection: fc.array(actionArb(0, HORIZON), { maxLength: 6 }),
    statements: fc.array(statementArb(0, HORIZON), { maxLength: 6 }),
    // A go-live month in one scenario of four (fc.option's default would set one in four of five, leaving too many scenarios with nothing to find).
    tracking: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: monthArb }),
  })
  .map((s): Scenario => ({
    asOf: day(s.asOf),
    input: {
      employers: [
        { code: "ACME", name: "Acme", region: "sample-city", trackingFrom: s.tracking },
        { code: "BETA", name: "Beta", region: "terms-city" },
      ],
      policies: [...REGIONS["sample-city"], ...REGIONS["terms-city"]],
      nonWorkingDays: (s.holidays ? { "sample-city": HOLIDAYS, "terms-city": HOLIDAYS.slice(5) } : {}) as Record<string, string[]>,
      employees: s.employees,
      declarations: s.declarations,
      payments: s.payments,
      collection: s.collection,
      statements: s.statements,
    },
  }));

describe("the late fee never decreases as D advances while a month stays unpaid", () => {
  it(`on random scenarios (${RUNS.lateFee} runs)`, () => {
    let checked = 0;
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 120 }), ({ input, asOf }, step) => {
        const later = addDays(asOf, step);
        const before = evaluate(input, asOf).months;
        const after = new Map(evaluate(input, later).months.map((m) => [`${m.employerCode}|${m.period}`, m]));
        for (const m of before) {
          const m2 = after.get(`${m.employerCode}|${m.period}`)!;
          expect(m2).toBeDefined();
          if (m.unpaid && m2.unpaid) {
            checked++;
            expect(m2.lateFee).toBeGreaterThanOrEqual(m.lateFee);
          }
        }
      }),
      { numRuns: RUNS.lateFee },
    );
    expect(checked).toBeGreaterThan(RUNS.lateFee); // the property was actually exercised
  });
});

describe("evaluating as of D ignores every event dated after D", () => {
  /** Events that happen after D: they must change nothing as of D. */
  const laterArb = (asOfDay: number) => {
    const lo = asOfDay + 1;
    const hi = asOfDay + 200;
    return fc.record({
      declarations: fc.array(declarationArb(lo, hi), { minLength: 1, maxLength: 6 }),
      payments: fc.array(paymentArb(lo, hi), { minLength: 1, maxLength: 6 }),
      collection: fc.array(actionArb(lo, hi), { minLength: 1, maxLength: 5 }),
      statements: fc.array(statementArb(lo, hi), { minLength: 1, maxLength: 5 }),
      registrations: fc.array(fc.integer({ min: lo, max: hi }), { minLength: 4, maxLength: 4 }),
      terminations: fc.array(fc.integer({ min: lo, max: hi }), { minLength: 4, maxLength: 4 }),
      reports: fc.array(fc.integer({ min: lo, max: hi }), { minLength: 4, maxLength: 4 }),
      newcomers: fc.array(fc.tuple(fc.integer({ min: lo, max: hi }), employerArb, fc.integer({ min: 200_000, max: 2_500_000 })), { maxLength: 2 }),
    });
  };

  it(`findings, months and configuration problems are identical (${RUNS.asOf} runs)`, () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(
        scenarioArb.chain((s) => fc.tuple(fc.constant(s), laterArb(Math.round((Date.parse(s.asOf) - Date.parse(ORIGIN)) / 86_400_000)))),
        ([{ input, asOf }, later]) => {
          const employees = input.employees.map((e, i) => {
            const out = { ...e };
            const app = e.appliedOn ?? e.registeredOn;
            // an application after D (and a registration no earlier than it), only where none exists as of D
            if (app === null || app > asOf) {
              out.appliedOn = day(later.registrations[i]!) > asOf ? day(later.registrations[i]!) : null;
              if (e.registeredOn !== null && e.registeredOn < out.appliedOn!) out.registeredOn = out.appliedOn;
            }
            // a termination after D, for those still employed on D
            if (e.terminationDate === null) out.terminationDate = day(later.terminations[i]!);
            // a termination report after D, for those not reported as of D (never before the termination)
            if (e.terminationReportedOn == null || e.terminationReportedOn > asOf) {
              const r = day(later.reports[i]!);
              const left = out.terminationDate!;
              out.terminationReportedOn = r > left ? r : left;
            }
            return out;
          });
          const newcomers: EmployeeInput[] = later.newcomers.map(([hire, employer, wage], i) => ({
            employeeNo: `N${i}`,
            name: `Newcomer ${i}`,
            employerCode: employer,
            hireDate: day(hire),
            terminationDate: null,
            wages: [{ effectiveMonth: day(hire).slice(0, 7), monthlyWage: wage }],
            appliedOn: null,
            registeredOn: null,
          }));
          const grown: EngineInput = {
            ...input,
            employees: [...employees, ...newcomers],
            declarations: [...input.declarations, ...later.declarations, ...newcomers.map((n) => ({ employerCode: n.employerCode, period: n.hireDate.slice(0, 7), employeeNo: n.employeeNo, declaredBase: 1, declaredOn: n.hireDate }))],
            payments: [...later.payments, ...input.payments],
            collection: [...input.collection, ...later.collection],
            statements: [...later.statements, ...input.statements],
          };
          const before = evaluate(input, asOf);
          if (before.findings.length > 0) nonEmpty++;
          expect(evaluate(grown, asOf)).toEqual(before);
        },
      ),
      { numRuns: RUNS.asOf },
    );
    expect(nonEmpty).toBeGreaterThan(RUNS.asOf / 2);
  });
});

describe("the annual base and per-insurance floors", () => {
  it(`for employees whose wage never changes, \`annual\` gives exactly the findings of \`wage\` (${RUNS.asOf} runs)`, () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 12 }), ({ input, asOf }, start) => {
        const steady: EngineInput = { ...input, employees: input.employees.map((e) => ({ ...e, wages: [e.wages[0]!] })) };
        const annual: EngineInput = { ...steady, policies: steady.policies.map((p) => ({ ...p, baseRule: "annual" as const, baseYearStart: start })) };
        expect(evaluate(annual, asOf)).toEqual(evaluate(steady, asOf));
      }),
      { numRuns: RUNS.asOf },
    );
  });

  it(`raising one insurance's floor never lowers a required amount (${RUNS.policy} runs)`, () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(...INSURANCES),
        fc.integer({ min: 0, max: 6_000_000 }),
        (policy, basis, ins, raise) => {
          const raised: PolicyVersion = { ...policy, insuranceBounds: { [ins]: { floor: Math.min(policy.baseCap, policy.baseFloor + raise) } } };
          const before = contributionOn(basis, policy);
          const after = contributionOn(basis, raised);
          for (const i of INSURANCES) {
            expect(after.items[i].employer).toBeGreaterThanOrEqual(before.items[i].employer);
            expect(after.items[i].employee).toBeGreaterThanOrEqual(before.items[i].employee);
            if (i !== ins) expect(after.items[i]).toEqual(before.items[i]);
          }
          expect(after.total).toBeGreaterThanOrEqual(before.total);
        },
      ),
      { numRuns: RUNS.policy },
    );
  });

  it(`the declared base as the agency applies it: under-declared exactly when some base-bearing insurance is charged less (${RUNS.policy} runs)`, () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 6_000_000 }), fc.integer({ min: 0, max: 6_000_000 }), fc.integer({ min: 0, max: 3_000_000 }), (policy, basis, declared, medFloor) => {
        const p: PolicyVersion = { ...policy, insuranceBounds: { medical: { floor: Math.min(policy.baseCap, medFloor) } } };
        const short = isUnderDeclared(declared, basis, p);
        const req = contributionOn(basis, p);
        const dec = contributionOn(declared, p);
        // never short at or above the basis; when short, no item is charged more than required
        if (declared >= basis) expect(short).toBe(false);
        if (short) for (const i of INSURANCES) expect(dec.items[i].employer + dec.items[i].employee).toBeLessThanOrEqual(req.items[i].employer + req.items[i].employee);
        if (!short && declared < basis) expect(dec.total).toBe(req.total);
      }),
      { numRuns: RUNS.policy },
    );
  });
});

// ---------- CSV ----------

const SPECIAL = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", '"', "'", " ", ";", "王", "\uE000", "\u{20000}", "\u{1F600}", "¥"];
const textArb = fc.string({ unit: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 12 });
const optText = fc.option(textArb, { nil: null });
const optFen = fc.option(fc.integer({ min: 0, max: 10_000_000_000 }), { nil: null });

const findingArb: fc.Arbitrary<Finding> = fc.record({
  rule: fc.constantFrom(...RULES),
  article: fc.constantFrom("58", "60", "60;63", "63", "63;86"),
  severity: fc.constantFrom("critical", "breach", "warning"),
  status: fc.constantFrom("open", "closed"),
  employerCode: textArb,
  period: fc.option(monthArb, { nil: null }),
  employeeNo: optText,
  employeeName: optText,
  dueDate: dateIn(0, HORIZON),
  days: fc.integer({ min: 0, max: 5_000 }),
  outstanding: optFen,
  lateFee: optFen,
  stage: fc.constantFrom(null, "court", "installment_missed", "deferred", "order_expired", "ordered", "overdue"),
  exposure: fc.constant(null),
  detail: textArb,
}) as fc.Arbitrary<Finding>;

/** What a text cell should read after parsing: the value, with ' in front of a formula lead. */
const escaped = (v: string) => ("=+-@\t\r".includes(v[0] ?? "x") ? `'${v}` : v);
const yuan = (fen: number | null) => (fen === null ? "" : `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`);

describe("reports round-trip through the CSV parser", () => {
  it(`every cell comes back, formula leads prefixed, amounts as yuan (${RUNS.csv} runs)`, () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 8 }), (findings) => {
        const csv = reportCsv("findings", findings);
        expect(csv.startsWith("\uFEFF")).toBe(true);
        expect(csv.endsWith("\r\n")).toBe(true);
        const records = parseCsvRecords(csv);
        expect(records[0]).toEqual([...FINDINGS_COLUMNS]);
        expect(records.length).toBe(findings.length + 1);
        findings.forEach((f, i) => {
          expect(records[i + 1]).toEqual([
            f.rule,
            f.article,
            f.severity,
            f.status,
            escaped(f.employerCode),
            f.period ?? "",
            escaped(f.employeeNo ?? ""),
            escaped(f.employeeName ?? ""),
            f.dueDate,
            String(f.days),
            yuan(f.outstanding),
            yuan(f.lateFee),
            f.stage ?? "",
            escaped(f.detail),
          ]);
        });
      }),
      { numRuns: RUNS.csv },
    );
  });

  it(`the overdue report lists exactly the open critical and breach findings (${RUNS.csv} runs)`, () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 8 }), fc.boolean(), (findings, warnings) => {
        const rows = parseCsvRecords(reportCsv("overdue", findings, { warnings })).slice(1);
        const kept = findings.filter((f) => f.status === "open" && (warnings || f.severity !== "warning"));
        expect(rows.map((r) => r.length)).toEqual(kept.map(() => 13));
        expect(rows.map((r) => r[0])).toEqual(kept.map((f) => f.rule));
        expect(rows.map((r) => r[12])).toEqual(kept.map((f) => escaped(f.detail)));
      }),
      { numRuns: RUNS.csv },
    );
  });
});

describe("ordering by code point", () => {
  const codePoints = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
  const reference = (a: string, b: string) => {
    const x = codePoints(a);
    const y = codePoints(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return Math.sign(x[i]! - y[i]!);
    return Math.sign(x.length - y.length);
  };
  const str = fc.string({ unit: fc.oneof(fc.constantFrom("E", "1", "9", "\uE000", "\uFFFF", "\u{10000}", "\u{20000}", "\u{1F600}", "\uD7FF"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 6 });

  it(`compareCodePoints agrees with comparing code point arrays (${RUNS.codePoints} runs)`, () => {
    fc.assert(
      fc.property(str, str, (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(reference(a, b));
      }),
      { numRuns: RUNS.codePoints },
    );
  });

  it(`compareFindings sorts consistently: the sorted list is in order pairwise (${RUNS.csv} runs)`, () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 12 }), (findings) => {
        const sorted = [...findings].sort(compareFindings);
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          expect(compareFindings(a, b)).toBeLessThanOrEqual(0);
          const rank = (f: Finding) => (f.status === "open" ? 0 : 1) * 3 + ["critical", "breach", "warning"].indexOf(f.severity);
          expect(rank(a)).toBeLessThanOrEqual(rank(b));
          if (rank(a) === rank(b)) expect(a.dueDate <= b.dueDate).toBe(true);
        }
      }),
      { numRuns: RUNS.csv },
    );
  });
});

describe("sanity of the generators", () => {
  it("the fixtures' rates are plain percentages", () => {
    expect(samplePolicy.rates.pension.employer).toEqual(pct(160_000));
  });
});
