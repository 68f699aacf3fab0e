/** HR opens the dashboard in the morning: its counts are the findings page's, and its charts draw the demo's history. */
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { signIn } from "./fixtures";

test.use({ locale: "en-US" });

/** The "N results" figure under the findings list. */
async function findingsCount(page: Page): Promise<number> {
  const text = (await page.getByText(/^\d[\d,]* results?$/).first().textContent()) ?? "";
  return Number(text.replace(/[^\d]/g, ""));
}

async function cardValue(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).locator(".value").textContent()) ?? "";
  return Number(text.replace(/[^\d]/g, ""));
}

test("the dashboard's counts are the counts the findings page lists", async ({ page }) => {
  await signIn(page, "hr");
  await expect(page.getByRole("heading", { level: 2, name: en.dashboard.wrong })).toBeVisible();

  const cards = ["stat-open", "stat-severity-critical", "stat-severity-breach", "stat-severity-warning", "stat-unpaid", "stat-statements"];
  const values: Record<string, number> = {};
  for (const id of cards) values[id] = await cardValue(page, id);
  // The demo has open findings of several severities.
  expect(values["stat-open"]).toBeGreaterThan(0);
  expect(values["stat-severity-critical"]! + values["stat-severity-breach"]! + values["stat-severity-warning"]!).toBe(values["stat-open"]);

  for (const id of cards) {
    await page.getByTestId(id).getByRole("link").click();
    await expect(page).toHaveURL((url) => url.pathname === "/findings" && url.searchParams.get("status") === "open");
    expect(await findingsCount(page), `${id} on the findings page`).toBe(values[id]);
    await page.goBack();
    await expect(page.getByTestId(id)).toBeVisible();
  }

  // The outstanding total is the sum the unpaid months owe.
  await expect(page.getByTestId("stat-outstanding").locator(".value")).toHaveText(/^¥[\d,]+\.\d\d$/);
});

test("one employer's dashboard is a part of the whole, and the choice is in the URL", async ({ page }) => {
  await signIn(page, "hr");
  const all = await cardValue(page, "stat-open");
  await page.getByLabel(en.dashboard.employer).selectOption("BJ01");
  await page.getByRole("button", { name: en.dashboard.apply }).click();
  await expect(page).toHaveURL(/employer=BJ01/);
  // The shared link (a full page load) shows the same employer and figures.
  await page.reload();
  await expect(page.getByLabel(en.dashboard.employer)).toHaveValue("BJ01");
  const bj = await cardValue(page, "stat-open");
  await page.getByLabel(en.dashboard.employer).selectOption("SH01");
  await page.getByRole("button", { name: en.dashboard.apply }).click();
  await expect(page).toHaveURL(/employer=SH01/);
  await page.reload();
  expect(bj).toBeGreaterThan(0);
  expect(bj + (await cardValue(page, "stat-open"))).toBe(all);
  await page.goBack();
  await expect(page).toHaveURL(/employer=BJ01/);
});

test("the charts render with data, each with a title and its figures as a table", async ({ page }) => {
  await signIn(page, "hr");
  for (const id of ["chart-premiums", "chart-arrears", "chart-registration", "chart-rules"]) {
    const figure = page.getByTestId(id);
    await expect(figure.locator("figcaption")).not.toBeEmpty();
    await expect(figure.locator(".recharts-surface").first()).toBeVisible();
    await expect(figure.locator(".recharts-legend-wrapper")).toBeVisible();
  }
  // Bars for the 24 months of premiums, and the same figures in the table.
  expect(await page.getByTestId("chart-premiums").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(24);
  await page.getByTestId("chart-premiums").locator("summary").click();
  await expect(page.getByTestId("chart-premiums").locator("tbody tr")).toHaveCount(24);
  await expect(page.getByTestId("chart-premiums").locator("tbody tr").last().locator("td").first()).toHaveText(/^¥[\d,]+\.\d\d$/);
  // A tooltip appears over a bar (the first month's: the current month's "paid" bar may have no height yet).
  const bar = page.getByTestId("chart-premiums").locator(".recharts-bar-rectangle").first();
  await bar.hover();
  await expect(page.getByTestId("chart-premiums").locator(".recharts-tooltip-wrapper")).toContainText("¥");
});

/** docs/screenshots/dashboard.png for the README (`SCREENSHOTS=1` runs it). */
test("the dashboard, for the README @screenshot", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "hr");
  await expect(page.getByTestId("chart-premiums").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: fileURLToPath(new URL("../../docs/screenshots/dashboard.png", import.meta.url)), fullPage: true });
});
