/** The policy form's new fields (base rule, base-year start, per-insurance floors and caps, cut-off day, late fee in 万分之) and when a confirmation is asked. */
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../helpers/test-db";
import { policyOverview, savePolicy } from "~/models/policy.server";
import type { Result as WfResult } from "~/shared/validation";
import { ACTOR, count, workflowDb } from "./workflows-fixture";
import { rawSql } from "../helpers/raw-sql";

const FORM = {
  region: "sample-city",
  effectiveFrom: "2026-07",
  baseFloor: "4000",
  baseCap: "20000.00",
  pension_employer: "16%",
  pension_employee: "8%",
  medical_employer: "8.5%+0.5%",
  medical_employee: "2%",
  unemployment_employer: "0.5%",
  unemployment_employee: "0.5%",
  work_injury_employer: "0.2%",
  work_injury_employee: "0",
  maternity_employer: "0%",
  maternity_employee: "0%",
  dueDay: "15",
};
const codeOf = (r: WfResult, field: string) => (r.ok ? undefined : r.errors[field]?.code);

describe("the policy form's fields", () => {
  it("stores the base rule, base-year start, the bounds given, the cut-off day, and the late fee entered as 万分之", async () => {
    const db = await workflowDb();
    const r = await savePolicy(db, ACTOR, null, { ...FORM, baseRule: "annual", baseYearStart: "1", medicalBaseFloor: "5000", unemploymentBaseCap: "15000", changeCutoffDay: "20", lateFeeWan: "5" }, "2026-05");
    expect(r.ok).toBe(true);
    const v = (await policyOverview(db)).find((x) => x.region === "sample-city")!.versions.find((x) => x.effectiveFrom === "2026-07")!;
    expect(v).toMatchObject({ baseRule: "annual", baseYearStart: 1, insuranceBounds: { medical: { floor: 500_000 }, unemployment: { cap: 1_500_000 } }, changeCutoffDay: 20, lateFeePpmPerDay: 500 });
    expect(Object.keys(v.insuranceBounds)).toEqual(["medical", "unemployment"]);
  });

  it("万分之 with decimals becomes ppm (2.5 → 250); empty keeps the defaults (wage, July, no cut-off, 500 ppm)", async () => {
    const db = await workflowDb();
    expect((await savePolicy(db, ACTOR, null, { ...FORM, lateFeeWan: "2.5" }, "2026-05")).ok).toBe(true);
    expect((await savePolicy(db, ACTOR, null, { ...FORM, effectiveFrom: "2026-08" }, "2026-05")).ok).toBe(true);
    const vs = (await policyOverview(db)).find((x) => x.region === "sample-city")!.versions;
    expect(vs.find((x) => x.effectiveFrom === "2026-07")!.lateFeePpmPerDay).toBe(250);
    expect(vs.find((x) => x.effectiveFrom === "2026-08")).toMatchObject({ baseRule: "wage", baseYearStart: 7, changeCutoffDay: null, lateFeePpmPerDay: 500, insuranceBounds: {} });
  });

  it("refuses a bad base-year start, cut-off day, 万分之 or a floor above its cap, naming the field, writing nothing", async () => {
    const db = await workflowDb();
    const audit0 = await count(db, "audit_log");
    for (const [patch, field, code] of [
      [{ baseYearStart: "13" }, "baseYearStart", "badBaseYearStart"],
      [{ changeCutoffDay: "0" }, "changeCutoffDay", "badCutoff"],
      [{ lateFeeWan: "0.005" }, "lateFeeWan", "badLateFeeWan"],
      [{ medicalBaseFloor: "25000" }, "medicalBaseFloor", "boundFloorAboveCap"],
      [{ pensionBaseCap: "3000" }, "pensionBaseCap", "boundFloorAboveCap"],
      [{ workInjuryBaseFloor: "abc" }, "workInjuryBaseFloor", "invalidAmount"],
    ] as const) {
      expect(codeOf(await savePolicy(db, ACTOR, null, { ...FORM, ...patch }, "2026-05"), field), JSON.stringify(patch)).toBe(code);
    }
    expect(await count(db, "audit_log")).toBe(audit0);
  });
});

describe("confirming past months", () => {
  it("asks nothing for a policy that changes no stored month (a new installation typing its 2024-07 policy)", async () => {
    const db = await openTestDatabase();
    const r = await savePolicy(db, ACTOR, null, { ...FORM, region: "shanghai", effectiveFrom: "2024-07" }, "2026-12");
    expect(r.ok).toBe(true);
  });

  it("asks nothing where the region's employer goes live after the months the version reaches, and asks where employees are on the roster", async () => {
    const db = await workflowDb(); // ACME in sample-city, E001 hired 2025-01-06
    expect(codeOf(await savePolicy(db, ACTOR, null, { ...FORM, effectiveFrom: "2026-04" }, "2026-05"), "confirmPast")).toBe("confirmPast");
    await rawSql(db).prepare("UPDATE employers SET tracking_from = '2026-06'").run();
    expect((await savePolicy(db, ACTOR, null, { ...FORM, effectiveFrom: "2026-04" }, "2026-05")).ok).toBe(true);
  });
});
