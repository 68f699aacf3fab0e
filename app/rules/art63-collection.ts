/**
 * Art. 63: the collection ladder — orders with a time limit, bank inquiry and
 * allocation, guarantees with deferred-payment agreements and their
 * installments, and court enforcement.
 */
import { daysBetween } from "./dates";
import { monthFinding } from "./findings";
import type { CollectionActionInput, Fen, Finding, IsoDate, Month, Stage } from "./types";
import type { PaymentLike } from "./art60-payment";

export function periodsKey(periods: readonly Month[]): string {
  return [...new Set(periods)].sort().join(";");
}

export interface Agreement {
  guarantee: CollectionActionInput;
  periods: Month[];
  installments: CollectionActionInput[];
  /** The earliest unmet installment with `due_on < D`, with its outstanding amount. */
  missed: { installment: CollectionActionInput; outstanding: Fen } | null;
}

/**
 * The agreements of one employer as of D: each `guarantee` with the
 * `installment` actions of exactly the same set of periods.
 * `paymentsByPeriod` holds the employer's payments per month.
 */
export function agreementsOf(
  actions: readonly CollectionActionInput[],
  paymentsByPeriod: ReadonlyMap<Month, readonly PaymentLike[]>,
  asOf: IsoDate,
): Agreement[] {
  const counted = actions.filter((a) => a.actionDate <= asOf);
  const installmentsByKey = new Map<string, CollectionActionInput[]>();
  for (const a of counted) {
    if (a.kind !== "installment" || a.dueOn === null) continue;
    const key = periodsKey(a.periods);
    const list = installmentsByKey.get(key);
    if (list) list.push(a);
    else installmentsByKey.set(key, [a]);
  }
  const out: Agreement[] = [];
  for (const g of counted) {
    if (g.kind !== "guarantee") continue;
    const key = periodsKey(g.periods);
    const periods = key.split(";");
    const installments = [...(installmentsByKey.get(key) ?? [])].sort((a, b) => (a.dueOn! < b.dueOn! ? -1 : a.dueOn! > b.dueOn! ? 1 : 0));
    let missed: Agreement["missed"] = null;
    for (const inst of installments) {
      const due = inst.dueOn!;
      if (!(due < asOf)) break;
      let owed = 0;
      for (const j of installments) if (j.dueOn! <= due) owed += j.amount ?? 0;
      let paid = 0;
      for (const p of periods) {
        for (const pay of paymentsByPeriod.get(p) ?? []) {
          if (pay.paidOn >= g.actionDate && pay.paidOn <= due) paid += pay.amount;
        }
      }
      if (paid < owed) {
        missed = { installment: inst, outstanding: owed - paid };
        break;
      }
    }
    out.push({ guarantee: g, periods, installments, missed });
  }
  return out;
}

export interface MonthCollection {
  latestOrder: CollectionActionInput | null;
  latestCourt: CollectionActionInput | null;
  inAgreement: boolean;
  inMissedAgreement: boolean;
}

/** What the ladder says of month M (actions dated ≤ D covering it). */
export function monthCollection(
  actions: readonly CollectionActionInput[],
  agreements: readonly Agreement[],
  month: Month,
  asOf: IsoDate,
): MonthCollection {
  let latestOrder: CollectionActionInput | null = null;
  let latestCourt: CollectionActionInput | null = null;
  for (const a of actions) {
    if (a.actionDate > asOf || !a.periods.includes(month)) continue;
    if (a.kind === "order") {
      if (
        latestOrder === null ||
        a.actionDate > latestOrder.actionDate ||
        (a.actionDate === latestOrder.actionDate && (a.timeLimit ?? "") > (latestOrder.timeLimit ?? ""))
      )
        latestOrder = a;
    } else if (a.kind === "court") {
      if (latestCourt === null || a.actionDate > latestCourt.actionDate) latestCourt = a;
    }
  }
  let inAgreement = false;
  let inMissedAgreement = false;
  for (const ag of agreements) {
    if (!ag.periods.includes(month)) continue;
    inAgreement = true;
    if (ag.missed) inMissedAgreement = true;
  }
  return { latestOrder, latestCourt, inAgreement, inMissedAgreement };
}

/** The first stage that applies: court, installment_missed, deferred, order_expired, ordered, overdue. */
export function stageOf(c: MonthCollection, asOf: IsoDate): Stage {
  if (c.latestCourt) return "court";
  if (c.inMissedAgreement) return "installment_missed";
  if (c.inAgreement) return "deferred";
  if (c.latestOrder?.timeLimit) return asOf > c.latestOrder.timeLimit ? "order_expired" : "ordered";
  return "overdue";
}

/**
 * The art. 63 findings of an unpaid month M as of D: ORDERED or ORDER_EXPIRED
 * (its latest order), COURT_ENFORCEMENT (a court action covers it).
 */
export function collectionMonthFindings(employerCode: string, month: Month, coll: MonthCollection, stage: Stage, owed: Fen, asOf: IsoDate, out: Finding[]): void {
  const base = { ...monthFinding(employerCode, month), outstanding: owed, stage };
  const order = coll.latestOrder;
  if (order && order.timeLimit) {
    const expired = asOf > order.timeLimit;
    out.push({
      ...base,
      rule: expired ? "ART63_ORDER_EXPIRED" : "ART63_ORDERED",
      article: expired ? "63;86" : "63",
      severity: expired ? "critical" : "breach",
      status: "open",
      dueDate: order.timeLimit,
      days: expired ? daysBetween(order.timeLimit, asOf) : daysBetween(asOf, order.timeLimit),
      exposure: expired ? { article: "86", fineMin: owed, fineMax: owed * 3 } : null,
      detail: expired
        ? `The order of ${order.actionDate} to pay ${month} by ${order.timeLimit} has expired.`
        : `Ordered on ${order.actionDate} to pay ${month} by ${order.timeLimit}.`,
    });
  }
  if (coll.latestCourt) {
    out.push({
      ...base,
      rule: "ART63_COURT_ENFORCEMENT",
      article: "63",
      severity: "critical",
      status: "open",
      dueDate: coll.latestCourt.actionDate,
      days: daysBetween(coll.latestCourt.actionDate, asOf),
      detail: `Court enforcement applied for on ${coll.latestCourt.actionDate} for ${month}.`,
    });
  }
}

/**
 * INSTALLMENT_MISSED for an agreement with a missed installment while any of
 * its (evaluated) months is unpaid; its period is the agreement's earliest
 * month from the go-live month on (null: the agreement raises nothing).
 */
export function installmentMissedFinding(employerCode: string, ag: Agreement, unpaidMonths: ReadonlySet<Month>, trackingFrom: Month | null, asOf: IsoDate): Finding | null {
  if (!ag.missed || !ag.periods.some((p) => unpaidMonths.has(p))) return null;
  const tracked = trackingFrom === null ? ag.periods : ag.periods.filter((p) => p >= trackingFrom);
  if (tracked.length === 0) return null;
  const inst = ag.missed.installment;
  return {
    ...monthFinding(employerCode, tracked[0]!),
    rule: "ART63_INSTALLMENT_MISSED",
    article: "63",
    severity: "critical",
    status: "open",
    dueDate: inst.dueOn!,
    days: daysBetween(inst.dueOn!, asOf),
    outstanding: ag.missed.outstanding,
    detail: `Installment due ${inst.dueOn} under the agreement of ${ag.guarantee.actionDate} (${ag.periods.join(", ")}) was not met.`,
  };
}
