/**
 * Demo and scale data. Deterministic: a seeded pseudo-random generator, and
 * dates relative to a given `today` (so the demo shows every state as of the
 * day it is seeded).
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "./connection";
import {
  collectionActions,
  declarationLines,
  employees,
  employers,
  nonWorkingDays,
  payments,
  policies,
  registrations,
  statements,
  users,
  wages,
  type Role,
} from "./schema";
import { addDays, addMonths, dayNumber, fromDayNumber, monthOf, monthRange } from "../app/rules/dates";
import { residentIdCheckChar, usccCheckChar } from "../app/rules/identity";
import { evaluate, EngineIndex } from "../app/rules/evaluate";
import { fillTranches, type PaymentLike } from "../app/rules/art60-payment";
import { statementFigures } from "../app/rules/statement";
import { basisOf, clampBase, policyInForce } from "../app/rules/contributions";
import type { PolicyRates, Rate } from "../app/rules/types";
import { loadEngineInput } from "../app/models/engine.server";
import { audit, type Actor } from "../app/models/audit.server";
import { transaction } from "./transaction";

const SEED_ACTOR: Actor = { userId: null, label: "seed" };

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (p: number): Rate => [{ kind: "pct", ppm: Math.round(p * 10_000) }];
const zero: Rate = [{ kind: "pct", ppm: 0 }];

const SHANGHAI_RATES: PolicyRates = {
  pension: { employer: pct(16), employee: pct(8) },
  medical: { employer: [{ kind: "pct", ppm: 85_000 }, { kind: "pct", ppm: 5_000 }], employee: pct(2) },
  unemployment: { employer: pct(0.5), employee: pct(0.5) },
  work_injury: { employer: pct(0.16), employee: zero },
  maternity: { employer: zero, employee: zero },
};
const BEIJING_RATES: PolicyRates = {
  pension: { employer: pct(16), employee: pct(8) },
  medical: { employer: pct(9.8), employee: [{ kind: "pct", ppm: 20_000 }, { kind: "fixed", fen: 300 }] },
  unemployment: { employer: pct(0.5), employee: pct(0.5) },
  work_injury: { employer: pct(0.4), employee: zero },
  maternity: { employer: pct(0.8), employee: zero },
};

/** Public holidays (runs) of the mainland calendar, 2024–2027, used by both demo regions. */
const HOLIDAY_RUNS: [string, number][] = [
  ["2024-10-01", 7], ["2025-01-01", 1], ["2025-01-28", 8], ["2025-04-04", 3], ["2025-05-01", 5],
  ["2025-05-31", 3], ["2025-10-01", 8], ["2026-01-01", 3], ["2026-02-15", 9], ["2026-04-04", 3],
  ["2026-05-01", 5], ["2026-06-19", 3], ["2026-09-25", 3], ["2026-10-01", 7], ["2027-01-01", 3],
  ["2027-02-05", 8], ["2027-05-01", 5], ["2027-10-01", 7],
];

function nonWorkingDaysFor(from: string, to: string, weekends: boolean): string[] {
  const out = new Set<string>();
  for (const [start, n] of HOLIDAY_RUNS) for (let i = 0; i < n; i++) out.add(addDays(start, i));
  if (weekends) {
    for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) {
      const wd = new Date(d * 86_400_000).getUTCDay();
      if (wd === 0 || wd === 6) out.add(fromDayNumber(d));
    }
  }
  return [...out].filter((d) => d >= from && d <= to).sort();
}

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "浩然", "子涵", "欣怡", "梓轩", "雨桐", "一诺"];
const DEPARTMENTS = ["Sales", "Operations", "Finance", "Engineering", "HR", "Logistics", "Customer Service"];
const AREA_CODES = ["310101", "310104", "310115", "110101", "110105", "110108", "440305", "510107", "330106", "320102"];

function residentId(rand: () => number, birth: string): string {
  const area = AREA_CODES[Math.floor(rand() * AREA_CODES.length)]!;
  const seq = String(Math.floor(rand() * 999)).padStart(3, "0");
  const first17 = area + birth.replace(/-/g, "") + seq;
  return first17 + residentIdCheckChar(first17);
}

function uscc(prefix17: string): string {
  return prefix17 + usccCheckChar(prefix17);
}

export interface SeedUser {
  email: string;
  role: Role;
  password: string;
  employeeNo?: string;
}

export interface DemoResult {
  employers: number;
  employees: number;
  users: SeedUser[];
}

export type HashFn = (plain: string) => Promise<string>;

/** No employer and no user yet: the only state in which the seeds run. */
export async function databaseIsEmpty(db: Db): Promise<boolean> {
  return ((await db.select({ n: sql<number>`count(*)` }).from(employers).get())?.n ?? 0) === 0 &&
    ((await db.select({ n: sql<number>`count(*)` }).from(users).get())?.n ?? 0) === 0;
}

interface PlannedEmployee {
  employeeNo: string;
  name: string;
  idNumber: string;
  employerId: number;
  hireDate: string;
  terminationDate: string | null;
  department: string;
  email: string;
  wages: { effectiveMonth: string; monthlyWage: number }[];
  appliedOn: string | null;
  registeredOn: string | null;
}

/**
 * The art. 50 report of a leaver, derived from their index (not from the random
 * stream, so the rest of the data stays as it was): most within the 15 days,
 * one in seven late, one in nine never reported; none after today.
 */
function terminationReport(terminationDate: string | null, i: number, today: string): string | null {
  if (terminationDate === null || i % 9 === 4) return null;
  const on = addDays(terminationDate, i % 7 === 0 ? 18 + (i % 5) : 2 + (i % 11));
  return on <= today ? on : null;
}

/**
 * The demo installation: two employers in two regions, a realistic policy
 * each, ~200 employees hired over the last two years with every art. 58 state,
 * two years of declarations, payments (some late, some missing), an order, a
 * deferred-payment agreement, statements, and one user per role.
 */
export async function seedDemo(db: Db, opts: { today: string; hash: HashFn; employees?: number }): Promise<DemoResult> {
  if (!await databaseIsEmpty(db)) throw new Error("the database already holds data; seed demo needs an empty database");
  const rand = prng(20_260_101);
  const today = opts.today;
  const thisMonth = monthOf(today);
  const start = addMonths(thisMonth, -24);
  const total = opts.employees ?? 200;

  const emp = await transaction(db, async (tx) => {
      const sh = await tx
        .insert(employers)
        .values({ code: "SH01", name: "上海申宝贸易有限公司", uscc: uscc("91310000MA1FL8TQ3"), region: "shanghai" })
        .returning({ id: employers.id })
        .get();
      const bj = await tx
        .insert(employers)
        .values({ code: "BJ01", name: "北京京宝科技有限公司", uscc: uscc("91110108MA01ABCD1"), region: "beijing" })
        .returning({ id: employers.id })
        .get();
      const versions = [
        { region: "shanghai", from: addMonths(start, -6), floor: 731_000, cap: 3_654_900, rates: SHANGHAI_RATES, dueDay: "15" },
        { region: "shanghai", from: addMonths(start, 6), floor: 746_000, cap: 3_730_200, rates: SHANGHAI_RATES, dueDay: "15" },
        { region: "shanghai", from: addMonths(start, 18), floor: 762_000, cap: 3_810_000, rates: SHANGHAI_RATES, dueDay: "15" },
        { region: "beijing", from: addMonths(start, -6), floor: 682_100, cap: 3_528_300, rates: BEIJING_RATES, dueDay: "20" },
        { region: "beijing", from: addMonths(start, 6), floor: 716_200, cap: 3_581_100, rates: BEIJING_RATES, dueDay: "20" },
        { region: "beijing", from: addMonths(start, 18), floor: 735_000, cap: 3_675_000, rates: BEIJING_RATES, dueDay: "20" },
      ];
      for (const v of versions) {
        await tx.insert(policies)
          .values({ region: v.region, effectiveFrom: v.from, baseFloor: v.floor, baseCap: v.cap, rates: v.rates, dueDay: v.dueDay, dueMonthOffset: 0 })
          .run();
      }
      const nwdFrom = `${addMonths(start, -6)}-01`;
      const nwdTo = `${addMonths(thisMonth, 14)}-28`;
      for (const region of ["shanghai", "beijing"]) {
        const days = nonWorkingDaysFor(nwdFrom, nwdTo, true);
        for (let i = 0; i < days.length; i += 400) {
          await tx.insert(nonWorkingDays).values(days.slice(i, i + 400).map((date) => ({ region, date }))).run();
        }
      }

      // Employees: hires spread over two years; a few crafted to show every art. 58 state as of today.
      const planned: PlannedEmployee[] = [];
      const startDay = dayNumber(`${start}-01`);
      const span = dayNumber(today) - 35 - startDay;
      for (let i = 0; i < total; i++) {
        const employerId = i % 3 === 2 ? bj.id : sh.id;
        const hireDate = fromDayNumber(startDay + Math.floor(rand() * span));
        const birth = fromDayNumber(dayNumber("1970-01-01") + Math.floor(rand() * 12_000));
        const wage = Math.round((4_000 + rand() * rand() * 40_000) * 100);
        const wagesRows = [{ effectiveMonth: monthOf(hireDate), monthlyWage: wage }];
        const raiseMonth = addMonths(monthOf(hireDate), 12);
        if (raiseMonth <= thisMonth && rand() < 0.6) wagesRows.push({ effectiveMonth: raiseMonth, monthlyWage: Math.round((wage * 1.06) / 100) * 100 });
        const deadlineish = addDays(hireDate, 30);
        let appliedOn: string | null = addDays(hireDate, 3 + Math.floor(rand() * 20));
        if (rand() < 0.08) appliedOn = addDays(deadlineish, 2 + Math.floor(rand() * 20)); // late registration
        const registeredOn = addDays(appliedOn, 2 + Math.floor(rand() * 8));
        const terminationDate = rand() < 0.07 ? addDays(hireDate, 90 + Math.floor(rand() * 200)) : null;
        const name = SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN[Math.floor(rand() * GIVEN.length)]!;
        planned.push({
          employeeNo: `${employerId === sh.id ? "S" : "B"}${String(1001 + i)}`,
          name,
          idNumber: residentId(rand, birth),
          employerId,
          hireDate,
          terminationDate: terminationDate && terminationDate < today ? terminationDate : null,
          department: DEPARTMENTS[Math.floor(rand() * DEPARTMENTS.length)]!,
          email: `emp${1001 + i}@example.com`,
          wages: wagesRows,
          appliedOn: registeredOn <= today ? appliedOn : null,
          registeredOn: registeredOn <= today ? registeredOn : null,
        });
      }
      // Crafted art. 58 states as of today.
      const crafted: [string, number, boolean][] = [
        ["due soon (5 days left)", 25, false],
        ["due soon (2 days left)", 28, false],
        ["hired this week", 3, false],
        ["unregistered", 55, false],
        ["unregistered, long ago", 140, false],
      ];
      crafted.forEach(([, daysAgo], k) => {
        const hireDate = addDays(today, -daysAgo);
        planned.push({
          employeeNo: `S${String(2001 + k)}`,
          name: ["林晓彤", "郑浩", "唐思远", "冯佳怡", "韩雪"][k]!,
          idNumber: residentId(rand, `199${k}-0${k + 1}-1${k}`),
          employerId: sh.id,
          hireDate,
          terminationDate: null,
          department: "Sales",
          email: `new${k}@example.com`,
          wages: [{ effectiveMonth: monthOf(hireDate), monthlyWage: 900_000 + k * 50_000 }],
          appliedOn: null,
          registeredOn: null,
        });
      });
      planned.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : 1));
      for (const p of planned) {
        const row = await tx
          .insert(employees)
          .values({
            employeeNo: p.employeeNo,
            name: p.name,
            idNumber: p.idNumber,
            employerId: p.employerId,
            hireDate: p.hireDate,
            terminationDate: p.terminationDate,
            department: p.department,
            email: p.email,
          })
          .returning({ id: employees.id })
          .get();
        await tx.insert(wages).values(p.wages.map((w) => ({ employerId: p.employerId, employeeId: row.id, ...w }))).run();
        const reported = terminationReport(p.terminationDate, row.id, today);
        if (p.appliedOn || p.registeredOn || reported)
          await tx.insert(registrations).values({ employerId: p.employerId, employeeId: row.id, appliedOn: p.appliedOn, registeredOn: p.registeredOn, terminationReportedOn: reported }).run();
      }
      await audit(tx, SEED_ACTOR, { action: "seed", entity: "demo", after: { employees: planned.length, today } });
      return { sh: sh.id, bj: bj.id, count: planned.length };
    },
  );

  await writeMonthlyHistory(db, { today, rand, declareRate: 0.97, omitRate: 0.02, underDeclareRate: 0.03, lateRate: 0.08, unpaidLastMonth: "SH01", collection: true });

  const hash = opts.hash;
  const seedUsers: SeedUser[] = [
    { email: "admin@example.com", role: "admin", password: "demo-admin-passphrase" },
    { email: "hr@example.com", role: "hr", password: "demo-hr-passphrase" },
    { email: "auditor@example.com", role: "auditor", password: "demo-auditor-passphrase" },
    { email: "employee@example.com", role: "employee", password: "demo-employee-passphrase", employeeNo: "S1001" },
  ];
  const employeeRow = await db.select({ id: employees.id, no: employees.employeeNo }).from(employees).where(eq(employees.employerId, emp.sh)).orderBy(employees.hireDate).limit(1).get();
  if (employeeRow) seedUsers[3]!.employeeNo = employeeRow.no;
  for (const u of seedUsers) {
    const passwordHash = await hash(u.password);
    const linked = u.employeeNo ? await db.select({ id: employees.id }).from(employees).where(eq(employees.employeeNo, u.employeeNo)).get() : undefined;
    await transaction(db, async (tx) => {
        const row = await tx
          .insert(users)
          .values({ email: u.email, name: u.email.split("@")[0]!, role: u.role, employeeId: linked?.id ?? null, passwordHash })
          .returning({ id: users.id })
          .get();
        await audit(tx, SEED_ACTOR, { action: "create", entity: "user", entityId: row.id, after: { email: u.email, role: u.role } });
      },
    );
  }
  return { employers: 2, employees: emp.count, users: seedUsers };
}

interface HistoryOptions {
  today: string;
  rand: () => number;
  declareRate: number;
  omitRate: number;
  underDeclareRate: number;
  lateRate: number;
  /** Leave the last complete month of this employer partly unpaid. */
  unpaidLastMonth?: string;
  collection?: boolean;
  /** Issue statements with full figures (demo) — the scale seed uses them too. */
  statementRate?: number;
}

/** The month's payment state as of a date, filled by the rule engine from the payments the seed writes for it. */
function monthAsOf(m: { period: string; tranches: { dueDate: string; amount: number }[] }, monthPays: PaymentLike[], asOf: string) {
  const f = fillTranches(m.tranches, monthPays, asOf);
  return { period: m.period, tranches: f.tranches };
}

/**
 * Declarations, payments, statements and collection actions for every month
 * from the first hire to last month, computed with the rule engine so the
 * amounts are the required ones (except where the history is meant to be wrong).
 */
export async function writeMonthlyHistory(db: Db, o: HistoryOptions): Promise<{ declarations: number; payments: number; statements: number }> {
  const input = await loadEngineInput(db);
  const ix = new EngineIndex(input);
  const lastMonth = addMonths(monthOf(o.today), -1);
  const evaluation = evaluate(ix, o.today);
  const employerRows = await db.select().from(employers).all();
  const idByCode = new Map(employerRows.map((e) => [e.code, e]));
  const empRows = await db.select({ id: employees.id, no: employees.employeeNo, idNumber: employees.idNumber }).from(employees).all();
  const empByNo = new Map(empRows.map((e) => [e.no, e]));
  const staffByEmployer = new Map<string, typeof input.employees>();
  for (const e of input.employees) {
    const list = staffByEmployer.get(e.employerCode) ?? [];
    list.push(e);
    staffByEmployer.set(e.employerCode, list);
  }

  const decl: (typeof declarationLines.$inferInsert)[] = [];
  const pays: (typeof payments.$inferInsert)[] = [];
  const stmts: (typeof statements.$inferInsert)[] = [];
  const actions: (typeof collectionActions.$inferInsert)[] = [];
  let ref = 0;
  const statementRate = o.statementRate ?? 0.985;

  // Each employer's months so far with their payments: a statement's own contributions look at every earlier month (SPEC §6).
  const history = new Map<string, { m: (typeof evaluation.months)[number]; pays: PaymentLike[] }[]>();
  const monthsAsOf = new Map<string, ReturnType<typeof monthAsOf>[]>();

  for (const m of evaluation.months) {
    if (m.period > lastMonth) continue;
    const employer = idByCode.get(m.employerCode)!;
    const versions = ix.policiesByRegion.get(employer.region) ?? [];
    const policy = policyInForce(versions, m.period)!;
    const declareOn = addDays(m.dueDate, -3 - Math.floor(o.rand() * 6));
    const monthDeclared = o.rand() < o.declareRate || m.period >= addMonths(lastMonth, -2);
    const staff = (staffByEmployer.get(m.employerCode) ?? []).filter(
      (e) => e.hireDate <= o.today && e.hireDate <= `${m.period}-31` && (e.terminationDate === null || e.terminationDate >= `${m.period}-01`),
    );
    if (monthDeclared) {
      for (const e of staff) {
        if (o.rand() < o.omitRate) continue;
        const base = clampBase(basisOf(e, m.period, policy).basis, policy).base;
        const under = o.rand() < o.underDeclareRate;
        decl.push({
          employerId: employer.id,
          period: m.period,
          employeeId: empByNo.get(e.employeeNo)!.id,
          declaredBase: under ? Math.max(policy.baseFloor, Math.round(base * 0.8)) : base,
          declaredOn: declareOn > e.hireDate ? declareOn : addDays(e.hireDate, 1),
        });
      }
    }
    // Payments: on time mostly; some late; the last month of one employer partly unpaid.
    // This month's payments, for the statements' payment status as of their issue dates (SPEC §6).
    const monthPays: PaymentLike[] = [];
    const isUnpaid = o.unpaidLastMonth === m.employerCode && m.period === lastMonth;
    const isArrears = o.collection && m.employerCode === o.unpaidLastMonth && m.period === addMonths(lastMonth, -4);
    if (isUnpaid || isArrears) {
      const partial = Math.floor(m.required * 0.6);
      pays.push({ employerId: employer.id, period: m.period, paidOn: addDays(m.dueDate, -1), amount: partial, reference: `PAY-${m.employerCode}-${++ref}` });
      monthPays.push({ paidOn: addDays(m.dueDate, -1), amount: partial });
    } else {
      for (const t of m.tranches) {
        const late = o.rand() < o.lateRate;
        const paidOn = late ? addDays(t.dueDate, 3 + Math.floor(o.rand() * 25)) : addDays(t.dueDate, -Math.floor(o.rand() * 4));
        if (paidOn > o.today) continue;
        pays.push({ employerId: employer.id, period: m.period, paidOn, amount: t.amount, reference: `PAY-${m.employerCode}-${++ref}` });
        monthPays.push({ paidOn, amount: t.amount });
      }
    }
    if (isArrears) {
      const orderDate = addDays(m.dueDate, 40);
      if (orderDate <= o.today) {
        actions.push({ employerId: employer.id, kind: "order", actionDate: orderDate, periods: m.period, timeLimit: addDays(orderDate, 15) });
        const inquiry = addDays(orderDate, 25);
        if (inquiry <= o.today) actions.push({ employerId: employer.id, kind: "bank_inquiry", actionDate: inquiry, periods: m.period });
      }
    }
    const past = history.get(m.employerCode) ?? [];
    past.push({ m, pays: monthPays });
    history.set(m.employerCode, past);
    const monthsFor = (issuedOn: string) => {
      const key = `${m.employerCode}|${m.period}|${issuedOn}`;
      let list = monthsAsOf.get(key);
      if (!list) monthsAsOf.set(key, (list = past.map((h) => monthAsOf(h.m, h.pays, issuedOn))));
      return list;
    };
    // Statements: issued in the following month, mostly on time.
    for (const e of staff) {
      if (o.rand() > statementRate) continue;
      const issuedOn = addDays(`${addMonths(m.period, 1)}-01`, Math.floor(o.rand() * 20));
      if (issuedOn > o.today || issuedOn < e.hireDate) continue;
      const empRow = empByNo.get(e.employeeNo)!;
      const figures = statementFigures({
        employer: { code: employer.code, name: employer.name },
        employee: { ...e, idNumber: empRow.idNumber },
        policies: versions,
        period: m.period,
        issuedOn,
        months: monthsFor(issuedOn),
        nonWorkingDays: input.nonWorkingDays[employer.region] ?? [],
        trackingFrom: employer.trackingFrom,
        declaredBase: null,
      });
      stmts.push({ employeeId: empRow.id, employerId: employer.id, period: m.period, version: 1, issuedOn, figures: figures as unknown as Record<string, unknown> });
    }
  }

  await transaction(db, async (tx) => {
      for (let i = 0; i < decl.length; i += 1000) await tx.insert(declarationLines).values(decl.slice(i, i + 1000)).onConflictDoNothing().run();
      for (let i = 0; i < pays.length; i += 1000) await tx.insert(payments).values(pays.slice(i, i + 1000)).run();
      for (let i = 0; i < stmts.length; i += 500) await tx.insert(statements).values(stmts.slice(i, i + 500)).run();
      for (const a of actions) await tx.insert(collectionActions).values(a).run();
      await audit(tx, SEED_ACTOR, {
        action: "seed",
        entity: "history",
        after: { declarations: decl.length, payments: pays.length, statements: stmts.length, collectionActions: actions.length },
      });
    },
  );
  return { declarations: decl.length, payments: pays.length, statements: stmts.length };
}

/**
 * A large deterministic installation for benchmarks: N employees over M months
 * in two employers (GRP-SH with three in four, GRP-BJ), or in `employers` of
 * equal size (E001…, Shanghai and Beijing in turn), every state represented,
 * most months declared, paid and with statements.
 */
export async function seedScale(
  db: Db,
  opts: { employees: number; months: number; today: string; employers?: number },
): Promise<{ employees: number; declarations: number; payments: number; statements: number }> {
  if (!await databaseIsEmpty(db)) throw new Error("the database already holds data; seed scale needs an empty database");
  const rand = prng(4242);
  const thisMonth = monthOf(opts.today);
  const start = addMonths(thisMonth, -opts.months);
  await transaction(db, async (tx) => {
      const employerOf: (i: number) => number = await (async () => {
        if (opts.employers === undefined) {
          const a = await tx.insert(employers).values({ code: "GRP-SH", name: "集团上海分公司", uscc: uscc("91310000MA1FL8TQ3"), region: "shanghai" }).returning({ id: employers.id }).get();
          const b = await tx.insert(employers).values({ code: "GRP-BJ", name: "集团北京分公司", uscc: uscc("91110108MA01ABCD1"), region: "beijing" }).returning({ id: employers.id }).get();
          return (i: number) => (i % 4 === 3 ? b.id : a.id);
        }
        const ids: number[] = [];
        for (let k = 1; k <= opts.employers; k++) {
          const region = k % 2 === 1 ? "shanghai" : "beijing";
          const code = `E${String(k).padStart(3, "0")}`;
          const row = await tx.insert(employers).values({ code, name: `规模测试第${k}公司`, uscc: uscc(`91310000MA1FL${String(k).padStart(4, "0")}`), region }).returning({ id: employers.id }).get();
          ids.push(row.id);
        }
        return (i: number) => ids[i % ids.length]!;
      })();
      for (const [region, rates, dueDay] of [["shanghai", SHANGHAI_RATES, "15"], ["beijing", BEIJING_RATES, "20"]] as const) {
        await tx.insert(policies).values({ region, effectiveFrom: addMonths(start, -1), baseFloor: 731_000, baseCap: 3_654_900, rates, dueDay }).run();
        await tx.insert(policies).values({ region, effectiveFrom: addMonths(start, 12), baseFloor: 746_000, baseCap: 3_730_200, rates, dueDay }).run();
        const days = nonWorkingDaysFor(`${addMonths(start, -1)}-01`, `${addMonths(thisMonth, 3)}-28`, true);
        for (let i = 0; i < days.length; i += 400) await tx.insert(nonWorkingDays).values(days.slice(i, i + 400).map((date) => ({ region, date }))).run();
      }
      const startDay = dayNumber(`${start}-01`);
      const span = dayNumber(opts.today) - startDay;
      const emps: (typeof employees.$inferInsert)[] = [];
      for (let i = 0; i < opts.employees; i++) {
        // Most employees are hired in the first month; the rest over the period.
        const early = rand() < 0.7;
        const hireDate = fromDayNumber(startDay + (early ? Math.floor(rand() * 20) : Math.floor(rand() * span)));
        const birth = fromDayNumber(dayNumber("1965-01-01") + Math.floor(rand() * 14_000));
        emps.push({
          employeeNo: `G${String(i + 1).padStart(6, "0")}`,
          name: SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(rand() * GIVEN.length)]!,
          idNumber: residentId(rand, birth),
          employerId: employerOf(i),
          hireDate,
          terminationDate: rand() < 0.05 ? addDays(hireDate, 200 + Math.floor(rand() * 300)) : null,
          department: DEPARTMENTS[i % DEPARTMENTS.length]!,
          email: `g${i + 1}@example.com`,
        });
      }
      for (const e of emps) if (e.terminationDate && e.terminationDate >= opts.today) e.terminationDate = null;
      const ids: number[] = [];
      for (let i = 0; i < emps.length; i += 500) {
        for (const r of await tx.insert(employees).values(emps.slice(i, i + 500)).returning({ id: employees.id }).all()) ids.push(r.id);
      }
      const wageRows: (typeof wages.$inferInsert)[] = [];
      const regRows: (typeof registrations.$inferInsert)[] = [];
      emps.forEach((e, k) => {
        const wage = Math.round((3_500 + rand() * rand() * 45_000) * 100);
        wageRows.push({ employerId: e.employerId, employeeId: ids[k]!, effectiveMonth: monthOf(e.hireDate), monthlyWage: wage });
        if (rand() < 0.5) wageRows.push({ employerId: e.employerId, employeeId: ids[k]!, effectiveMonth: addMonths(monthOf(e.hireDate), 12), monthlyWage: Math.round(wage * 1.05) });
        const r = rand();
        const reported = terminationReport(e.terminationDate ?? null, k, opts.today);
        if (r < 0.03) {
          // unregistered (or due soon when recent)
          if (reported) regRows.push({ employerId: e.employerId, employeeId: ids[k]!, appliedOn: null, registeredOn: null, terminationReportedOn: reported });
          return;
        }
        const applied = addDays(e.hireDate, r < 0.08 ? 31 + Math.floor(rand() * 30) : 2 + Math.floor(rand() * 25));
        if (applied <= opts.today)
          regRows.push({ employerId: e.employerId, employeeId: ids[k]!, appliedOn: applied, registeredOn: addDays(applied, 3) > opts.today ? null : addDays(applied, 3), terminationReportedOn: reported });
        else if (reported) regRows.push({ employerId: e.employerId, employeeId: ids[k]!, appliedOn: null, registeredOn: null, terminationReportedOn: reported });
      });
      for (let i = 0; i < wageRows.length; i += 1000) await tx.insert(wages).values(wageRows.slice(i, i + 1000)).onConflictDoNothing().run();
      for (let i = 0; i < regRows.length; i += 1000) await tx.insert(registrations).values(regRows.slice(i, i + 1000)).run();
      await audit(tx, SEED_ACTOR, { action: "seed", entity: "scale", after: { employees: opts.employees, months: opts.months, today: opts.today } });
    },
  );
  const h = await writeMonthlyHistory(db, {
    today: opts.today,
    rand,
    declareRate: 0.95,
    omitRate: 0.005,
    underDeclareRate: 0.01,
    lateRate: 0.05,
    unpaidLastMonth: opts.employers === undefined ? "GRP-SH" : "E001",
    collection: true,
    statementRate: 0.97,
  });
  return { employees: opts.employees, ...h };
}
