/**
 * The dashboard's figures against the engine itself, on every golden case and
 * on the demo data: the counts are the findings page's counts, the arrears
 * history is what an evaluation on each month's last day reports, and one
 * employer's figures are those of the whole installation narrowed to it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { seedDemo } from "../../db/seed/demo";
import { seedScale } from "../../db/seed/scale";
import { CLI_ACTOR } from "~/models/audit.server";
import { loadEngineInput } from "~/models/engine.server";
import { cachedDashboard, cachedEmployerCodes, cachedEmployerView, cachedEvaluation, dataVersion, evaluationFor, evaluationMerges, todayList } from "~/models/evaluation.server";
import { recordCollectionAction } from "~/models/collection.server";
import { recordRegistration } from "~/models/registration.server";
import { rawSql } from "../helpers/raw-sql";
import { policyInForce } from "~/rules/contributions";
import { todayActions } from "~/rules/today";
import { recordPayment } from "~/models/payment.server";
import { runImport } from "~/models/import.server";
import { IMPORT_KINDS } from "~/shared/import-formats";
import { dashboardFigures } from "~/rules/dashboard";
import { addDays } from "~/rules/dates";
import { yuanPlain } from "~/rules/money";
import { EngineIndex, evaluate } from "~/rules/evaluate";
import type { Evaluation } from "~/rules/types";
import { goldenCases } from "../helpers/golden";

async function caseDb(dir: string): Promise<Db> {
  const db = await openTestDatabase();
  for (const kind of IMPORT_KINDS) {
    const file = join(dir, `${kind}.csv`);
    if (!existsSync(file)) continue;
    const r = await runImport(db, kind, readFileSync(file, "utf8"), CLI_ACTOR);
    if (!r.ok) throw new Error(`${kind}: ${JSON.stringify(r.errors)}`);
  }
  return db;
}

function checkAgainstEngine(ix: EngineIndex, ev: Evaluation, employerCode: string | null) {
  const f = dashboardFigures(ix, ev, { employerCode });
  const open = ev.findings.filter((x) => x.status === "open" && (employerCode === null || x.employerCode === employerCode));
  expect(f.openFindings).toBe(open.length);
  expect(f.bySeverity.critical + f.bySeverity.breach + f.bySeverity.warning).toBe(open.length);
  for (const { rule, count } of f.byRule) expect(count).toBe(open.filter((x) => x.rule === rule).length);
  expect(f.byRule.reduce((s, r) => s + r.count, 0)).toBe(open.length);
  const unpaid = open.filter((x) => x.rule === "ART60_UNPAID");
  expect(f.monthsUnpaid).toBe(unpaid.length);
  expect(f.outstanding).toBe(unpaid.reduce((s, x) => s + (x.outstanding ?? 0), 0));
  expect(Object.values(f.collectionByStage).reduce((s, n) => s + n, 0)).toBe(unpaid.length);
  expect(f.statementsMissing).toBe(open.filter((x) => x.rule === "ART60_STATEMENT_MISSING").length);
  expect(f.premiums).toHaveLength(24);
  expect(f.configProblems).toEqual(ev.configProblems.filter((c) => employerCode === null || c.employerCode === employerCode));
  // Each history point is what the engine says on that day.
  for (const point of f.arrears) {
    const then = point.asOf === ev.asOf ? ev : evaluate(ix, point.asOf);
    const months = then.months.filter((m) => employerCode === null || m.employerCode === employerCode);
    expect({ period: point.period, overdue: point.overdue, lateFee: point.lateFee }).toEqual({
      period: point.period,
      overdue: months.reduce((s, m) => s + m.overdue, 0),
      lateFee: months.reduce((s, m) => s + m.lateFee, 0),
    });
  }
  for (const r of f.registration) expect(r.onTime + r.late + r.pending).toBe(r.hired);
  for (const u of f.upcoming) {
    expect(u.date >= ev.asOf && u.date <= addDays(ev.asOf, 30)).toBe(true);
  }
  return f;
}

describe("dashboard figures on the golden cases", () => {
  for (const c of goldenCases()) {
    it(`${c.name}: counts, totals and history agree with the engine on every as-of date`, async () => {
      const db = await caseDb(c.dir);
      const ix = new EngineIndex(await loadEngineInput(db));
      for (const asOf of c.asOfDates) {
        const ev = evaluate(ix, asOf);
        const all = checkAgainstEngine(ix, ev, null);
        const codes = ix.input.employers.map((e) => e.code);
        const parts = codes.map((code) => checkAgainstEngine(ix, ev, code));
        expect(parts.reduce((s, p) => s + p.openFindings, 0)).toBe(all.openFindings);
        expect(parts.reduce((s, p) => s + p.outstanding, 0)).toBe(all.outstanding);
        expect(parts.reduce((s, p) => s + p.lateFees, 0)).toBe(all.lateFees);
        expect(parts.reduce((s, p) => s + p.unregistered, 0)).toBe(all.unregistered);
        // Narrowing the whole evaluation to one employer = evaluating that employer alone.
        for (const code of codes) {
          const input = await loadEngineInput(db, { employerCodes: [code] });
          const alone = evaluate(input, asOf);
          expect(await evaluationFor(db, asOf, code)).toEqual(alone);
          // The month view's and collection case's cached view of one employer is what a narrowed load reads.
          const view = await cachedEmployerView(db, asOf, code);
          expect(view.input).toEqual(input);
          expect(view.evaluation).toEqual(alone);
        }
      }
    });
  }
});

describe("the evaluation cache loads only the employers a page reads", () => {
  const today = "2026-11-23";
  it("one employer's dashboard, today list and view create that employer's entry only; the whole installation's, every one", async () => {
    const db = await openTestDatabase();
    await seedDemo(db, { today, hash: async () => "x" });
    const codes = (await loadEngineInput(db)).employers.map((e) => e.code);
    expect(codes.length).toBeGreaterThan(1);
    const [first, second] = codes as [string, string];
    expect(cachedEmployerCodes(db)).toEqual([]);
    await cachedDashboard(db, today, first);
    await todayList(db, today, first);
    await cachedEmployerView(db, today, first);
    expect(cachedEmployerCodes(db)).toEqual([first]);
    // An account that sees one employer.
    await cachedDashboard(db, today, null, [second]);
    expect(cachedEmployerCodes(db)).toEqual([first, second]);
    // An account's evaluation (the findings page, the reports) merges its employers only, and equals everything's cut down to them.
    const everything = evaluate(new EngineIndex(await loadEngineInput(db)), today);
    const mine = (x: { employerCode: string }) => x.employerCode === first || x.employerCode === second;
    expect(await evaluationFor(db, today, null, [second, first])).toEqual({
      asOf: today,
      findings: everything.findings.filter(mine),
      months: everything.months.filter(mine),
      configProblems: everything.configProblems.filter(mine),
    });
    expect(cachedEmployerCodes(db)).toEqual([first, second]);
    expect(await evaluationFor(db, today, null, ["NO-SUCH"])).toEqual({ asOf: today, findings: [], months: [], configProblems: [] });
    await cachedEvaluation(db, today);
    expect(cachedEmployerCodes(db).sort()).toEqual([...codes].sort());
  }, 60_000);
});

describe("dashboard figures on the demo data", () => {
  const today = "2026-11-23";
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
    await seedDemo(db, { today, hash: async () => "x" });
  }, 60_000);

  it("agree with the engine for all employers and each one", async () => {
    const ix = new EngineIndex(await loadEngineInput(db));
    const ev = evaluate(ix, today);
    const all = checkAgainstEngine(ix, ev, null);
    expect(all.openFindings).toBeGreaterThan(0);
    expect(all.premiums.some((p) => p.required > 0)).toBe(true);
    for (const e of ix.input.employers) checkAgainstEngine(ix, ev, e.code);
  });

  it("a recorded payment changes the data version, and the cached figures follow it", async () => {
    const before = await cachedDashboard(db, today, null);
    expect(await cachedDashboard(db, today, null)).toBe(before);
    const unpaid = (await cachedEvaluation(db, today)).months.find((m) => m.unpaid);
    expect(unpaid).toBeDefined();
    const version = await dataVersion(db);
    const r = await recordPayment(db, CLI_ACTOR, { employer: unpaid!.employerCode, period: unpaid!.period, paidOn: today, amount: yuanPlain(unpaid!.overdue), reference: "dash-test" });
    expect(r.ok).toBe(true);
    expect(await dataVersion(db)).not.toBe(version);
    const after = await cachedDashboard(db, today, null);
    expect(after).not.toBe(before);
    expect(after.outstanding).toBe(before.outstanding - unpaid!.overdue);
    expect(after.monthsUnpaid).toBe(before.monthsUnpaid - 1);
  });

  it("a payment for one employer re-evaluates that employer only, and the whole still equals one evaluation of everything", async () => {
    const all = await cachedEvaluation(db, today);
    const codes = [...new Set(all.months.map((m) => m.employerCode))];
    expect(codes.length).toBeGreaterThan(1);
    const views = new Map<string, Evaluation>();
    for (const c of codes) views.set(c, (await cachedEmployerView(db, today, c)).evaluation);
    const unpaid = all.months.find((m) => m.unpaid)!;
    const r = await recordPayment(db, CLI_ACTOR, { employer: unpaid.employerCode, period: unpaid.period, paidOn: today, amount: "1.00", reference: "per-employer-test" });
    expect(r.ok).toBe(true);
    for (const c of codes) {
      const view = (await cachedEmployerView(db, today, c)).evaluation;
      // The same object: not evaluated again. The written employer's: a new one.
      if (c === unpaid.employerCode) expect(view).not.toBe(views.get(c));
      else expect(view).toBe(views.get(c));
    }
    const merged = await cachedEvaluation(db, today);
    expect(merged).not.toBe(all);
    expect(merged).toEqual(evaluate(new EngineIndex(await loadEngineInput(db)), today));
  });

  /** The dashboard and the today list computed from scratch over everything, for all employers, one, or an account's. */
  async function fromScratch(asOf: string, employerCode: string | null, employerCodes: readonly string[] | null) {
    const ix = new EngineIndex(await loadEngineInput(db));
    const ev = evaluate(ix, asOf);
    const keep = (x: { employerCode: string }) => (employerCode === null || x.employerCode === employerCode) && (employerCodes === null || employerCodes.includes(x.employerCode));
    const regionOf = new Map(ix.input.employers.map((e) => [e.code, e.region]));
    return {
      figures: dashboardFigures(ix, ev, { employerCode, employerCodes }),
      today: todayActions(
        { asOf, findings: ev.findings.filter(keep), months: ev.months.filter(keep), configProblems: ev.configProblems.filter(keep) },
        { lateFeePpm: (code, period) => policyInForce(ix.policiesByRegion.get(regionOf.get(code) ?? "") ?? [], period)?.lateFeePpmPerDay ?? 500 },
      ),
    };
  }

  it("the dashboard and the today list, kept per employer and combined, equal one computation over everything (all, one employer, an account's)", async () => {
    const codes = (await loadEngineInput(db)).employers.map((e) => e.code);
    const scopes: [string | null, string[] | null][] = [[null, null], ...codes.map((c): [string, null] => [c, null]), [null, [codes[1]!]], [null, codes]];
    for (const asOf of [today, "2026-06-30", "2025-12-31"]) {
      for (const [code, scope] of scopes) {
        const want = await fromScratch(asOf, code, scope);
        expect(await cachedDashboard(db, asOf, code, scope)).toEqual(want.figures);
        expect(await todayList(db, asOf, code, scope)).toEqual(want.today);
      }
    }
  });

  it("a payment or a collection action reads back only the money (the employer's people part is kept); a registration reloads the employer", async () => {
    const all = await cachedEvaluation(db, today);
    const unpaid = all.months.find((m) => m.unpaid)!;
    const code = unpaid.employerCode;
    const before = await cachedEmployerView(db, today, code);
    // Written through the same database handle; the cache learns of it from the employer's data_versions row.
    const r = await recordPayment(db, CLI_ACTOR, { employer: code, period: unpaid.period, paidOn: today, amount: "2.00", reference: "money-only-test" });
    expect(r.ok).toBe(true);
    const afterPayment = await cachedEmployerView(db, today, code);
    expect(afterPayment.input.employees).toBe(before.input.employees); // not read again
    expect(afterPayment.input.declarations).toBe(before.input.declarations);
    expect(afterPayment.input.payments).not.toBe(before.input.payments);
    expect(afterPayment.input).toEqual(await loadEngineInput(db, { employerCodes: [code] }));
    expect(afterPayment.evaluation).toEqual(evaluate(await loadEngineInput(db, { employerCodes: [code] }), today));

    const action = await recordCollectionAction(db, CLI_ACTOR, { employer: code, kind: "order", actionDate: today, periods: unpaid.period, timeLimit: addDays(today, 15) });
    expect(action).toMatchObject({ ok: true });
    const afterAction = await cachedEmployerView(db, today, code);
    expect(afterAction.input.employees).toBe(before.input.employees);
    expect(afterAction.input.collection).not.toBe(afterPayment.input.collection);
    expect(afterAction.evaluation).toEqual(evaluate(await loadEngineInput(db, { employerCodes: [code] }), today));
    expect(afterAction.evaluation.findings.some((f) => f.rule === "ART63_ORDERED" && f.period === unpaid.period)).toBe(true);

    // A people-side write: the employer is read again in full.
    const someone = afterAction.input.employees.find((e) => e.appliedOn === null && e.registeredOn === null && e.hireDate <= today);
    expect(someone).toBeDefined();
    const row = await rawSql(db).prepare("SELECT id FROM employees WHERE employee_no = ?").get<{ id: number }>(someone!.employeeNo);
    expect((await recordRegistration(db, CLI_ACTOR, { employeeId: row!.id, intent: "applied", date: today })).ok).toBe(true);
    const afterRegistration = await cachedEmployerView(db, today, code);
    expect(afterRegistration.input.employees).not.toBe(before.input.employees);
    expect(afterRegistration.evaluation).toEqual(evaluate(await loadEngineInput(db, { employerCodes: [code] }), today));
  });

  it("the whole evaluation, patched after each write rather than merged again, equals one evaluation of everything", async () => {
    const whole = async () => evaluate(new EngineIndex(await loadEngineInput(db)), today);
    const codes = (await loadEngineInput(db)).employers.map((e) => e.code);
    expect(await cachedEvaluation(db, today)).toEqual(await whole());
    const writes: (() => Promise<{ ok: boolean }>)[] = [
      () => recordPayment(db, CLI_ACTOR, { employer: codes[0]!, period: "2026-10", paidOn: today, amount: "3.00", reference: "patch-1" }),
      () => recordPayment(db, CLI_ACTOR, { employer: codes[1]!, period: "2026-09", paidOn: "2026-10-30", amount: "5000.00", reference: "patch-2" }),
      () => recordCollectionAction(db, CLI_ACTOR, { employer: codes[1]!, kind: "order", actionDate: today, periods: "2026-10", timeLimit: addDays(today, 10) }),
      async () => {
        const e = (await loadEngineInput(db, { employerCodes: [codes[0]!] })).employees.find((x) => x.appliedOn === null && x.hireDate <= today)!;
        const row = await rawSql(db).prepare("SELECT id FROM employees WHERE employee_no = ?").get<{ id: number }>(e.employeeNo);
        return recordRegistration(db, CLI_ACTOR, { employeeId: row!.id, intent: "applied", date: today });
      },
    ];
    for (const write of writes) {
      const before = await cachedEvaluation(db, today);
      expect(await write()).toMatchObject({ ok: true });
      const after = await cachedEvaluation(db, today);
      expect(after).not.toBe(before);
      expect(after).toEqual(await whole());
    }
  });

});

describe("the merged evaluation on a scale data set (4 employers of 100 × 12 months)", () => {
  const today = "2026-11-23";
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
    await seedScale(db, { employees: 400, months: 12, today, employers: 4 });
  }, 60_000);

  it("pages between writes that read no merged evaluation (the dashboard) do not stop the next one from being patched", async () => {
    const whole = async () => evaluate(new EngineIndex(await loadEngineInput(db)), today);
    const codes = (await loadEngineInput(db)).employers.map((e) => e.code);
    await cachedEvaluation(db, today);
    const start = evaluationMerges(db);
    for (let i = 0; i < 3; i++) {
      expect(await recordPayment(db, CLI_ACTOR, { employer: codes[0]!, period: "2026-10", paidOn: today, amount: "1.00", reference: `interleave-a${i}` })).toMatchObject({ ok: true });
      await cachedDashboard(db, today, null);
      expect(await recordPayment(db, CLI_ACTOR, { employer: codes[0]!, period: "2026-10", paidOn: today, amount: "1.00", reference: `interleave-b${i}` })).toMatchObject({ ok: true });
      expect(await cachedEvaluation(db, today)).toEqual(await whole());
    }
    const end = evaluationMerges(db);
    expect(end.patched - start.patched).toBe(3);
    expect(end.merged - start.merged).toBe(0);
  });

  it("a collection action and a registration, each followed by the dashboard, then the findings: equal to one evaluation of everything (the action's patched)", async () => {
    const whole = async () => evaluate(new EngineIndex(await loadEngineInput(db)), today);
    const codes = (await loadEngineInput(db)).employers.map((e) => e.code);
    await cachedEvaluation(db, today);
    const start = evaluationMerges(db);
    expect(await recordCollectionAction(db, CLI_ACTOR, { employer: codes[1]!, kind: "order", actionDate: today, periods: "2026-10", timeLimit: addDays(today, 10) })).toMatchObject({ ok: true });
    await cachedDashboard(db, today, codes[1]!);
    expect(await cachedEvaluation(db, today)).toEqual(await whole());
    const e = (await loadEngineInput(db, { employerCodes: [codes[2]!] })).employees.find((x) => x.appliedOn === null && x.registeredOn === null && x.hireDate <= today);
    expect(e).toBeDefined();
    const row = await rawSql(db).prepare("SELECT id FROM employees WHERE employee_no = ?").get<{ id: number }>(e!.employeeNo);
    expect(await recordRegistration(db, CLI_ACTOR, { employeeId: row!.id, intent: "applied", date: today })).toMatchObject({ ok: true });
    await cachedDashboard(db, today, null);
    expect(await cachedEvaluation(db, today)).toEqual(await whole());
    // The action changes a few findings (patched); the registration reloads the whole employer, a quarter of the findings (merged afresh).
    expect(evaluationMerges(db)).toEqual({ patched: start.patched + 1, merged: start.merged + 1 });
  });
});
