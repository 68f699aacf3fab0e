/**
 * Reading the recorded payments (SPEC §2): filtered, sorted and paged in SQL
 * (a COUNT, then one page by ORDER BY … LIMIT). Who recorded a payment and
 * when come from its audit-log entry (a payment recorded on the month page
 * has one of its own; an imported file has one entry for the whole file).
 */
import { and, asc, count, desc, eq, gte, inArray, lte, sql, sum, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { auditLog, employers, payments } from "../../db/schema";
import { PAYMENTS_PAGE_SIZE, type PaymentsQuery } from "~/url-state/payments-query";
import { pageWindow } from "~/url-state/search-params";

export interface PaymentListRow {
  id: number;
  employerCode: string;
  period: string;
  paidOn: string;
  amount: number;
  reference: string;
  recordedBy: string | null;
  /** ISO timestamp (UTC) of the audit entry. */
  recordedAt: string | null;
}

/** The audit entry that recorded a payment (joined once, so the table needs no alias). */
const entry = auditLog;

function paymentsFilter(q: PaymentsQuery, scope?: readonly string[] | null): SQL | undefined {
  const where: SQL[] = [];
  if (scope) where.push(inArray(employers.code, [...scope]));
  if (q.employer) where.push(eq(employers.code, q.employer));
  if (q.period) where.push(eq(payments.period, q.period));
  if (q.from) where.push(gte(payments.paidOn, q.from));
  if (q.to) where.push(lte(payments.paidOn, q.to));
  return where.length ? and(...where) : undefined;
}

const SORT_COLUMNS = {
  employer: employers.code,
  period: payments.period,
  paidOn: payments.paidOn,
  amount: payments.amount,
  reference: payments.reference,
  recordedAt: entry.at,
} as const;

async function paymentRows(db: Db, q: PaymentsQuery, filter: SQL | undefined, limit: number, offset: number): Promise<PaymentListRow[]> {
  const column = SORT_COLUMNS[q.sort];
  return await db
    .select({
      id: payments.id,
      employerCode: employers.code,
      period: payments.period,
      paidOn: payments.paidOn,
      amount: payments.amount,
      reference: payments.reference,
      recordedBy: entry.actor,
      recordedAt: entry.at,
    })
    .from(payments)
    .innerJoin(employers, eq(employers.id, payments.employerId))
    .leftJoin(entry, and(eq(entry.entity, "payment"), eq(entry.action, "create"), eq(entry.entityId, sql`cast(${payments.id} as text)`)))
    .where(filter)
    .orderBy(q.dir === "desc" ? desc(column) : asc(column), q.dir === "desc" ? desc(payments.id) : asc(payments.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/** One page of the payments the filters match, their number and their total (fen). */
export async function listPayments(db: Db, q: PaymentsQuery, scope?: readonly string[] | null) {
  const filter = paymentsFilter(q, scope);
  const agg = await db
    .select({ n: count(), amount: sum(payments.amount) })
    .from(payments)
    .innerJoin(employers, eq(employers.id, payments.employerId))
    .where(filter)
    .get();
  const total = agg?.n ?? 0;
  const { page, pageCount, offset } = pageWindow(total, q.page, PAYMENTS_PAGE_SIZE);
  return { rows: await paymentRows(db, q, filter, PAYMENTS_PAGE_SIZE, offset), total, amount: Number(agg?.amount ?? 0), page, pageCount };
}

/** Every matching payment in the list's order, 1,000 at a time (the CSV export). */
export async function* allPayments(db: Db, q: PaymentsQuery, scope?: readonly string[] | null): AsyncGenerator<PaymentListRow> {
  const filter = paymentsFilter(q, scope);
  const batch = 1000;
  for (let offset = 0; ; offset += batch) {
    const rows = await paymentRows(db, q, filter, batch, offset);
    yield* rows;
    if (rows.length < batch) return;
  }
}
