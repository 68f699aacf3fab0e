/** The two languages: Chinese by default, English from the browser's preference, and the switch in the top bar. */
import { expect, test } from "@playwright/test";
import { en } from "../../app/locales/en";
import { zhCN } from "../../app/locales/zh-CN";
import { signIn } from "./fixtures";

test.describe("in an English browser", () => {
  test.use({ locale: "en-US" });

  test("HR switches to 中文 and back to English", async ({ page }) => {
    await signIn(page, "hr");
    const html = page.locator("html");
    const nav = page.getByRole("navigation", { name: en.nav.main });
    await expect(html).toHaveAttribute("lang", "en");
    await expect(nav.getByRole("link", { name: en.nav.employees })).toBeVisible();

    await page.goto("/registrations");
    const language = page.getByRole("combobox", { name: en.language.label });
    await expect(language).toHaveValue("en");
    await language.selectOption({ label: "中文" });

    // Chinese everywhere, on the same page, and it stays that way from page to page.
    await expect(html).toHaveAttribute("lang", "zh-CN");
    const zhNav = page.getByRole("navigation", { name: zhCN.nav.main });
    await expect(zhNav.getByRole("link")).toHaveText([
      zhCN.nav.dashboard,
      zhCN.nav.employees,
      zhCN.nav.registrations,
      zhCN.nav.employers,
      zhCN.nav.findings,
      zhCN.nav.statements,
      zhCN.nav.months,
      zhCN.tables.payments.nav,
      zhCN.nav.collection,
      zhCN.hrMonth.nav.annualBase,
      zhCN.hrMonth.nav.changeList,
      zhCN.nav.imports,
      zhCN.nav.policies,
    ]);
    await expect(page).toHaveURL((url) => url.pathname === "/registrations");
    await expect(page.getByRole("heading", { level: 1, name: zhCN.registrations.title })).toBeVisible();
    await zhNav.getByRole("link", { name: zhCN.nav.employees }).click();
    await expect(page.getByRole("heading", { level: 1, name: zhCN.employees.title })).toBeVisible();
    await page.reload();
    await expect(html).toHaveAttribute("lang", "zh-CN");
    await expect(page).toHaveTitle(new RegExp(zhCN.employees.title));

    // And back.
    await page.getByRole("combobox", { name: zhCN.language.label }).selectOption({ label: "English" });
    await expect(html).toHaveAttribute("lang", "en");
    await expect(page).toHaveURL((url) => url.pathname === "/employees");
    await expect(page.getByRole("heading", { level: 1, name: en.employees.title })).toBeVisible();
    await expect(nav.getByRole("link", { name: en.nav.registrations })).toBeVisible();
    await expect(nav.getByRole("link", { name: zhCN.nav.employees })).toHaveCount(0);
  });
});

test.describe("in a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("the sign-in page and the pages after it are in Chinese", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: zhCN.auth.title })).toBeVisible();
    await expect(page.getByLabel(zhCN.auth.email)).toBeVisible();

    await signIn(page, "hr");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    const nav = page.getByRole("navigation", { name: zhCN.nav.main });
    await nav.getByRole("link", { name: zhCN.nav.registrations }).click();
    await expect(page.getByRole("heading", { level: 1, name: zhCN.registrations.title })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: zhCN.fields.deadline })).toBeVisible();
    await expect(page.getByRole("button", { name: zhCN.registrations.recordApplied }).first()).toBeVisible();
  });
});
