/**
 * Calendar arithmetic on plain dates (SPEC §1): no time of day, no time zone.
 * Dates travel as `YYYY-MM-DD` strings and are computed as day numbers
 * (days since 1970-01-01), months as month numbers (year × 12 + month − 1).
 */
import type { IsoDate, Month } from "./types";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isValidMonth(s: string): boolean {
  const m = MONTH_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12;
}

export function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** `YYYY-MM-DD` → day number. The caller guarantees a valid date. */
export function dayNumber(date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** `days(a, b) = b − a` in calendar days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

export function monthNumber(month: Month): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function fromMonthNumber(n: number): Month {
  const y = Math.floor(n / 12);
  const m = (n % 12) + 1;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
}

export function addMonths(month: Month, n: number): Month {
  return fromMonthNumber(monthNumber(month) + n);
}

export function monthOf(date: IsoDate): Month {
  return date.slice(0, 7);
}

export function firstDayOf(month: Month): IsoDate {
  return `${month}-01`;
}

export function lastDayOf(month: Month): IsoDate {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${String(daysInMonth(y, m)).padStart(2, "0")}`;
}

/** Every month from `from` to `to` inclusive. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let n = monthNumber(from), end = monthNumber(to); n <= end; n++) out.push(fromMonthNumber(n));
  return out;
}

/**
 * A calendar of non-working days (one region). A computed deadline that falls
 * on one moves to the next date that is not one (Civil Code art. 203); a run of
 * them is skipped whole.
 */
export class WorkCalendar {
  private readonly days: Set<IsoDate>;
  constructor(nonWorkingDays: Iterable<IsoDate> = []) {
    this.days = new Set(nonWorkingDays);
  }
  isNonWorking(date: IsoDate): boolean {
    return this.days.has(date);
  }
  roll(date: IsoDate): IsoDate {
    if (!this.days.has(date)) return date;
    let n = dayNumber(date);
    let d = date;
    while (this.days.has(d)) d = fromDayNumber(++n);
    return d;
  }
}

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving). Only callers outside `app/rules` may pass a clock in. */
export function shanghaiDate(now: Date): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
