/** Policy versions and non-working days from the settings page: the import's rules, confirmation for months in force, audit-logged. */
import { describe, expect, it } from "vitest";
import { addNonWorkingDays, policyOverview, removeNonWorkingDay, savePolicy } from "~/models/policy.server";
import { monthView } from "~/models/month.server";
import type { Result as WfResult } from "~/shared/validation";
import { ACTOR, count, workflowDb } from "./workflows-fixture";

const FORM = {
  region: "sample-city",
  effectiveFrom: "2026-07",
  baseFloor: "4000",
  baseCap: "20000.00",
  pension_employer: "16%",
  pension_employee: "8%",
  medical_employer: "7.5%+0.5%",
  medical_employee: "2%+¥3.00",
  unemployment_employer: "0.5%",
  unemployment_employee: "0.5%",
  work_injury_employer: "0.2%",
  work_injury_employee: "0",
  maternity_employer: "0%",
  maternity_employee: "0%",
  roundingUnit: "fen",
  roundingMode: "half_up",
  dueDay: "15",
  dueMonthOffset: "0",
  lateFeePpmPerDay: "",
};
const codeOf = (r: WfResult, field: string) => (r.ok ? undefined : r.errors[field]?.code);

describe("policy versions", () => {
  it("creates a future version with rate terms, and asks to confirm changes to months in force", async () => {
    const db = await workflowDb();
    const audit0 = await count(db, "audit_log");
    const created = await savePolicy(db, ACTOR, null, FORM, "2026-05");
    expect(created.ok).toBe(true);
    expect(await count(db, "audit_log")).toBe(audit0 + 1);
    const v = (await policyOverview(db)).find((r) => r.region === "sample-city")!.versions[0]!;
    expect(v).toMatchObject({ effectiveFrom: "2026-07", lateFeePpmPerDay: 500, rates: { medical_employer: "7.5%+0.5%", medical_employee: "2%+¥3.00" } });
    // SPEC §9.7 figures on ¥12,345.67 are the engine's; here ¥8,000.00: medical employer 60000 + 4000, employee 16000 + 300.
    expect((await monthView(db, "ACME", "2026-07", "2026-07-31"))!.rows[0]!.items.medical).toEqual({ employer: 64_000, employee: 16_300 });

    const id = (created as { value: number }).value;
    const past = await savePolicy(db, ACTOR, id, { ...FORM, effectiveFrom: "2026-04" }, "2026-05");
    expect(codeOf(past, "confirmPast")).toBe("confirmPast");
    const oldId = (await policyOverview(db))[0]!.versions.find((x) => x.effectiveFrom === "2025-01")!.id;
    expect(codeOf(await savePolicy(db, ACTOR, oldId, { ...FORM, effectiveFrom: "2025-01", baseFloor: "4100" }, "2026-05"), "confirmPast")).toBe("confirmPast");
    expect(await count(db, "audit_log")).toBe(audit0 + 1);
    expect((await savePolicy(db, ACTOR, oldId, { ...FORM, effectiveFrom: "2025-01", baseFloor: "4100", confirmPast: "on" }, "2026-05")).ok).toBe(true);
    expect(await count(db, "audit_log")).toBe(audit0 + 2);
    expect(codeOf(await savePolicy(db, ACTOR, null, { ...FORM, effectiveFrom: "2025-01", confirmPast: "on" }, "2026-05"), "effectiveFrom")).toBe("policyExists");
  });

  it("refuses bad rates, floors and due days, writing nothing", async () => {
    const db = await workflowDb();
    const audit0 = await count(db, "audit_log");
    const policies0 = await count(db, "policies");
    for (const [patch, field, code] of [
      [{ medical_employer: "8%+" }, "medical_employer", "badRate"],
      [{ pension_employer: "" }, "pension_employer", "required"],
      [{ maternity_employee: "1%" }, "maternity_employee", "employeeRateNotZero"],
      [{ baseFloor: "30000" }, "baseFloor", "floorAboveCap"],
      [{ dueDay: "32" }, "dueDay", "badDueDay"],
      [{ lateFeePpmPerDay: "0.5" }, "lateFeePpmPerDay", "badLateFee"],
      [{ effectiveFrom: "2026-7" }, "effectiveFrom", "invalidMonth"],
    ] as const) {
      expect(codeOf(await savePolicy(db, ACTOR, null, { ...FORM, ...patch }, "2026-05"), field), JSON.stringify(patch)).toBe(code);
    }
    // A bad rate says why, in English for logs and coded for the page in the reader's language.
    const bad = await savePolicy(db, ACTOR, null, { ...FORM, medical_employer: "8%+" }, "2026-05");
    expect(bad.ok ? null : bad.errors.medical_employer).toEqual({
      code: "badRate",
      detail: 'has an empty term in "8%+"',
      detailMsg: { key: "problems.rate.emptyTerm", params: { rate: "8%+" } },
    });
    expect(await count(db, "audit_log")).toBe(audit0);
    expect(await count(db, "policies")).toBe(policies0);
  });
});

describe("non-working days", () => {
  it("adds a pasted list once, removes a date, refuses bad dates; audit-logged", async () => {
    const db = await workflowDb();
    const audit0 = await count(db, "audit_log");
    expect(await addNonWorkingDays(db, ACTOR, { region: "sample-city", dates: "2026-10-01, 2026-10-02\n2026-10-01" })).toEqual({ ok: true, value: 2 });
    expect(await addNonWorkingDays(db, ACTOR, { region: "sample-city", dates: "2026-10-02" })).toEqual({ ok: true, value: 0 });
    expect(await count(db, "audit_log")).toBe(audit0 + 1);
    expect(codeOf(await addNonWorkingDays(db, ACTOR, { region: "sample-city", dates: "2026-10-03 2026-02-30" }), "dates")).toBe("invalidDate");
    expect(codeOf(await addNonWorkingDays(db, ACTOR, { region: "sample-city", dates: " " }), "dates")).toBe("noDates");
    expect((await removeNonWorkingDay(db, ACTOR, { region: "sample-city", date: "2026-10-01" })).ok).toBe(true);
    expect(codeOf(await removeNonWorkingDay(db, ACTOR, { region: "sample-city", date: "2026-10-01" }), "form")).toBe("notFound");
    expect((await policyOverview(db)).find((r) => r.region === "sample-city")!.nonWorkingDays).toEqual(["2026-10-02"]);
    expect(await count(db, "audit_log")).toBe(audit0 + 2);
  });
});
