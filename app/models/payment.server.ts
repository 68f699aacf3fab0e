/**
 * Payments (SPEC §2): several per month (partial and back payments), each
 * with a reference unique per employer. One immediate transaction with its
 * audit-log entry.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { employers, payments } from "../../db/schema";
import { audit, type Actor } from "./audit.server";
import { isoDate, isoMonth, requiredText, yuanAmount, fail, validate, type Result } from "~/shared/validation";
import { transaction } from "../../db/transaction";

export const PaymentFormSchema = z.object({
  employer: requiredText(20),
  period: isoMonth(),
  paidOn: isoDate(),
  amount: yuanAmount().refine((fen) => fen > 0, "notPositive"),
  reference: requiredText(100),
});

export async function recordPayment(db: Db, actor: Actor, raw: unknown): Promise<Result> {
  const parsed = validate(PaymentFormSchema, raw);
  if (!parsed.ok) return parsed;
  const { employer: code, ...p } = parsed.value;
  return await transaction(db, async (tx): Promise<Result> => {
      const employer = await tx.select({ id: employers.id }).from(employers).where(eq(employers.code, code)).get();
      if (!employer) return fail("employer", "noEmployer");
      const clash = await tx
        .select({ period: payments.period, paidOn: payments.paidOn })
        .from(payments)
        .where(and(eq(payments.employerId, employer.id), eq(payments.reference, p.reference)))
        .get();
      if (clash) return fail("reference", "referenceUsed", `${clash.period}, ${clash.paidOn}`);
      const row = await tx
        .insert(payments)
        .values({ employerId: employer.id, ...p })
        .returning({ id: payments.id })
        .get();
      await audit(tx, actor, { action: "create", entity: "payment", entityId: row.id, after: { employerCode: code, ...p } });
      return { ok: true, value: row.id };
    },
  );
}
