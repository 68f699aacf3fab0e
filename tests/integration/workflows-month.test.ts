/**
 * The month view and its writes (art. 60): preparing the declaration,
 * correcting a line, recording payments. Figures follow SPEC §9 examples 1
 * and 6; every write leaves one audit entry; refused input changes nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/connection";
import { correctDeclarationLine, prepareDeclaration } from "~/models/declaration.server";
import { monthView } from "~/models/month.server";
import { recordPayment } from "~/models/payment.server";
import type { Result as WfResult } from "~/shared/validation";
import { ACTOR, count, load, POLICY_HEADER, workflowDb } from "./workflows-fixture";

let db: Db;
beforeEach(async () => {
  db = await workflowDb();
});

/** Runs a write and says how many audit entries and rows of `table` it added. */
async function delta(table: string, write: () => Promise<WfResult>) {
  const audit0 = await count(db, "audit_log");
  const rows0 = await count(db, table);
  const r = await write();
  return { r, audit: await count(db, "audit_log") - audit0, rows: await count(db, table) - rows0 };
}

const codeOf = (r: WfResult, field: string) => (r.ok ? undefined : r.errors[field]?.code);

describe("month view", () => {
  it("shows the required base and amounts per side (SPEC §9.1)", async () => {
    const v = (await monthView(db, "ACME", "2026-03", "2026-03-31"))!;
    expect(v.rows).toHaveLength(1);
    const [row] = v.rows;
    expect(row).toMatchObject({ employeeNo: "E001", wage: 800_000, base: 800_000, clamp: null, employerTotal: 197_600, employeeTotal: 84_000, required: 281_600, declaredBase: null });
    expect(row!.items.pension).toEqual({ employer: 128_000, employee: 64_000 });
    expect(v.totals.required).toBe(281_600);
    expect(v.summary).toMatchObject({ dueDate: "2026-03-15", required: 281_600, paid: 0, unpaid: true });
    expect(v.findings.map((f) => f.rule)).toContain("ART60_NOT_DECLARED");
    expect(v.policy?.rates.medical).toEqual({ employer: "8%", employee: "2%" });
    expect(await monthView(db, "NOPE", "2026-03", "2026-03-31")).toBeNull();
  });

  it("shows where the floor and the cap apply", async () => {
    await load(db, "wages", "employee_no,effective_month,monthly_wage\nE001,2026-04,3000.00\nE001,2026-05,30000.00\n");
    expect((await monthView(db, "ACME", "2026-04", "2026-04-30"))!.rows[0]).toMatchObject({ base: 400_000, clamp: "floor", required: 140_800 });
    expect((await monthView(db, "ACME", "2026-05", "2026-05-31"))!.rows[0]).toMatchObject({ base: 2_000_000, clamp: "cap", required: 704_000 });
  });

  it("says when no policy is in force", async () => {
    const v = (await monthView(db, "ACME", "2024-12", "2026-03-31"))!;
    expect(v.policy).toBeNull();
    expect(v.summary).toBeNull();
  });
});

describe("prepare declaration", () => {
  it("counts an employee as still to declare as of a date before their line was filed", async () => {
    expect((await monthView(db, "ACME", "2026-03", "2026-03-09"))!.undeclaredCount).toBe(1);
    expect((await prepareDeclaration(db, ACTOR, { employer: "ACME", period: "2026-03", declaredOn: "2026-03-10" })).ok).toBe(true);
    expect((await monthView(db, "ACME", "2026-03", "2026-03-09"))!.undeclaredCount).toBe(1);
    expect((await monthView(db, "ACME", "2026-03", "2026-03-10"))!.undeclaredCount).toBe(0);
  });

  it("declares every liable employee at the required base, once, audit-logged", async () => {
    const d = await delta("declaration_lines", async () => await prepareDeclaration(db, ACTOR, { employer: "ACME", period: "2026-03", declaredOn: "2026-03-10" }));
    expect(d).toEqual({ r: { ok: true, value: 1 }, audit: 1, rows: 1 });
    const v = (await monthView(db, "ACME", "2026-03", "2026-03-31"))!;
    expect(v.rows[0]).toMatchObject({ declaredBase: 800_000, declaredOn: "2026-03-10", difference: 0 });
    expect(v.summary?.declaredFrom).toBe("2026-03-10");
    expect(v.findings.map((f) => f.rule)).not.toContain("ART60_NOT_DECLARED");
    // As of a date before the declaration it does not exist yet.
    expect((await monthView(db, "ACME", "2026-03", "2026-03-09"))!.rows[0]!.declaredBase).toBeNull();

    const again = await delta("declaration_lines", async () => await prepareDeclaration(db, ACTOR, { employer: "ACME", period: "2026-03", declaredOn: "2026-03-11" }));
    expect(again).toEqual({ r: { ok: false, errors: { form: { code: "nothingToDeclare" } } }, audit: 0, rows: 0 });
  });

  it("refuses bad input and changes nothing", async () => {
    for (const [raw, field, code] of [
      [{ employer: "ACME", period: "2026-13", declaredOn: "2026-03-10" }, "period", "invalidMonth"],
      [{ employer: "ACME", period: "2026-03", declaredOn: "2026-02-30" }, "declaredOn", "invalidDate"],
      [{ employer: "NOPE", period: "2026-03", declaredOn: "2026-03-10" }, "employer", "noEmployer"],
      [{ employer: "ACME", period: "2024-12", declaredOn: "2024-12-10" }, "period", "noPolicy"],
      [{ employer: "ACME", period: "2024-11", declaredOn: "2024-11-10" }, "period", "noPolicy"],
    ] as const) {
      const d = await delta("declaration_lines", async () => await prepareDeclaration(db, ACTOR, raw));
      expect(d.audit, JSON.stringify(raw)).toBe(0);
      expect(d.rows).toBe(0);
      expect(codeOf(d.r, field)).toBe(code);
    }
  });

  it("skips employees not yet hired on the declaration date or not liable", async () => {
    await load(db, "policies", `${POLICY_HEADER}\nsample-city,2024-01,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500\n`);
    expect(await prepareDeclaration(db, ACTOR, { employer: "ACME", period: "2024-12", declaredOn: "2024-12-10" })).toEqual({ ok: false, errors: { form: { code: "nothingToDeclare" } } });
  });
});

describe("declaration corrections", () => {
  beforeEach(async () => {
    expect((await prepareDeclaration(db, ACTOR, { employer: "ACME", period: "2026-03", declaredOn: "2026-03-10" })).ok).toBe(true);
  });

  it("adds a version with a later date; the earlier version stays for earlier as-of dates", async () => {
    const d = await delta("declaration_lines", async () =>
      await correctDeclarationLine(db, ACTOR, { employer: "ACME", period: "2026-03", employeeNo: "E001", declaredBase: "7000.00", declaredOn: "2026-03-20" }),
    );
    expect(d.r.ok).toBe(true);
    expect(d).toMatchObject({ audit: 1, rows: 1 });
    const later = (await monthView(db, "ACME", "2026-03", "2026-03-31"))!;
    expect(later.rows[0]).toMatchObject({ declaredBase: 700_000, declaredOn: "2026-03-20", difference: -100_000 });
    expect(later.rows[0]!.versions).toHaveLength(2);
    expect(later.findings.find((f) => f.rule === "ART60_BASE_UNDER_DECLARED")).toBeTruthy();
    expect((await monthView(db, "ACME", "2026-03", "2026-03-15"))!.rows[0]).toMatchObject({ declaredBase: 800_000 });
  });

  it("refuses a date on or before the latest version, a missing line, and bad amounts, writing nothing", async () => {
    for (const [raw, field, code] of [
      [{ declaredBase: "7000", declaredOn: "2026-03-10" }, "declaredOn", "notAfterLatest"],
      [{ declaredBase: "7000", declaredOn: "2026-03-09" }, "declaredOn", "notAfterLatest"],
      [{ declaredBase: "70.001", declaredOn: "2026-03-20" }, "declaredBase", "invalidAmount"],
      [{ declaredBase: "-1", declaredOn: "2026-03-20" }, "declaredBase", "invalidAmount"],
      [{ declaredBase: "7000", declaredOn: "2026-03-20", period: "2026-04" }, "employeeNo", "lineMissing"],
      [{ declaredBase: "7000", declaredOn: "2026-03-20", employeeNo: "E999" }, "employeeNo", "lineMissing"],
    ] as const) {
      const d = await delta("declaration_lines", async () => await correctDeclarationLine(db, ACTOR, { employer: "ACME", period: "2026-03", employeeNo: "E001", ...raw }));
      expect(d.audit, JSON.stringify(raw)).toBe(0);
      expect(d.rows).toBe(0);
      expect(codeOf(d.r, field), JSON.stringify(raw)).toBe(code);
    }
  });
});

describe("payments", () => {
  it("follows SPEC §9.6: partial payments, outstanding and late fee, then paid late", async () => {
    const pay = async (paidOn: string, amount: string, reference: string) => await recordPayment(db, ACTOR, { employer: "ACME", period: "2026-03", paidOn, amount, reference });
    expect(await delta("payments", async () => await pay("2026-03-10", "1000.00", "R1"))).toMatchObject({ r: { ok: true }, audit: 1, rows: 1 });
    expect((await pay("2026-03-20", "1000", "R2")).ok).toBe(true);
    const v = (await monthView(db, "ACME", "2026-03", "2026-03-31"))!;
    expect(v.summary).toMatchObject({ paid: 200_000, outstanding: 81_600, overdue: 81_600, lateFee: 903, unpaid: true });
    expect(v.findings.find((f) => f.rule === "ART60_UNPAID")).toMatchObject({ outstanding: 81_600, lateFee: 903, days: 16, stage: "overdue" });
    expect(v.payments.map((p) => p.reference)).toEqual(["R1", "R2"]);
    // A back payment dated later does not count as of an earlier date.
    expect((await pay("2026-04-05", "816.00", "R3")).ok).toBe(true);
    expect((await monthView(db, "ACME", "2026-03", "2026-03-31"))!.payments.at(-1)).toMatchObject({ reference: "R3", afterAsOf: true });
    const closed = (await monthView(db, "ACME", "2026-03", "2026-04-30"))!;
    expect(closed.summary).toMatchObject({ paid: 281_600, outstanding: 0, unpaid: false });
    // N = 100000 × 5 + 81600 × 21 = 2213600 → late fee 1107 fen.
    expect(closed.findings.find((f) => f.rule === "ART60_LATE_PAYMENT")).toMatchObject({ dueDate: "2026-03-15", days: 21, lateFee: 1107 });
  });

  it("refuses a used reference, a zero or bad amount, a bad date, an unknown employer — writing nothing", async () => {
    expect((await recordPayment(db, ACTOR, { employer: "ACME", period: "2026-03", paidOn: "2026-03-10", amount: "1", reference: "R1" })).ok).toBe(true);
    for (const [raw, field, code] of [
      [{ reference: "R1" }, "reference", "referenceUsed"],
      [{ amount: "0" }, "amount", "notPositive"],
      // `1,000` is an amount since issue 18 (forms accept what imports accept); a broken grouping is not.
      [{ amount: "1,00" }, "amount", "invalidAmount"],
      [{ amount: "" }, "amount", "required"],
      [{ paidOn: "2026-02-29" }, "paidOn", "invalidDate"],
      [{ period: "2026-3" }, "period", "invalidMonth"],
      [{ employer: "NOPE" }, "employer", "noEmployer"],
      [{ reference: " " }, "reference", "required"],
    ] as const) {
      const d = await delta("payments", async () => await recordPayment(db, ACTOR, { employer: "ACME", period: "2026-03", paidOn: "2026-03-11", amount: "5", ...{ reference: "R9" }, ...raw }));
      expect(d.audit, JSON.stringify(raw)).toBe(0);
      expect(d.rows).toBe(0);
      expect(codeOf(d.r, field), JSON.stringify(raw)).toBe(code);
    }
  });
});
