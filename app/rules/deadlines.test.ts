/**
 * SPEC §4: the registration deadline (hire + 30), the premium due date (day
 * `due_day` of M + offset, `last` or past the month's end = its last day), the
 * new employee's grace and the statement deadline (last day of M+1) — each then
 * rolled past non-working days.
 */
import { describe, expect, it } from "vitest";
import { WorkCalendar } from "./dates";
import { employeeDueDate, premiumDueDate, registrationDeadline, statementDeadline } from "./deadlines";
import type { PolicyVersion } from "./types";

const none = new WorkCalendar();
const nationalDay = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"];
const holidays = new WorkCalendar([
  ...nationalDay,
  "2026-01-31", "2026-02-01", // a weekend across a month end
  "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03", // across the year end
  "2026-03-15",
]);

type Due = Pick<PolicyVersion, "dueDay" | "dueMonthOffset">;

describe("art. 58 registration deadline: hire date + 30, then the roll", () => {
  it.each([
    ["2026-01-10", none, "2026-02-09", "example 5"],
    ["2026-03-20", none, "2026-04-19", "example 8"],
    ["2026-01-31", none, "2026-03-02", "January 31 + 30 runs past all of February"],
    ["2024-01-31", none, "2024-03-01", "… and past a leap February"],
    ["2025-12-20", none, "2026-01-19", "across the year end"],
    ["2026-01-01", none, "2026-01-31", "day 30 is the last allowed day"],
    ["2026-09-01", holidays, "2026-10-08", "falls on National Day: the whole week is skipped"],
    ["2026-09-07", holidays, "2026-10-08", "falls on the last day of the run"],
    ["2026-08-31", holidays, "2026-09-30", "the day before the run is not moved"],
    ["2026-01-01", holidays, "2026-02-02", "a weekend across a month end"],
    ["2026-12-01", holidays, "2027-01-04", "a run across the year end"],
  ])("hired %s → %s (%s)", (hire, cal, deadline) => {
    expect(registrationDeadline(hire, cal)).toBe(deadline);
  });
});

describe("premium due date for M", () => {
  it.each<[string, Due, WorkCalendar, string, string]>([
    ["2026-03", { dueDay: 15, dueMonthOffset: 0 }, none, "2026-03-15", "sample-city"],
    ["2026-02", { dueDay: "last", dueMonthOffset: 0 }, none, "2026-02-28", "`last` in a common February"],
    ["2024-02", { dueDay: "last", dueMonthOffset: 0 }, none, "2024-02-29", "`last` in a leap February"],
    ["2100-02", { dueDay: "last", dueMonthOffset: 0 }, none, "2100-02-28", "`last` in 2100 (not leap)"],
    ["2026-02", { dueDay: 29, dueMonthOffset: 0 }, none, "2026-02-28", "day 29 past a common February's end"],
    ["2024-02", { dueDay: 30, dueMonthOffset: 0 }, none, "2024-02-29", "day 30 past a leap February's end"],
    ["2024-02", { dueDay: 29, dueMonthOffset: 0 }, none, "2024-02-29", "day 29 in a leap February exists"],
    ["2026-04", { dueDay: 31, dueMonthOffset: 0 }, none, "2026-04-30", "day 31 in a 30-day month"],
    ["2026-05", { dueDay: 31, dueMonthOffset: 0 }, none, "2026-05-31", "day 31 in a 31-day month"],
    ["2026-04", { dueDay: 1, dueMonthOffset: 0 }, none, "2026-04-01", "day 1"],
    ["2026-12", { dueDay: 15, dueMonthOffset: 1 }, none, "2027-01-15", "offset 1: December's premiums due in January of the next year"],
    ["2026-01", { dueDay: "last", dueMonthOffset: 1 }, none, "2026-02-28", "offset 1 and `last`: February's last day"],
    ["2024-01", { dueDay: 31, dueMonthOffset: 1 }, none, "2024-02-29", "offset 1, day 31 in a leap February"],
    ["2026-11", { dueDay: 31, dueMonthOffset: 1 }, none, "2026-12-31", "offset 1 into December"],
    ["2026-10", { dueDay: 1, dueMonthOffset: 0 }, holidays, "2026-10-08", "on National Day: rolled over the whole week"],
    ["2026-09", { dueDay: 5, dueMonthOffset: 1 }, holidays, "2026-10-08", "offset 1 onto the holiday run"],
    ["2026-01", { dueDay: "last", dueMonthOffset: 0 }, holidays, "2026-02-02", "`last` rolled across the month end"],
    ["2026-12", { dueDay: "last", dueMonthOffset: 0 }, holidays, "2027-01-04", "`last` rolled across the year end"],
    ["2026-11", { dueDay: 31, dueMonthOffset: 1 }, holidays, "2027-01-04", "offset 1, rolled across the year end"],
    ["2026-03", { dueDay: 15, dueMonthOffset: 0 }, holidays, "2026-03-16", "a single non-working day"],
  ])("%s with %j → %s (%s)", (month, due, cal, expected) => {
    expect(premiumDueDate(month, due, cal)).toBe(expected);
  });
});

describe("a new employee's grace: due(E,M) = max(premium due date, registration deadline)", () => {
  it.each([
    ["2026-03-15", "2026-04-19", "2026-04-19", "example 8: the registration deadline is later"],
    ["2026-04-15", "2026-04-19", "2026-04-19", "example 8, April too"],
    ["2026-05-15", "2026-04-19", "2026-05-15", "May: the premium due date"],
    ["2026-03-15", "2026-03-15", "2026-03-15", "the same day"],
  ])("premium due %s, registration deadline %s → %s (%s)", (premiumDue, regDue, due) => {
    expect(employeeDueDate(premiumDue, regDue)).toBe(due);
  });
});

describe("art. 60 statement deadline: the last day of M+1, then the roll", () => {
  it.each([
    ["2026-01", none, "2026-02-28"],
    ["2024-01", none, "2024-02-29"],
    ["2026-02", none, "2026-03-31"],
    ["2026-03", none, "2026-04-30"],
    ["2026-12", none, "2027-01-31"],
    ["2026-11", holidays, "2027-01-04"], // 12-31 … 01-03 skipped
    ["2025-12", holidays, "2026-02-02"], // 01-31, 02-01 skipped
  ])("for %s → %s", (month, cal, deadline) => {
    expect(statementDeadline(month, cal)).toBe(deadline);
  });
});
