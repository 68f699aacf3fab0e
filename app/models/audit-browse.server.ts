/** Reading the audit log: in time order (newest first unless asked), filtered, 50 a page with keyset pagination on id. */
import { and, asc, desc, eq, gt, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { auditLog } from "../../db/schema";
import { addDays } from "~/rules/dates";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  entity: string;
  action: string;
  actor: string;
  /** Dates (UTC, as stored), inclusive. */
  from?: string;
  to?: string;
  /** Older than this id (next page). */
  before?: number;
  /** Newer than this id (previous page). */
  after?: number;
  /** Time order: newest first (default) or oldest first. */
  dir?: "asc" | "desc";
}

function auditFilter(q: AuditQuery): SQL[] {
  const where: SQL[] = [];
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.actor) where.push(eq(auditLog.actor, q.actor));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lt(auditLog.at, addDays(q.to, 1)));
  return where;
}

function shown(r: typeof auditLog.$inferSelect) {
  return { ...r, before: r.before === null ? null : JSON.stringify(r.before, null, 1), after: r.after === null ? null : JSON.stringify(r.after, null, 1) };
}

/**
 * One page of the log in time order (`dir`, newest first by default), by
 * keyset on id: `before` = older than this id, `after` = newer than it.
 * `olderThan` / `newerThan` are the ids to page on with, or null at an end.
 */
export async function auditPage(db: Db, q: AuditQuery) {
  const base = auditFilter(q);
  const where = [...base];
  const newestFirst = (q.dir ?? "desc") === "desc";
  // Read from the cursor outwards: older pages newest first, newer pages oldest first.
  const towardsNewer = q.before === undefined && (q.after !== undefined || !newestFirst);
  if (q.before !== undefined) where.push(lt(auditLog.id, q.before));
  else if (q.after !== undefined) where.push(gt(auditLog.id, q.after));
  let rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(towardsNewer ? asc(auditLog.id) : desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .all();
  const more = rows.length > AUDIT_PAGE_SIZE;
  rows = rows.slice(0, AUDIT_PAGE_SIZE);
  if (towardsNewer === newestFirst) rows.reverse();
  const ids = rows.map((r) => r.id);
  const min = ids.length ? Math.min(...ids) : undefined;
  const max = ids.length ? Math.max(...ids) : undefined;
  const exists = async (cond: SQL) => await db.select({ id: auditLog.id }).from(auditLog).where(and(...base, cond)).limit(1).get() !== undefined;
  return {
    rows: rows.map(shown),
    olderThan: min !== undefined && (towardsNewer ? await exists(lt(auditLog.id, min)) : more) ? min : null,
    newerThan: max !== undefined && (towardsNewer ? more : await exists(gt(auditLog.id, max))) ? max : null,
  };
}

/** Every entry the filters match in time order (`dir`), 1,000 at a time by keyset on id (the CSV export). */
export async function* auditEntries(db: Db, q: AuditQuery) {
  const base = auditFilter(q);
  const newestFirst = (q.dir ?? "desc") === "desc";
  let cursor: number | undefined;
  for (;;) {
    const where = [...base];
    if (cursor !== undefined) where.push(newestFirst ? lt(auditLog.id, cursor) : gt(auditLog.id, cursor));
    const rows = await db
      .select()
      .from(auditLog)
      .where(where.length ? and(...where) : undefined)
      .orderBy(newestFirst ? desc(auditLog.id) : asc(auditLog.id))
      .limit(1000)
      .all();
    for (const r of rows) yield shown(r);
    if (rows.length < 1000) return;
    cursor = rows.at(-1)!.id;
  }
}

/** The distinct entities, actions and actors, for the filter lists. */
export async function auditFacets(db: Db) {
  const distinct = async (col: typeof auditLog.entity | typeof auditLog.action | typeof auditLog.actor) =>
    (await db.selectDistinct({ v: col }).from(auditLog).orderBy(asc(col)).all()).map((r) => r.v);
  return { entities: await distinct(auditLog.entity), actions: await distinct(auditLog.action), actors: await distinct(auditLog.actor) };
}
