/**
 * The installation evaluated as of D, cached per data version.
 *
 * Evaluating 10,000 employees × 36 months takes about a second and a half
 * (tests/bench), far too long for every page view. The result depends only on
 * the data and D, so it is kept until the data changes:
 * - every write in this process leaves an audit-log entry, so the newest
 *   audit id changes with it;
 * - `PRAGMA data_version` changes when another connection (the command line,
 *   a second server process) commits.
 * The index (what does not depend on D) is kept once per version; evaluations
 * for the most recent few as-of dates beside it. Findings of one employer are
 * those of the whole evaluation with that employer code (the engine evaluates
 * each employer on its own; tests/integration/dashboard.test.ts checks it).
 */
import { policyInForce } from "~/rules/contributions";
import { todayActions, type TodayAction } from "~/rules/today";
import { desc } from "drizzle-orm";
import { sqliteClient, type Db } from "../../db/connection";
import { auditLog } from "../../db/schema";
import { dashboardFigures, type DashboardFigures } from "~/rules/dashboard";
import { EngineIndex, evaluate } from "~/rules/evaluate";
import type { EngineInput, Evaluation, IsoDate } from "~/rules/types";
import { loadEngineInput } from "./engine.server";

const KEEP_EVALUATIONS = 4;
const KEEP_FIGURES = 16;

interface Entry {
  version: string;
  index: EngineIndex;
  evaluations: Map<IsoDate, Evaluation>;
  figures: Map<string, DashboardFigures>;
  inputs: Map<string, EngineInput>;
  /** Other figures derived from the data (the today list, the set-up checklist), by key. */
  derived: Map<string, unknown>;
}

const caches = new WeakMap<Db, Entry>();

/** Changes whenever the data may have: any audited write here, any commit by another connection. */
export async function dataVersion(db: Db): Promise<string> {
  const pragma = (sqliteClient(db)?.pragma("data_version", { simple: true }) as number | undefined) ?? 0;
  const newest = await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  return `${pragma}:${newest?.id ?? 0}`;
}

async function entryFor(db: Db): Promise<Entry> {
  const version = await dataVersion(db);
  let entry = caches.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, index: new EngineIndex(await loadEngineInput(db)), evaluations: new Map(), figures: new Map(), inputs: new Map(), derived: new Map() };
    caches.set(db, entry);
  }
  return entry;
}

function remember<V>(map: Map<string, V>, key: string, keep: number, make: () => V): V {
  const hit = map.get(key);
  if (hit !== undefined) {
    // Most recently used last.
    map.delete(key);
    map.set(key, hit);
    return hit;
  }
  const value = make();
  map.set(key, value);
  while (map.size > keep) map.delete(map.keys().next().value!);
  return value;
}

/** The whole installation evaluated as of D (cached; treat the result as read-only). */
export async function cachedEvaluation(db: Db, asOf: IsoDate): Promise<Evaluation> {
  return evaluationIn(await entryFor(db), asOf);
}

function evaluationIn(entry: Entry, asOf: IsoDate): Evaluation {
  return remember(entry.evaluations, asOf, KEEP_EVALUATIONS, () => evaluate(entry.index, asOf));
}

/** The evaluation narrowed to one employer's findings, months and configuration problems. */
export async function evaluationFor(db: Db, asOf: IsoDate, employerCode?: string | null): Promise<Evaluation> {
  return narrow(await cachedEvaluation(db, asOf), employerCode);
}

function narrow(ev: Evaluation, employerCode?: string | null): Evaluation {
  const asOf = ev.asOf;
  if (!employerCode) return ev;
  return {
    asOf,
    findings: ev.findings.filter((f) => f.employerCode === employerCode),
    months: ev.months.filter((m) => m.employerCode === employerCode),
    configProblems: ev.configProblems.filter((c) => c.employerCode === employerCode),
  };
}

/** An evaluation cut down to an account's employers (issue 21); null = all. */
function narrowTo(ev: Evaluation, employerCodes: readonly string[] | null): Evaluation {
  if (employerCodes === null) return ev;
  const keep = (x: { employerCode: string }) => employerCodes.includes(x.employerCode);
  return { asOf: ev.asOf, findings: ev.findings.filter(keep), months: ev.months.filter(keep), configProblems: ev.configProblems.filter(keep) };
}

/** The dashboard's figures as of D for all employers or one (cached). */
export async function cachedDashboard(db: Db, asOf: IsoDate, employerCode: string | null, employerCodes: readonly string[] | null = null): Promise<DashboardFigures> {
  const entry = await entryFor(db);
  return remember(entry.figures, `${asOf}|${employerCode ?? ""}|${employerCodes?.join(",") ?? "*"}`, KEEP_FIGURES, () =>
    dashboardFigures(entry.index, evaluationIn(entry, asOf), { employerCode, employerCodes }),
  );
}

/**
 * One employer's engine input (what `loadEngineInput(db, { employerCodes: [code] })`
 * reads) and its evaluation as of D, both from the cache: the month view and
 * the collection case.
 */
export async function cachedEmployerView(db: Db, asOf: IsoDate, employerCode: string): Promise<{ input: EngineInput; evaluation: Evaluation }> {
  const entry = await entryFor(db);
  const input = remember(entry.inputs, employerCode, KEEP_FIGURES, () => {
    const all = entry.index.input;
    const employer = all.employers.find((e) => e.code === employerCode);
    const region = employer?.region;
    const employees = all.employees.filter((e) => e.employerCode === employerCode);
    const nos = new Set(employees.map((e) => e.employeeNo));
    return {
      employers: employer ? [employer] : [],
      policies: all.policies.filter((p) => p.region === region),
      nonWorkingDays: region !== undefined && all.nonWorkingDays[region] ? { [region]: all.nonWorkingDays[region]! } : {},
      employees,
      declarations: all.declarations.filter((d) => d.employerCode === employerCode),
      payments: all.payments.filter((p) => p.employerCode === employerCode),
      collection: all.collection.filter((c) => c.employerCode === employerCode),
      statements: all.statements.filter((s) => nos.has(s.employeeNo)),
    };
  });
  return { input, evaluation: narrow(evaluationIn(entry, asOf), employerCode) };
}

/**
 * "What to do today" as of D for all employers or one (issue 20): the ranked
 * actions of app/rules/today.ts, with each month's late-fee rate from its policy.
 */
/**
 * A figure derived from the data, computed once per data version (every write
 * is audited, so the version changes with every write) and key: the dashboard's
 * pieces that would otherwise be computed on every request.
 */
export async function cachedPerVersion<T>(db: Db, key: string, make: () => T): Promise<T> {
  return remember((await entryFor(db)).derived as Map<string, T>, key, KEEP_FIGURES * 4, make);
}

export async function todayList(db: Db, asOf: IsoDate, employerCode: string | null, employerCodes: readonly string[] | null = null): Promise<TodayAction[]> {
  const entry = await entryFor(db);
  return await cachedPerVersion(db, `today|${asOf}|${employerCode ?? ""}|${employerCodes?.join(",") ?? "*"}`, () => {
    const regionOf = new Map(entry.index.input.employers.map((e) => [e.code, e.region]));
    return todayActions(narrowTo(narrow(evaluationIn(entry, asOf), employerCode), employerCodes), {
      lateFeePpm: (code, period) => policyInForce(entry.index.policiesByRegion.get(regionOf.get(code) ?? "") ?? [], period)?.lateFeePpmPerDay ?? 500,
    });
  });
}
