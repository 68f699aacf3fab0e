import { describe, expect, it } from "vitest";
import { calendarDays, HOLIDAY_YEARS, holidayDates, makeUpWorkdays, weekday } from "./holidays";
import { isCompleteSource } from "./source";

describe("the State Council holiday calendars", () => {
  it("has 2024, 2025 and 2026, each with a complete source", () => {
    expect(HOLIDAY_YEARS.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    for (const y of HOLIDAY_YEARS) {
      expect(isCompleteSource(y.source), `${y.year}`).toBe(true);
      expect(y.source.title).toContain(String(y.year));
    }
  });

  it("2025: the make-up working days of the notice are working days (Sunday 2025-01-26, Saturday 2025-02-08, …)", () => {
    const y = HOLIDAY_YEARS.find((x) => x.year === 2025)!;
    expect(makeUpWorkdays(y)).toEqual(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
    expect(weekday("2025-01-26")).toBe(0);
    const days = calendarDays(2025, true)!;
    expect(days).not.toContain("2025-01-26");
    expect(days).not.toContain("2025-02-08");
    expect(days).toContain("2025-01-25"); // an ordinary Saturday
    expect(days).toContain("2025-01-28"); // 除夕, a Tuesday
    expect(days).toContain("2025-10-08");
    // Without weekends: the holidays only (27 days off in 2025), never a make-up day.
    const holidaysOnly = calendarDays(2025, false)!;
    expect(holidaysOnly).toEqual(holidayDates(y));
    expect(holidaysOnly.length).toBe(1 + 8 + 3 + 5 + 3 + 8);
  });

  it("every make-up working day is a Saturday or Sunday, and every period runs forwards inside its year", () => {
    for (const y of HOLIDAY_YEARS)
      for (const p of y.periods) {
        expect(p.from <= p.to, `${y.year} ${p.name}`).toBe(true);
        expect(p.from.slice(0, 4)).toBe(String(y.year));
        for (const w of p.workdays) expect([0, 6], w).toContain(weekday(w));
      }
  });

  it("with weekends: every Saturday and Sunday not made a working day, plus the holidays", () => {
    const days = new Set(calendarDays(2024, true)!);
    expect(days.has("2024-02-04")).toBe(false); // Sunday worked for 春节
    expect(days.has("2024-02-09")).toBe(false); // 除夕 2024 is an ordinary Friday in the notice
    expect(days.has("2024-10-07")).toBe(true);
    expect(days.has("2024-10-12")).toBe(false);
    expect(calendarDays(2023, true)).toBeUndefined();
  });
});
