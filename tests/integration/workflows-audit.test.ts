/** The audit log page: newest first, filters, 50 a page by keyset on id, both directions. */
import { describe, expect, it } from "vitest";
import { auditFacets, auditPage } from "~/models/audit-browse.server";
import { recordPayment } from "~/models/payment.server";
import { ACTOR, workflowDb } from "./workflows-fixture";

describe("audit log pages", () => {
  it("pages newest first by id and back, and filters", async () => {
    const db = await workflowDb();
    for (let i = 0; i < 120; i++) expect((await recordPayment(db, ACTOR, { employer: "ACME", period: "2026-03", paidOn: "2026-03-10", amount: "1", reference: `R${i}` })).ok).toBe(true);
    const q = { entity: "payment", action: "", actor: "" };
    const p1 = await auditPage(db, q);
    expect(p1.rows).toHaveLength(50);
    expect(p1.newerThan).toBeNull();
    const ids1 = p1.rows.map((r) => r.id);
    expect(ids1).toEqual([...ids1].sort((a, b) => b - a));
    const p2 = await auditPage(db, { ...q, before: p1.olderThan! });
    const p3 = await auditPage(db, { ...q, before: p2.olderThan! });
    expect(p3.rows).toHaveLength(20);
    expect(p3.olderThan).toBeNull();
    expect(new Set([...ids1, ...p2.rows.map((r) => r.id), ...p3.rows.map((r) => r.id)]).size).toBe(120);
    const back = await auditPage(db, { ...q, after: p2.newerThan! });
    expect(back.rows.map((r) => r.id)).toEqual(ids1);
    expect(back.newerThan).toBeNull();
    expect(JSON.parse(p1.rows[0]!.after!)).toMatchObject({ reference: "R119", amount: 100 });
    expect((await auditPage(db, { ...q, actor: "nobody" })).rows).toHaveLength(0);
    expect((await auditPage(db, { ...q, from: "2999-01-01" })).rows).toHaveLength(0);
    expect((await auditFacets(db)).entities).toContain("payment");
  });
});
