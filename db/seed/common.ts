/** What the seeds share: a deterministic generator, the demo regions' rates and holidays, names, identity numbers, and the one precondition (an empty database). */
import { sql } from "drizzle-orm";
import type { Db } from "../connection";
import { employers, users } from "../schema";
import { addDays, dayNumber, fromDayNumber } from "../../app/rules/dates";
import { residentIdCheckChar, usccCheckChar } from "../../app/rules/identity";
import type { PolicyRates, Rate } from "../../app/rules/types";
import { type Actor } from "../../app/models/audit.server";

export const SEED_ACTOR: Actor = { userId: null, label: "seed" };

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pct = (p: number): Rate => [{ kind: "pct", ppm: Math.round(p * 10_000) }];
export const zero: Rate = [{ kind: "pct", ppm: 0 }];

export const SHANGHAI_RATES: PolicyRates = {
  pension: { employer: pct(16), employee: pct(8) },
  medical: { employer: [{ kind: "pct", ppm: 85_000 }, { kind: "pct", ppm: 5_000 }], employee: pct(2) },
  unemployment: { employer: pct(0.5), employee: pct(0.5) },
  work_injury: { employer: pct(0.16), employee: zero },
  maternity: { employer: zero, employee: zero },
};
export const BEIJING_RATES: PolicyRates = {
  pension: { employer: pct(16), employee: pct(8) },
  medical: { employer: pct(9.8), employee: [{ kind: "pct", ppm: 20_000 }, { kind: "fixed", fen: 300 }] },
  unemployment: { employer: pct(0.5), employee: pct(0.5) },
  work_injury: { employer: pct(0.4), employee: zero },
  maternity: { employer: pct(0.8), employee: zero },
};

/** Public holidays (runs) of the mainland calendar, 2024–2027, used by both demo regions. */
export const HOLIDAY_RUNS: [string, number][] = [
  ["2024-10-01", 7], ["2025-01-01", 1], ["2025-01-28", 8], ["2025-04-04", 3], ["2025-05-01", 5],
  ["2025-05-31", 3], ["2025-10-01", 8], ["2026-01-01", 3], ["2026-02-15", 9], ["2026-04-04", 3],
  ["2026-05-01", 5], ["2026-06-19", 3], ["2026-09-25", 3], ["2026-10-01", 7], ["2027-01-01", 3],
  ["2027-02-05", 8], ["2027-05-01", 5], ["2027-10-01", 7],
];

export function nonWorkingDaysFor(from: string, to: string, weekends: boolean): string[] {
  const out = new Set<string>();
  for (const [start, n] of HOLIDAY_RUNS) for (let i = 0; i < n; i++) out.add(addDays(start, i));
  if (weekends) {
    for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) {
      const wd = new Date(d * 86_400_000).getUTCDay();
      if (wd === 0 || wd === 6) out.add(fromDayNumber(d));
    }
  }
  return [...out].filter((d) => d >= from && d <= to).sort();
}

export const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
export const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "浩然", "子涵", "欣怡", "梓轩", "雨桐", "一诺"];
export const DEPARTMENTS = ["Sales", "Operations", "Finance", "Engineering", "HR", "Logistics", "Customer Service"];
export const AREA_CODES = ["310101", "310104", "310115", "110101", "110105", "110108", "440305", "510107", "330106", "320102"];

export function residentId(rand: () => number, birth: string): string {
  const area = AREA_CODES[Math.floor(rand() * AREA_CODES.length)]!;
  const seq = String(Math.floor(rand() * 999)).padStart(3, "0");
  const first17 = area + birth.replace(/-/g, "") + seq;
  return first17 + residentIdCheckChar(first17);
}

export function uscc(prefix17: string): string {
  return prefix17 + usccCheckChar(prefix17);
}

export type HashFn = (plain: string) => Promise<string>;

/** No employer and no user yet: the only state in which the seeds run. */
export async function databaseIsEmpty(db: Db): Promise<boolean> {
  return ((await db.select({ n: sql<number>`count(*)` }).from(employers).get())?.n ?? 0) === 0 &&
    ((await db.select({ n: sql<number>`count(*)` }).from(users).get())?.n ?? 0) === 0;
}

/**
 * The art. 50 report of a leaver, derived from their index (not from the random
 * stream, so the rest of the data stays as it was): most within the 15 days,
 * one in seven late, one in nine never reported; none after today.
 */
export function terminationReport(terminationDate: string | null, i: number, today: string): string | null {
  if (terminationDate === null || i % 9 === 4) return null;
  const on = addDays(terminationDate, i % 7 === 0 ? 18 + (i % 5) : 2 + (i % 11));
  return on <= today ? on : null;
}
