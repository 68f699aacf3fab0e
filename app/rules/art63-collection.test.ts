/**
 * Art. 63 collection ladder (SPEC §5): orders with a time limit, guarantees and
 * installment agreements, court enforcement, and the stage each unpaid month
 * has reached. Driven through evaluate(); E001 owes 281600 fen a month, due the 15th.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { court, employee, findingsAsOf, guarantee, input, installment, order, otherAction, payment } from "./test-fixtures";
import type { CollectionActionInput, EngineInput, PaymentInput } from "./types";

const LADDER = new Set(["ART60_UNPAID", "ART63_ORDERED", "ART63_ORDER_EXPIRED", "ART63_COURT_ENFORCEMENT", "ART63_INSTALLMENT_MISSED"]);

/** The collection picture of 2026-03 and 2026-04 as `RULE:period:due:days:outstanding:stage`, in report order. */
function ladder(inp: EngineInput, asOf: string, periods: string[] = ["2026-03", "2026-04"]): string[] {
  return findingsAsOf(inp, asOf)
    .filter((f) => LADDER.has(f.rule) && periods.includes(f.period!))
    .map((f) => `${f.rule}:${f.period}:${f.dueDate}:${f.days}:${f.outstanding}:${f.stage ?? "-"}`);
}

// Hired 2026-01-05 (registration deadline 02-04): every month is due on the 15th. January and February paid on time.
const e001 = employee({ hireDate: "2026-01-05" });
const keptUp = [payment("2026-01", "2026-01-15", 281_600), payment("2026-02", "2026-02-15", 281_600)];
const scenario = (collection: CollectionActionInput[], payments: PaymentInput[] = []) => input({ employees: [e001], collection, payments: [...keptUp, ...payments] });

describe("an order to pay 2026-03 within a time limit", () => {
  const ordered = [order(["2026-03"], "2026-04-01", "2026-04-15")];

  it.each<[string, PaymentInput[], string, string[]]>([
    ["before the order exists", [], "2026-03-31", ["ART60_UNPAID:2026-03:2026-03-15:16:281600:overdue"]],
    ["the day it is made", [], "2026-04-01", ["ART60_UNPAID:2026-03:2026-03-15:17:281600:ordered", "ART63_ORDERED:2026-03:2026-04-15:14:281600:ordered"]],
    ["the order's last day: still ordered, 0 days", [], "2026-04-15", ["ART60_UNPAID:2026-03:2026-03-15:31:281600:ordered", "ART63_ORDERED:2026-03:2026-04-15:0:281600:ordered"]],
    ["the day after: expired", [], "2026-04-16", ["ART63_ORDER_EXPIRED:2026-03:2026-04-15:1:281600:order_expired", "ART60_UNPAID:2026-03:2026-03-15:32:281600:order_expired"]],
    ["part paid within the limit, the rest still owed", [payment("2026-03", "2026-04-10", 100_000)], "2026-04-16", ["ART63_ORDER_EXPIRED:2026-03:2026-04-15:1:181600:order_expired", "ART60_UNPAID:2026-03:2026-03-15:32:181600:order_expired"]],
    ["paid in full within the limit: nothing open", [payment("2026-03", "2026-04-10", 281_600)], "2026-04-16", []],
    ["paid in full after the limit: nothing open", [payment("2026-03", "2026-04-20", 281_600)], "2026-04-30", []],
  ])("%s", (_story, payments, asOf, expected) => {
    expect(ladder(scenario(ordered, payments), asOf, ["2026-03"])).toEqual(expected);
  });

  it("ORDERED is an open breach under art. 63", () => {
    const [f] = findingsAsOf(scenario(ordered), "2026-04-15", { rule: "ART63_ORDERED" });
    expect(f).toMatchObject({ article: "63", severity: "breach", status: "open", lateFee: null, employeeNo: null, exposure: null });
  });

  it("ORDER_EXPIRED is critical under arts. 63 and 86, with the art. 86 exposure of 1–3 × the outstanding amount", () => {
    const [f] = findingsAsOf(scenario(ordered), "2026-04-16", { rule: "ART63_ORDER_EXPIRED" });
    expect(f).toMatchObject({ article: "63;86", severity: "critical", status: "open", lateFee: null, employeeNo: null });
    expect(f!.exposure).toEqual({ article: "86", fineMin: 281_600, fineMax: 844_800 });
  });

  it("UNPAID keeps its late fee under an order: 281600 × 32 days × 0.05 % = 4505.6 → 4506", () => {
    expect(findingsAsOf(scenario(ordered), "2026-04-16", { rule: "ART60_UNPAID" })[0]!.lateFee).toBe(4_506);
  });

  it("an order covering several months applies to each; one for another month to none", () => {
    const inp = input({ employees: [employee({ hireDate: "2026-02-01" })], collection: [order(["2026-02", "2026-03"], "2026-04-01", "2026-04-15"), order(["2026-01"], "2026-04-01", "2026-04-05")] });
    expect(ladder(inp, "2026-04-10", ["2026-01", "2026-02", "2026-03"]).filter((s) => s.startsWith("ART63"))).toEqual([
      "ART63_ORDERED:2026-02:2026-04-15:5:281600:ordered",
      "ART63_ORDERED:2026-03:2026-04-15:5:281600:ordered",
    ]);
  });

  it("a bank inquiry or an allocation changes neither the stage nor the findings", () => {
    const inp = scenario([otherAction("bank_inquiry", ["2026-03"], "2026-04-01"), otherAction("allocation", ["2026-03"], "2026-04-02")]);
    expect(ladder(inp, "2026-04-10")).toEqual(["ART60_UNPAID:2026-03:2026-03-15:26:281600:overdue"]);
  });
});

describe("a month's latest order: the latest action_date, then the latest time_limit", () => {
  it.each<[string, CollectionActionInput[], string, string]>([
    ["a later order with an earlier limit wins", [order(["2026-03"], "2026-04-01", "2026-04-30"), order(["2026-03"], "2026-04-10", "2026-04-20")], "2026-04-25", "ART63_ORDER_EXPIRED:2026-03:2026-04-20:5:281600:order_expired"],
    ["… whatever the order of the records", [order(["2026-03"], "2026-04-10", "2026-04-20"), order(["2026-03"], "2026-04-01", "2026-04-30")], "2026-04-25", "ART63_ORDER_EXPIRED:2026-03:2026-04-20:5:281600:order_expired"],
    ["same day: the later limit wins", [order(["2026-03"], "2026-04-01", "2026-04-20"), order(["2026-03"], "2026-04-01", "2026-04-30")], "2026-04-25", "ART63_ORDERED:2026-03:2026-04-30:5:281600:ordered"],
    ["same day, records reversed", [order(["2026-03"], "2026-04-01", "2026-04-30"), order(["2026-03"], "2026-04-01", "2026-04-20")], "2026-04-25", "ART63_ORDERED:2026-03:2026-04-30:5:281600:ordered"],
    ["a later order made after D does not exist yet", [order(["2026-03"], "2026-04-01", "2026-04-30"), order(["2026-03"], "2026-04-10", "2026-04-20")], "2026-04-05", "ART63_ORDERED:2026-03:2026-04-30:25:281600:ordered"],
  ])("%s", (_story, actions, asOf, expected) => {
    const fs = ladder(scenario(actions), asOf).filter((s) => s.startsWith("ART63"));
    expect(fs).toEqual([expected]);
  });
});

describe("court enforcement", () => {
  const expiredOrder = order(["2026-03"], "2026-04-01", "2026-04-15");

  it("an application to the court: critical, dated by the latest court action, stage court on every month rule", () => {
    const inp = scenario([expiredOrder, court(["2026-03"], "2026-04-20"), court(["2026-03"], "2026-05-01")]);
    expect(ladder(inp, "2026-05-10", ["2026-03"])).toEqual([
      "ART63_ORDER_EXPIRED:2026-03:2026-04-15:25:281600:court",
      "ART63_COURT_ENFORCEMENT:2026-03:2026-05-01:9:281600:court",
      "ART60_UNPAID:2026-03:2026-03-15:56:281600:court",
    ]);
    expect(findingsAsOf(inp, "2026-05-10", { rule: "ART63_COURT_ENFORCEMENT" })[0]).toMatchObject({ article: "63", severity: "critical", status: "open", lateFee: null });
  });

  it("a court action dated after D does not exist yet", () => {
    expect(ladder(scenario([court(["2026-03"], "2026-05-01")]), "2026-04-30", ["2026-03"])).toEqual(["ART60_UNPAID:2026-03:2026-03-15:46:281600:overdue"]);
  });

  it("a paid month has no court finding", () => {
    expect(ladder(scenario([court(["2026-03"], "2026-05-01")], [payment("2026-03", "2026-05-05", 281_600)]), "2026-05-10", ["2026-03"])).toEqual([]);
  });
});

describe("the stage: court, installment_missed, deferred, order_expired, ordered, overdue — the first that applies", () => {
  const g = guarantee(["2026-03"], "2026-04-05");
  const inst = installment(["2026-03"], "2026-04-05", "2026-04-10", 100_000);
  it.each<[string, CollectionActionInput[], string]>([
    ["no action", [], "overdue"],
    ["an order within its limit", [order(["2026-03"], "2026-04-01", "2026-04-30")], "ordered"],
    ["an expired order", [order(["2026-03"], "2026-04-01", "2026-04-15")], "order_expired"],
    ["a guarantee beats an expired order", [order(["2026-03"], "2026-04-01", "2026-04-15"), g], "deferred"],
    ["a guarantee with a future installment", [g, installment(["2026-03"], "2026-04-05", "2026-05-10", 100_000)], "deferred"],
    ["a missed installment beats the guarantee and the order", [order(["2026-03"], "2026-04-01", "2026-04-15"), g, inst], "installment_missed"],
    ["court beats everything", [order(["2026-03"], "2026-04-01", "2026-04-15"), g, inst, court(["2026-03"], "2026-04-18")], "court"],
  ])("%s → %s", (_story, actions, stage) => {
    const [f] = findingsAsOf(scenario(actions), "2026-04-20", { rule: "ART60_UNPAID", period: "2026-03" });
    expect(f!.stage).toBe(stage);
  });
});

describe("a guarantee and deferred-payment agreement for 2026-03 and 2026-04 (563200 fen)", () => {
  // Agreement of 2026-05-01: 200000 by 05-10, 200000 by 06-10, 163200 by 07-10.
  const months = ["2026-03", "2026-04"];
  const agreement = [
    guarantee(months, "2026-05-01"),
    installment(months, "2026-05-01", "2026-05-10", 200_000),
    installment(months, "2026-05-01", "2026-06-10", 200_000),
    installment(months, "2026-05-01", "2026-07-10", 163_200),
  ];
  const before = payment("2026-03", "2026-04-20", 100_000); // before the agreement: does not count towards it
  const first = payment("2026-03", "2026-05-09", 150_000);
  const agreed = (...payments: PaymentInput[]) => scenario(agreement, payments);
  const missed = (inp: EngineInput, asOf: string) =>
    findingsAsOf(inp, asOf, { rule: "ART63_INSTALLMENT_MISSED" }).map((f) => `${f.period}:${f.dueDate}:${f.days}:${f.outstanding}`);

  it("within the agreement, before any installment falls due: deferred", () => {
    expect(ladder(agreed(before, first), "2026-05-10")).toEqual([
      "ART60_UNPAID:2026-03:2026-03-15:56:31600:deferred",
      "ART60_UNPAID:2026-04:2026-04-15:25:281600:deferred",
    ]);
  });

  it("the day after the first installment: missed, once for the agreement, period = its earliest month", () => {
    // due ≤ 05-10: 200000; paid from 05-01 to 05-10: 150000 (the ¥1,000.00 of 04-20 does not count)
    expect(ladder(agreed(before, first), "2026-05-11")).toEqual([
      "ART63_INSTALLMENT_MISSED:2026-03:2026-05-10:1:50000:-",
      "ART60_UNPAID:2026-03:2026-03-15:57:31600:installment_missed",
      "ART60_UNPAID:2026-04:2026-04-15:26:281600:installment_missed",
    ]);
    expect(findingsAsOf(agreed(before, first), "2026-05-11", { rule: "ART63_INSTALLMENT_MISSED" })[0]).toMatchObject({
      article: "63",
      severity: "critical",
      status: "open",
      stage: null,
      lateFee: null,
      employeeNo: null,
      exposure: null,
    });
  });

  it("a missed installment stays missed: later payments do not mend it, and later misses do not add findings", () => {
    const late = payment("2026-04", "2026-05-20", 50_000);
    expect(missed(agreed(before, first, late), "2026-06-01")).toEqual(["2026-03:2026-05-10:22:50000"]);
    expect(missed(agreed(before, first, late), "2026-07-15")).toEqual(["2026-03:2026-05-10:66:50000"]);
  });

  it("it disappears once every month of the agreement is paid", () => {
    const rest = [payment("2026-03", "2026-06-01", 31_600), payment("2026-04", "2026-06-01", 281_600)];
    expect(missed(agreed(before, first, ...rest), "2026-05-31")).toEqual(["2026-03:2026-05-10:21:50000"]);
    expect(missed(agreed(before, first, ...rest), "2026-06-01")).toEqual([]);
    expect(ladder(agreed(before, first, ...rest), "2026-07-15")).toEqual([]);
  });

  it("while any month of the agreement is unpaid it stays, even if the earliest is paid", () => {
    const march = payment("2026-03", "2026-05-20", 131_600); // March now paid, and then some: 100000 + 150000 + 131600 ≥ 281600
    const fs = ladder(agreed(before, first, march), "2026-05-25");
    expect(fs).toEqual(["ART63_INSTALLMENT_MISSED:2026-03:2026-05-10:15:50000:-", "ART60_UNPAID:2026-04:2026-04-15:40:281600:installment_missed"]);
  });

  it.each<[string, PaymentInput[], string, string[]]>([
    ["paid on the agreement's date: counts", [payment("2026-04", "2026-05-01", 200_000)], "2026-05-31", []],
    ["paid on the installment's due date: counts", [payment("2026-04", "2026-05-10", 200_000)], "2026-05-31", []],
    ["paid the day before the agreement: does not count", [payment("2026-04", "2026-04-30", 200_000)], "2026-05-31", ["2026-03:2026-05-10:21:200000"]],
    ["paid for a month outside the agreement: does not count", [payment("2026-05", "2026-05-05", 200_000)], "2026-05-31", ["2026-03:2026-05-10:21:200000"]],
    ["paid the day after the installment's due date: too late", [payment("2026-04", "2026-05-11", 200_000)], "2026-05-31", ["2026-03:2026-05-10:21:200000"]],
    ["the first met, the second missed: cumulative 400000 − 200000", [payment("2026-04", "2026-05-10", 200_000)], "2026-06-11", ["2026-03:2026-06-10:1:200000"]],
    ["the second installment on its due day is not missed yet", [payment("2026-04", "2026-05-10", 200_000)], "2026-06-10", []],
    ["every installment met", [payment("2026-04", "2026-05-10", 200_000), payment("2026-03", "2026-06-10", 200_000), payment("2026-04", "2026-07-10", 163_200)], "2026-07-31", []],
    // one payment ahead of schedule covers the first two installments
    ["paid ahead: 400000 on 05-05", [payment("2026-03", "2026-05-05", 281_600), payment("2026-04", "2026-05-05", 118_400)], "2026-06-30", []],
  ])("%s", (_story, payments, asOf, expected) => {
    expect(missed(agreed(...payments), asOf)).toEqual(expected);
  });

  it("installments belong to the agreement with exactly the same set of periods", () => {
    const other = scenario([guarantee(months, "2026-05-01"), installment(["2026-03"], "2026-05-01", "2026-05-10", 200_000)]);
    expect(missed(other, "2026-05-31")).toEqual([]);
    expect(findingsAsOf(other, "2026-05-31", { rule: "ART60_UNPAID", period: "2026-04" })[0]!.stage).toBe("deferred");
    // the same set in another order is the same agreement
    const reordered = scenario([guarantee(["2026-04", "2026-03"], "2026-05-01"), installment(["2026-03", "2026-04"], "2026-05-01", "2026-05-10", 200_000)]);
    expect(missed(reordered, "2026-05-31")).toEqual(["2026-03:2026-05-10:21:200000"]);
  });

  it("agreement actions dated after D do not exist yet", () => {
    expect(ladder(agreed(), "2026-04-30", ["2026-03"])).toEqual(["ART60_UNPAID:2026-03:2026-03-15:46:281600:overdue"]);
  });

  it("each agreement is judged on its own", () => {
    const inp = input({
      employees: [e001],
      collection: [
        guarantee(["2026-03"], "2026-05-01"),
        installment(["2026-03"], "2026-05-01", "2026-05-10", 100_000),
        guarantee(["2026-04"], "2026-05-01"),
        installment(["2026-04"], "2026-05-01", "2026-05-20", 100_000),
      ],
      payments: [payment("2026-03", "2026-05-05", 100_000)],
    });
    expect(missed(inp, "2026-05-31")).toEqual(["2026-04:2026-05-20:11:100000"]);
    expect(evaluate(inp, "2026-05-31").findings.filter((f) => f.rule === "ART60_UNPAID" && (f.period === "2026-03" || f.period === "2026-04")).map((f) => `${f.period}:${f.stage}`)).toEqual([
      "2026-03:deferred",
      "2026-04:installment_missed",
    ]);
  });
});
