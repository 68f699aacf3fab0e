import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { EVERY_RULE_AS_OF, everyRuleInput, finding } from "./test-fixtures";
import { dailyLateFee, todayActions } from "./today";
import type { Evaluation, Finding } from "./types";

const ev = (findings: Finding[], asOf = "2026-12-02"): Evaluation => ({ asOf, findings, months: [], configProblems: [] });

describe("what to do today", () => {
  it("the daily late fee is 0.05 % of the outstanding, rounded half up (¥22,645.54 → ¥11.32 a day)", () => {
    expect(dailyLateFee(2_264_554, 500)).toBe(1_132);
    expect(dailyLateFee(1_000, 500)).toBe(1); // 0.5 fen rounds up
    expect(dailyLateFee(999, 500)).toBe(0);
  });

  it("puts money that grows first, most at stake first, one action per unpaid month whatever its art. 63 stage", () => {
    const fs = [
      finding({ rule: "ART58_REGISTRATION_DUE_SOON", severity: "warning", employeeNo: "E1", employeeName: "甲", days: 1, dueDate: "2026-12-03", outstanding: null, lateFee: null, stage: null }),
      finding({ period: "2026-10", outstanding: 500_000, lateFee: 10_000 }),
      finding({ period: "2026-11", outstanding: 2_264_554, lateFee: 2_000 }),
      finding({ rule: "ART63_ORDERED", period: "2026-11", outstanding: 2_264_554, lateFee: null, stage: "ordered" }),
    ];
    const list = todayActions(ev(fs));
    expect(list.map((a) => [a.kind, a.period])).toEqual([
      ["pay", "2026-11"],
      ["pay", "2026-10"],
      ["register", null],
    ]);
    expect(list[0]).toMatchObject({ tier: 1, amount: 2_264_554, dailyLateFee: 1_132, rules: ["ART60_UNPAID", "ART63_ORDERED"] });
    expect(list[2]).toMatchObject({ tier: 2, count: 1, employeeNo: "E1", employeeName: "甲", days: 1 });
  });

  it("an expired order's fine counts in what is at stake; the policy's late-fee rate sets the daily growth", () => {
    const fs = [
      finding({ period: "2026-10", outstanding: 300_000 }),
      finding({ rule: "ART63_ORDER_EXPIRED", severity: "critical", period: "2026-10", outstanding: 300_000, lateFee: null, stage: "order_expired", exposure: { article: "86", fineMin: 300_000, fineMax: 900_000 } }),
      finding({ period: "2026-11", outstanding: 1_000_000 }),
    ];
    const list = todayActions(ev(fs), { lateFeePpm: (_e, p) => (p === "2026-10" ? 1_000 : 500) });
    expect(list.map((a) => a.period)).toEqual(["2026-10", "2026-11"]);
    expect(list[0]).toMatchObject({ fineMax: 900_000, dailyLateFee: 300 });
  });

  it("deadlines within three days come before overdue paperwork; later deadlines do not appear; registrations group per employer", () => {
    const reg = (no: string, days: number) => finding({ rule: "ART58_REGISTRATION_DUE_SOON", severity: "warning", employeeNo: no, employeeName: no, days, dueDate: `2026-12-0${2 + days}`, period: null, outstanding: null, lateFee: null, stage: null });
    const fs = [
      finding({ rule: "ART60_STATEMENT_MISSING", employeeNo: "S1", period: "2026-10", outstanding: null, lateFee: null, stage: null }),
      reg("E1", 3),
      reg("E2", 0),
      reg("E3", 5), // not within three days
      finding({ rule: "ART60_PAYMENT_DUE_SOON", severity: "warning", period: "2026-11", dueDate: "2026-12-04", days: 2, outstanding: 1_500_000, lateFee: null, stage: null }),
    ];
    const list = todayActions(ev(fs));
    expect(list.map((a) => [a.tier, a.kind, a.count])).toEqual([
      [2, "register", 2],
      [2, "payDue", 1],
      [3, "statements", 1],
    ]);
    expect(list[0]).toMatchObject({ dueDate: "2026-12-02", days: 0, employeeNo: null });
  });

  it("closed findings never appear, and the list stops at five", () => {
    const fs = Array.from({ length: 8 }, (_, i) => finding({ period: `2026-0${i + 1}`, outstanding: 1000 * (i + 1) }));
    expect(todayActions(ev([...fs, finding({ status: "closed", period: "2025-01", outstanding: 9_999_999 })])).map((a) => a.period)).toEqual(["2026-08", "2026-07", "2026-06", "2026-05", "2026-04"]);
  });

  it("on an installation breaking every rule, the most expensive open item comes first", () => {
    const e = evaluate(everyRuleInput(), EVERY_RULE_AS_OF);
    const list = todayActions(e);
    expect(list.length).toBe(5);
    const stake = (a: (typeof list)[number]) => (a.amount ?? 0) + (a.fineMax ?? 0);
    const tier1 = list.filter((a) => a.tier === 1);
    expect(tier1.length).toBeGreaterThan(0);
    expect(list[0]!.tier).toBe(1);
    // The top action is the open month with the most at stake (outstanding + any art. 86 fine maximum).
    const stakes = new Map<string, number>();
    for (const f of e.findings.filter((x) => x.status === "open" && x.period && ["ART60_UNPAID", "ART63_ORDERED", "ART63_ORDER_EXPIRED", "ART63_COURT_ENFORCEMENT", "ART63_INSTALLMENT_MISSED"].includes(x.rule))) {
      const k = `${f.rule === "ART63_INSTALLMENT_MISSED" ? "i" : "m"}|${f.period}`;
      stakes.set(k, Math.max(stakes.get(k) ?? 0, f.outstanding ?? 0) + (f.exposure?.fineMax ?? 0));
    }
    expect(stake(list[0]!)).toBe(Math.max(...stakes.values()));
    for (let i = 1; i < tier1.length; i++) expect(stake(tier1[i - 1]!)).toBeGreaterThanOrEqual(stake(tier1[i]!));
  });
});
