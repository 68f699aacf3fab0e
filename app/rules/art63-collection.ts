/**
 * Art. 63: the collection ladder — orders with a time limit, bank inquiry and
 * allocation, guarantees with deferred-payment agreements and their
 * installments, and court enforcement.
 */
import type { CollectionActionInput, Fen, IsoDate, Month, Stage } from "./types";
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
