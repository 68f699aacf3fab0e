/** `applyCalendar`: writes a region's non-working days once; the second time nothing; HR's own days stay. */
import { describe, expect, it } from "vitest";
import { applyCalendar } from "~/models/calendar.server";
import { addNonWorkingDays, policyOverview } from "~/models/policy.server";
import { ACTOR, count, workflowDb } from "./workflows-fixture";

describe("applying the holiday calendar", () => {
  it("writes weekends and holidays minus make-up days, then nothing the second time; hand-added days stay", () => {
    const db = workflowDb();
    expect(addNonWorkingDays(db, ACTOR, { region: "sample-city", dates: "2025-03-08 2025-01-26" }).ok).toBe(true);
    const audit0 = count(db, "audit_log");
    const first = applyCalendar(db, ACTOR, { region: "sample-city", year: "2025", weekends: "on" });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.added).not.toContain("2025-01-26");
    expect(first.value.added).toContain("2025-01-28");
    expect(first.value.unchanged).toBe(1); // 2025-03-08, a Saturday HR had
    expect(count(db, "audit_log")).toBe(audit0 + 1);
    const rows0 = count(db, "non_working_days");
    const second = applyCalendar(db, ACTOR, { region: "sample-city", year: "2025", weekends: "on" });
    expect(second.ok && second.value.added).toEqual([]);
    expect(count(db, "non_working_days")).toBe(rows0);
    expect(count(db, "audit_log")).toBe(audit0 + 1);
    const days = policyOverview(db).find((r) => r.region === "sample-city")!.nonWorkingDays;
    // HR's hand-added 2025-01-26 stays (the calendar never deletes).
    expect(days).toContain("2025-01-26");
  });

  it("refuses a year without a notice, naming the years it has, and writes nothing", () => {
    const db = workflowDb();
    const r = applyCalendar(db, ACTOR, { region: "sample-city", year: "2023" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.year).toMatchObject({ code: "noCalendar", detail: "2024, 2025, 2026" });
    expect(count(db, "non_working_days")).toBe(0);
  });
});
