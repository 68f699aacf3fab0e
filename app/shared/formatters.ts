/**
 * Locale formats for people (ADR 5): dates, months, money, numbers, percentages.
 *
 * - `date` (dense tables, forms, CSV-like places): ISO `2026-11-23` in both languages.
 * - `longDate` (prose, headings, the printed statement): `2026年11月23日` / `23 Nov 2026`.
 * - `month`: `2026年11月` / `Nov 2026`.
 * - `money` (fen, an integer): `¥1,234.56` in both languages, integer arithmetic only.
 * - `number`: grouped by thousands with `,` in both languages (`12,649`).
 * - `percent` (ppm): `16%`, `0.05%`.
 * - `dateTime` (an ISO instant): `2026-11-23 09:30` in Asia/Shanghai.
 *
 * Everything is computed without `Intl` or `toLocaleString`, so the server and the
 * browser render exactly the same text (no hydration mismatch whatever the ICU data).
 * Text that does not parse is returned unchanged.
 *
 * Components: `const fmt = useFormat(); fmt.money(row.amount)` (hooks/use-format.ts, the hook).
 * Models, server or CLI: `formatMonth("zh-CN", "2026-11")` or `formatterFor(locale).month(…)`
 * from this file, which is pure (no React, no i18next).
 */
import { percentText, yuanDisplay } from "~/rules/money";
import { shanghaiDateTime } from "~/shared/shanghai-time";

export type FormatLanguage = "zh-CN" | "en" | (string & {});

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Chinese unless the language is English (the app's fallback is zh-CN). */
function isEnglish(lng: FormatLanguage | undefined): boolean {
  return typeof lng === "string" && (lng === "en" || lng.startsWith("en-"));
}

/** A date in a table: ISO `YYYY-MM-DD` in both languages (sortable, unambiguous, what Chinese business software shows). */
export function formatDate(_lng: FormatLanguage, iso: string): string {
  return iso;
}

/** A date in prose or a heading: `2026年11月23日` / `23 Nov 2026`. */
export function formatLongDate(lng: FormatLanguage, iso: string): string {
  const m = DATE_RE.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return iso;
  return isEnglish(lng) ? `${day} ${MONTHS_EN[month - 1]} ${m[1]}` : `${m[1]}年${month}月${day}日`;
}

/** A month `YYYY-MM`: `2026年11月` / `Nov 2026`. */
export function formatMonth(lng: FormatLanguage, ym: string): string {
  const m = MONTH_RE.exec(ym);
  if (!m) return ym;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return ym;
  return isEnglish(lng) ? `${MONTHS_EN[month - 1]} ${m[1]}` : `${m[1]}年${month}月`;
}

/** fen (an integer) → `¥1,234.56`, `-¥5.00`: the same in both languages. */
export function formatMoney(fen: number): string {
  return yuanDisplay(fen);
}

/** An integer grouped by thousands: `12,649` (both languages group by three with `,`). Non-integers keep their decimals as given. */
export function formatNumber(_lng: FormatLanguage, n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Math.abs(n));
  if (/e/i.test(s)) return String(n);
  const [whole, frac] = s.split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${n < 0 ? "-" : ""}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

/** ppm → `16%`, `0.5%`, `0.05%` (no trailing zeros). */
export function formatPercent(ppm: number): string {
  return percentText(ppm);
}

/** An ISO instant → `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export function formatDateTime(iso: string): string {
  return shanghaiDateTime(iso);
}

export interface Formatter {
  language: string;
  date(iso: string): string;
  longDate(iso: string): string;
  month(ym: string): string;
  money(fen: number): string;
  number(n: number): string;
  percent(ppm: number): string;
  dateTime(iso: string): string;
}

/** Every format bound to one language (server loaders, `meta`, the CLI). */
export function formatterFor(lng: FormatLanguage): Formatter {
  return {
    language: lng,
    date: (iso) => formatDate(lng, iso),
    longDate: (iso) => formatLongDate(lng, iso),
    month: (ym) => formatMonth(lng, ym),
    money: formatMoney,
    number: (n) => formatNumber(lng, n),
    percent: formatPercent,
    dateTime: formatDateTime,
  };
}
