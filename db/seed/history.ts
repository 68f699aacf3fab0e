/**
 * Declarations, payments, statements and collection actions month by month,
 * computed with the rule engine (the demo and the scale seeds both write them).
 */
import type { Db } from "../connection";
import {
  collectionActions,
  declarationLines,
  employees,
  employers,
  nonWorkingDays,
  payments,
  policies,
  statements,
} from "../schema";
import { addDays, addMonths, monthOf } from "../../app/rules/dates";
import { evaluate, EngineIndex } from "../../app/rules/evaluate";
import { fillTranches, type PaymentLike } from "../../app/rules/art60-payment";
import { statementFigures } from "../../app/rules/statement";
import { basisOf, clampBase, policyInForce } from "../../app/rules/contributions";
import { loadEngineInput } from "../../app/models/engine.server";
import { audit } from "../../app/models/audit.server";
import { transaction } from "../transaction";
import { SEED_ACTOR } from "./common";

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
