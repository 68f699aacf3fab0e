/** HR reviews the findings of the rule book and takes the overdue report away as CSV. */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { FINDINGS_TABLE_PAGE_SIZE } from "../../app/url-state/findings-table";
import { signIn, todayInShanghai } from "./fixtures";

test.use({ locale: "en-US" });

const OVERDUE_HEADER = "rule,article,severity,employer_code,period,employee_no,employee_name,due_date,days,outstanding,late_fee,stage,detail";

/** The "N results" figure under a list. */
async function resultCount(page: Page): Promise<number> {
  const text = await page.locator(".pagination .muted").textContent();
  const m = /^(\d+) results?$/.exec(text?.trim() ?? "");
  expect(m, `a result count in "${text}"`).not.toBeNull();
  return Number(m![1]);
}

test("HR sees the findings and downloads the overdue CSV", async ({ page }) => {
  const today = todayInShanghai();
  await signIn(page, "hr");

  await page.getByRole("navigation", { name: en.nav.main }).getByRole("link", { name: en.nav.findings }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/findings");
  await expect(page.getByRole("heading", { level: 1, name: en.findings.title })).toBeVisible();
  // As of today (Asia/Shanghai) unless another date is chosen.
  await expect(page.getByLabel(en.common.asOf)).toHaveValue(today);

  // The demo has findings of many kinds: each listed with its rule, article, severity and status.
  const rows = page.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(5);
  await expect(page.locator("td.empty")).toHaveCount(0);
  const ruleNames = new Set<string>(Object.values(en.rules));
  for (const row of (await rows.all()).slice(0, 10)) {
    const cells = row.getByRole("cell");
    expect(ruleNames).toContain((await cells.nth(0).locator(".badge").textContent()) ?? "");
    await expect(cells.nth(1)).toHaveText(/^Art\. \d\d(, \d\d)?$/);
    await expect(cells.nth(2).locator(".badge")).toHaveText(/^(Critical|Breach|Warning)$/);
    await expect(cells.nth(3).locator(".badge")).toHaveText(/^(Open|Closed)$/);
  }
  const total = await resultCount(page);
  expect(total).toBeGreaterThanOrEqual(await rows.count());

  // Narrowed to one rule: the unregistered employees of art. 58.
  await page.getByLabel(en.findings.rule).selectOption("ART58_UNREGISTERED");
  await page.getByRole("button", { name: en.common.apply }).click();
  await expect(page).toHaveURL(/[?&]rule=ART58_UNREGISTERED(&|$)/);
  await expect(page.locator("tbody tr").first().getByRole("cell").first()).toHaveText(en.rules.ART58_UNREGISTERED);
  const unregistered = await resultCount(page);
  expect(unregistered).toBeGreaterThan(0);
  expect(unregistered).toBeLessThan(total);
  await expect(page.locator("tbody tr td:first-child")).toHaveText(Array(Math.min(unregistered, FINDINGS_TABLE_PAGE_SIZE)).fill(en.rules.ART58_UNREGISTERED));
  await expect(page.getByRole("cell", { name: "Art. 58", exact: true })).toHaveCount(Math.min(unregistered, FINDINGS_TABLE_PAGE_SIZE));
  await page.goto("/findings");

  // The overdue report: a download named after the date.
  const downloadLink = page.getByRole("link", { name: en.findings.downloadOverdue, exact: true });
  await expect(downloadLink).toHaveAttribute("href", `/reports/overdue.csv?asOf=${today}`);
  const [download] = await Promise.all([page.waitForEvent("download"), downloadLink.click()]);
  expect(download.suggestedFilename()).toBe(`overdue-${today}.csv`);
  expect(await download.failure()).toBeNull();
  const bytes = await readFile(await download.path());

  // UTF-8 with a BOM (so spreadsheet software reads the Chinese names), CRLF lines, the machine header.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.startsWith(`${OVERDUE_HEADER}\r\n`)).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);
  const lines = text.slice(0, -2).split("\r\n");
  const data = lines.slice(1);
  expect(data.length).toBeGreaterThan(0);
  // Only open findings of severity critical or breach (no warnings unless asked for).
  for (const line of data) {
    const [rule, , severity] = line.split(",");
    expect(["critical", "breach"], line).toContain(severity);
    expect(rule, line).toMatch(/^ART\d\d_[A-Z_]+$/);
    expect(rule, line).not.toMatch(/DUE_SOON|LATE_REGISTRATION|LATE_DECLARATION|LATE_PAYMENT|DECLARED_LATE|STATEMENT_LATE/);
  }
  expect(text).toContain("ART58_UNREGISTERED,58,breach,SH01,");

  // As many lines as the page lists open critical and open breach findings.
  await page.goto("/findings?status=open&severity=critical");
  const critical = await resultCount(page);
  await page.goto("/findings?status=open&severity=breach");
  const breach = await resultCount(page);
  expect(data.length).toBe(critical + breach);
});

test("HR narrows the findings to one month and to one employee, and the link keeps the filter", async ({ page }) => {
  await signIn(page, "hr");
  await page.goto("/findings");
  // A period that has findings: the first row with a period.
  const firstPeriod = (await page.locator("tbody tr td:nth-child(6)").allTextContents()).find((p) => /^\d{4}-\d{2}$/.test(p.trim()))!.trim();
  await page.getByLabel(en.findings.period).fill(firstPeriod);
  await page.getByRole("button", { name: en.common.apply }).click();
  await expect(page).toHaveURL(new RegExp(`period=${firstPeriod}`));
  // The rows are replaced after the navigation: poll until only that month is listed.
  await expect
    .poll(async () => [...new Set((await page.locator("tbody tr td:nth-child(6)").allTextContents()).map((p) => p.trim()))])
    .toEqual([firstPeriod]);

  // One employee: every row names them, and the filter survives a reload.
  await page.goto("/findings?rule=ART60_STATEMENT_MISSING");
  const employeeNo = (await page.locator("tbody tr td:nth-child(7)").first().textContent())!.trim().split(/\s/)[0]!;
  await page.goto(`/findings?employee=${encodeURIComponent(employeeNo)}`);
  await page.reload();
  await expect(page.getByLabel(en.findings.employee)).toHaveValue(employeeNo);
  await expect
    .poll(async () => {
      const employees = await page.locator("tbody tr td:nth-child(7)").allTextContents();
      return employees.length > 0 && employees.every((e) => e.includes(employeeNo));
    })
    .toBe(true);
});
