/**
 * The order of findings in every report (SPEC §7): status (open, closed),
 * severity (critical, breach, warning), due_date, employer_code, period (empty
 * first), employee_no, rule — text compared by Unicode code point, empty first.
 */
import type { Finding } from "./types";

const STATUS_RANK = { open: 0, closed: 1 } as const;
const SEVERITY_RANK = { critical: 0, breach: 1, warning: 2 } as const;

/**
 * Compare two strings by Unicode code point (JavaScript's `<` compares UTF-16
 * code units, which puts U+E000–U+FFFF after astral characters).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x - y;
  }
  return a.length - b.length;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareCodePoints(a.dueDate, b.dueDate) ||
    compareCodePoints(a.employerCode, b.employerCode) ||
    compareCodePoints(a.period ?? "", b.period ?? "") ||
    compareCodePoints(a.employeeNo ?? "", b.employeeNo ?? "") ||
    compareCodePoints(a.rule, b.rule)
  );
}

/**
 * Lists each sorted by `cmp` merged into one, stably (on a tie the earlier
 * list's item first): the same as sorting their concatenation stably, in
 * linear time per level. A few items into many are placed by binary search.
 */
export function mergeSorted<T>(lists: readonly T[][], cmp: (a: T, b: T) => number): T[] {
  let level = lists.filter((l) => l.length > 0);
  if (level.length === 0) return [];
  while (level.length > 1) {
    const next: T[][] = [];
    for (let i = 0; i < level.length; i += 2) {
      const b = level[i + 1];
      next.push(b ? mergeTwo(level[i]!, b, cmp) : level[i]!);
    }
    level = next;
  }
  return level[0]!;
}

function mergeTwo<T>(a: T[], b: T[], cmp: (a: T, b: T) => number): T[] {
  if (b.length * 16 < a.length) {
    const out: T[] = [];
    let from = 0;
    for (const item of b) {
      let lo = from;
      let hi = a.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cmp(item, a[mid]!) < 0) hi = mid;
        else lo = mid + 1;
      }
      for (let i = from; i < lo; i++) out.push(a[i]!);
      out.push(item);
      from = lo;
    }
    for (let i = from; i < a.length; i++) out.push(a[i]!);
    return out;
  }
  const out = new Array<T>(a.length + b.length);
  let x = 0;
  let y = 0;
  let k = 0;
  while (x < a.length && y < b.length) out[k++] = cmp(b[y]!, a[x]!) < 0 ? b[y++]! : a[x++]!;
  while (x < a.length) out[k++] = a[x++]!;
  while (y < b.length) out[k++] = b[y++]!;
  return out;
}
