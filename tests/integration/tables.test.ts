/** The data tables' queries: payments (filters, sort, who recorded them), the audit log oldest first, the roster's export. */
import { collect } from "../helpers/raw-sql";
import { describe, expect, it } from "vitest";
import { auditEntries, auditPage } from "~/models/audit-browse.server";
import { allRosterRows, listEmployees } from "~/models/employee.server";
import { allPayments, listPayments } from "~/models/payment-browse.server";
import { recordPayment } from "~/models/payment.server";
import { PaymentsQuerySchema } from "~/url-state/payments-query";
import { RosterQuerySchema } from "~/url-state/roster-query";
import { ACTOR, load, workflowDb } from "./workflows-fixture";

describe("payments list", () => {
  it("filters by employer, month and dates, sorts, pages, and names who recorded each payment", async () => {
    const db = await workflowDb();
    for (let i = 0; i < 60; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      expect((await recordPayment(db, ACTOR, { employer: "ACME", period: i < 30 ? "2026-03" : "2026-04", paidOn: `2026-04-${day}`, amount: String(i + 1), reference: `P${String(i).padStart(2, "0")}` })).ok).toBe(true);
    }
    await load(db, "payments", "employer_code,period,paid_on,amount,reference\nACME,2026-05,2026-05-20,7.00,IMPORTED\n");

    const all = await listPayments(db, PaymentsQuerySchema.parse({}));
    expect(all).toMatchObject({ total: 61, page: 1, pageCount: 2 });
    expect(all.rows).toHaveLength(50);
    expect(all.rows[0]).toMatchObject({ reference: "IMPORTED", paidOn: "2026-05-20", recordedBy: null });
    expect(all.rows[1]).toMatchObject({ recordedBy: "hr@example.com" });
    expect(all.rows[1]!.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(all.amount).toBe((60 * 61) / 2 * 100 + 700);

    const march = await listPayments(db, PaymentsQuerySchema.parse({ period: "2026-03", sort: "amount", dir: "asc" }));
    expect(march.total).toBe(30);
    expect(march.rows.slice(0, 3).map((r) => r.amount)).toEqual([100, 200, 300]);

    const dated = await listPayments(db, PaymentsQuerySchema.parse({ from: "2026-04-02", to: "2026-04-03", sort: "reference" }));
    expect(dated.rows.every((r) => r.paidOn >= "2026-04-02" && r.paidOn <= "2026-04-03")).toBe(true);
    expect(dated.total).toBe(6);
    expect(dated.rows.map((r) => r.reference)).toEqual([...dated.rows.map((r) => r.reference)].sort().reverse());

    expect((await listPayments(db, PaymentsQuerySchema.parse({ employer: "NOPE" }))).total).toBe(0);
    const exported = await collect(allPayments(db, PaymentsQuerySchema.parse({ sort: "amount", dir: "desc" })));
    expect(exported).toHaveLength(61);
    expect(exported[0]!.amount).toBe(6000);
  });
});

describe("audit log oldest first", () => {
  it("pages forward and back by id in ascending order, and exports every entry in that order", async () => {
    const db = await workflowDb();
    for (let i = 0; i < 120; i++) expect((await recordPayment(db, ACTOR, { employer: "ACME", period: "2026-03", paidOn: "2026-03-10", amount: "1", reference: `R${i}` })).ok).toBe(true);
    const q = { entity: "payment", action: "", actor: "", dir: "asc" as const };
    const p1 = await auditPage(db, q);
    const ids1 = p1.rows.map((r) => r.id);
    expect(ids1).toHaveLength(50);
    expect(ids1).toEqual([...ids1].sort((a, b) => a - b));
    expect(p1.olderThan).toBeNull();
    const p2 = await auditPage(db, { ...q, after: p1.newerThan! });
    expect(p2.rows[0]!.id).toBeGreaterThan(ids1.at(-1)!);
    const p3 = await auditPage(db, { ...q, after: p2.newerThan! });
    expect(p3.rows).toHaveLength(20);
    expect(p3.newerThan).toBeNull();
    const back = await auditPage(db, { ...q, before: p2.olderThan! });
    expect(back.rows.map((r) => r.id)).toEqual(ids1);
    const every = (await collect(auditEntries(db, q))).map((r) => r.id);
    expect(every).toHaveLength(120);
    expect(every).toEqual([...every].sort((a, b) => a - b));
    expect((await collect(auditEntries(db, { ...q, dir: "desc" }))).map((r) => r.id)).toEqual([...every].reverse());
  });
});

describe("roster export", () => {
  it("holds every matching employee in the page order, identity numbers masked", async () => {
    const db = await workflowDb();
    const lines = Array.from({ length: 1100 }, (_, i) => `X${String(i).padStart(4, "0")},员工${i},passport,P${1000000 + i},ACME,2025-02-01,,D${i % 7},,6000.00`);
    await load(db, "employees", `employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage\n${lines.join("\n")}\n`);
    const query = RosterQuerySchema.parse({ sort: "department", dir: "desc" });
    const rows = await collect(allRosterRows(db, query, "2026-03-31"));
    expect(rows).toHaveLength(1101);
    const page1 = (await listEmployees(db, query, "2026-03-31")).rows;
    expect(rows.slice(0, 50).map((r) => r.id)).toEqual(page1.map((r) => r.id));
    expect(page1[0]!.wage).toBe(600_000);
    expect(rows.every((r) => !/P1\d{6}/.test(r.idMasked))).toBe(true);
    expect(await collect(allRosterRows(db, RosterQuerySchema.parse({ department: "D3" }), "2026-03-31"))).toHaveLength(157);
  });
});
