/**
 * The data tables: sort, filters, hidden columns and page live in the URL
 * (reload and the back button keep them), the CSV export is the current view,
 * and the rows are reachable from the keyboard.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { signIn } from "./fixtures";

test.use({ locale: "en-US" });

const roster = (page: Page) => page.getByTestId("roster");
/** The texts of one column of a table, by its column id. */
async function columnTexts(page: Page, testId: string, column: string): Promise<string[]> {
  const table = page.getByTestId(testId);
  const index = await table.locator("thead th").evaluateAll((ths, id) => ths.findIndex((th) => th.getAttribute("data-column") === id), column);
  expect(index, `column ${column}`).toBeGreaterThanOrEqual(0);
  return (await table.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents()).map((s) => s.trim());
}
/** React has hydrated the table (a back button pressed before that is the browser's alone). */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const table = document.querySelector("table.data-table");
    return table !== null && Object.keys(table).some((k) => k.startsWith("__reactFiber"));
  });
}
const sortedAsc = (xs: string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
async function count(page: Page): Promise<number> {
  const text = (await page.getByTestId("table-count").textContent()) ?? "";
  return Number(/^(\d+) results?$/.exec(text.trim())![1]);
}

test("roster: sorting, filters and hidden columns are in the URL and survive reload and back", async ({ page }) => {
  await signIn(page, "hr");
  await page.goto("/employees");
  const before = await columnTexts(page, "roster", "name");
  expect(before.length).toBe(50);

  // A sortable header is a link: ascending first, then descending.
  await roster(page).locator('th[data-column="name"] a').click();
  await expect(page).toHaveURL(/[?&]sort=name&dir=asc(&|$)/);
  await expect(roster(page).locator('th[data-column="name"]')).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(async () => {
    const names = await columnTexts(page, "roster", "name");
    return names.join("|") !== before.join("|") && names.join("|") === sortedAsc(names).join("|");
  }).toBe(true);
  const asc = await columnTexts(page, "roster", "name");

  await roster(page).locator('th[data-column="name"] a').click();
  await expect(page).toHaveURL(/[?&]sort=name&dir=desc(&|$)/);
  await expect(roster(page).locator('th[data-column="name"]')).toHaveAttribute("aria-sort", "descending");
  await expect.poll(async () => {
    const names = await columnTexts(page, "roster", "name");
    return names.join("|") === sortedAsc(names).reverse().join("|");
  }).toBe(true);
  const desc = await columnTexts(page, "roster", "name");
  expect(desc).not.toEqual(asc);

  // Reload: same URL, same order.
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  expect(await columnTexts(page, "roster", "name")).toEqual(desc);
  await hydrated(page);

  // Back: the previous sort.
  await page.goBack();
  await expect(page).toHaveURL(/[?&]sort=name&dir=asc(&|$)/);
  await expect.poll(() => columnTexts(page, "roster", "name")).toEqual(asc);

  // A filter (GET form): in the URL, the sort kept, and it survives a reload.
  const department = await page.getByLabel(en.fields.department).locator("option").nth(1).getAttribute("value");
  await page.getByLabel(en.fields.department).selectOption(department!);
  await page.getByRole("button", { name: en.common.search }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]department=${encodeURIComponent(department!).replace(/%20/g, "\\+")}(&|$)`));
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect.poll(async () => [...new Set(await columnTexts(page, "roster", "department"))]).toEqual([department]);
  await page.reload();
  await expect(page.getByLabel(en.fields.department)).toHaveValue(department!);
  expect([...new Set(await columnTexts(page, "roster", "department"))]).toEqual([department]);

  // Hiding a column: gone from the table, `hide=` in the URL, still hidden after a reload.
  await page.getByText(en.tables.columns, { exact: true }).click();
  await page.getByRole("checkbox", { name: en.fields.wage }).uncheck();
  await expect(page).toHaveURL(/[?&]hide=wage(&|$)/);
  await expect(roster(page).locator('th[data-column="wage"]')).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`department=`));
  await page.reload();
  await expect(roster(page).locator('th[data-column="wage"]')).toHaveCount(0);
  await expect(roster(page).locator('th[data-column="name"]')).toHaveCount(1);
});

test("roster: the CSV export holds the filtered, sorted view with the visible columns", async ({ page }) => {
  await signIn(page, "hr");
  await page.goto("/employees?status=active&sort=hireDate&dir=desc&hide=idNumber,wage");
  const total = await count(page);
  expect(total).toBeGreaterThan(50);
  const numbers = await columnTexts(page, "roster", "employeeNo");

  const link = page.getByRole("link", { name: en.tables.exportCsv });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^roster-\d{4}-\d\d-\d\d\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.endsWith("\r\n")).toBe(true);
  const lines = text.slice(0, -2).split("\r\n");
  expect(lines[0]).toBe([en.fields.employeeNo, en.fields.name, en.fields.employer, en.fields.department, en.fields.hireDate, en.fields.terminationDate, en.fields.status].join(","));
  // Every matching row, not just the page, in the same order.
  expect(lines.length - 1).toBe(total);
  expect(lines.slice(1, 51).map((l) => l.split(",")[0])).toEqual(numbers);
  const hired = lines.slice(1).map((l) => l.split(",")[4]!);
  expect(hired).toEqual(sortedAsc(hired).reverse());
  expect(lines.slice(1).every((l) => l.endsWith(`,${en.employees.active}`))).toBe(true);
});

test("roster: rows are reachable from the keyboard, and an empty result offers to clear the filters", async ({ page }) => {
  await signIn(page, "hr");
  await page.goto("/employees");
  const rows = roster(page).locator("tbody tr");
  // One tab stop for the body: the first row.
  await expect(rows.nth(0)).toHaveAttribute("tabindex", "0");
  await expect(rows.nth(1)).toHaveAttribute("tabindex", "-1");
  await rows.nth(0).focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute("tabindex", "0");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(rows.nth(49)).toBeFocused();
  await page.keyboard.press("Home");
  await expect(rows.nth(0)).toBeFocused();
  // Enter follows the row's link (the employee).
  const name = (await rows.nth(0).locator("td").nth(1).textContent())!.trim();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/employees\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

  await page.goto("/employees?q=no-such-person-anywhere&sort=name&dir=desc");
  await expect(page.locator("td.empty")).toContainText(en.employees.empty);
  await page.locator("td.empty").getByRole("link", { name: en.tables.clearFilters }).click();
  await expect(page).toHaveURL((u) => u.pathname === "/employees" && !u.searchParams.has("q") && u.searchParams.get("sort") === "name");
  await expect(roster(page).locator("tbody tr")).toHaveCount(50);
});

test("findings: sorting is in the URL and survives reload and back", async ({ page }) => {
  await signIn(page, "hr");
  await page.goto("/findings");
  const findings = page.getByTestId("findings");
  await findings.locator('th[data-column="days"] a').click();
  await expect(page).toHaveURL(/[?&]sort=days&dir=asc(&|$)/);
  await expect.poll(async () => {
    const days = (await columnTexts(page, "findings", "days")).map(Number);
    return days.length > 0 && days.every((d, i) => i === 0 || days[i - 1]! <= d);
  }).toBe(true);
  await findings.locator('th[data-column="days"] a').click();
  await expect(page).toHaveURL(/[?&]sort=days&dir=desc(&|$)/);
  await expect.poll(async () => {
    const days = (await columnTexts(page, "findings", "days")).map(Number);
    return days.length > 0 && days.every((d, i) => i === 0 || days[i - 1]! >= d);
  }).toBe(true);
  const desc = (await columnTexts(page, "findings", "days")).map(Number);
  await page.reload();
  await expect(page).toHaveURL(/[?&]sort=days&dir=desc(&|$)/);
  expect((await columnTexts(page, "findings", "days")).map(Number)).toEqual(desc);
  await hydrated(page);
  await page.goBack();
  await expect(page).toHaveURL(/[?&]sort=days&dir=asc(&|$)/);
  // The page has rendered that state (the form is re-created with it) before it is used.
  await expect(findings.locator('th[data-column="days"]')).toHaveAttribute("aria-sort", "ascending");

  // A filter keeps the sort, and the export is that view.
  await page.getByLabel(en.findings.status).selectOption("open");
  await page.getByRole("button", { name: en.common.apply }).click();
  await expect(page).toHaveURL(/status=open/);
  await expect(page).toHaveURL(/sort=days&dir=asc/);
  await expect.poll(async () => [...new Set(await columnTexts(page, "findings", "status"))]).toEqual([en.statuses.open]);
  const total = await count(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: en.tables.exportCsv }).click()]);
  const text = (await readFile(await download.path())).subarray(3).toString("utf8");
  const lines = text.slice(0, -2).split("\r\n");
  expect(lines.length - 1).toBe(total);
});

test("months, payments and the audit log: lists with URL sort and filters", async ({ page }) => {
  await signIn(page, "hr");
  await page.goto("/months");
  await expect(page.getByRole("heading", { level: 1, name: en.tables.months.title })).toBeVisible();
  const months = page.getByTestId("months");
  expect(await months.locator("tbody tr").count()).toBeGreaterThan(5);
  await months.locator('th[data-column="lateFee"] a').click();
  await expect(page).toHaveURL(/sort=lateFee&dir=asc/);
  await expect(months.locator('th[data-column="lateFee"]')).toHaveAttribute("aria-sort", "ascending");
  await page.getByLabel(en.tables.months.status).selectOption("paid");
  await page.getByRole("button", { name: en.common.apply }).click();
  await expect(page).toHaveURL(/status=paid/);
  await expect.poll(async () => [...new Set(await columnTexts(page, "months", "status"))]).toEqual([en.tables.months.statuses.paid]);
  // A row opens its month (Enter on the row, or the link).
  await months.locator("tbody tr").first().focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/months\/\d{4}-\d\d\?employer=.+/);
  await expect(page.getByTestId("month-required")).toBeVisible();

  await page.getByRole("navigation", { name: en.nav.main }).getByRole("link", { name: en.tables.payments.nav }).click();
  await expect(page.getByRole("heading", { level: 1, name: en.tables.payments.title })).toBeVisible();
  const payments = page.getByTestId("payments-list");
  expect(await payments.locator("tbody tr").count()).toBeGreaterThan(0);
  await payments.locator('th[data-column="amount"] a').click();
  await expect(page).toHaveURL(/sort=amount&dir=asc/);
  await expect.poll(async () => {
    const amounts = (await columnTexts(page, "payments-list", "amount")).map((s) => Number(s.replace(/[¥,]/g, "")));
    return amounts.every((a, i) => i === 0 || amounts[i - 1]! <= a);
  }).toBe(true);

  await page.context().clearCookies();
  await signIn(page, "auditor");
  await page.goto("/audit");
  const audit = page.getByTestId("audit");
  await expect(audit.locator('th[data-column="at"]')).toHaveAttribute("aria-sort", "descending");
  await audit.locator('th[data-column="at"] a').click();
  await expect(page).toHaveURL(/dir=asc/);
  await expect(audit.locator('th[data-column="at"]')).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(async () => {
    const times = await columnTexts(page, "audit", "at");
    return times.join("|") === sortedAsc(times).join("|");
  }).toBe(true);
});
