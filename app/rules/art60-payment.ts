/**
 * Art. 60 payment and art. 86 late fee: tranches, filling (Civil Code art. 560
 * order), unpaid / late-paid months and the exact integer late fee.
 */
import { dayNumber, daysBetween } from "./dates";
import { monthFinding } from "./findings";
import { lateFeeOf, yuanPlain } from "./money";
import type { Fen, Finding, IsoDate, Month, Stage, Tranche } from "./types";

/** A payment falls "due soon" within 7 days. */
export const PAYMENT_DUE_SOON_DAYS = 7;

export interface PaymentLike {
  paidOn: IsoDate;
  amount: Fen;
}

export interface Filling {
  /** Tranches of non-zero amount in due-date order, as filled by the payments dated ≤ D. */
  tranches: Tranche[];
  paid: Fen;
  overpaid: Fen;
  /** Σ amount × days late, the late-fee base `N`. */
  n: number;
  /** Missing from tranches with `t < D`. */
  overdue: Fen;
  /** The first open tranche with `t < D` makes the month unpaid. */
  firstOverdue: Tranche | null;
  /** The earliest open tranche with `D ≤ t`. */
  nextOpen: Tranche | null;
  /** The tranche filled the most days after its `t` (ties: the earlier `t`), and those days. */
  latest: { tranche: Tranche; days: number } | null;
}

/**
 * Fill the tranches with the payments dated ≤ D in date order. Each payment
 * goes into the first tranche not yet full and overflows into the next.
 * `dues` must be sorted by due date, with distinct dates.
 */
export function fillTranches(dues: readonly { dueDate: IsoDate; amount: Fen }[], payments: readonly PaymentLike[], asOf: IsoDate): Filling {
  const tranches: Tranche[] = dues
    .filter((d) => d.amount > 0)
    .map((d) => ({ dueDate: d.dueDate, amount: d.amount, paid: 0, filledOn: null }));
  const counted = payments.filter((p) => p.paidOn <= asOf).sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
  let n = 0;
  let paid = 0;
  let overpaid = 0;
  let i = 0;
  for (const p of counted) {
    paid += p.amount;
    let left = p.amount;
    const payDay = dayNumber(p.paidOn);
    while (left > 0 && i < tranches.length) {
      const t = tranches[i]!;
      const put = Math.min(left, t.amount - t.paid);
      t.paid += put;
      left -= put;
      const late = payDay - dayNumber(t.dueDate);
      if (late > 0) n += put * late;
      if (t.paid === t.amount) {
        t.filledOn = p.paidOn;
        i++;
      }
    }
    overpaid += left;
  }
  const asOfDay = dayNumber(asOf);
  let overdue = 0;
  let firstOverdue: Tranche | null = null;
  let nextOpen: Tranche | null = null;
  let latest: Filling["latest"] = null;
  for (const t of tranches) {
    if (t.filledOn === null) {
      const missing = t.amount - t.paid;
      if (t.dueDate < asOf) {
        overdue += missing;
        n += missing * (asOfDay - dayNumber(t.dueDate));
        if (firstOverdue === null) firstOverdue = t;
      } else if (nextOpen === null) {
        nextOpen = t;
      }
    } else if (t.filledOn > t.dueDate) {
      const days = dayNumber(t.filledOn) - dayNumber(t.dueDate);
      if (latest === null || days > latest.days) latest = { tranche: t, days };
    }
  }
  return { tranches, paid, overpaid, n, overdue, firstOverdue, nextOpen, latest };
}

/** Art. 86: `round_half_up(N × late_fee_ppm_per_day / 1 000 000)` fen. */
export function lateFee(filling: Pick<Filling, "n">, ppmPerDay: number): Fen {
  return lateFeeOf(filling.n, ppmPerDay);
}

/**
 * The payment findings of month M as of D (SPEC §5): PAYMENT_DUE_SOON for the
 * earliest open tranche with `t ≥ D` within 7 days, UNPAID while an open
 * tranche has `t < D` (with its collection stage), else LATE_PAYMENT where a
 * tranche was filled after its due date.
 */
export function paymentFindings(
  employerCode: string,
  month: Month,
  required: Fen,
  filling: Filling,
  fee: Fen,
  stage: Stage | null,
  asOf: IsoDate,
  out: Finding[],
): void {
  const base = monthFinding(employerCode, month);
  if (filling.nextOpen && daysBetween(asOf, filling.nextOpen.dueDate) <= PAYMENT_DUE_SOON_DAYS) {
    const t = filling.nextOpen;
    out.push({
      ...base,
      rule: "ART60_PAYMENT_DUE_SOON",
      article: "60",
      severity: "warning",
      status: "open",
      dueDate: t.dueDate,
      days: daysBetween(asOf, t.dueDate),
      detail: `¥${yuanPlain(t.amount - t.paid)} for ${month} falls due on ${t.dueDate}.`,
    });
  }
  if (filling.firstOverdue !== null) {
    const t = filling.firstOverdue;
    out.push({
      ...base,
      rule: "ART60_UNPAID",
      article: "60;63",
      severity: "breach",
      status: "open",
      dueDate: t.dueDate,
      days: daysBetween(t.dueDate, asOf),
      outstanding: filling.overdue,
      lateFee: fee,
      stage,
      detail: `¥${yuanPlain(filling.overdue)} for ${month} unpaid since ${t.dueDate}; late fee ¥${yuanPlain(fee)}.`,
    });
  } else if (required > 0 && filling.latest) {
    const { tranche, days } = filling.latest;
    out.push({
      ...base,
      rule: "ART60_LATE_PAYMENT",
      article: "60",
      severity: "breach",
      status: "closed",
      dueDate: tranche.dueDate,
      days,
      lateFee: fee,
      detail: `Premiums for ${month} paid ${days} days after ${tranche.dueDate}; late fee ¥${yuanPlain(fee)}.`,
    });
  }
}
