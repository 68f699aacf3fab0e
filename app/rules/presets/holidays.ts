/**
 * The State Council General Office's annual holiday notices (国务院办公厅关于
 * 某年部分节假日安排的通知) as data: the public holidays and the weekend days
 * made working days (调休上班). Pure and browser-safe.
 *
 * `calendarDays` turns a year into a region's non-working days: the
 * holidays, plus (optionally) every Saturday and Sunday, minus the make-up
 * working days. A deadline that falls on one of them rolls to the next working
 * day (SPEC §4).
 */
import { addDays, isValidDate } from "../dates";
import type { IsoDate } from "../types";
import type { Source } from "./source";

export interface HolidayPeriod {
  /** The holiday's name in the notice (元旦, 春节 …). */
  name: string;
  /** First and last day off, inclusive. */
  from: IsoDate;
  to: IsoDate;
  /** Weekend days the notice makes working days for this holiday. */
  workdays: IsoDate[];
}

export interface HolidayYear {
  year: number;
  periods: HolidayPeriod[];
  source: Source;
}

export const HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2024,
    source: {
      title: "国务院办公厅关于2024年部分节假日安排的通知",
      issuer: "国务院办公厅",
      number: "国办发明电〔2023〕7号",
      date: "2023-10-25",
      readAt: "http://paper.people.com.cn/rmrb/html/2023-10/26/nw.D110000renmrb_20231026_3-06.htm",
    },
    periods: [
      { name: "元旦", from: "2024-01-01", to: "2024-01-01", workdays: [] },
      { name: "春节", from: "2024-02-10", to: "2024-02-17", workdays: ["2024-02-04", "2024-02-18"] },
      { name: "清明节", from: "2024-04-04", to: "2024-04-06", workdays: ["2024-04-07"] },
      { name: "劳动节", from: "2024-05-01", to: "2024-05-05", workdays: ["2024-04-28", "2024-05-11"] },
      { name: "端午节", from: "2024-06-10", to: "2024-06-10", workdays: [] },
      { name: "中秋节", from: "2024-09-15", to: "2024-09-17", workdays: ["2024-09-14"] },
      { name: "国庆节", from: "2024-10-01", to: "2024-10-07", workdays: ["2024-09-29", "2024-10-12"] },
    ],
  },
  {
    year: 2025,
    source: {
      title: "国务院办公厅关于2025年部分节假日安排的通知",
      issuer: "国务院办公厅",
      // The page read (Xinhua's text on gmw.cn) does not print the document number.
      number: null,
      date: "2024-11-12",
      readAt: "https://m.gmw.cn/2024-11/12/content_1303894933.htm",
    },
    periods: [
      { name: "元旦", from: "2025-01-01", to: "2025-01-01", workdays: [] },
      { name: "春节", from: "2025-01-28", to: "2025-02-04", workdays: ["2025-01-26", "2025-02-08"] },
      { name: "清明节", from: "2025-04-04", to: "2025-04-06", workdays: [] },
      { name: "劳动节", from: "2025-05-01", to: "2025-05-05", workdays: ["2025-04-27"] },
      { name: "端午节", from: "2025-05-31", to: "2025-06-02", workdays: [] },
      { name: "国庆节、中秋节", from: "2025-10-01", to: "2025-10-08", workdays: ["2025-09-28", "2025-10-11"] },
    ],
  },
  {
    year: 2026,
    source: {
      title: "国务院办公厅关于2026年部分节假日安排的通知",
      issuer: "国务院办公厅",
      // The page read (Xinhua's text on gmw.cn) does not print the document number.
      number: null,
      date: "2025-11-04",
      readAt: "https://politics.gmw.cn/2025-11/04/content_38391083.htm",
    },
    periods: [
      { name: "元旦", from: "2026-01-01", to: "2026-01-03", workdays: ["2026-01-04"] },
      { name: "春节", from: "2026-02-15", to: "2026-02-23", workdays: ["2026-02-14", "2026-02-28"] },
      { name: "清明节", from: "2026-04-04", to: "2026-04-06", workdays: [] },
      { name: "劳动节", from: "2026-05-01", to: "2026-05-05", workdays: ["2026-05-09"] },
      { name: "端午节", from: "2026-06-19", to: "2026-06-21", workdays: [] },
      { name: "中秋节", from: "2026-09-25", to: "2026-09-27", workdays: [] },
      { name: "国庆节", from: "2026-10-01", to: "2026-10-07", workdays: ["2026-09-20", "2026-10-10"] },
    ],
  },
];

export const CALENDAR_YEARS: readonly number[] = HOLIDAY_YEARS.map((y) => y.year);

export function holidayYear(year: number): HolidayYear | undefined {
  return HOLIDAY_YEARS.find((y) => y.year === year);
}

/** 0 = Sunday … 6 = Saturday, for a valid `YYYY-MM-DD`. */
export function weekday(d: IsoDate): number {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day)).getUTCDay();
}

/** Every day off of the year's holidays (the periods expanded). */
export function holidayDates(y: HolidayYear): IsoDate[] {
  const out: IsoDate[] = [];
  for (const p of y.periods) for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The weekend days the notice makes working days. */
export function makeUpWorkdays(y: HolidayYear): IsoDate[] {
  return y.periods.flatMap((p) => p.workdays).sort();
}

/**
 * A region's non-working days for a year: the holidays, and with `weekends`
 * every Saturday and Sunday, minus the make-up working days; sorted, no
 * duplicates. Undefined for a year without a notice.
 */
export function calendarDays(year: number, weekends: boolean): IsoDate[] | undefined {
  const y = holidayYear(year);
  if (!y) return undefined;
  const off = new Set(holidayDates(y));
  if (weekends) {
    for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
      const w = weekday(d);
      if (w === 0 || w === 6) off.add(d);
    }
  }
  for (const w of makeUpWorkdays(y)) off.delete(w);
  return [...off].filter(isValidDate).sort();
}
