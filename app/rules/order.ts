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
