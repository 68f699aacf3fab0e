/**
 * The Chinese journey: a visitor starts signed out in English, switches to 中文
 * with the language switch, signs in as HR and finds the dashboard, the findings
 * (rule names in Chinese), a statement with its SPEC §6 explainer, an import
 * error and the CSV report's Chinese header — all in Chinese. Every expected
 * text comes from the catalogs (so the assertions survive a redesign).
 */
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../../app/locales/en";
import { zhCN } from "../../app/locales/zh-CN";
import { humanHeaderZh, OVERDUE_COLUMNS } from "../../app/rules/report";
import { signIn } from "./fixtures";

test.use({ locale: "en-US" });

const ZH_RULES = Object.values(zhCN.rules);

/** A catalog message as a pattern: its placeholders match any text. */
function pattern(message: string): RegExp {
  const parts = message.split(/\{\{\w+\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`);
}

/** The dashboard, whatever its layout: its Chinese page title, and its heading from the catalog (the title or the welcome). */
async function expectChineseDashboard(page: Page) {
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page).toHaveTitle(new RegExp(`^${zhCN.dashboard.title} · `));
  const h1 = page.getByRole("heading", { level: 1 });
  await expect(h1).toHaveText(new RegExp(`${pattern(zhCN.dashboard.welcome).source}|^${zhCN.dashboard.title}$`));
}

/** Signed out in English → 中文 with the switch on the sign-in page → signed in as HR. */
async function switchToChineseAndSignIn(page: Page) {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: en.auth.title })).toBeVisible();
  await page.getByRole("combobox", { name: en.language.label }).selectOption({ label: zhCN.language["zh-CN"] });
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: zhCN.auth.title })).toBeVisible();
  await signIn(page, "hr");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
}

test("signed out in English, switch to 中文, and work in Chinese", async ({ page }) => {
  test.slow(); // five pages and a sign-in on a shared machine
  await switchToChineseAndSignIn(page);

  // The dashboard (whatever its layout): its Chinese title and heading, and the Chinese navigation.
  await expectChineseDashboard(page);
  const nav = page.getByRole("navigation", { name: zhCN.nav.main });
  await expect(nav.getByRole("link", { name: zhCN.nav.findings })).toBeVisible();

  // Findings: the page and one finding's row, its rule named in Chinese.
  await nav.getByRole("link", { name: zhCN.nav.findings }).click();
  await expect(page.getByRole("heading", { level: 1, name: zhCN.findings.title })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: zhCN.findings.rule }).first()).toBeVisible();
  const row = page.locator("table tbody tr").first();
  await expect(row).toBeVisible();
  const rowText = (await row.innerText()).trim();
  expect(
    ZH_RULES.some((name) => rowText.includes(name)),
    `a Chinese rule name in "${rowText}"`
  ).toBe(true);
  for (const name of Object.values(en.rules)) expect(rowText).not.toContain(name);

  // A statement: the document and the SPEC §6 explainer in Chinese.
  await nav.getByRole("link", { name: zhCN.nav.statements }).click();
  await expect(page.getByRole("heading", { level: 1, name: zhCN.statements.title })).toBeVisible();
  const statementLink = page.locator('a[href^="/statements/"]').filter({ hasNotText: zhCN.statements.printMonth }).first();
  await statementLink.click();
  await expect(page).toHaveURL(/\/statements\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(zhCN.statements.doc.heading);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/\d{4}年\d{1,2}月/);
  const explainer = page.locator(".statement-explainer");
  await expect(explainer.getByRole("heading", { name: zhCN.statements.explainer.heading })).toBeVisible();
  await expect(explainer).toContainText(zhCN.statements.explainer.accounts);
  await expect(explainer).toContainText(zhCN.statements.explainer.right);
  await expect(page.locator("dl.statement-facts")).toContainText(zhCN.statements.doc.period);
  await expect(page.locator("dl.statement-totals")).toContainText(zhCN.statements.doc.employeeTotal);
  await expect(page.getByRole("columnheader", { name: zhCN.statements.doc.insurance })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: zhCN.insurances.pension })).toBeVisible();
});

test("an import error and the CSV report's header, in Chinese", async ({ page }) => {
  await switchToChineseAndSignIn(page);

  // A payments file with a month that does not exist: the reason comes from the catalog, in Chinese.
  await page.goto("/imports");
  await page.getByLabel(zhCN.workflows.fields.importKind).selectOption("payments");
  const csv = "employer_code,period,paid_on,amount,reference\nSH01,2026-13,2026-04-06,1.00,ZH-1\n";
  await page.locator('input[name="file"]').setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: zhCN.workflows.imports.upload }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors.locator("tbody tr")).toHaveCount(1);
  await expect(errors.locator("tbody tr").first()).toContainText(zhCN.problems.import.notMonth.replace("{{value}}", "2026-13"));
  await expect(errors).not.toContainText("is not a month");

  // The overdue report with header=zh: the Chinese labels, then the machine header unchanged.
  const zh = await page.request.get("/reports/overdue.csv?header=zh");
  expect(zh.status()).toBe(200);
  const [first, second] = (await zh.text()).split("\r\n");
  expect(first).toBe(`\uFEFF${humanHeaderZh("overdue").join(",")}`);
  expect(second).toBe(OVERDUE_COLUMNS.join(","));
  const plain = await page.request.get("/reports/overdue.csv");
  expect((await plain.text()).split("\r\n")[0]).toBe(`\uFEFF${OVERDUE_COLUMNS.join(",")}`);
});

/**
 * docs/screenshots/zh-dashboard.png and zh-statement.png for the README, 1280 wide,
 * tagged @screenshot (SCREENSHOTS=1 runs it). Chinese needs a CJK font (fonts-noto-cjk,
 * which tests/e2e/ensure-chromium.sh installs when missing).
 */
test.describe("in a Chinese browser (native date inputs in Chinese too)", () => {
  test.use({ locale: "zh-CN" });

  test("the dashboard and a statement in Chinese, for the README @screenshot", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, "hr");
    await expectChineseDashboard(page);
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: fileURLToPath(new URL("../../docs/screenshots/zh-dashboard.png", import.meta.url)), fullPage: true });

    await page.goto("/statements");
    await page.locator('a[href^="/statements/"]').filter({ hasNotText: zhCN.statements.printMonth }).first().click();
    await expect(page.locator(".statement-explainer")).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: fileURLToPath(new URL("../../docs/screenshots/zh-statement.png", import.meta.url)), fullPage: true });
  });
});
