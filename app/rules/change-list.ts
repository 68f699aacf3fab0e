/**
 * The month's change list (增减员) for one employer and month M: what HR
 * submits to the agency.
 *
 * - additions: employees whose first liable month is M (hired in M), or who are
 *   liable in M and still have no application date (SPEC §2) — the 增员;
 * - reductions: employees whose employment ended in M − 1 (liable for M − 1,
 *   not for M: their insurance stops from M), with the art. 50 ¶1 report
 *   deadline (SPEC §4) and the report date — the 减员;
 * - base changes: where M begins an `annual` contribution year (SPEC §3),
 *   employees liable in M − 1 and M whose basis changes at the turn.
 *
 * Each row carries its state as recorded (to submit, submitted on DATE,
 * accepted, refused with the agency's reason). The region's policy for M may
 * carry a cut-off day: additions submitted after it are back payments (补缴)
 * of M. Pure: no database, no clock (D is given).
 */
import { terminationReportDeadline } from "./art50-termination";
import { basisOf, baseRuleOf, baseYearStartOf, contributionYearStart, isLiable } from "./contributions";
import { addMonths, daysBetween, daysInMonth, monthOf, type WorkCalendar } from "./dates";
import type { Fen, IsoDate, Month, PolicyVersion, WageRow } from "./types";

export const CHANGE_KINDS = ["addition", "reduction", "base_change"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_STATES = ["submitted", "accepted", "refused"] as const;
export type RecordedState = (typeof CHANGE_STATES)[number];
export type ChangeState = "to_submit" | RecordedState;

export interface ChangeEmployee {
  employeeId: number;
  employeeNo: string;
  name: string;
  hireDate: IsoDate;
  terminationDate: IsoDate | null;
  wages: readonly WageRow[];
  appliedOn: IsoDate | null;
  registeredOn: IsoDate | null;
  terminationReportedOn: IsoDate | null;
}

/** What HR recorded for one row. */
export interface ChangeEntry {
  employeeId: number;
  kind: ChangeKind;
  state: RecordedState;
  submittedOn: IsoDate | null;
  decidedOn: IsoDate | null;
  reason: string;
}

export interface ChangeRow {
  kind: ChangeKind;
  employeeId: number;
  employeeNo: string;
  name: string;
  hireDate: IsoDate;
  terminationDate: IsoDate | null;
  /** Additions: hired in M (`hire`) or still unregistered from an earlier month (`unregistered`). */
  reason: "hire" | "unregistered" | "terminated" | "year_turn";
  /** The basis for M (additions and base changes; null for reductions or without a policy). */
  basis: Fen | null;
  /** Base changes: the basis of M − 1. */
  previousBasis: Fen | null;
  /** Reductions: the art. 50 report deadline and the report date recorded. */
  reportDeadline: IsoDate | null;
  terminationReportedOn: IsoDate | null;
  state: ChangeState;
  submittedOn: IsoDate | null;
  decidedOn: IsoDate | null;
  refusal: string;
  /** An addition submitted after the cut-off: a back payment (补缴) of M. */
  backPayment: boolean;
}

export interface ChangeListInput {
  month: Month;
  asOf: IsoDate;
  /** The policy in force for M and for M − 1 (null where none). */
  policy: PolicyVersion | null;
  previousPolicy: PolicyVersion | null;
  /** The cut-off day (1–31) of the version in force for M, or null. */
  cutoffDay: number | null;
  calendar: WorkCalendar;
  employees: readonly ChangeEmployee[];
  entries: readonly ChangeEntry[];
}

export interface ChangeList {
  month: Month;
  /** The cut-off date in M (a day past the month's end is its last day), or null. */
  cutoff: IsoDate | null;
  /** `cutoff − D` (negative once it has passed), or null. */
  daysLeft: number | null;
  /** M begins an `annual` contribution year. */
  yearTurn: boolean;
  rows: ChangeRow[];
  counts: Record<ChangeState, number>;
}

/** The cut-off date of month M for a cut-off day (clamped to the month's last day). */
export function cutoffDate(month: Month, day: number): IsoDate {
  const last = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return `${month}-${String(Math.min(day, last)).padStart(2, "0")}`;
}

const KIND_ORDER: Record<ChangeKind, number> = { addition: 0, reduction: 1, base_change: 2 };

export function changeList(input: ChangeListInput): ChangeList {
  const { month, asOf, policy, previousPolicy, calendar } = input;
  const prev = addMonths(month, -1);
  const cutoff = input.cutoffDay === null ? null : cutoffDate(month, input.cutoffDay);
  const yearTurn = policy !== null && baseRuleOf(policy) === "annual" && contributionYearStart(month, baseYearStartOf(policy)) === month;
  const entries = new Map(input.entries.map((e) => [`${e.kind}:${e.employeeId}`, e]));
  const rows: ChangeRow[] = [];

  const push = (e: ChangeEmployee, kind: ChangeKind, extra: Pick<ChangeRow, "reason" | "basis" | "previousBasis" | "reportDeadline">) => {
    const entry = entries.get(`${kind}:${e.employeeId}`);
    let state: ChangeState = entry?.state ?? "to_submit";
    let submittedOn = entry?.submittedOn ?? null;
    // A leaver whose termination report is on record was submitted, whoever recorded it.
    if (kind === "reduction" && entry === undefined && e.terminationReportedOn !== null) {
      state = "submitted";
      submittedOn = e.terminationReportedOn;
    }
    rows.push({
      kind,
      employeeId: e.employeeId,
      employeeNo: e.employeeNo,
      name: e.name,
      hireDate: e.hireDate,
      terminationDate: e.terminationDate,
      ...extra,
      terminationReportedOn: e.terminationReportedOn,
      state,
      submittedOn,
      decidedOn: entry?.decidedOn ?? null,
      refusal: entry?.state === "refused" ? entry.reason : "",
      backPayment: kind === "addition" && cutoff !== null && submittedOn !== null && submittedOn > cutoff,
    });
  };

  for (const e of input.employees) {
    const liableNow = isLiable(e.hireDate, e.terminationDate, month);
    const basisNow = liableNow && policy !== null ? basisOf(e, month, policy).basis : null;
    if (liableNow) {
      const hiredNow = monthOf(e.hireDate) === month;
      const unregistered = e.appliedOn === null && e.registeredOn === null;
      // A recorded addition stays on its month's list whatever is registered since.
      if (hiredNow || unregistered || entries.has(`addition:${e.employeeId}`)) {
        push(e, "addition", { reason: hiredNow ? "hire" : "unregistered", basis: basisNow, previousBasis: null, reportDeadline: null });
        continue;
      }
    }
    if (e.terminationDate !== null && monthOf(e.terminationDate) === prev) {
      push(e, "reduction", {
        reason: "terminated",
        basis: null,
        previousBasis: null,
        reportDeadline: terminationReportDeadline(e.terminationDate, calendar),
      });
      continue;
    }
    if (yearTurn && liableNow && previousPolicy !== null && isLiable(e.hireDate, e.terminationDate, prev)) {
      const before = basisOf(e, prev, previousPolicy).basis;
      if (basisNow !== null && before !== basisNow) push(e, "base_change", { reason: "year_turn", basis: basisNow, previousBasis: before, reportDeadline: null });
    }
  }
  rows.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0));
  const counts: Record<ChangeState, number> = { to_submit: 0, submitted: 0, accepted: 0, refused: 0 };
  for (const r of rows) counts[r.state]++;
  return { month, cutoff, daysLeft: cutoff === null ? null : daysBetween(asOf, cutoff), yearTurn, rows, counts };
}
