/**
 * Collection cases (art. 63): an employer's unpaid months as one case, the
 * timeline of actions with each month's stage, the deferred-payment
 * agreements with their installment plans, and recording an action (the
 * import's rules for the `collection` kind, per field). Figures come from the
 * rule engine; writes are one immediate transaction with an audit entry.
 */
import { plainYuanText } from "~/shared/typed-text";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { collectionActions, employers } from "../../db/schema";
import { audit, type Actor } from "./audit.server";
import { findEmployerByCode } from "./month.server";
import { agreementsOf, monthCollection, periodsKey, stageOf } from "~/rules/art63-collection";
import type { PaymentLike } from "~/rules/art60-payment";
import { daysBetween, isValidMonth } from "~/rules/dates";
import { parseYuan } from "~/rules/money";
import { COLLECTION_KINDS, type CollectionActionInput, type CollectionKind, type Fen, type Finding, type IsoDate, type Month, type Stage } from "~/rules/types";
import { isoDate, optionalDate, optionalText, requiredText, fail, validate, type Result, optionalYuanAmount } from "~/shared/validation";
import { cachedEmployerView } from "./evaluation.server";
import { transaction } from "../../db/transaction";

export { COLLECTION_KINDS };

export interface CaseMonth {
  period: Month;
  dueDate: IsoDate;
  outstanding: Fen;
  lateFee: Fen;
  stage: Stage;
  /** The latest order's time limit and the days left (negative: passed). */
  timeLimit: IsoDate | null;
  daysLeft: number | null;
}

/** An act of collection on the case page: the shared shape without the employer, with its row id and note. */
export interface CaseAction extends Omit<CollectionActionInput, "employerCode"> {
  id: number;
  note: string;
  afterAsOf: boolean;
  /** Orders: days from D to the time limit (negative once passed). */
  daysLeft: number | null;
}

export interface CaseAgreement {
  actionDate: IsoDate;
  periods: Month[];
  installments: { dueOn: IsoDate; amount: Fen; status: "met" | "missed" | "upcoming" }[];
  missedOutstanding: Fen | null;
}

export interface CollectionCase {
  employer: { id: number; code: string; name: string; region: string };
  asOf: IsoDate;
  months: CaseMonth[];
  actions: CaseAction[];
  agreements: CaseAgreement[];
  findings: Omit<Finding, "detail">[];
  totalOutstanding: Fen;
  totalLateFee: Fen;
}

export async function collectionCase(db: Db, employerCode: string, asOf: IsoDate): Promise<CollectionCase | null> {
  const employer = await findEmployerByCode(db, employerCode);
  if (!employer) return null;
  const { input, evaluation } = await cachedEmployerView(db, asOf, employer.code);
  const actionsIn = input.collection.filter((a) => a.employerCode === employer.code);
  const paymentsByPeriod = new Map<Month, PaymentLike[]>();
  for (const p of input.payments) {
    if (p.employerCode !== employer.code) continue;
    const list = paymentsByPeriod.get(p.period) ?? [];
    list.push(p);
    paymentsByPeriod.set(p.period, list);
  }
  const agreements = agreementsOf(actionsIn, paymentsByPeriod, asOf);

  const months: CaseMonth[] = evaluation.months
    .filter((m) => m.unpaid)
    .map((m) => {
      const mc = monthCollection(actionsIn, agreements, m.period, asOf);
      const timeLimit = mc.latestOrder?.timeLimit ?? null;
      return {
        period: m.period,
        dueDate: m.dueDate,
        outstanding: m.overdue,
        lateFee: m.lateFee,
        stage: stageOf(mc, asOf),
        timeLimit,
        daysLeft: timeLimit ? daysBetween(asOf, timeLimit) : null,
      };
    });

  const actions: CaseAction[] = (await db
    .select()
    .from(collectionActions)
    .where(eq(collectionActions.employerId, employer.id))
    .orderBy(asc(collectionActions.actionDate), asc(collectionActions.id))
    .all())
    .map((a) => ({
      id: a.id,
      kind: a.kind,
      actionDate: a.actionDate,
      periods: a.periods.split(";"),
      timeLimit: a.timeLimit,
      dueOn: a.dueOn,
      amount: a.amount,
      note: a.note,
      afterAsOf: a.actionDate > asOf,
      daysLeft: a.kind === "order" && a.timeLimit ? daysBetween(asOf, a.timeLimit) : null,
    }));

  const caseAgreements: CaseAgreement[] = agreements.map((ag) => {
    const installments = ag.installments.map((inst) => {
      const due = inst.dueOn!;
      let owed = 0;
      for (const j of ag.installments) if (j.dueOn! <= due) owed += j.amount ?? 0;
      let paid = 0;
      for (const p of ag.periods) for (const pay of paymentsByPeriod.get(p) ?? []) if (pay.paidOn >= ag.guarantee.actionDate && pay.paidOn <= due && pay.paidOn <= asOf) paid += pay.amount;
      const status: "met" | "missed" | "upcoming" = paid >= owed ? "met" : due < asOf ? "missed" : "upcoming";
      return { dueOn: due, amount: inst.amount ?? 0, status };
    });
    return { actionDate: ag.guarantee.actionDate, periods: ag.periods, installments, missedOutstanding: ag.missed?.outstanding ?? null };
  });

  return {
    employer,
    asOf,
    months,
    actions,
    agreements: caseAgreements,
    findings: evaluation.findings
      .filter((f) => f.rule === "ART60_UNPAID" || f.rule.startsWith("ART63_"))
      .map(({ detail: _d, ...f }) => f),
    totalOutstanding: months.reduce((s, m) => s + m.outstanding, 0),
    totalLateFee: months.reduce((s, m) => s + m.lateFee, 0),
  };
}

const periodsField = () =>
  requiredText(400)
    .transform((v) => v.split(/[;,\s]+/).filter((p) => p !== ""))
    .refine((ps) => ps.length > 0, "required")
    .refine((ps) => ps.every(isValidMonth), "invalidMonth")
    .transform((ps) => periodsKey(ps).split(";"));

export const CollectionActionSchema = z
  .object({
    employer: requiredText(20),
    kind: z.enum(COLLECTION_KINDS, { errorMap: () => ({ message: "required" }) }),
    actionDate: isoDate(),
    periods: periodsField(),
    timeLimit: optionalDate(),
    dueOn: optionalDate(),
    amount: optionalYuanAmount(),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "order") {
      if (!v.timeLimit) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["timeLimit"], message: "required" });
      else if (v.timeLimit < v.actionDate) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["timeLimit"], message: "timeLimitBeforeAction" });
    }
    if (v.kind === "installment") {
      if (!v.dueOn) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dueOn"], message: "required" });
      if (v.amount === null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["amount"], message: "required" });
      else if (v.amount <= 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["amount"], message: "notPositive" });
    }
  })
  .transform((v) => ({
    ...v,
    // Only the cells the kind uses are kept (SPEC §2).
    timeLimit: v.kind === "order" ? v.timeLimit : null,
    dueOn: v.kind === "installment" ? v.dueOn : null,
    amount: v.kind === "installment" ? v.amount : null,
  }));

/** Record one collection action. A guarantee over a month already in another agreement is refused. */
export async function recordCollectionAction(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(CollectionActionSchema, raw);
  if (!parsed.ok) return parsed;
  const { employer: code, note, ...a } = parsed.value;
  const periods = a.periods.join(";");
  return await transaction(db, async (tx): Promise<Result> => {
      const employer = await tx.select({ id: employers.id }).from(employers).where(eq(employers.code, code)).get();
      if (!employer) return fail("employer", "noEmployer");
      const existing = await tx
        .select()
        .from(collectionActions)
        .where(and(eq(collectionActions.employerId, employer.id)))
        .all();
      const same = existing.find(
        (e) => e.kind === a.kind && e.actionDate === a.actionDate && e.periods === periods && e.timeLimit === a.timeLimit && e.dueOn === a.dueOn && e.amount === a.amount,
      );
      if (same) return fail("form", "alreadyRecorded");
      if (a.kind === "guarantee") {
        const mine = new Set(a.periods);
        for (const g of existing) {
          if (g.kind !== "guarantee") continue;
          const shared = g.periods.split(";").filter((p) => mine.has(p));
          if (shared.length > 0) return fail("periods", "agreementOverlap", `${shared.join(", ")} (${g.actionDate})`);
        }
      }
      const values = { employerId: employer.id, kind: a.kind, actionDate: a.actionDate, periods, timeLimit: a.timeLimit, dueOn: a.dueOn, amount: a.amount, note };
      const row = await tx.insert(collectionActions).values(values).returning({ id: collectionActions.id }).get();
      await audit(tx, actor, { action: "create", entity: "collection_action", entityId: row.id, after: { employerCode: code, ...a, periods, note } });
      return { ok: true, value: row.id };
    },
  );
}
