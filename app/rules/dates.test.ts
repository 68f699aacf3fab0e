/**
 * SPEC §1: plain calendar dates, `days(a, b) = b − a`, "within N days from X"
 * ends on X + N, and a computed deadline on a non-working day moves to the next
 * day that is not one — a whole holiday run is skipped.
 */
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  firstDayOf,
  isValidDate,
  isValidMonth,
  lastDayOf,
  monthOf,
  monthRange,
  shanghaiDate,
  WorkCalendar,
} from "./dates";

describe("which strings are calendar dates", () => {
  it.each([
    ["2026-03-15", true],
    ["2024-02-29", true], // leap year
    ["2000-02-29", true], // divisible by 400
    ["2026-02-29", false], // not a leap year
    ["2100-02-29", false], // divisible by 100, not 400
    ["2026-04-31", false], // April has 30 days
    ["2026-12-31", true],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-01-00", false],
    ["2026-1-05", false],
    ["2026-01-05T00:00", false],
    ["", false],
  ])("%j is a date: %s", (s, ok) => {
    expect(isValidDate(s)).toBe(ok);
  });

  it.each([
    ["2026-03", true],
    ["2026-12", true],
    ["2026-13", false],
    ["2026-00", false],
    ["2026-3", false],
    ["2026-03-01", false],
  ])("%j is a month: %s", (s, ok) => {
    expect(isValidMonth(s)).toBe(ok);
  });
});

describe("month lengths", () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2000, 2, 29],
    [2100, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])("%i-%i has %i days", (y, m, n) => {
    expect(daysInMonth(y, m)).toBe(n);
  });

  it.each([
    ["2026-02", "2026-02-28"],
    ["2024-02", "2024-02-29"],
    ["2026-04", "2026-04-30"],
    ["2026-12", "2026-12-31"],
  ])("the last day of %s is %s", (m, d) => {
    expect(lastDayOf(m)).toBe(d);
    expect(firstDayOf(m)).toBe(`${m}-01`);
    expect(monthOf(d)).toBe(m);
  });
});

describe("day counts: days(a, b) = b − a", () => {
  it.each([
    ["2026-03-15", "2026-03-15", 0],
    ["2026-03-15", "2026-03-16", 1], // the day after the due date is one day late
    ["2026-03-15", "2026-03-31", 16], // example 6
    ["2026-04-19", "2026-05-06", 17], // example 8
    ["2026-01-31", "2026-03-02", 30], // across a short February
    ["2024-02-28", "2024-03-01", 2], // leap day counted
    ["2025-12-31", "2026-01-01", 1], // across the year end
    ["2026-01-01", "2027-01-01", 365],
    ["2024-01-01", "2025-01-01", 366],
    ["2026-03-16", "2026-03-15", -1],
  ])("days(%s, %s) = %i", (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it.each([
    ["2026-01-10", 30, "2026-02-09"], // example 5
    ["2026-03-20", 30, "2026-04-19"], // example 8
    ["2026-01-31", 30, "2026-03-02"],
    ["2024-01-31", 30, "2024-03-01"],
    ["2025-12-20", 30, "2026-01-19"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
  ])("%s + %i days = %s", (d, n, out) => {
    expect(addDays(d, n)).toBe(out);
  });
});

describe("month arithmetic", () => {
  it.each([
    ["2026-12", 1, "2027-01"],
    ["2026-01", -1, "2025-12"],
    ["2026-03", 0, "2026-03"],
    ["2026-11", 14, "2028-01"],
  ])("%s + %i months = %s", (m, n, out) => {
    expect(addMonths(m, n)).toBe(out);
  });

  it("lists every month of a range, across the year end, both ends included", () => {
    expect(monthRange("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthRange("2026-03", "2026-03")).toEqual(["2026-03"]);
    expect(monthRange("2026-04", "2026-03")).toEqual([]);
  });
});

describe("a deadline on a non-working day moves to the next working day (Civil Code art. 203)", () => {
  // National Day: a week-long run 2026-10-01..07; a run across a month end and one across the year end.
  const cal = new WorkCalendar([
    "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
    "2026-01-31", "2026-02-01",
    "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03",
    "2026-03-14",
  ]);

  it.each([
    ["2026-10-01", "2026-10-08", "the first day of a week-long holiday skips the whole week"],
    ["2026-10-04", "2026-10-08", "the middle of the run too"],
    ["2026-10-07", "2026-10-08", "the last day of the run: the day after"],
    ["2026-09-30", "2026-09-30", "the working day before the run stays"],
    ["2026-10-08", "2026-10-08", "the working day after the run stays"],
    ["2026-01-31", "2026-02-02", "across a month end"],
    ["2026-12-31", "2027-01-04", "across the year end"],
    ["2026-03-14", "2026-03-15", "a single non-working day"],
    ["2026-03-15", "2026-03-15", "a working day stays"],
  ])("%s rolls to %s (%s)", (d, out) => {
    expect(cal.roll(d)).toBe(out);
  });

  it("an empty calendar rolls nothing", () => {
    expect(new WorkCalendar().roll("2026-10-01")).toBe("2026-10-01");
  });

  it("knows which days are non-working", () => {
    expect(cal.isNonWorking("2026-10-03")).toBe(true);
    expect(cal.isNonWorking("2026-10-08")).toBe(false);
  });
});

describe("today is the date in Asia/Shanghai (UTC+8, no daylight saving)", () => {
  it.each([
    ["2026-03-14T15:59:59.999Z", "2026-03-14"],
    ["2026-03-14T16:00:00.000Z", "2026-03-15"], // midnight in Shanghai
    ["2026-12-31T16:00:00.000Z", "2027-01-01"],
    ["2026-07-01T00:00:00.000Z", "2026-07-01"], // summer: still +8
    ["2026-02-28T16:00:00.000Z", "2026-03-01"],
  ])("at %s it is %s in Shanghai", (instant, day) => {
    expect(shanghaiDate(new Date(instant))).toBe(day);
  });
});
