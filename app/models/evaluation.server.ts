/**
 * The installation evaluated as of D, cached per employer and data version
 * (issue 16; ADR 6 as revised by ADR 13).
 *
 * Evaluating 10,000 employees × 36 months takes most of a second, far too
 * long for every page view, and a write for one employer must not throw away
 * every other employer's evaluation. So:
 * - database triggers keep one version per employer in `data_versions`
 *   (employer 0: the policies and non-working days every employer reads),
 *   bumped by every write from any process or connection, in the writing
 *   transaction; one small query reads them all per request;
 * - each employer has its own engine index and evaluations (the engine
 *   evaluates each employer on its own), rebuilt only when its version or the
 *   reference version moved, from a load that reads only its rows;
 * - the installation's evaluation is the employers' merged in the engine's
 *   own order (findings by `compareFindings`, stable, employers in id order),
 *   which is exactly what one evaluation of everything gives
 *   (tests/integration/dashboard.test.ts checks it);
 * - figures derived from the whole (the dashboard, the today list, the
 *   set-up checklist) are kept per combined version.
 * Entries hold promises, so concurrent requests share one rebuild.
 */
import { asc } from "drizzle-orm";
import { policyInForce } from "~/rules/contributions";
import { todayActions, type TodayAction } from "~/rules/today";
import type { Db } from "../../db/connection";
import { dataVersions, employers } from "../../db/schema";
import { dashboardFigures, type DashboardFigures } from "~/rules/dashboard";
import { compareFindings } from "~/rules/order";
import { EngineIndex, evaluate } from "~/rules/evaluate";
import type { EngineInput, Evaluation, IsoDate } from "~/rules/types";
import { loadEngineInput } from "./engine.server";

const KEEP_EVALUATIONS = 4;
const KEEP_FIGURES = 16;

interface EmployerEntry {
  /** `<employer version>:<reference version>`. */
  version: string;
  index: Promise<EngineIndex>;
  evaluations: Map<IsoDate, Promise<Evaluation>>;
}

interface WholeEntry {
  version: string;
  index: Promise<EngineIndex>;
  evaluations: Map<IsoDate, Promise<Evaluation>>;
  figures: Map<string, Promise<DashboardFigures>>;
  derived: Map<string, Promise<unknown>>;
}

interface Cache {
  employers: Map<string, EmployerEntry>;
  whole: WholeEntry | null;
}

const caches = new WeakMap<Db, Cache>();

interface Versions {
  /** Employers in id order: the engine's order. */
  employers: { code: string; version: string }[];
  /** All of them in one string: changes whenever any employer's data or the reference data may have. */
  combined: string;
}

async function readVersions(db: Db): Promise<Versions> {
  const [rows, list] = await Promise.all([
    db.select({ id: dataVersions.employerId, v: dataVersions.version }).from(dataVersions).all(),
    db.select({ id: employers.id, code: employers.code }).from(employers).orderBy(asc(employers.id)).all(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r.v]));
  const ref = byId.get(0) ?? 0;
  const out = list.map((e) => ({ code: e.code, version: `${byId.get(e.id) ?? 0}:${ref}` }));
  return { employers: out, combined: `${ref}|${out.map((e) => `${e.code}=${e.version}`).join(",")}` };
}

/** Changes whenever the data any evaluation reads may have (a write by this process or any other). */
export async function dataVersion(db: Db): Promise<string> {
  return (await readVersions(db)).combined;
}

function cacheOf(db: Db): Cache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { employers: new Map(), whole: null }));
  return c;
}

function employerEntry(db: Db, cache: Cache, code: string, version: string): EmployerEntry {
  let e = cache.employers.get(code);
  if (!e || e.version !== version) {
    const index = loadEngineInput(db, { employerCodes: [code] }).then((input) => new EngineIndex(input));
    index.catch(() => cache.employers.delete(code));
    e = { version, index, evaluations: new Map() };
    cache.employers.set(code, e);
  }
  return e;
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

/** Merge lists each sorted by `cmp`, stably (ties keep the lists' order): the same as sorting their concatenation. */
function mergeSorted<T>(lists: T[][], cmp: (a: T, b: T) => number): T[] {
  let level = lists.filter((l) => l.length > 0);
  if (level.length === 0) return [];
  while (level.length > 1) {
    const next: T[][] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i]!;
      const b = level[i + 1];
      if (!b) {
        next.push(a);
        continue;
      }
      const out = new Array<T>(a.length + b.length);
      let x = 0;
      let y = 0;
      let k = 0;
      while (x < a.length && y < b.length) out[k++] = cmp(b[y]!, a[x]!) < 0 ? b[y++]! : a[x++]!;
      while (x < a.length) out[k++] = a[x++]!;
      while (y < b.length) out[k++] = b[y++]!;
      next.push(out);
    }
    level = next;
  }
  return level[0]!;
}

/**
 * One index over several employers' indexes, without indexing anything again:
 * their inputs concatenated in order and their maps (keyed by employer,
 * employee or region) joined entry by entry; the reference data is shared.
 */
function mergedIndex(parts: EngineIndex[]): EngineIndex {
  if (parts.length === 1) return parts[0]!;
  const input: EngineInput = {
    employers: parts.flatMap((p) => p.input.employers),
    policies: dedupePolicies(parts),
    nonWorkingDays: Object.assign({}, ...parts.map((p) => p.input.nonWorkingDays)) as EngineInput["nonWorkingDays"],
    employees: parts.flatMap((p) => p.input.employees),
    declarations: parts.flatMap((p) => p.input.declarations),
    payments: parts.flatMap((p) => p.input.payments),
    collection: parts.flatMap((p) => p.input.collection),
    statements: parts.flatMap((p) => p.input.statements),
  };
  const join = <K, V>(pick: (ix: EngineIndex) => Map<K, V>): Map<K, V> => {
    const out = new Map<K, V>();
    for (const p of parts) for (const [k, v] of pick(p)) if (!out.has(k)) out.set(k, v);
    return out;
  };
  const ix = Object.create(EngineIndex.prototype) as EngineIndex;
  Object.assign(ix, {
    input,
    calendars: join((p) => p.calendars),
    policiesByRegion: join((p) => p.policiesByRegion),
    employeesByEmployer: join((p) => p.employeesByEmployer),
    monthFirstDeclared: join((p) => p.monthFirstDeclared),
    linesByEmployee: join((p) => p.linesByEmployee),
    paymentsByEmployer: join((p) => p.paymentsByEmployer),
    collectionByEmployer: join((p) => p.collectionByEmployer),
    statementIssues: join((p) => p.statementIssues),
  });
  return ix;
}

function dedupePolicies(parts: EngineIndex[]): EngineInput["policies"] {
  const seen = new Set<string>();
  const out: EngineInput["policies"] = [];
  for (const p of parts)
    for (const v of p.input.policies) {
      const k = `${v.region}\u0000${v.effectiveFrom}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(v);
      }
    }
  return out;
}

async function wholeEntry(db: Db): Promise<{ entry: WholeEntry; parts: EmployerEntry[] }> {
  const versions = await readVersions(db);
  const cache = cacheOf(db);
  const parts = versions.employers.map((e) => employerEntry(db, cache, e.code, e.version));
  for (const code of cache.employers.keys()) if (!versions.employers.some((e) => e.code === code)) cache.employers.delete(code);
  if (!cache.whole || cache.whole.version !== versions.combined) {
    cache.whole = {
      version: versions.combined,
      index: Promise.all(parts.map((p) => p.index)).then(mergedIndex),
      evaluations: new Map(),
      figures: new Map(),
      derived: new Map(),
    };
  }
  return { entry: cache.whole, parts };
}

function employerEvaluation(part: EmployerEntry, asOf: IsoDate): Promise<Evaluation> {
  return remember(part.evaluations, asOf, KEEP_EVALUATIONS, () => part.index.then((ix) => evaluate(ix, asOf)));
}

function evaluationIn(entry: WholeEntry, parts: EmployerEntry[], asOf: IsoDate): Promise<Evaluation> {
  return remember(entry.evaluations, asOf, KEEP_EVALUATIONS, async () => {
    const each = await Promise.all(parts.map((p) => employerEvaluation(p, asOf)));
    return {
      asOf,
      findings: mergeSorted(
        each.map((e) => e.findings),
        compareFindings,
      ),
      months: each.flatMap((e) => e.months),
      configProblems: each.flatMap((e) => e.configProblems),
    };
  });
}

/** The whole installation evaluated as of D (cached; treat the result as read-only). */
export async function cachedEvaluation(db: Db, asOf: IsoDate): Promise<Evaluation> {
  const { entry, parts } = await wholeEntry(db);
  return evaluationIn(entry, parts, asOf);
}

/** The evaluation narrowed to one employer's findings, months and configuration problems. */
export async function evaluationFor(db: Db, asOf: IsoDate, employerCode?: string | null): Promise<Evaluation> {
  if (!employerCode) return cachedEvaluation(db, asOf);
  const versions = await readVersions(db);
  const v = versions.employers.find((e) => e.code === employerCode);
  if (!v) return { asOf, findings: [], months: [], configProblems: [] };
  return employerEvaluation(employerEntry(db, cacheOf(db), employerCode, v.version), asOf);
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
  const { entry, parts } = await wholeEntry(db);
  return remember(entry.figures, `${asOf}|${employerCode ?? ""}|${employerCodes?.join(",") ?? "*"}`, KEEP_FIGURES, async () =>
    dashboardFigures(await entry.index, await evaluationIn(entry, parts, asOf), { employerCode, employerCodes }),
  );
}

/**
 * One employer's engine input (what `loadEngineInput(db, { employerCodes: [code] })`
 * reads) and its evaluation as of D, both from the cache: the month view and
 * the collection case.
 */
export async function cachedEmployerView(db: Db, asOf: IsoDate, employerCode: string): Promise<{ input: EngineInput; evaluation: Evaluation }> {
  const versions = await readVersions(db);
  const v = versions.employers.find((e) => e.code === employerCode);
  if (!v) return { input: await loadEngineInput(db, { employerCodes: [employerCode] }), evaluation: { asOf, findings: [], months: [], configProblems: [] } };
  const part = employerEntry(db, cacheOf(db), employerCode, v.version);
  return { input: (await part.index).input, evaluation: await employerEvaluation(part, asOf) };
}

/**
 * A figure derived from the data, computed once per data version and key:
 * the dashboard's pieces that would otherwise be computed on every request.
 */
export async function cachedPerVersion<T>(db: Db, key: string, make: () => Promise<T>): Promise<T> {
  const { entry } = await wholeEntry(db);
  return remember(entry.derived as Map<string, Promise<T>>, key, KEEP_FIGURES * 4, make);
}

/**
 * "What to do today" as of D for all employers or one (issue 20): the ranked
 * actions of app/rules/today.ts, with each month's late-fee rate from its policy.
 */
export async function todayList(db: Db, asOf: IsoDate, employerCode: string | null, employerCodes: readonly string[] | null = null): Promise<TodayAction[]> {
  const { entry, parts } = await wholeEntry(db);
  return cachedPerVersion(db, `today|${asOf}|${employerCode ?? ""}|${employerCodes?.join(",") ?? "*"}`, async () => {
    const index = await entry.index;
    const regionOf = new Map(index.input.employers.map((e) => [e.code, e.region]));
    return todayActions(narrowTo(narrow(await evaluationIn(entry, parts, asOf), employerCode), employerCodes), {
      lateFeePpm: (code, period) => policyInForce(index.policiesByRegion.get(regionOf.get(code) ?? "") ?? [], period)?.lateFeePpmPerDay ?? 500,
    });
  });
}
