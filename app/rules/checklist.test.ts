import { describe, expect, it } from "vitest";
import { setupChecklist, type EmployerFacts } from "./checklist";

const READY: EmployerFacts = {
  code: "SH01",
  uscc: "91310000MA1FL8TQ36",
  region: "shanghai",
  trackingFrom: "2026-12",
  policyMonths: ["2024-07"],
  calendarYears: [2026],
  employees: 10,
  unregistered: 0,
  declaredMonths: ["2026-12"],
};
const state = (facts: EmployerFacts[]) => Object.fromEntries(setupChecklist(facts, "2026-12").steps.map((s) => [s.step, s.done]));

describe("the set-up checklist", () => {
  it("an empty installation: every step to do", () => {
    const c = setupChecklist([], "2026-12");
    expect(c.done).toBe(false);
    expect(c.steps.map((s) => s.step)).toEqual(["employer", "policy", "calendar", "roster", "registrations", "declared"]);
    expect(c.steps.every((s) => !s.done)).toBe(true);
  });

  it("a ready employer: all done, so the checklist disappears", () => {
    expect(setupChecklist([READY], "2026-12").done).toBe(true);
  });

  it("each step looks at the go-live month", () => {
    expect(state([{ ...READY, uscc: "91310000MA1FL8TQ37" }]).employer).toBe(false);
    expect(state([{ ...READY, policyMonths: ["2027-01"] }]).policy).toBe(false);
    expect(state([{ ...READY, calendarYears: [2025] }]).calendar).toBe(false);
    expect(state([{ ...READY, employees: 0 }])).toMatchObject({ roster: false, registrations: false });
    expect(state([{ ...READY, unregistered: 2 }]).registrations).toBe(false);
    expect(state([{ ...READY, declaredMonths: ["2026-11"] }]).declared).toBe(false);
    // Without a go-live month the current month stands in.
    expect(state([{ ...READY, trackingFrom: null, declaredMonths: ["2026-11"] }]).declared).toBe(false);
  });

  it("names the first employer a step is not done for", () => {
    const c = setupChecklist([READY, { ...READY, code: "BJ01", region: "beijing", policyMonths: [] }], "2026-12");
    expect(c.steps.find((s) => s.step === "policy")).toEqual({ step: "policy", done: false, employerCode: "BJ01" });
    expect(c.done).toBe(false);
  });
});
