/**
 * "What to do today" (issue 20 item 5): at most five actions, most
 * consequential first, each with its amount or days and one place to do it.
 *
 * Pure: a function of the Evaluation (its open findings) and, for the growth
 * of late fees, the late-fee rate of each month's policy.
 *
 * Ranking, in three tiers:
 *  1. money that grows every day and fines an order makes certain: each unpaid
 *     month (ART60_UNPAID with its art. 63 stage: ORDERED, ORDER_EXPIRED,
 *     COURT_ENFORCEMENT) — one action per employer and month — and each missed
 *     installment; ranked by what is at stake (outstanding + the art. 86 fine
 *     maximum where an order has expired), then by the daily late fee;
 *  2. deadlines within three days (D included): registrations, premiums due,
 *     termination reports (ART58/ART60/ART50 DUE_SOON with days ≤ 3); grouped
 *     per employer and kind; earliest first, then the larger amount;
 *  3. what is missing and overdue but does not grow: unregistered employees,
 *     undeclared months, omitted or under-declared employees, unreported
 *     leavers, missing statements; grouped per employer and kind; ranked by
 *     amount (outstanding, or the art. 84 fine maximum), then count.
 */
import type { Evaluation, Fen, Finding, IsoDate, Month, Ppm, RuleCode } from "./types";

export const TODAY_LIMIT = 5;
export const SOON_DAYS = 3;

export type TodayKind =
  | "pay" // an unpaid month: pay it (late fee grows daily)
  | "installment" // a missed installment of an agreement
  | "register" // registrations to apply for (due soon, or overdue)
  | "payDue" // a premium due within three days
  | "reportLeaver" // termination reports (due soon, or overdue)
  | "declare" // a month not declared
  | "declareEmployees" // employees omitted or under-declared in a month
  | "statements"; // statements missing

export interface TodayAction {
  tier: 1 | 2 | 3;
  kind: TodayKind;
  employerCode: string;
  /** The month concerned (pay, payDue, declare, declareEmployees, installment), else null. */
  period: Month | null;
  /** How many findings it cures (employees, for the grouped kinds). */
  count: number;
  /** What to pay or what is at stake (fen), when known. */
  amount: Fen | null;
  /** How much more late fee each further day adds (pay), else null. */
  dailyLateFee: Fen | null;
  /** Late fee accrued so far (pay), else null. */
  lateFee: Fen | null;
  /** The art. 84/86 fine maximum that applies or threatens, else null. */
  fineMax: Fen | null;
  /** The earliest due date among the findings (the deadline, for tier 2). */
  dueDate: IsoDate;
  /** Days overdue (tiers 1, 3) or days left (tier 2), for the earliest due date. */
  days: number;
  /** The stage of an unpaid month (`order_expired`, `court`, …), else null. */
  stage: Finding["stage"];
  /** For a single-employee action, who. */
  employeeNo: string | null;
  employeeName: string | null;
  /** The rule codes behind it (for a link to the findings). */
  rules: RuleCode[];
}

export interface TodayOptions {
  /** The late-fee rate (ppm a day) of the policy of an employer's month; default 500 (0.05 %). */
  lateFeePpm?: (employerCode: string, period: Month) => Ppm;
  limit?: number;
}

/** `round_half_up(amount × ppm / 1 000 000)` in integer arithmetic. */
export function dailyLateFee(outstanding: Fen, ppm: Ppm): Fen {
  return Math.floor((outstanding * ppm + 500_000) / 1_000_000);
}

const MONTH_RULES = new Set<RuleCode>(["ART60_UNPAID", "ART63_ORDERED", "ART63_ORDER_EXPIRED", "ART63_COURT_ENFORCEMENT"]);

interface Group {
  findings: Finding[];
}

function groupBy(fs: Finding[], key: (f: Finding) => string): Finding[][] {
  const m = new Map<string, Group>();
  for (const f of fs) {
    const k = key(f);
    const g = m.get(k);
    if (g) g.findings.push(f);
    else m.set(k, { findings: [f] });
  }
  return [...m.values()].map((g) => g.findings);
}

const sum = (xs: (number | null)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
const earliest = (fs: Finding[]) => fs.reduce((a, f) => (f.dueDate < a.dueDate ? f : a));

function action(tier: 1 | 2 | 3, kind: TodayKind, fs: Finding[], extra: Partial<TodayAction> = {}): TodayAction {
  const first = earliest(fs);
  const single = fs.length === 1 && first.employeeNo !== null;
  return {
    tier,
    kind,
    employerCode: first.employerCode,
    period: null,
    count: fs.length,
    amount: null,
    dailyLateFee: null,
    lateFee: null,
    fineMax: null,
    dueDate: first.dueDate,
    days: first.days,
    stage: null,
    employeeNo: single ? first.employeeNo : null,
    employeeName: single ? first.employeeName : null,
    rules: [...new Set(fs.map((f) => f.rule))],
    ...extra,
  };
}

/** The ranked list for the dashboard: at most `limit` (5) actions. */
export function todayActions(ev: Evaluation, options: TodayOptions = {}): TodayAction[] {
  const ppmOf = options.lateFeePpm ?? (() => 500);
  const limit = options.limit ?? TODAY_LIMIT;
  const open = ev.findings.filter((f) => f.status === "open");
  const out: TodayAction[] = [];

  // Tier 1: unpaid months (one action per employer-month, whatever its stage) and missed installments.
  for (const fs of groupBy(
    open.filter((f) => MONTH_RULES.has(f.rule) && f.period !== null),
    (f) => `${f.employerCode}|${f.period}`,
  )) {
    const unpaid = fs.find((f) => f.rule === "ART60_UNPAID") ?? fs[0]!;
    const outstanding = Math.max(...fs.map((f) => f.outstanding ?? 0));
    const expired = fs.find((f) => f.rule === "ART63_ORDER_EXPIRED");
    const fineMax = expired?.exposure?.fineMax ?? null;
    out.push(
      action(1, "pay", [unpaid], {
        period: unpaid.period,
        amount: outstanding,
        lateFee: unpaid.lateFee,
        dailyLateFee: dailyLateFee(outstanding, ppmOf(unpaid.employerCode, unpaid.period!)),
        fineMax,
        stage: unpaid.stage,
        rules: [...new Set(fs.map((f) => f.rule))],
      }),
    );
  }
  for (const f of open.filter((x) => x.rule === "ART63_INSTALLMENT_MISSED"))
    out.push(action(1, "installment", [f], { period: f.period, amount: f.outstanding }));

  // Tier 2: deadlines within three days.
  const soon = (rule: RuleCode) => open.filter((f) => f.rule === rule && f.days <= SOON_DAYS);
  for (const fs of groupBy(soon("ART58_REGISTRATION_DUE_SOON"), (f) => f.employerCode)) out.push(action(2, "register", fs));
  for (const f of soon("ART60_PAYMENT_DUE_SOON")) {
    out.push(action(2, "payDue", [f], { period: f.period, amount: f.outstanding }));
  }
  for (const fs of groupBy(soon("ART50_TERMINATION_REPORT_DUE_SOON"), (f) => f.employerCode)) out.push(action(2, "reportLeaver", fs));

  // Tier 3: overdue, not growing.
  const rule = (...rs: RuleCode[]) => open.filter((f) => rs.includes(f.rule));
  for (const fs of groupBy(rule("ART58_UNREGISTERED"), (f) => f.employerCode))
    out.push(action(3, "register", fs, { fineMax: sum(fs.map((f) => f.exposure?.fineMax ?? null)) || null, amount: null }));
  for (const f of rule("ART60_NOT_DECLARED")) out.push(action(3, "declare", [f], { period: f.period }));
  for (const fs of groupBy(rule("ART60_EMPLOYEE_OMITTED", "ART60_BASE_UNDER_DECLARED"), (f) => `${f.employerCode}|${f.period}`))
    out.push(action(3, "declareEmployees", fs, { period: fs[0]!.period, amount: sum(fs.map((f) => f.outstanding)) }));
  for (const fs of groupBy(rule("ART50_TERMINATION_UNREPORTED"), (f) => f.employerCode)) out.push(action(3, "reportLeaver", fs));
  for (const fs of groupBy(rule("ART60_STATEMENT_MISSING"), (f) => f.employerCode)) out.push(action(3, "statements", fs));

  out.sort(compareActions);
  return out.slice(0, limit);
}

const stake = (a: TodayAction) => (a.amount ?? 0) + (a.fineMax ?? 0);

/** Most consequential first (the three tiers above). */
function compareActions(a: TodayAction, b: TodayAction): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.tier === 1) return stake(b) - stake(a) || (b.dailyLateFee ?? 0) - (a.dailyLateFee ?? 0) || cmp(a, b);
  if (a.tier === 2) return (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) || stake(b) - stake(a) || b.count - a.count || cmp(a, b);
  return stake(b) - stake(a) || b.count - a.count || b.days - a.days || cmp(a, b);
}

/**
 * The list of several employers from each one's own list (`todayActions` over
 * that employer's evaluation, with the same limit), in the engine's employer
 * order. Every action concerns one employer, so the first `limit` of all are
 * among the first `limit` of each: the same list as `todayActions` over all
 * of them (tests/integration/dashboard.test.ts checks it).
 */
export function mergeTodayActions(lists: readonly TodayAction[][], limit: number = TODAY_LIMIT): TodayAction[] {
  return lists.flat().sort(compareActions).slice(0, limit);
}

/** A stable last resort: employer, period, kind. */
function cmp(a: TodayAction, b: TodayAction): number {
  const ka = `${a.employerCode}|${a.period ?? ""}|${a.kind}`;
  const kb = `${b.employerCode}|${b.period ?? ""}|${b.kind}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

