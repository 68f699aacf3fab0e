/**
 * Art. 60 payment and the art. 86 late fee (SPEC §4 tranches, §5 filling,
 * UNPAID / LATE_PAYMENT / PAYMENT_DUE_SOON, §9 examples 6 and 8). Every amount
 * below is worked out by hand: 0.05 % a day, N = Σ amount × days late.
 */
import { describe, expect, it } from "vitest";
import { fillTranches } from "./art60-payment";
import { evaluate } from "./evaluate";
import { employee, EXAMPLE_6_UNPAID, findingsAsOf, input, payment, pct, policy, samplePolicy } from "./test-fixtures";
import type { EngineInput, Finding, MonthSummary, PaymentInput } from "./types";

const PAYMENT_RULES = new Set(["ART60_PAYMENT_DUE_SOON", "ART60_UNPAID", "ART60_LATE_PAYMENT"]);

/** The payment findings of one month as `RULE:due:days:outstanding:lateFee`. */
function paymentStory(inp: EngineInput, asOf: string, period = "2026-03"): string[] {
  return findingsAsOf(inp, asOf, { period })
    .filter((f) => PAYMENT_RULES.has(f.rule))
    .map((f) => `${f.rule}:${f.dueDate}:${f.days}:${f.outstanding ?? "-"}:${f.lateFee ?? "-"}`);
}

function month(inp: EngineInput, asOf: string, period = "2026-03"): MonthSummary {
  return evaluate(inp, asOf).months.find((m) => m.period === period)!;
}

/** One employee of example 1 (¥8,000.00 → 281600 fen a month), March 2026 due 03-15. */
const oneEmployee = (...payments: PaymentInput[]) => input({ payments });

describe("SPEC §9 example 6: ¥2,816.00 due 2026-03-15, ¥1,000.00 paid 03-10 and ¥1,000.00 on 03-20", () => {
  const inp = oneEmployee(payment("2026-03", "2026-03-10", 100_000), payment("2026-03", "2026-03-20", 100_000));

  it("as of 2026-03-31: unpaid, outstanding ¥816.00, 16 days, late fee 903 fen", () => {
    const unpaid = findingsAsOf(inp, "2026-03-31", { rule: "ART60_UNPAID", period: "2026-03" });
    expect(unpaid).toEqual([expect.objectContaining<Partial<Finding>>(EXAMPLE_6_UNPAID)]);
  });

  it("the month's summary agrees", () => {
    expect(month(inp, "2026-03-31")).toMatchObject({
      dueDate: "2026-03-15",
      required: 281_600,
      employerTotal: 197_600,
      employeeTotal: 84_000,
      paid: 200_000,
      overdue: 81_600,
      outstanding: 81_600,
      overpaid: 0,
      lateFee: 903,
      unpaid: true,
    });
  });

  it("paying the remaining ¥816.00 on 03-31 closes it: late payment, 16 days, the same 903 fen", () => {
    const paid = oneEmployee(...inp.payments, payment("2026-03", "2026-03-31", 81_600));
    expect(paymentStory(paid, "2026-04-30")).toEqual(["ART60_LATE_PAYMENT:2026-03-15:16:-:903"]);
    const [f] = findingsAsOf(paid, "2026-04-30", { rule: "ART60_LATE_PAYMENT", period: "2026-03" });
    expect(f).toMatchObject({ article: "60", severity: "breach", status: "closed", stage: null, outstanding: null });
  });
});

describe("the due day and the day after", () => {
  it.each<[string, PaymentInput[], string, string[]]>([
    ["nothing paid, 8 days before", [], "2026-03-07", []],
    ["nothing paid, 7 days before: due soon", [], "2026-03-08", ["ART60_PAYMENT_DUE_SOON:2026-03-15:7:-:-"]],
    ["nothing paid, on the due day: due soon, 0 days, not late", [], "2026-03-15", ["ART60_PAYMENT_DUE_SOON:2026-03-15:0:-:-"]],
    // 281600 × 1 × 500 / 10⁶ = 140.8
    ["nothing paid, the day after: unpaid, 1 day", [], "2026-03-16", ["ART60_UNPAID:2026-03-15:1:281600:141"]],
    ["paid in full the day before", [payment("2026-03", "2026-03-14", 281_600)], "2026-03-31", []],
    ["paid in full on the due day: not late", [payment("2026-03", "2026-03-15", 281_600)], "2026-03-31", []],
    ["paid in full the day after: late, 1 day", [payment("2026-03", "2026-03-16", 281_600)], "2026-03-31", ["ART60_LATE_PAYMENT:2026-03-15:1:-:141"]],
    // a payment dated after D does not exist yet: 281600 × 4 × 0.0005 = 563.2
    ["paid 03-20, as of 03-19", [payment("2026-03", "2026-03-20", 281_600)], "2026-03-19", ["ART60_UNPAID:2026-03-15:4:281600:563"]],
    // 281600 × 5 × 0.0005 = 704
    ["paid 03-20, as of 03-20: a payment on D counts", [payment("2026-03", "2026-03-20", 281_600)], "2026-03-20", ["ART60_LATE_PAYMENT:2026-03-15:5:-:704"]],
    ["paid early, before the month began", [payment("2026-03", "2026-02-20", 281_600)], "2026-03-31", []],
  ])("%s", (_story, payments, asOf, expected) => {
    expect(paymentStory(oneEmployee(...payments), asOf)).toEqual(expected);
  });
});

describe("partial payments before and after the due date", () => {
  it.each<[string, PaymentInput[], string, string[]]>([
    // 181600 still missing on the due day
    ["part paid before: due soon on the due day", [payment("2026-03", "2026-03-10", 100_000)], "2026-03-15", ["ART60_PAYMENT_DUE_SOON:2026-03-15:0:-:-"]],
    // 181600 × 1 × 0.0005 = 90.8
    ["part paid before: the day after, the rest is unpaid", [payment("2026-03", "2026-03-10", 100_000)], "2026-03-16", ["ART60_UNPAID:2026-03-15:1:181600:91"]],
    // N = 100000 × 5 + 181600 × 16 = 3405600 → 1702.8
    ["part paid only after the due date", [payment("2026-03", "2026-03-20", 100_000)], "2026-03-31", ["ART60_UNPAID:2026-03-15:16:181600:1703"]],
    // N = 1 fen × 16 days = 16 → 0.008 fen
    ["one fen short", [payment("2026-03", "2026-03-01", 281_599)], "2026-03-31", ["ART60_UNPAID:2026-03-15:16:1:0"]],
    // N = 100000 × 5 + 100000 × 10 + 81600 × 12 = 2479200 → 1239.6
    [
      "three late instalments, the last completes it",
      [payment("2026-03", "2026-03-20", 100_000), payment("2026-03", "2026-03-25", 100_000), payment("2026-03", "2026-03-27", 81_600)],
      "2026-04-30",
      ["ART60_LATE_PAYMENT:2026-03-15:12:-:1240"],
    ],
  ])("%s", (_story, payments, asOf, expected) => {
    expect(paymentStory(oneEmployee(...payments), asOf)).toEqual(expected);
  });

  it("payments recorded in any order are taken in date order", () => {
    const a = oneEmployee(payment("2026-03", "2026-03-27", 81_600), payment("2026-03", "2026-03-20", 100_000), payment("2026-03", "2026-03-25", 100_000));
    expect(paymentStory(a, "2026-04-30")).toEqual(["ART60_LATE_PAYMENT:2026-03-15:12:-:1240"]);
  });

  it("a payment recorded for another month does not count for this one", () => {
    const inp = oneEmployee(payment("2026-02", "2026-03-10", 281_600));
    expect(paymentStory(inp, "2026-03-16")).toEqual(["ART60_UNPAID:2026-03-15:1:281600:141"]);
  });

  it("another employer's payment does not count", () => {
    const inp = input({
      employers: [
        { code: "ACME", name: "Acme", region: "sample-city" },
        { code: "BETA", name: "Beta", region: "sample-city" },
      ],
      payments: [payment("2026-03", "2026-03-10", 281_600, "BETA")],
    });
    expect(paymentStory(inp, "2026-03-16")).toEqual(["ART60_UNPAID:2026-03-15:1:281600:141"]);
  });
});

describe("overpayment overflows beyond the last tranche: no late fee on it, never unpaid", () => {
  it("¥3,000.00 paid on time: nothing to report, ¥184.00 overpaid", () => {
    const inp = oneEmployee(payment("2026-03", "2026-03-10", 300_000));
    expect(paymentStory(inp, "2026-03-31")).toEqual([]);
    expect(month(inp, "2026-03-31")).toMatchObject({ paid: 300_000, overpaid: 18_400, outstanding: 0, overdue: 0, unpaid: false, lateFee: 0 });
  });

  it("¥3,000.00 paid 5 days late: the late fee runs on ¥2,816.00 only (704, not 750)", () => {
    expect(paymentStory(oneEmployee(payment("2026-03", "2026-03-20", 300_000)), "2026-03-31")).toEqual([
      "ART60_LATE_PAYMENT:2026-03-15:5:-:704",
    ]);
  });

  it("a late payment bigger than the rest: only the part that fills counts (81600 × 5 → 204)", () => {
    const inp = oneEmployee(payment("2026-03", "2026-03-10", 200_000), payment("2026-03", "2026-03-20", 200_000));
    expect(paymentStory(inp, "2026-03-31")).toEqual(["ART60_LATE_PAYMENT:2026-03-15:5:-:204"]);
    expect(month(inp, "2026-03-31").overpaid).toBe(118_400);
  });
});

describe("the late-fee rate is the one of the version in force for the month", () => {
  // nothing paid as of 03-31: N = 281600 × 16 = 4505600
  it.each([
    ["a new rate from April leaves March at 500 ppm", "2026-04", 2_253],
    ["a new rate from March applies to March", "2026-03", 4_506],
  ])("%s", (_story, from, fee) => {
    const inp = input({ policies: [samplePolicy, policy({ effectiveFrom: from, lateFeePpmPerDay: 1_000 })] });
    expect(findingsAsOf(inp, "2026-03-31", { rule: "ART60_UNPAID", period: "2026-03" })[0]!.lateFee).toBe(fee);
  });
});

describe("a month that requires nothing", () => {
  const zero = { employer: pct(0), employee: pct(0) };
  const free = policy({ rates: { pension: zero, medical: zero, unemployment: zero, work_injury: zero, maternity: zero } });
  it("is never unpaid, due soon or late-paid, even when something is paid late", () => {
    const inp = input({ policies: [free], payments: [payment("2026-03", "2026-04-20", 100)] });
    expect(paymentStory(inp, "2026-03-10")).toEqual([]);
    expect(paymentStory(inp, "2026-05-31")).toEqual([]);
    expect(month(inp, "2026-05-31")).toMatchObject({ required: 0, tranches: [], overpaid: 100, lateFee: 0, unpaid: false });
  });
});

describe("SPEC §9 example 8: a new employee's grace — two tranches", () => {
  // E001 long employed (¥8,000.00 → 281600 due 03-15); E002 hired 2026-03-20 at ¥3,000.00
  // (floor → 140800), registration deadline 04-19, so due(E002, 03) = 04-19.
  const e001 = employee({ employeeNo: "E001", hireDate: "2025-06-01" });
  const e002 = employee({ employeeNo: "E002", name: "Li Si", hireDate: "2026-03-20", wage: 300_000 });
  const grace = (...payments: PaymentInput[]) => input({ employees: [e001, e002], payments });
  const paidOnTime = payment("2026-03", "2026-03-14", 281_600);

  it.each([
    ["2026-03-31", []],
    ["2026-04-11", []], // 8 days before 04-19
    ["2026-04-12", ["ART60_PAYMENT_DUE_SOON:2026-04-19:7:-:-"]],
    ["2026-04-14", ["ART60_PAYMENT_DUE_SOON:2026-04-19:5:-:-"]],
    ["2026-04-19", ["ART60_PAYMENT_DUE_SOON:2026-04-19:0:-:-"]],
    ["2026-04-20", ["ART60_UNPAID:2026-04-19:1:140800:70"]], // 140800 × 1 × 0.0005 = 70.4
    ["2026-04-30", ["ART60_UNPAID:2026-04-19:11:140800:774"]],
  ])("¥2,816.00 paid 03-14; as of %s: %j", (asOf, expected) => {
    expect(paymentStory(grace(paidOnTime), asOf)).toEqual(expected);
  });

  it("¥1,408.00 paid 05-06: late payment, due 04-19, 17 days, late fee 1197 fen", () => {
    const inp = grace(paidOnTime, payment("2026-03", "2026-05-06", 140_800));
    expect(paymentStory(inp, "2026-05-06")).toEqual(["ART60_LATE_PAYMENT:2026-04-19:17:-:1197"]);
  });

  it("the month's tranches, due date and amounts", () => {
    const m = month(grace(paidOnTime), "2026-04-30");
    expect(m.dueDate).toBe("2026-03-15");
    expect(m.required).toBe(422_400);
    expect(m.tranches).toEqual([
      { dueDate: "2026-03-15", amount: 281_600, paid: 281_600, filledOn: "2026-03-14" },
      { dueDate: "2026-04-19", amount: 140_800, paid: 0, filledOn: null },
    ]);
    expect(m).toMatchObject({ overdue: 140_800, outstanding: 140_800, unpaid: true });
  });

  it("April falls due in two tranches too: E001 on 04-15, E002 on 04-19", () => {
    expect(month(grace(), "2026-04-30", "2026-04").tranches.map((t) => [t.dueDate, t.amount])).toEqual([
      ["2026-04-15", 281_600],
      ["2026-04-19", 140_800],
    ]);
  });

  it("before E002 is hired the month has one tranche and E002 is not required", () => {
    const m = month(grace(), "2026-03-19");
    expect(m.required).toBe(281_600);
    expect(m.tranches.map((t) => t.dueDate)).toEqual(["2026-03-15"]);
  });

  it("an employee whose registration deadline is on or before the premium due date joins the first tranche", () => {
    // hired 2026-02-13: deadline 03-15 = the premium due date
    const e003 = employee({ employeeNo: "E003", hireDate: "2026-02-13", wage: 300_000 });
    const m = month(input({ employees: [e001, e003] }), "2026-03-31");
    expect(m.tranches.map((t) => [t.dueDate, t.amount])).toEqual([["2026-03-15", 422_400]]);
  });

  describe("filling: payments go to the earliest tranche first (Civil Code art. 560)", () => {
    it.each<[string, PaymentInput[], string, string[]]>([
      // ¥1,408.00 on 03-14 goes into the 03-15 tranche, not the new employee's: 140800 × 16 × 0.0005 = 1126.4
      ["half paid early, as of 03-31", [payment("2026-03", "2026-03-14", 140_800)], "2026-03-31", ["ART60_UNPAID:2026-03-15:16:140800:1126"]],
      // N = 140800 × 46 + 140800 × 11 = 8025600 → 4012.8
      ["half paid early, as of 04-30: both tranches overdue", [payment("2026-03", "2026-03-14", 140_800)], "2026-04-30", ["ART60_UNPAID:2026-03-15:46:281600:4013"]],
      // late-paid (closed) and a later tranche still to come, at once
      [
        "first tranche paid 5 days late, as of 04-14",
        [payment("2026-03", "2026-03-20", 281_600)],
        "2026-04-14",
        ["ART60_PAYMENT_DUE_SOON:2026-04-19:5:-:-", "ART60_LATE_PAYMENT:2026-03-15:5:-:704"],
      ],
      // unpaid and a later tranche falling due soon, at once: 281600 × 30 × 0.0005 = 4224
      ["nothing paid, as of 04-14", [], "2026-04-14", ["ART60_UNPAID:2026-03-15:30:281600:4224", "ART60_PAYMENT_DUE_SOON:2026-04-19:5:-:-"]],
      // one payment overflows from the first tranche into the second: N = 281600 × 36 + 140800 × 1 → 5139.2
      ["everything in one payment on 04-20", [payment("2026-03", "2026-04-20", 422_400)], "2026-04-30", ["ART60_LATE_PAYMENT:2026-03-15:36:-:5139"]],
      // the tranche filled the most days late is reported: 17 > 5; N = 281600 × 5 + 140800 × 17 → 1900.8
      [
        "second tranche later than the first",
        [payment("2026-03", "2026-03-20", 281_600), payment("2026-03", "2026-05-06", 140_800)],
        "2026-05-31",
        ["ART60_LATE_PAYMENT:2026-04-19:17:-:1901"],
      ],
      // ties: the earlier t; N = 281600 × 5 + 140800 × 5 → 1056
      [
        "both tranches 5 days late",
        [payment("2026-03", "2026-03-20", 281_600), payment("2026-03", "2026-04-24", 140_800)],
        "2026-05-31",
        ["ART60_LATE_PAYMENT:2026-03-15:5:-:1056"],
      ],
      // the first tranche on time, the second on its due day: nothing
      ["both on time", [paidOnTime, payment("2026-03", "2026-04-19", 140_800)], "2026-05-31", []],
    ])("%s", (_story, payments, asOf, expected) => {
      expect(paymentStory(grace(...payments), asOf)).toEqual(expected);
    });
  });
});

describe("fillTranches on its own", () => {
  it("skips zero tranches, fills in due-date order, overflows and counts N", () => {
    const f = fillTranches(
      [
        { dueDate: "2026-03-15", amount: 100 },
        { dueDate: "2026-03-20", amount: 0 },
        { dueDate: "2026-04-19", amount: 50 },
      ],
      [
        { paidOn: "2026-03-17", amount: 120 }, // 100 into t1, 2 days late; 20 into t3, early
        { paidOn: "2026-04-21", amount: 40 }, // 30 into t3, 2 days late; 10 overpaid
        { paidOn: "2026-05-01", amount: 999 }, // after D
      ],
      "2026-04-30",
    );
    expect(f.tranches).toEqual([
      { dueDate: "2026-03-15", amount: 100, paid: 100, filledOn: "2026-03-17" },
      { dueDate: "2026-04-19", amount: 50, paid: 50, filledOn: "2026-04-21" },
    ]);
    expect(f).toMatchObject({ paid: 160, overpaid: 10, n: 100 * 2 + 30 * 2, overdue: 0, firstOverdue: null, nextOpen: null });
    expect(f.latest).toEqual({ tranche: f.tranches[0], days: 2 });
  });

  it("an open tranche with t = D is next, not overdue; with t < D it is overdue", () => {
    const dues = [
      { dueDate: "2026-03-15", amount: 100 },
      { dueDate: "2026-04-19", amount: 50 },
    ];
    const onDue = fillTranches(dues, [], "2026-03-15");
    expect(onDue).toMatchObject({ overdue: 0, n: 0, firstOverdue: null, nextOpen: { dueDate: "2026-03-15" } });
    const after = fillTranches(dues, [], "2026-03-16");
    expect(after).toMatchObject({ overdue: 100, n: 100, firstOverdue: { dueDate: "2026-03-15" }, nextOpen: { dueDate: "2026-04-19" } });
  });
});

describe("the due date as the month's policy and the region's calendar make it", () => {
  it.each([
    ["2026-03-15", ["ART60_PAYMENT_DUE_SOON:2026-03-16:1:-:-"]],
    ["2026-03-16", ["ART60_PAYMENT_DUE_SOON:2026-03-16:0:-:-"]],
    ["2026-03-17", ["ART60_UNPAID:2026-03-16:1:281600:141"]],
  ])("due on the 15th, a non-working day: rolled to the 16th — as of %s: %j", (asOf, expected) => {
    const inp = input({ nonWorkingDays: { "sample-city": ["2026-03-15"] } });
    expect(paymentStory(inp, asOf)).toEqual(expected);
  });

  it("a payment on the rolled due date is on time", () => {
    const inp = input({ nonWorkingDays: { "sample-city": ["2026-03-15"] }, payments: [payment("2026-03", "2026-03-16", 281_600)] });
    expect(paymentStory(inp, "2026-03-31")).toEqual([]);
  });

  it("a new version from April with due day `last`, offset 1: March stays due 03-15, April falls due 05-31", () => {
    const inp = input({ policies: [samplePolicy, policy({ effectiveFrom: "2026-04", dueDay: "last", dueMonthOffset: 1 })] });
    expect(month(inp, "2026-04-30", "2026-03").dueDate).toBe("2026-03-15");
    expect(month(inp, "2026-04-30", "2026-04").dueDate).toBe("2026-05-31");
    expect(paymentStory(inp, "2026-04-30", "2026-04")).toEqual([]);
    expect(paymentStory(inp, "2026-05-24", "2026-04")).toEqual(["ART60_PAYMENT_DUE_SOON:2026-05-31:7:-:-"]);
    expect(paymentStory(inp, "2026-06-01", "2026-04")).toEqual(["ART60_UNPAID:2026-05-31:1:281600:141"]);
  });
});
