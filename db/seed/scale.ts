/** The benchmark data set (`cli seed scale`, `npm run bench`). Deterministic, like the demo. */
import type { Db } from "../connection";
import { employees, employers, nonWorkingDays, payments, policies, registrations, statements, wages } from "../schema";
import { addDays, addMonths, dayNumber, fromDayNumber, monthOf } from "../../app/rules/dates";
import { audit } from "../../app/models/audit.server";
import { claimEmployeeNumbers } from "../../app/models/employee-placement.server";
import { transaction } from "../transaction";
import { BEIJING_RATES, DEPARTMENTS, GIVEN, SEED_ACTOR, SHANGHAI_RATES, SURNAMES, databaseIsEmpty, nonWorkingDaysFor, prng, residentId, terminationReport, uscc } from "./common";
import { writeMonthlyHistory } from "./history";

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
      await claimEmployeeNumbers(tx, emps.map((e, k) => ({ employeeNo: e.employeeNo, employeeId: ids[k]! })));
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
