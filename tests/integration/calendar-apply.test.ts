/** `applyCalendar`: writes a region's non-working days once; the second time nothing; HR's own days stay. */
import { describe, expect, it } from "vitest";
import { applyCalendar } from "~/models/calendar.server";
import { addNonWorkingDays, policyOverview } from "~/models/policy.server";
import { openTestDatabase } from "../helpers/test-db";
import { saveEmployer } from "~/models/employer.server";
import { setupState } from "~/models/setup.server";
import { ACTOR, count, workflowDb } from "./workflows-fixture";

describe("applying the holiday calendar", () => {
  it("writes weekends and holidays minus make-up days, then nothing the second time; hand-added days stay", async () => {
    const db = await workflowDb();
    expect((await addNonWorkingDays(db, ACTOR, { region: "sample-city", dates: "2025-03-08 2025-01-26" })).ok).toBe(true);
    const audit0 = await count(db, "audit_log");
    const first = await applyCalendar(db, ACTOR, { region: "sample-city", year: "2025", weekends: "on" });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.added).not.toContain("2025-01-26");
    expect(first.value.added).toContain("2025-01-28");
    expect(first.value.unchanged).toBe(1); // 2025-03-08, a Saturday HR had
    expect(await count(db, "audit_log")).toBe(audit0 + 1);
    const rows0 = await count(db, "non_working_days");
    const second = await applyCalendar(db, ACTOR, { region: "sample-city", year: "2025", weekends: "on" });
    expect(second.ok && second.value.added).toEqual([]);
    expect(await count(db, "non_working_days")).toBe(rows0);
    expect(await count(db, "audit_log")).toBe(audit0 + 1);
    const days = (await policyOverview(db)).find((r) => r.region === "sample-city")!.nonWorkingDays;
    // HR's hand-added 2025-01-26 stays (the calendar never deletes).
    expect(days).toContain("2025-01-26");
  });

  it("refuses a year without a notice, naming the years it has, and writes nothing", async () => {
    const db = await workflowDb();
    const r = await applyCalendar(db, ACTOR, { region: "sample-city", year: "2023" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.year).toMatchObject({ code: "noCalendar", detail: "2024, 2025, 2026" });
    expect(await count(db, "non_working_days")).toBe(0);
  });
});

describe("the set-up checklist on the database", () => {
  it("follows an empty installation: employer, then calendar", async () => {
    const empty = await openTestDatabase();
    expect(await setupState(empty, "2026-12")).toMatchObject({ done: false, employerCount: 0 });
    expect((await saveEmployer(empty, ACTOR, null, { code: "SH01", name: "申宝", uscc: "91310000MA1FL8TQ36", region: "shanghai", trackingFrom: "2026-12" })).ok).toBe(true);
    const steps = async () => Object.fromEntries((await setupState(empty, "2026-12")).steps.map((s) => [s.step, s.done]));
    expect(await steps()).toEqual({ employer: true, policy: false, calendar: false, roster: false, registrations: false, declared: false });
    expect((await applyCalendar(empty, ACTOR, { region: "shanghai", year: "2026", weekends: "on" })).ok).toBe(true);
    expect((await steps()).calendar).toBe(true);

    // The fixture installation: a policy since 2025-01, one employee, no calendar.
    const db = await workflowDb();
    const s = Object.fromEntries((await setupState(db, "2026-12")).steps.map((x) => [x.step, x.done]));
    expect(s).toMatchObject({ employer: true, policy: true, calendar: false, roster: true });
  });
});
