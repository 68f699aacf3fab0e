/** Reading the audit log: newest first, filtered, 50 a page with keyset pagination on id. */
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
}

export function auditPage(db: Db, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.actor) where.push(eq(auditLog.actor, q.actor));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lt(auditLog.at, addDays(q.to, 1)));
  const base = [...where];
  const backwards = q.after !== undefined && q.before === undefined;
  if (q.before !== undefined) where.push(lt(auditLog.id, q.before));
  else if (q.after !== undefined) where.push(gt(auditLog.id, q.after));
  let rows = db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(backwards ? asc(auditLog.id) : desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .all();
  const more = rows.length > AUDIT_PAGE_SIZE;
  rows = rows.slice(0, AUDIT_PAGE_SIZE);
  if (backwards) rows.reverse();
  const first = rows[0]?.id;
  const last = rows.at(-1)?.id;
  const exists = (cond: SQL) => db.select({ id: auditLog.id }).from(auditLog).where(and(...base, cond)).limit(1).get() !== undefined;
  return {
    rows: rows.map((r) => ({ ...r, before: r.before === null ? null : JSON.stringify(r.before, null, 1), after: r.after === null ? null : JSON.stringify(r.after, null, 1) })),
    olderThan: last !== undefined && (backwards ? exists(lt(auditLog.id, last)) : more) ? last : null,
    newerThan: first !== undefined && (backwards ? more : exists(gt(auditLog.id, first))) ? first : null,
  };
}

/** The distinct entities, actions and actors, for the filter lists. */
export function auditFacets(db: Db) {
  const distinct = (col: typeof auditLog.entity | typeof auditLog.action | typeof auditLog.actor) =>
    db.selectDistinct({ v: col }).from(auditLog).orderBy(asc(col)).all().map((r) => r.v);
  return { entities: distinct(auditLog.entity), actions: distinct(auditLog.action), actors: distinct(auditLog.actor) };
}
