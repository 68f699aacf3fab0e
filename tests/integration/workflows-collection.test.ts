/**
 * Collection cases (art. 63): the unpaid months of an employer, each with its
 * stage as the as-of date moves; recording actions with the import's rules;
 * every write audit-logged, every refusal writing nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/connection";
import { collectionCase, recordCollectionAction } from "~/models/collection.server";
import { prepareDeclaration } from "~/models/declaration.server";
import { recordPayment } from "~/models/payment.server";
import type { Result as WfResult } from "~/shared/validation";
import { ACTOR, count, workflowDb } from "./workflows-fixture";

let db: Db;
beforeEach(async () => {
  db = await workflowDb();
  expect((await prepareDeclaration(db, ACTOR, { employer: "ACME", period: "2026-03", declaredOn: "2026-03-10" })).ok).toBe(true);
  expect((await recordPayment(db, ACTOR, { employer: "ACME", period: "2026-03", paidOn: "2026-03-10", amount: "1000.00", reference: "R1" })).ok).toBe(true);
});

const record = async (raw: Record<string, string>) => await recordCollectionAction(db, ACTOR, { employer: "ACME", ...raw });
/** The case's row for 2026-03 (the employee has worked, unpaid, since 2025-01). */
const march = async (asOf: string) => (await collectionCase(db, "ACME", asOf))!.months.find((m) => m.period === "2026-03")!;
const codeOf = (r: WfResult, field: string) => (r.ok ? undefined : r.errors[field]?.code);

describe("collection case", () => {
  it("lists the unpaid months and moves the stage with the as-of date", async () => {
    const before = (await collectionCase(db, "ACME", "2026-03-20"))!;
    expect(before.months.map((m) => m.period)).toContain("2025-01");
    expect(await march("2026-03-20")).toMatchObject({ period: "2026-03", outstanding: 181_600, stage: "overdue", timeLimit: null });
    const audit0 = await count(db, "audit_log");
    expect((await record({ kind: "order", actionDate: "2026-03-20", periods: "2026-03", timeLimit: "2026-03-31" })).ok).toBe(true);
    expect(await count(db, "audit_log")).toBe(audit0 + 1);
    expect(await march("2026-03-25")).toMatchObject({ stage: "ordered", timeLimit: "2026-03-31", daysLeft: 6 });
    expect(await march("2026-03-31")).toMatchObject({ stage: "ordered", daysLeft: 0 });
    const expired = (await collectionCase(db, "ACME", "2026-04-01"))!;
    expect(await march("2026-04-01")).toMatchObject({ stage: "order_expired", daysLeft: -1 });
    expect(expired.findings.find((f) => f.rule === "ART63_ORDER_EXPIRED" && f.period === "2026-03")?.exposure).toMatchObject({ article: "86", fineMin: 181_600, fineMax: 544_800 });
    // An action dated after D does not exist yet.
    expect((await march("2026-03-19")).stage).toBe("overdue");
    expect((await collectionCase(db, "ACME", "2026-03-19"))!.actions[0]!.afterAsOf).toBe(true);
  });

  it("shows a guarantee's installment plan met and missed", async () => {
    expect((await record({ kind: "guarantee", actionDate: "2026-04-01", periods: "2026-03" })).ok).toBe(true);
    expect((await record({ kind: "installment", actionDate: "2026-04-01", periods: "2026-03", dueOn: "2026-04-10", amount: "900.00" })).ok).toBe(true);
    expect((await record({ kind: "installment", actionDate: "2026-04-01", periods: "2026-03", dueOn: "2026-04-20", amount: "916.00" })).ok).toBe(true);
    expect((await recordPayment(db, ACTOR, { employer: "ACME", period: "2026-03", paidOn: "2026-04-09", amount: "900.00", reference: "R2" })).ok).toBe(true);
    const c = (await collectionCase(db, "ACME", "2026-04-25"))!;
    expect(c.agreements).toEqual([
      {
        actionDate: "2026-04-01",
        periods: ["2026-03"],
        installments: [
          { dueOn: "2026-04-10", amount: 90_000, status: "met" },
          { dueOn: "2026-04-20", amount: 91_600, status: "missed" },
        ],
        missedOutstanding: 91_600,
      },
    ]);
    expect((await march("2026-04-25")).stage).toBe("installment_missed");
    expect((await march("2026-04-15")).stage).toBe("deferred");
    expect((await collectionCase(db, "ACME", "2026-04-15"))!.agreements[0]!.installments[1]!.status).toBe("upcoming");
  });

  it("refuses what the import refuses, writing nothing", async () => {
    expect((await record({ kind: "guarantee", actionDate: "2026-04-01", periods: "2026-03" })).ok).toBe(true);
    const audit0 = await count(db, "audit_log");
    const rows0 = await count(db, "collection_actions");
    const cases: [Record<string, string>, string, string][] = [
      [{ kind: "order", actionDate: "2026-04-01", periods: "2026-03" }, "timeLimit", "required"],
      [{ kind: "order", actionDate: "2026-04-01", periods: "2026-03", timeLimit: "2026-03-31" }, "timeLimit", "timeLimitBeforeAction"],
      [{ kind: "installment", actionDate: "2026-04-01", periods: "2026-03", amount: "10" }, "dueOn", "required"],
      [{ kind: "installment", actionDate: "2026-04-01", periods: "2026-03", dueOn: "2026-04-10" }, "amount", "required"],
      [{ kind: "installment", actionDate: "2026-04-01", periods: "2026-03", dueOn: "2026-04-10", amount: "0" }, "amount", "notPositive"],
      [{ kind: "guarantee", actionDate: "2026-04-02", periods: "2026-02;2026-03" }, "periods", "agreementOverlap"],
      [{ kind: "guarantee", actionDate: "2026-04-01", periods: "2026-03" }, "form", "alreadyRecorded"],
      [{ kind: "seizure", actionDate: "2026-04-01", periods: "2026-03" }, "kind", "required"],
      [{ kind: "court", actionDate: "2026-04-31", periods: "2026-03" }, "actionDate", "invalidDate"],
      [{ kind: "court", actionDate: "2026-04-01", periods: "2026-3" }, "periods", "invalidMonth"],
      [{ kind: "court", actionDate: "2026-04-01", periods: "" }, "periods", "required"],
      [{ kind: "court", actionDate: "2026-04-01", periods: "2026-03", employer: "NOPE" }, "employer", "noEmployer"],
    ];
    for (const [raw, field, code] of cases) expect(codeOf(await record(raw), field), JSON.stringify(raw)).toBe(code);
    expect(await count(db, "audit_log")).toBe(audit0);
    expect(await count(db, "collection_actions")).toBe(rows0);
    expect(await collectionCase(db, "NOPE", "2026-04-01")).toBeNull();
  });
});
