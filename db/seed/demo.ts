/**
 * The demo installation (`cli seed demo`, `npm run demo`). Deterministic: a
 * seeded pseudo-random generator, and dates relative to a given `today` (so the
 * demo shows every state as of the day it is seeded).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../connection";
import {
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
} from "../schema";
import { addDays, addMonths, dayNumber, fromDayNumber, monthOf } from "../../app/rules/dates";
import { audit } from "../../app/models/audit.server";
import { claimEmployeeNumbers } from "../../app/models/employee-placement.server";
import { transaction } from "../transaction";
import { BEIJING_RATES, DEPARTMENTS, GIVEN, type HashFn, SEED_ACTOR, SHANGHAI_RATES, SURNAMES, databaseIsEmpty, nonWorkingDaysFor, prng, residentId, terminationReport, uscc } from "./common";
import { writeMonthlyHistory } from "./history";

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
        await claimEmployeeNumbers(tx, [{ employeeNo: p.employeeNo, employeeId: row.id }]);
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
