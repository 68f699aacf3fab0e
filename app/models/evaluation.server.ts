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
 *   reference version moved, from a load that reads only its rows, and
 *   created only when a page reads that employer: one employer's page on a
 *   new server loads that employer, not the installation;
 * - payments and collection actions bump the employer's `money_version`
 *   instead: then only they are read back (`loadMoneyInput`) and only the
 *   money part of the employer's evaluation is computed again
 *   (`employerMoney`); the people part (`employerBase`: the months' required
 *   amounts and the other articles' findings) is kept;
 * - the dashboard's figures and the today list are kept per employer and
 *   combined (`combineDashboards`, `mergeTodayActions`), so a write for one
 *   employer recomputes that employer's only;
 * - the installation's evaluation is the employers' merged in the engine's
 *   own order (findings by `compareFindings`, stable, employers in id order),
 *   which is exactly what one evaluation of everything gives
 *   (tests/integration/dashboard.test.ts checks it);
 * - other figures derived from the data are kept per combined version, or,
 *   where they read no payment (the set-up checklist, the annual turn
 *   notices), per people version.
 * Entries hold promises, so concurrent requests share one rebuild.
 */
import { asc } from "drizzle-orm";
import { policyInForce } from "~/rules/contributions";
import { mergeTodayActions, todayActions, type TodayAction } from "~/rules/today";
import type { Db } from "../../db/connection";
import { dataVersions, employers } from "../../db/schema";
import { combineDashboards, moneyFigures, peopleFigures, type DashboardFigures } from "~/rules/dashboard";
import { compareFindings, mergeSorted } from "~/rules/order";
import { EngineIndex, employerBase, employerEvaluation, employerMoney, type EmployerBase, type EmployerMoney } from "~/rules/evaluate";
import type { EngineInput, Evaluation, Finding, IsoDate } from "~/rules/types";
import { loadEngineInput, loadMoneyInput } from "./engine.server";

const KEEP_EVALUATIONS = 4;
const KEEP_FIGURES = 16;

interface EmployerEntry {
  /** `<employer version>:<reference version>`: what the people part reads. */
  version: string;
  /** The employer's `money_version`: its payments and collection actions. */
  money: string;
  /** The index with the current payments and collection actions. */
  index: Promise<EngineIndex>;
  /** The people part per D, and its dashboard figures and today list: kept when only the money moved. */
  bases: Map<IsoDate, Promise<People | null>>;
  /** The money part per D, with its figures and today list. */
  moneyParts: Map<IsoDate, Promise<Money | null>>;
  evaluations: Map<IsoDate, Promise<Part>>;
}

/** An employer's evaluation with the findings of its two parts (the merged evaluation is patched per part). */
interface Part {
  evaluation: Evaluation;
  base: readonly Finding[];
  money: readonly Finding[];
}

interface People {
  base: EmployerBase;
  figures: DashboardFigures;
  today: TodayAction[];
}

interface Money {
  money: EmployerMoney;
  figures: DashboardFigures;
  today: TodayAction[];
}

interface WholeEntry {
  version: string;
  /** Per D and the employers merged. */
  evaluations: Map<string, Promise<Evaluation>>;
  figures: Map<string, Promise<DashboardFigures>>;
  derived: Map<string, Promise<unknown>>;
}

interface Built {
  parts: Part[];
  result: Evaluation;
}

interface Cache {
  employers: Map<string, EmployerEntry>;
  whole: WholeEntry | null;
  /** Figures that read no payment (`cachedPerVersion(…, { people: true })`), per people version. */
  people: { version: string; derived: Map<string, Promise<unknown>> } | null;
  /**
   * The last merged evaluation built per D and employers (the key names
   * them), with the employers' it was merged from, whatever version it was built at: the next one is
   * patched from it, even when pages that read no merged evaluation (the
   * dashboard) came between the writes.
   */
  built: Map<string, Built>;
  /** How the merged evaluations were built: patched from the previous one, or merged afresh (diagnostics). */
  merges: { patched: number; merged: number };
}

const caches = new WeakMap<Db, Cache>();

interface Versions {
  /** Employers in id order: the engine's order. */
  employers: { id: number; code: string; version: string; money: string }[];
  /** All of them in one string: changes whenever any employer's data or the reference data may have. */
  combined: string;
  /** The same without the money versions: changes whenever anything but payments and collection actions may have. */
  people: string;
}

async function readVersions(db: Db): Promise<Versions> {
  const [rows, list] = await Promise.all([
    db.select({ id: dataVersions.employerId, v: dataVersions.version, m: dataVersions.moneyVersion }).from(dataVersions).all(),
    db.select({ id: employers.id, code: employers.code }).from(employers).orderBy(asc(employers.id)).all(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ref = byId.get(0)?.v ?? 0;
  const out = list.map((e) => ({ id: e.id, code: e.code, version: `${byId.get(e.id)?.v ?? 0}:${ref}`, money: String(byId.get(e.id)?.m ?? 0) }));
  const people = `${ref}|${out.map((e) => `${e.code}=${e.version}`).join(",")}`;
  return { employers: out, combined: `${people}|${out.map((e) => e.money).join(",")}`, people };
}

/** The employers whose entries the cache holds, in the order they were created (what a page has loaded; for tests and diagnostics). */
export function cachedEmployerCodes(db: Db): string[] {
  return [...(caches.get(db)?.employers.keys() ?? [])];
}

/** How many merged evaluations (all employers', or an account's) were patched from the previous one, and how many merged afresh (for tests and diagnostics). */
export function evaluationMerges(db: Db): { patched: number; merged: number } {
  return { ...(caches.get(db)?.merges ?? { patched: 0, merged: 0 }) };
}

/** Changes whenever the data any evaluation reads may have (a write by this process or any other). */
export async function dataVersion(db: Db): Promise<string> {
  return (await readVersions(db)).combined;
}

function cacheOf(db: Db): Cache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { employers: new Map(), whole: null, people: null, built: new Map(), merges: { patched: 0, merged: 0 } }));
  return c;
}

function employerEntry(db: Db, cache: Cache, id: number, code: string, version: string, money: string): EmployerEntry {
  let e = cache.employers.get(code);
  if (e && e.version === version && e.money === money) return e;
  let index: Promise<EngineIndex>;
  let bases: EmployerEntry["bases"];
  if (e && e.version === version) {
    // Only payments or collection actions moved: read those back, keep the people part.
    const previous = e.index;
    index = Promise.all([previous, loadMoneyInput(db, { id, code })]).then(([ix, m]) => ix.withMoney(m));
    bases = e.bases;
  } else {
    index = loadEngineInput(db, { employerCodes: [code] }).then((input) => new EngineIndex(input));
    bases = new Map();
  }
  index.catch(() => cache.employers.delete(code));
  e = { version, money, index, bases, moneyParts: new Map(), evaluations: new Map() };
  cache.employers.set(code, e);
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

/**
 * The whole entry for the current versions, and the employers' entries on
 * demand: a page of one employer creates (and loads) that employer's only, so
 * the first request of a new server does not load every employer.
 */
async function wholeEntry(db: Db): Promise<{ cache: Cache; entry: WholeEntry; versions: Versions; partsOf: (codes: Versions["employers"]) => EmployerEntry[] }> {
  const versions = await readVersions(db);
  const cache = cacheOf(db);
  if (cache.employers.size > 0) {
    const live = new Set(versions.employers.map((e) => e.code));
    for (const code of cache.employers.keys()) if (!live.has(code)) cache.employers.delete(code);
  }
  if (!cache.whole || cache.whole.version !== versions.combined) {
    cache.whole = {
      version: versions.combined,
      evaluations: new Map(),
      figures: new Map(),
      derived: new Map(),
    };
  }
  return { cache, entry: cache.whole, versions, partsOf: (list) => list.map((e) => employerEntry(db, cache, e.id, e.code, e.version, e.money)) };
}

/** The late-fee rate of a month of the index's (one) employer, for the today list. */
function lateFeePpmOf(ix: EngineIndex) {
  const region = ix.input.employers[0]?.region ?? "";
  return (_code: string, period: string) => policyInForce(ix.policiesByRegion.get(region) ?? [], period)?.lateFeePpmPerDay ?? 500;
}

function peopleOf(part: EmployerEntry, asOf: IsoDate): Promise<People | null> {
  return remember(part.bases, asOf, KEEP_EVALUATIONS, () =>
    part.index.then((ix) => {
      const employer = ix.input.employers[0];
      const base = employer ? employerBase(ix, employer, asOf) : null;
      if (base === null) return null;
      const ev = { asOf, findings: base.findings, months: [], configProblems: base.configProblems };
      return { base, figures: peopleFigures(ix, base, asOf), today: todayActions(ev, { lateFeePpm: lateFeePpmOf(ix) }) };
    }),
  );
}

function moneyOf(part: EmployerEntry, asOf: IsoDate): Promise<Money | null> {
  return remember(part.moneyParts, asOf, KEEP_EVALUATIONS, async () => {
    const [ix, people] = await Promise.all([part.index, peopleOf(part, asOf)]);
    if (people === null) return null;
    const money = employerMoney(ix, people.base, asOf);
    const ev = { asOf, findings: money.findings, months: money.months, configProblems: [] };
    return { money, figures: moneyFigures(ix, money, asOf), today: todayActions(ev, { lateFeePpm: lateFeePpmOf(ix) }) };
  });
}

function employerPartOf(part: EmployerEntry, asOf: IsoDate): Promise<Part> {
  return remember(part.evaluations, asOf, KEEP_EVALUATIONS, async () => {
    const [people, money] = await Promise.all([peopleOf(part, asOf), moneyOf(part, asOf)]);
    const evaluation = employerEvaluation(people?.base ?? null, money?.money ?? null, asOf);
    return people && money ? { evaluation, base: people.base.findings, money: money.money.findings } : { evaluation, base: [], money: [] };
  });
}

async function employerEvaluationOf(part: EmployerEntry, asOf: IsoDate): Promise<Evaluation> {
  return (await employerPartOf(part, asOf)).evaluation;
}

/** An employer's figures: its two parts added up (an employer nobody is hired by yet adds nothing). */
async function employerFigures(part: EmployerEntry, asOf: IsoDate): Promise<DashboardFigures[]> {
  const [people, money] = await Promise.all([peopleOf(part, asOf), moneyOf(part, asOf)]);
  return people && money ? [people.figures, money.figures] : [];
}

async function employerToday(part: EmployerEntry, asOf: IsoDate): Promise<TodayAction[][]> {
  const [people, money] = await Promise.all([peopleOf(part, asOf), moneyOf(part, asOf)]);
  return people && money ? [people.today, money.today] : [];
}

/** The employers an account sees: one, an account's, or all. */
function employersIn(versions: Versions, employerCode: string | null, employerCodes: readonly string[] | null): Versions["employers"] {
  return versions.employers.filter((e) => (employerCode === null || e.code === employerCode) && (employerCodes === null || employerCodes.includes(e.code)));
}

function evaluationIn(cache: Cache, entry: WholeEntry, parts: () => EmployerEntry[], codes: string[], asOf: IsoDate): Promise<Evaluation> {
  // Employer codes hold no comma (employer.server.ts), so the key names the employers merged.
  const key = `${asOf}|${codes.join(",")}`;
  return remember(entry.evaluations, key, KEEP_EVALUATIONS, async () => {
    const each = await Promise.all(parts().map((p) => employerPartOf(p, asOf)));
    const previous = cache.built.get(key);
    const patch = previous ? patched(previous, each) : null;
    cache.merges[patch ? "patched" : "merged"]++;
    const findings =
      patch ??
      mergeSorted(
        each.map((e) => e.evaluation.findings),
        compareFindings,
      );
    const result = { asOf, findings, months: each.flatMap((e) => e.evaluation.months), configProblems: each.flatMap((e) => e.evaluation.configProblems) };
    cache.built.delete(key);
    cache.built.set(key, { parts: each, result });
    while (cache.built.size > KEEP_EVALUATIONS) cache.built.delete(cache.built.keys().next().value!);
    return result;
  });
}

/**
 * The previous merged evaluation's findings with what changed swapped: an
 * employer's findings that are gone taken out, its new ones placed (by binary
 * search). After a payment only that employer's money part is new, so what is
 * swapped is a few money findings (its people part is the same array), not
 * every finding of the employer, let alone of every employer. The order is
 * the same as a merge afresh: findings of two employers never tie, nor do an
 * employer's people and money findings (they differ in rule). Null (merge
 * afresh) when much changed, such as an employer's people part.
 */
function patched(previous: Built, each: Part[]): Finding[] | null {
  const gone: (readonly Finding[])[] = [];
  const fresh: (readonly Finding[])[] = [];
  let changes = 0;
  for (let i = 0; i < each.length; i++) {
    const before = previous.parts[i]!;
    const after = each[i]!;
    if (before.evaluation === after.evaluation) continue;
    if (before.base === after.base) {
      gone.push(before.money);
      fresh.push(after.money);
      changes += before.money.length + after.money.length;
    } else {
      gone.push(before.evaluation.findings);
      fresh.push(after.evaluation.findings);
      changes += before.evaluation.findings.length + after.evaluation.findings.length;
    }
  }
  if (changes * 8 > previous.result.findings.length) return null;
  const removed = new Set(gone.flat());
  const added = fresh.flat().sort(compareFindings);
  const kept = removed.size === 0 ? previous.result.findings : previous.result.findings.filter((f) => !removed.has(f));
  return added.length === 0 ? kept : mergeSorted([kept, added], compareFindings);
}

/** The whole installation evaluated as of D (cached; treat the result as read-only). */
export async function cachedEvaluation(db: Db, asOf: IsoDate): Promise<Evaluation> {
  return evaluationFor(db, asOf, null, null);
}

/**
 * The evaluation of the employers a page shows: one employer (its own,
 * cached), an account's employers (theirs merged, in the engine's order), or
 * all of them. Only those employers are loaded.
 */
export async function evaluationFor(db: Db, asOf: IsoDate, employerCode?: string | null, employerCodes: readonly string[] | null = null): Promise<Evaluation> {
  const { cache, entry, versions, partsOf } = await wholeEntry(db);
  const list = employersIn(versions, employerCode ?? null, employerCodes);
  if (list.length === 0) return { asOf, findings: [], months: [], configProblems: [] };
  if (list.length === 1) return employerEvaluationOf(partsOf(list)[0]!, asOf);
  return evaluationIn(cache, entry, () => partsOf(list), list.map((e) => e.code), asOf);
}

/** The dashboard's figures as of D for all employers or one (cached per employer, combined). */
export async function cachedDashboard(db: Db, asOf: IsoDate, employerCode: string | null, employerCodes: readonly string[] | null = null): Promise<DashboardFigures> {
  const { entry, versions, partsOf } = await wholeEntry(db);
  return remember(entry.figures, `${asOf}|${employerCode ?? ""}|${employerCodes?.join(",") ?? "*"}`, KEEP_FIGURES, async () =>
    combineDashboards((await Promise.all(partsOf(employersIn(versions, employerCode, employerCodes)).map((p) => employerFigures(p, asOf)))).flat(), asOf, employerCode),
  );
}

/**
 * One employer's engine input (what `loadEngineInput(db, { employerCodes: [code] })`
 * reads) and its evaluation as of D, both from the cache: the month view and
 * the collection case.
 */
export async function cachedEmployerView(db: Db, asOf: IsoDate, employerCode: string): Promise<{ input: EngineInput; evaluation: Evaluation }> {
  const { versions, partsOf } = await wholeEntry(db);
  const v = versions.employers.find((e) => e.code === employerCode);
  if (!v) return { input: await loadEngineInput(db, { employerCodes: [employerCode] }), evaluation: { asOf, findings: [], months: [], configProblems: [] } };
  const part = partsOf([v])[0]!;
  return { input: (await part.index).input, evaluation: await employerEvaluationOf(part, asOf) };
}

/**
 * A figure derived from the data, computed once per data version and key:
 * the dashboard's pieces that would otherwise be computed on every request.
 * `people`: the figure reads nothing of payments and collection actions, so a
 * payment keeps it.
 */
export async function cachedPerVersion<T>(db: Db, key: string, make: () => Promise<T>, options: { people?: boolean } = {}): Promise<T> {
  const { cache, entry, versions } = await wholeEntry(db);
  if (!options.people) return remember(entry.derived as Map<string, Promise<T>>, key, KEEP_FIGURES * 4, make);
  if (!cache.people || cache.people.version !== versions.people) cache.people = { version: versions.people, derived: new Map() };
  return remember(cache.people.derived as Map<string, Promise<T>>, key, KEEP_FIGURES * 4, make);
}

/**
 * "What to do today" as of D for all employers or one (issue 20): the ranked
 * actions of app/rules/today.ts, with each month's late-fee rate from its
 * policy; kept per employer and merged.
 */
export async function todayList(db: Db, asOf: IsoDate, employerCode: string | null, employerCodes: readonly string[] | null = null): Promise<TodayAction[]> {
  const { entry, versions, partsOf } = await wholeEntry(db);
  return remember(entry.derived as Map<string, Promise<TodayAction[]>>, `today|${asOf}|${employerCode ?? ""}|${employerCodes?.join(",") ?? "*"}`, KEEP_FIGURES * 4, async () =>
    mergeTodayActions((await Promise.all(partsOf(employersIn(versions, employerCode, employerCodes)).map((p) => employerToday(p, asOf)))).flat()),
  );
}
